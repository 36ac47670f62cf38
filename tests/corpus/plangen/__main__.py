"""python tests/corpus/plangen OUT --half heldout|tune [--plans N] [--seed S] [--no-pdf]
python tests/corpus/plangen add [--heldout|--tune] [--from N] FILE.yaml …
    (FILE's name is the part: new phrasings go into a half at random, or all into the named half; --from N numbers
    the new ids from N, so that wording written at the same time on two branches never shares an id)"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/corpus: the package and variants.py
from plangen import bank, build  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["add"]:
        only = "heldout" if "--heldout" in argv else "tune" if "--tune" in argv else None
        first = int(argv[argv.index("--from") + 1]) if "--from" in argv else 1
        names = [a for i, a in enumerate(argv[1:], 1)
                 if a not in ("--heldout", "--tune", "--from") and argv[i - 1] != "--from"]
        for name in names:
            placed = bank.add_file(Path(name), only=only, first=first)
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
