"""Tables read as sentences: a Word or PDF table of targets or tasks becomes the lines a reader
hears, in place ("Tỷ lệ … (năm 2025: 60%)", "Cơ quan chủ trì: Sở Y tế")."""

import re

from ..text import fold
from .patterns import wording
from .reader import clean

_YEAR_HEADER = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_NUMERIC = re.compile(r"^[<>≥≤]?\s*\d[\d.,]*\s*(%|đồng)?$")
_SERIAL_HEADERS = {"stt", "tt", "số tt", "số thứ tự"}


def _is_subject(header: str) -> bool:
    folded = fold(header)
    return not folded or any(folded.startswith(fold(h)) for h in wording()["table_subject_headers"])


def _row_sentences(header: list[str], cells: list[str], unit: str | None) -> list[str]:
    """A table row as the sentences a reader hears: its subject cell (under "Nội dung", "Chỉ tiêu",
    …), then each other cell with its column's name ("Cơ quan chủ trì: Sở Y tế"); a value under a
    year column is read with the subject and that year ("Tỷ lệ … (năm 2025: 60%)")."""
    subject, out = None, []
    for head, cell in zip(header, cells, strict=False):
        if not cell or fold(head) in _SERIAL_HEADERS or (fold(head).startswith("đơn vị") and len(cell) <= 10):
            continue
        year = _YEAR_HEADER.search(head)
        if year and _NUMERIC.match(cell):
            value = cell if cell.endswith(("%", "đồng")) or not unit else f"{cell}{unit}"
            out.append(f"{subject or ''} (năm {year.group(1)}: {value})".strip())
        elif subject is None and not _NUMERIC.match(cell) and _is_subject(head):
            subject = cell
            out.append(cell)
        else:
            out.append(f"{head}: {cell}" if head else cell)
    return out


def header_of(rows: list[list[str]]) -> list[str] | None:
    """The header row of a table: several short cells, none empty or a bare number."""
    first = rows[0] if rows else []
    if len(rows) > 1 and len(first) > 1 and all(c and len(c) <= 60 and not _NUMERIC.match(c) for c in first):
        return [c.replace("\n", " ") for c in first]
    return None


def table_sentences(rows: list[list[str]], header: list[str] | None = None) -> list[tuple[int, str]]:
    """(row number, sentence) for each line a table says; a table with a header row (its own, or
    ``header``: the header of the part of the table on the page before) reads each other row with
    the column names, a table without one (a layout table) reads each cell."""
    rows = [[clean(c or "") for c in r] for r in rows]
    rows = [r for r in rows if any(r)]
    if not rows:
        return []
    own = header_of(rows)
    if own is None and header is not None and len(header) == len(rows[0]):
        rows = [header, *rows]
        own = header
    header = own
    unit_col = next((i for i, h in enumerate(header or []) if h.casefold().startswith("đơn vị")), None)
    out = []
    for row_no, cells in enumerate(rows, 1):
        if header is not None and row_no == 1:
            continue
        if header is None or len(cells) != len(header):
            sentences = [c for c in cells if c]  # a layout table (issuer | national motto): each cell a line
            if len(sentences) > 1:
                sentences = [c for c in sentences if not re.fullmatch(r"\d{1,3}\.?", c)]  # a row number alone
            sentences = [line for c in sentences for line in c.split("\n")]
        else:
            cells = [c.replace("\n", " ") for c in cells]
            unit = cells[unit_col] if unit_col is not None and cells[unit_col] in ("%",) else None
            sentences = _row_sentences(header, cells, unit)
            if not sentences:
                continue
        for sentence in sentences:
            if clean(sentence):
                out.append((row_no, clean(sentence)))
    return out


