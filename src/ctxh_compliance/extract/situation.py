"""Counts out of a whole that the part reporting past results gives ("đến thời điểm hiện nay 143/143
xã, phường, thị trấn … đã bố trí cộng tác viên …"): the plan's situation, checked to be possible."""

import re
from functools import cache

from ..core.regex import compile_once
from .patterns import wording
from .record import Recorder
from .targets import clause


@cache
def _share() -> re.Pattern:
    units = "|".join(re.escape(u) for u in sorted(wording()["share_units"], key=len, reverse=True))
    return compile_once(rf"(?<![\d/.,])(\d{{1,5}})\s*/\s*(\d{{1,5}})(?![\d/])\s+(?=(?:{units})(?!\w))", re.IGNORECASE)


def extract_situation(tagged, rec: Recorder) -> list[dict]:
    out: list[dict] = []
    for para, kind, _section in tagged:
        if kind != "history":
            continue
        text = para.text
        for match in _share().finditer(text):
            _before, after, whole = clause(text, match.start(), match.end())
            what = after.strip(" ,")
            numerator, denominator = int(match.group(1)), int(match.group(2))
            if not what or denominator == 0:
                continue
            rec.note(f"situation[{len(out)}]", para, "medium")
            out.append({"text": what, "numerator": numerator, "denominator": denominator,
                        "quote": whole.strip(" -;,")})
    return out
