"""What a draft leaves blank to fill, in one place (blanks.yaml) for plan files and documents alike."""

import re
from functools import cache
from pathlib import Path

import yaml

BLANKS_FILE = Path(__file__).resolve().parent / "blanks.yaml"


@cache
def wording() -> dict:
    with open(BLANKS_FILE, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _alternatives(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@cache
def blank() -> str:
    """A regular expression (text) of one blank: a token ("…", "(điền)"), a run of dots or of underscores."""
    spec = wording()
    n, x = spec["placeholder_length"], spec["x_run"]
    note = (rf"[(\[<{{]\s*(?:{_alternatives(spec['instructions'])})(?!\w)[^()\[\]<>{{}}\n]{{0,{n}}}[)\]>}}]"
            rf"|<[^<>\n]{{1,{n}}}>|\{{[^{{}}\n]{{1,{n}}}\}}")
    xs = rf"[xX]{{{x},}}(?!\w)|[xX]{{1,3}}(?:[.,/][xX]{{2,4}})+(?!\w)|[xX]{{1,3}}(?=\s*%)"
    empty = r"|\(\s*\)|\[\s*\]" if spec["empty_brackets"] else ""
    return (rf"(?:{_alternatives(spec['tokens'])}|\.{{{spec['dots']},}}|_{{{spec['underscores']},}}|{note}|{xs}"
            rf"|\*{{{spec['asterisks']},}}{empty})")


@cache
def only_blank() -> str:
    """A regular expression (text) of a value that is only blanks: after the word that opens a body's name ("Sở
    …"), before a unit ("… đồng"), or nothing at all."""
    spec = wording()
    return (rf"\s*(?:(?:{_alternatives(spec['name_openings'])})\s+(?={blank()}))?(?:{blank()}\s*)*"
            rf"(?:{_alternatives(spec['units'])})?\s*")
