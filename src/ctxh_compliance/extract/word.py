"""Word documents (.docx) read in body order: paragraphs and tables as they stand, Word's automatic
numbering written out ("II. NHIỆM VỤ" even when "II." is not in the text), table rows read as
sentences in place. Page headers, footers, footnotes and comments are not part of the body and are
left out.

Text is read as it will read once every tracked change is accepted (insertions and moved-to text
kept, deletions and moved-from text dropped); hidden text and field codes are not plan text (a
field's result is). The revisions left unaccepted are counted, for the report to say so.

python-docx gives the body in order (``iter_inner_content``) and each paragraph's style chain; the
numbers are rendered from the document's own numbering definitions (``lvlText`` such as "%1." or
"%1.%2."), so a plan shows the numbers its author saw, not a library's idea of a list.
"""

import re
from dataclasses import dataclass, field

from ..core.wordml import accepted_text
from .paragraphs import Para, Paras, clean
from .tables import header_of, responsibility_columns, table_lines

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _letters(number: int) -> str:
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _format(number: int, fmt: str) -> str:
    if fmt == "upperRoman":
        return _roman(number)
    if fmt == "lowerRoman":
        return _roman(number).lower()
    if fmt == "upperLetter":
        return _letters(number).upper()
    if fmt == "lowerLetter":
        return _letters(number)
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "none":
        return ""
    return str(number)


def _val(element, tag: str) -> str | None:
    child = element.find(_W + tag) if element is not None else None
    return child.get(_W + "val") if child is not None else None


@dataclass
class _Level:
    start: int
    fmt: str
    text: str


@dataclass
class Numbering:
    """The numbering definitions of a document and the running counters of each list."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)   # numId -> ilvl -> level
    starts: dict[tuple[str, int], int] = field(default_factory=dict)     # (numId, ilvl) -> startOverride
    counters: dict[str, list[int]] = field(default_factory=dict)        # abstract list -> counters
    abstract_of: dict[str, str] = field(default_factory=dict)
    styles: dict = field(default_factory=dict)  # style id -> style (python-docx scans every style per lookup)

    @classmethod
    def of(cls, document) -> "Numbering":
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        abstracts = {}
        for abstract in root.findall(_W + "abstractNum"):
            levels = {}
            for lvl in abstract.findall(_W + "lvl"):
                ilvl = int(lvl.get(_W + "ilvl", "0"))
                levels[ilvl] = _Level(int(_val(lvl, "start") or 1), _val(lvl, "numFmt") or "decimal",
                                      _val(lvl, "lvlText") or "")
            abstracts[abstract.get(_W + "abstractNumId")] = levels
        for num in root.findall(_W + "num"):
            num_id, abstract_id = num.get(_W + "numId"), _val(num, "abstractNumId")
            if abstract_id in abstracts:
                numbering.levels[num_id] = abstracts[abstract_id]
                numbering.abstract_of[num_id] = abstract_id
            for override in num.findall(_W + "lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    numbering.starts[(num_id, int(override.get(_W + "ilvl", "0")))] = int(start)
        return numbering

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The number of the next item of list ``num_id`` at level ``ilvl`` ("II.", "1.2.", "a)"),
        "-" for a bullet, None when the paragraph has no number."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return None
        key = self.abstract_of[num_id]
        counters = self.counters.setdefault(key, [0] * 10)
        ilvl = min(ilvl, 9)
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = 0
        if counters[ilvl] == 0:
            counters[ilvl] = self.starts.get((num_id, ilvl), levels[ilvl].start)
        else:
            counters[ilvl] += 1
        level = levels[ilvl]
        if level.fmt == "bullet":
            return "-"

        def number(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            if k not in levels:
                return ""
            value = counters[k] or self.starts.get((num_id, k), levels[k].start)
            return _format(value, levels[k].fmt)
        return re.sub(r"%(\d)", number, level.text).strip() or None


def _style(paragraph, styles: dict):
    key = paragraph._p.style
    if key not in styles:
        styles[key] = paragraph.style
    return styles[key]


def _num_pr(paragraph, styles: dict | None = None) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph: its own, else its style's (heading styles carry numbering)."""
    ppr = paragraph._p.pPr
    num_pr = ppr.numPr if ppr is not None else None
    ilvl = None
    if num_pr is not None:
        ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else None
        if num_pr.numId is not None:
            return str(num_pr.numId.val), int(ilvl or 0)
    style = _style(paragraph, styles if styles is not None else {})
    seen = 0
    while style is not None and seen < 10:
        spr = style.element.pPr
        if spr is not None and spr.numPr is not None and spr.numPr.numId is not None:
            level = ilvl if ilvl is not None else (spr.numPr.ilvl.val if spr.numPr.ilvl is not None else 0)
            return str(spr.numPr.numId.val), int(level or 0)
        style, seen = style.base_style, seen + 1
    return None


