"""Counts out of a whole that the part reporting past results gives ("đến thời điểm hiện nay 143/143
xã, phường, thị trấn … đã bố trí cộng tác viên …"): the plan's situation, checked to be possible."""

import re
from functools import cache

from .patterns import wording
from .record import Recorder


@cache
def _share() -> re.Pattern:
    units = "|".join(re.escape(u) for u in sorted(wording()["share_units"], key=len, reverse=True))
    return re.compile(rf"(?<![\d/.,])(\d{{1,5}})\s*/\s*(\d{{1,5}})(?![\d/])\s+(?=(?:{units})(?!\w))", re.IGNORECASE)


_CLAUSE_END = re.compile(r";|\.\s+(?=[A-ZĐÀ-Ỹ])|\.$")


def extract_situation(tagged, rec: Recorder) -> list[dict]:
    out: list[dict] = []
    for para, kind, _section in tagged:
        if kind != "history":
            continue
        text = para.text
        for match in _share().finditer(text):
            left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, match.start())), default=0)
            right_end = _CLAUSE_END.search(text, match.end())
            right = right_end.start() if right_end else len(text)
            what = text[match.end():right].strip(" ,")
            numerator, denominator = int(match.group(1)), int(match.group(2))
            if not what or denominator == 0:
                continue
            rec.note(f"situation[{len(out)}]", para, "medium")
            out.append({"text": what, "numerator": numerator, "denominator": denominator,
                        "quote": text[left:right].strip(" -;,")})
    return out
