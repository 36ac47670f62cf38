"""Headings and the part of the plan each paragraph is in (targets, tasks, budget, …)."""

import re
from dataclasses import dataclass, replace

from ..core.regex import compile_once
from ..core.text import fold
from .paragraphs import Para
from .patterns import YEAR_SPAN, deadline_years, has_any, wording
from .tasks import groups_of

_ROMAN = compile_once(r"^([IVXL]+)\.\s+\S")
_ARABIC = compile_once(r"^(\d+(?:\.\d+)*)\.?\s+(?=\D)")
_PART = compile_once(r"^Phần\s+([IVX\d]+)\b", re.IGNORECASE)


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
    if match and not re.match(r"^\d+\s*(?:" + "|".join(re.escape(w) for w in wording()["quantity_units"]) + r")(?!\w)",
                              text, re.IGNORECASE):  # "3 tỷ đồng cho giai đoạn …" is an amount, not a heading
        number = match.group(1)
        kind = heading_kind(text) if len(text) < 120 else None
        return Section(para, number, 2 + number.count("."), kind)
    if _is_upper(text) and len(text) < 250:
        return Section(para, None, 0, heading_kind(text))
    # an article or outline: a paragraph that opens with "Mục tiêu …" starts the targets
    if any(fold(text).startswith(fold(p)) for p in wording()["sections"]["targets"]):
        return Section(para, None, 9, "targets")
    return None


_LETTER = compile_once(r"^([a-zđ])\)\s*")
_MARK = compile_once(r"^([-+•–])\s*")
# other marks a typed outline numbers its items with ("a.", "A.", "(1)", "(a)", "1)", "*")
_OTHER_MARK = compile_once(r"^(?:[a-zđA-ZĐ]\.|\(\s*(?:\d{1,2}|[a-zđ])\s*\)|\d{1,2}\)|\*)\s+")
_MARK_LEVEL = {"-": 7, "–": 7, "•": 7, "+": 8}
_YEARS = compile_once(r"(?<![\d/.])((?:19|20)\d{2})(?![\d/])")


def _item_level(text: str) -> int | None:
    """The outline level of a lettered or bulleted item ("a) …" 6, "- …" 7, "+ …" 8), None otherwise."""
    if _LETTER.match(text):
        return 6
    mark = _MARK.match(text)
    return _MARK_LEVEL[mark.group(1)] if mark else None


def _scope_heading(para: Para) -> int | None:
    """The level of a line that heads a period or a year ("a) Giai đoạn 2021 - 2025", "- Đến năm
    2025:", "Định hướng đến năm 2030") without being a numbered heading; None for any other line."""
    spec = wording()["scope"]
    text = para.text
    if len(text) > spec["max_length"] or para.table is not None:
        return None
    body = deadline_years(_OTHER_MARK.sub("", _LETTER.sub("", _MARK.sub("", text)).strip()))
    if not _YEARS.search(body):
        return None
    # "Giai đoạn 1 (2026 - 2027)", "Trong 02 năm 2026 - 2027": a number that counts, not a value
    numbered = re.sub(r"(?i)(giai đoạn|thời kỳ|chặng|bước)\s+\d\b|\b\d{1,2}\s+(?=năm\b)", r"\1", body)
    if not fold(body).startswith(tuple(fold(o) for o in spec["openers"])) and not only_scope_words(numbered):
        return None
    if re.search(r"\d", _YEARS.sub("", numbered)) or (body.endswith((".", ";")) and not body.endswith("./.")):
        return None  # a value of its own ("Năm 2025 đạt 60%."): a sentence, not a heading
    return _item_level(text) or 6


def only_scope_words(text: str) -> bool:
    """Whether ``text`` says nothing but a period or a year: its years and the words of ``scope.words``
    ("Các chỉ tiêu chủ yếu năm 2026:", "Mốc năm 2027", "Giai đoạn I (2026 - 2027)")."""
    rest = " " + fold(_YEARS.sub(" ", text)) + " "
    rest = re.sub(r"[,:;.()\[\]\-–—/]+", " ", rest)
    for word in sorted((fold(w) for w in wording()["scope"]["words"]), key=len, reverse=True):
        rest = re.sub(r"(?<!\w)" + re.escape(word) + r"(?!\w)", " ", rest)
    return not rest.strip()


