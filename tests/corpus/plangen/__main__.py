"""python tests/corpus/plangen OUT --half heldout|tune [--plans N] [--seed S] [--no-pdf]
python tests/corpus/plangen add FILE.yaml …   (FILE's name is the part: new phrasings go into a half at random)"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/corpus: the package and variants.py
from plangen import bank, build  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["add"]:
        for name in argv[1:]:
            placed = bank.add_file(Path(name))
            print(f"{Path(name).stem}: {placed['tune']} → tune, {placed['heldout']} → heldout")
        return 0
    parser = argparse.ArgumentParser(prog="plangen")
    parser.add_argument("out", type=Path)
    parser.add_argument("--half", choices=bank.HALVES, required=True)
    parser.add_argument("--plans", type=int, default=30)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args(argv)
    made = build(args.out, args.half, args.plans, args.seed, pdf=not args.no_pdf)
    for g in made:
        print(g.name, g.profile, g.key.name, g.docx.name, g.pdf.name if g.pdf else "-")
    return 0


if __name__ == "__main__":
    sys.exit(main())
