"""Headings and the part of the plan each paragraph is in (targets, tasks, budget, …)."""

import re
from dataclasses import dataclass

from ..core.text import fold
from .paragraphs import Para
from .patterns import wording

_ROMAN = re.compile(r"^([IVXL]+)\.\s+\S")
_ARABIC = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(?=\D)")
_PART = re.compile(r"^Phần\s+([IVX\d]+)\b", re.IGNORECASE)


@dataclass
class Section:
    para: Para
    number: str | None       # "2.1" for "2.1. …", None for an unnumbered heading
    level: int
    kind: str | None         # targets / tasks / budget / organisation / history / None


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def heading_kind(text: str) -> str | None:
    folded = fold(text)
    for kind in ("history", "budget", "organisation", "targets", "tasks"):
        if any(fold(p) in folded for p in wording()["sections"][kind]):
            return kind
    return None


def as_heading(para: Para) -> Section | None:
    text = para.text.lstrip("- ").strip()
    if _PART.match(text):
        return Section(para, None, 0, heading_kind(text))
    match = _ROMAN.match(text)
    if match and len(text) < 250:
        return Section(para, match.group(1), 1, heading_kind(text))
    match = _ARABIC.match(text)
    if match and not re.match(r"^\d+\s*(%|đồng|cán bộ)", text):
        number = match.group(1)
        kind = heading_kind(text) if len(text) < 120 else None
        return Section(para, number, 2 + number.count("."), kind)
    if _is_upper(text) and len(text) < 250:
        return Section(para, None, 0, heading_kind(text))
    # an article or outline: a paragraph that opens with "Mục tiêu …" starts the targets
    if any(fold(text).startswith(fold(p)) for p in wording()["sections"]["targets"]):
        return Section(para, None, 9, "targets")
    return None


def zones(paras: list[Para]) -> list[tuple[Para, str | None, Section | None]]:
    """Each paragraph with the kind of the part it is in and its own heading (if it is one)."""
    stack: list[Section] = []
    out = []
    for para in paras:
        section = as_heading(para) if para.role is None else None  # a row of a tasks table heads no part
        if section is not None:
            while stack and stack[-1].level >= section.level:
                stack.pop()
            stack.append(section)
        # a part that reports past results stays so through its sub-headings ("III. HOẠT ĐỘNG …")
        kind = "history" if any(s.kind == "history" for s in stack) else \
            next((s.kind for s in reversed(stack) if s.kind), None)
        out.append((para, kind, section))
    return out