_RANGE = compile_once(r"(?<!\d)((?:19|20)\d{2})\s*(?:-|–|—|(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?)\s*"
                    r"((?:19|20)\d{2})(?!\d)", re.IGNORECASE)


def scope_year(scope: tuple[str, ...]) -> tuple[int, str, bool] | None:
    """The year the innermost heading of ``scope`` states, with that heading and whether it is an
    orientation beyond the phase ("Định hướng đến năm 2030"): (2030, "b) Định hướng …", True). Only
    the headings of the objectives part count, from its own heading in: a document's title states the
    plan's period, which is no target's year. A heading that states two years ("đến năm 2025 và định
    hướng đến năm 2030") scopes to neither."""
    targets = [fold(p) for p in wording()["sections"]["targets"]]
    start = next((i for i in range(len(scope) - 1, -1, -1)
                  if any(t in fold(scope[i]) for t in targets) and len(scope[i]) < 160), None)
    if start is None:
        return None
    for heading in reversed(scope[start:]):
        shown = re.sub(r"so với\s+(?:[^\W\d]+\s+){0,3}?\d{4}", "", deadline_years(heading),
                       flags=re.IGNORECASE)  # a base year
        # a period ("giai đoạn 2021 - 2025", "(2026 - 2027)") scopes to its last year
        span = list(YEAR_SPAN.finditer(shown)) or list(_RANGE.finditer(shown))
        years = {int(y) for y in _YEARS.findall(shown)}
        if len(span) == 1 and years == {int(span[0].group(1)), int(span[0].group(2))}:
            year = int(span[0].group(2))
        elif len(years) == 1:
            year = years.pop()
        elif years:
            return None
        else:
            continue
        orientation = has_any(heading, wording()["scope"]["orientation"])
        return year, heading, orientation
    return None


def _names_task(section: Section, stack: list[Section]) -> bool:
    """A numbered heading under the tasks part that names a national task group is one of its tasks,
    though it holds a part's words ("Thanh tra, kiểm tra, giám sát hoạt động …", "Đánh giá kết quả …")."""
    part = next((s.kind for s in reversed(stack) if s.kind and s.level < section.level), None)
    return part == "tasks" and bool(groups_of(section.para.text))


def zones(paras: list[Para]) -> list[tuple[Para, str | None, Section | None]]:
    """Each paragraph with the kind of the part it is in and its own heading (if it is one), the
    paragraph carrying its scope: the chain of headings above it, as printed (the outline)."""
    stack: list[Section] = []
    items: list[tuple[int, str]] = []  # lettered and bulleted headings under the innermost section
    out = []
    for para in paras:
        section = as_heading(para) if para.role is None else None  # a row of a tasks table heads no part
        if section is not None and section.kind is not None and section.level >= 2 and _names_task(section, stack):
            section = replace(section, kind=None)  # "1. … tổ chức thực hiện chính sách …": a task, not a new part
        if section is not None:
            while stack and stack[-1].level >= section.level:
                stack.pop()
            stack.append(section)
            items = []
        elif para.role is None and para.table is None:
            level = _item_level(para.text)
            heading_level = _scope_heading(para)
            if level is not None or heading_level is not None:
                cut = heading_level if heading_level is not None else level
                if heading_level is None and items and not _LETTER.match(para.text):
                    # "- Đến năm 2025:" then "- Đạt 60% …", or "+ Đến năm 2027:" then "- Đạt 70% …": the items it
                    # introduces, whatever their mark (but "b)" after "a) Giai đoạn 2021 - 2025" is the next of its
                    # kind, out of the scope of the one before)
                    cut = max(lv for lv, _ in items) + 1
                items = [(lv, text) for lv, text in items if lv < cut]
            if heading_level is not None:
                items.append((heading_level, para.text.rstrip(":")))
        # a part that reports past results stays so through its sub-headings ("III. HOẠT ĐỘNG …")
        kind = "history" if any(s.kind == "history" for s in stack) else \
            next((s.kind for s in reversed(stack) if s.kind), None)
        chain = tuple(s.para.text for s in stack if s.para is not para) + tuple(t for _, t in items if t != para.text)
        if chain:
            para = replace(para, scope=chain, heading=chain[-1])
        out.append((para, kind, section))
    return out
