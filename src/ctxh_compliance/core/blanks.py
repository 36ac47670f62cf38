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
    return rf"(?:{_alternatives(spec['tokens'])}|\.{{{spec['dots']},}}|_{{{spec['underscores']},}})"


@cache
def only_blank() -> str:
    """A regular expression (text) of a value that is only blanks: after the word that opens a body's name ("Sở
    …"), before a unit ("… đồng"), or nothing at all."""
    spec = wording()
    return (rf"\s*(?:(?:{_alternatives(spec['name_openings'])})\s+(?={blank()}))?(?:{blank()}\s*)*"
            rf"(?:{_alternatives(spec['units'])})?\s*")