#: a revision Word lists in its reviewing pane: inserted, deleted or moved text, an inserted or deleted row
_REVISIONS = {_W + name for name in ("ins", "del", "moveFrom", "moveTo")}


def revisions(body) -> int:
    """How many tracked changes a body (or any element) holds: inserted, deleted and moved text, and
    inserted or deleted table rows; a paragraph mark's own insertion goes with its text."""
    return sum(1 for element in body.iter(*_REVISIONS) if element.getparent().tag != _W + "rPr")


def _paragraph_text(paragraph, numbering: Numbering) -> str:
    text = clean(accepted_text(paragraph._p))
    found = _num_pr(paragraph, numbering.styles)
    if found is None or found[0] == "0":
        return text
    label = numbering.label(*found)
    if not label or not text:
        return text
    return f"{label} {text}"


def _cells(row) -> list[str | None]:
    """The texts of a row's cells by grid column; a column covered by a merged cell (to its left, or
    from the row above) is None, as pdfplumber gives a merged cell of a PDF table."""
    from docx.table import _Cell
    out: list[str | None] = []
    for tc in row._tr.tc_lst:
        span = tc.grid_span if tc.grid_span and tc.grid_span > 0 else 1
        if tc.vMerge == "continue":
            out.append(None)
        else:
            texts = (clean(accepted_text(p._p)) for p in _Cell(tc, row).paragraphs)
            out.append("\n".join(text for text in texts if text))
        out += [None] * (span - 1)
    return out


def _carried_down(rows: list[list[str | None]], table) -> list[list[str | None]]:
    """The rows with a cell merged down over several rows read in each of them ("%" in a unit column
    merged over three targets), as the rows of a table that is not a responsibilities table say it."""
    above: list[str | None] = []
    carried = []
    for row, cells in zip((r for r in table.rows if not _deleted(r)), rows, strict=True):
        cells = list(cells)
        column = 0
        for tc in row._tr.tc_lst:
            if tc.vMerge == "continue" and column < len(above):
                cells[column] = above[column]
            column += tc.grid_span if tc.grid_span and tc.grid_span > 0 else 1
        carried.append(cells)
        above = cells
    return carried


def _deleted(row) -> bool:
    """A row deleted with tracked changes: gone once they are accepted."""
    return row._tr.find(f"{_W}trPr/{_W}del") is not None


def _table_paras(table, table_no: int, index: int) -> list[Para]:
    rows = [_cells(row) for row in table.rows if not _deleted(row)]
    if responsibility_columns(header_of(rows)) is None:
        rows = _carried_down(rows, table)
    return [Para(sentence, index=index, table=table_no, row=row, role=role)
            for row, sentence, role, _column in table_lines(rows)]


def read_docx(path, display: str) -> Paras:
    import docx  # python-docx; the caller reports when it is missing
    from docx.table import Table

    document = docx.Document(str(path))
    numbering = Numbering.of(document)
    paras: list[Para] = []
    # paragraphs counted as a reader counts them: the body's paragraphs with text, not tables (a table's
    # rows are "bảng 2, hàng 3") and not empty lines
    index = tables = 0
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            tables += 1
            paras += _table_paras(block, tables, index)
            continue
        text = _paragraph_text(block, numbering)
        if text:
            index += 1
            paras.append(Para(text, index=index))
    return Paras(paras, revisions=revisions(document.element.body))
