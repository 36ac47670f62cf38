"""What the part benches share (bench/heading_groups.py, bench/lead_sentences.py): the import paths of the package and
of the wording bank, the names of the bank's halves, and their command line (``--half``, ``--show``), held-out first."""

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "corpus"))

LABELS = {"heldout": "chưa dùng để chỉnh (held-out)", "tune": "dùng để chỉnh (tune)"}


def run(doc: str, measure: Callable[[str, bool], None], argv: list[str]) -> int:
    """Measure the held-out half (counts only), then the tune half (``--show``: each of its misses)."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--half", choices=("heldout", "tune", "both"), default="both")
    parser.add_argument("--show", action="store_true", help="each miss of the tune half (never the held-out half's)")
    args = parser.parse_args(argv)
    for name in (("heldout", "tune") if args.half == "both" else (args.half,)):
        measure(name, args.show)
    return 0
