"""PDF documents as offices produce them: the text layer of a PDF exported from Word or LibreOffice,
without its running headers, footers and page numbers, with lines wrapped by the layout joined back
into their paragraph (also across a page break); a PDF with no text layer (a scan) read by OCR when
Tesseract with its Vietnamese data is installed, each line marked as read by OCR."""

import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

from ..core.errors import InputError, Problem, Term
from ..core.regex import compile_once
from .paragraphs import Para, Paras, clean, date_cut
from .tables import body_list, cut_in_name, header_of, header_rows, names_a_body, table_lines

#: a page number as offices print it: "3", "- 3 -", "Trang 3", "Trang 3/12", "3/12"
_PAGE_NUMBER = compile_once(r"^(?:-\s*)?(?:trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*-)?$", re.IGNORECASE)
#: a line that starts an item of its own, never the end of the line before
_ITEM_START = compile_once(r"^(?:[-–+•*]\s|[a-zđ]\)\s|\d+(?:\.\d+)*[.)]\s|[IVXL]+\.\s|Phần\s|Điều\s|Căn cứ\s)")
_SENTENCE_END = (".", ";", ":", "!", "?")
_BAND = 0.08          # top and bottom part of a page where running headers and footers stand
_SCAN_CHARS = 40      # fewer letters than this on every page: no text layer


def _fold_digits(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold())


def _pdf_error(display: str, key: str, **params) -> InputError:
    return InputError([Problem(display, None, None, key, params)])


_LABEL = compile_once(r"^(?:[IVXL]+|\d+(?:\.\d+)*|[a-zđ])[.)]$|^[-–•+*]$")  # a list number Word sets before a tab
_COLUMN_GAP = 24.0    # points between two words of one line that make them two columns (issuer | motto)


def _same_row(a: dict, b: dict) -> bool:
    """Two pieces of text on one line: their heights overlap by more than half of the smaller one (a
    list number in a smaller font, a bold word)."""
    overlap = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return overlap > 0.5 * min(a["bottom"] - a["top"], b["bottom"] - b["top"])


def words_to_lines(words: list[dict]) -> list[dict]:
    """Words with their position (points: x0, x1, top, bottom, text) as lines in reading order."""
    words.sort(key=lambda w: (round(w["top"]), w["x0"]))
    rows: list[list[dict]] = []
    for word in words:
        if not word["text"]:
            continue
        if rows and _same_row(rows[-1][0], word):
            rows[-1].append(word)
        else:
            rows.append([word])
    out: list[dict] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        segment = [row[0]]
        for word in row[1:] + [None]:
            label = len(segment) == 1 and _LABEL.match(segment[0]["text"])  # "II." then a tab: one line
            if word is None or (word["x0"] - segment[-1]["x1"] > _COLUMN_GAP and not label):
                text = clean(" ".join(w["text"] for w in segment))
                if text:
                    out.append({"text": text, "x0": segment[0]["x0"], "x1": segment[-1]["x1"],
                                "top": min(w["top"] for w in segment), "bottom": max(w["bottom"] for w in segment)})
                segment = [word] if word is not None else []
            else:
                segment.append(word)
    if not out:
        return out
    return _by_column(out, (min(line["x0"] for line in out) + max(line["x1"] for line in out)) / 2)


def _by_column(lines: list[dict], middle: float) -> list[dict]:
    """Lines in reading order: where the page stands in two columns (the issuer's block beside the
    national motto, "Nơi nhận" beside the signature), the left column first, then the right one."""
    out: list[dict] = []
    run: list[dict] = []

    def flush() -> None:
        if any(line["x1"] < middle for line in run) and any(line["x0"] > middle for line in run):
            run.sort(key=lambda line: (line["x0"] > middle, line["top"]))
        out.extend(run)
        run.clear()

    for line in lines:
        if line["x1"] < middle or line["x0"] > middle:
            run.append(line)
        else:
            flush()
            out.append(line)
    flush()
    return out


def _table_rows(page, tables: list, carried: dict) -> list[dict]:
    """The rows of the page's ruled tables, read as sentences (tables.table_lines), each placed at
    its table's position in the reading order, with its table's number in the document and its row.
    A table that goes on from the page before (at the top of the page, as many columns) keeps that
    page's header (``carried``), number and row count; its first row, when it has no number, ends
    the row before."""
    out = []
    for number, table in enumerate(tables):
        rows = [r for r in page.extract(table) if any((c or "").strip() for c in r)]
        if not rows:
            continue
        at_top = number == 0 and table.bbox[1] < float(page.height) * 0.2
        cut = carried.pop("cut_header", None)
        if cut is not None and at_top and len(cut) == len(rows[0]) and header_of(rows) is None:
            if all(not (c or "").strip() or len(c.strip()) <= 30 for c in rows[0]):
                # a header row the page break cut ("Cơ quan chủ" | "Cơ quan phối" / "trì" | "hợp"): one header
                rows = [[" ".join(p for p in ((a or "").strip(), (b or "").strip()) if p)
                         for a, b in zip(cut, rows[0], strict=True)]] + rows[1:]
            else:
                # the header row alone at the foot of the page, the table's rows on this one: they go under it
                carried["header"] = header_of([[c if c is None else clean(c) for c in cut], rows[0]])
        previous = carried.get("header") if at_top else None
        if previous is not None and len(previous) != len(rows[0]):
            previous = None
        if previous is not None and not (rows[0][0] or "").strip() and header_of(rows) is None:
            carried["rest"] = [(column, cell.strip()) for column, cell in enumerate(rows[0]) if cell and cell.strip()]
            carried["rest_table"] = carried.get("tables")
            rows = rows[1:]
        if previous is None:  # a table of its own
            carried["tables"] = carried.get("tables", 0) + 1
            carried["state"], offset, skip = {}, 0, 0
        else:  # the table goes on: its rows after those of the page before, its repeated header not counted
            offset = carried.get("last_row", 0)
            skip = header_rows(rows) if header_of(rows) is not None else 0
        for row_no, sentence, role, column in table_lines(rows, previous, carried["state"], wrapped=True):
            row = offset + row_no - skip
            carried["last_row"] = max(carried.get("last_row", 0) if previous is not None else 0, row)
            out.append({"text": sentence, "x0": table.bbox[0], "x1": table.bbox[2], "top": table.bbox[1] + row_no / 1000,
                        "bottom": table.bbox[3], "table": True, "table_no": carried["tables"], "row": row,
                        "role": role, "column": column})
        clean_rows = [[c if c is None else clean(c) for c in r] for r in rows]
        carried["header"] = header_of(clean_rows) or previous
        if len(rows) == 1 and previous is None and sum(bool((c or "").strip()) for c in rows[0]) > 1 \
                and all(len((c or "").strip()) <= 40 for c in rows[0]) and table.bbox[3] > float(page.height) * 0.7:
            carried["cut_header"] = rows[0]  # a table's first row alone at the foot of a page: its header, maybe cut
    return out


def _running_lines(pages: list[tuple[float, list[dict]]]) -> set[str]:
    """Lines that stand in the header or footer band of at least half of the pages (digits folded,
    so "Trang 2" and "Trang 3" are one line)."""
    if len(pages) < 2:
        return set()
    counts: Counter = Counter()
    for height, lines in pages:
        band = {_fold_digits(line["text"]) for line in lines
                if line["top"] < height * _BAND or line["bottom"] > height * (1 - _BAND)}
        counts.update(band)
    return {text for text, n in counts.items() if n >= max(2, len(pages) / 2)}


def _continues(prev: dict, line: dict, right: float, left: float) -> bool:
    """Whether ``line`` is the rest of the paragraph ``prev`` was cut from by the layout: not an item
    of its own, not after a paragraph's spacing, and either the line before ran to the right margin
    or the sentence goes on in lower case."""
    text, before = line["text"], prev["text"]
    if date_cut(before, text):
        return True
    width = max(right - left, 1)
    if prev["x1"] >= right - 0.12 * width and re.search(r"\d$", before) and re.match(r"[-–]\s*\d", text):
        return True  # a range or a date cut at its dash where the line before ran to the margin ("01" / "- 02 người")
    if (prev["x1"] >= right - 0.12 * width and not before.endswith(_SENTENCE_END)
            and re.match(r"[-–]\s+", text) and text.lstrip("-– ")[:1].islower()):
        return True  # a sentence cut before its dash ("… và Sở Nội vụ" / "– phối hợp."): an item opens with a capital
    if _ITEM_START.match(text):
        return False
    if prev.get("page") == line.get("page"):
        height = max(prev["bottom"] - prev["top"], 1)
        if line["top"] - prev["bottom"] > 0.9 * height:  # the spacing between paragraphs
            return False
    width = max(right - left, 1)
    if line["x0"] > left + 0.15 * width or prev["x0"] > left + 0.15 * width:
        # a wrapped paragraph runs from the left edge: a line in a column stands alone, unless the
        # column wrapped it ("Đồng Tháp, ngày 07 tháng 06 năm" / "2021")
        same_column = abs(line["x0"] - prev["x0"]) < 40 or abs((line["x0"] + line["x1"]) - (prev["x0"] + prev["x1"])) < 20
        return (same_column and line["top"] - prev["bottom"] < 0.9 * max(prev["bottom"] - prev["top"], 1)
                and (text[:1].islower() or text[:1].isdigit()) and not before.endswith(_SENTENCE_END))
    reaches_margin = prev["x1"] >= right - 0.12 * width
    if before.endswith(":") and re.match(r"\d[\d.,]*\s", text) and not _ITEM_START.match(text):
        return True  # a value after its label ("Tổng số kinh phí:" / "2.426.000.000 (đồng).")
    lower = text[:1].islower()
    if reaches_margin and (lower or not before.endswith((".", ":", "!", "?"))):
        return True  # ";" or "," at the margin: a list of documents goes on ("…;" / "Nghị định số …")
    return lower and not before.endswith((".", "!", "?")) and len(before) > 60


_TOUCHING = 3.0  # points: rects of one line closer than this are one run (pdfium splits a run where the font changes)


def _joined_rects(text_page) -> list[tuple[float, float, float, float]]:
    """pdfium's text rects, those that touch on one line joined: a run split where a glyph comes from a
    fallback font ("Ủ" | "Y BAN NHÂN DÂN") is one run, so that its characters are taken once (the boxes of
    such pieces overlap, and each piece's bounded text would take its neighbour's mark again)."""
    rects: list[list[float]] = []
    for i in range(text_page.count_rects()):
        left, bottom, right, top = text_page.get_rect(i)
        if rects:
            l0, b0, r0, t0 = rects[-1]
            overlap = min(top, t0) - max(bottom, b0)
            if l0 < left and left - r0 < _TOUCHING and overlap > 0.5 * min(top - bottom, t0 - b0):
                rects[-1] = [l0, min(bottom, b0), right, max(top, t0)]
                continue
        rects.append([left, bottom, right, top])
    return [tuple(r) for r in rects]


def _pdfium_lines(page, tables: list, text_page) -> list[dict]:
    """The text runs of a page as pdfium sets them (a run ends at a large gap, so two columns are two
    runs), outside the page's ruled tables, as lines in reading order (points, top-down)."""
    height = page.get_height()
    inside = [t.bbox for t in tables]
    runs = []
    for left, bottom, right, top in _joined_rects(text_page):
        # the run's own characters: a point below its top, so that the mark of a glyph of the line above that
        # reaches into it (the dot below "ộ" in a table's last row) is not taken as a line of the run
        text = text_page.get_text_bounded(left, bottom, right, top - min(1.0, (top - bottom) / 4))
        text = text.replace("\x02", "-")  # pdfium's mark of a hyphen at the end of a line
        run = {"text": clean(re.sub(r"[\x00-\x08\x0b-\x1f]", "", text)), "x0": left, "x1": right,
               "top": height - top, "bottom": height - bottom}
        if not any(x0 - 1 <= run["x0"] and run["x1"] <= x1 + 1 and y0 - 1 <= run["top"] and run["bottom"] <= y1 + 1
                   for x0, y0, x1, y1 in inside):
            runs.append(run)
    return words_to_lines(runs)


_THIN = 3.0  # points: a path this thin is a ruling line (a table's border), as wide as it is long


def _rulings(page, height: float) -> list[dict]:
    """The page's ruling lines as pdfplumber's table finder takes them (edges, top-down points), read by
    pdfium from the page's path objects: a thin path is a horizontal or vertical line; a four-sided path
    is a rectangle's four sides. Curves and filled shapes are not rulings."""
    import pypdfium2.raw as raw
    edges = []

    def edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> None:
        edges.append({"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
                      "height": bottom - top, "orientation": orientation, "object_type": "line"})

    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        top, bottom = height - top, height - bottom
        if bottom - top <= _THIN < right - left:
            middle = (top + bottom) / 2
            edge(left, middle, right, middle, "h")
        elif right - left <= _THIN < bottom - top:
            middle = (left + right) / 2
            edge(middle, top, middle, bottom, "v")
        elif raw.FPDFPath_CountSegments(obj.raw) in (4, 5) and right - left > _THIN and bottom - top > _THIN:
            edge(left, top, right, top, "h")
            edge(left, bottom, right, bottom, "h")
            edge(left, top, left, bottom, "v")
            edge(right, top, right, bottom, "v")
    return edges


class _RuledPage:
    """What pdfplumber's table finder reads of a page — the ruling lines and the page's box — taken from
    pdfium, so that the page is parsed once, in C, and pdfplumber only finds the cells; each cell's text
    is then pdfium's, in the order the document set it (a letter and its combining marks stay one)."""

    def __init__(self, page, text_page, edges: list[dict]):
        self.width, self.height = page.get_width(), page.get_height()
        self.bbox = (0, 0, self.width, self.height)
        self.edges = edges
        self._text_page = text_page
        self._chars: list | None = None

    def extract(self, table) -> list[list[str | None]]:
        """The table's rows, each cell's text (lines kept) or None where a merged cell spans it: the
        characters whose box's centre lies in the cell, in the order the document set them."""
        cells = [cell for row in table.rows for cell in row.cells if cell is not None]
        texts = self._cell_texts(cells)
        return [[None if cell is None else texts[cell] for cell in row.cells] for row in table.rows]

    def _characters(self) -> list[tuple[str, float | None, float | None]]:
        """The page's characters in the order the document set them, each with its box's centre (None for
        a generated space or line end), read from pdfium once for all the page's tables."""
        if self._chars is None:
            text_page, height = self._text_page, self.height
            count = text_page.count_chars()
            text = text_page.get_text_range(0, count) if count else ""
            chars = []
            for index, char in enumerate(text[:count]):
                left, bottom, right, top = text_page.get_charbox(index)
                if right > left or top > bottom:  # a character drawn on the page
                    chars.append((char, (left + right) / 2, height - (bottom + top) / 2))
                else:
                    chars.append((char, None, None))
            self._chars = chars
        return self._chars

    def _cell_texts(self, cells: list[tuple]) -> dict[tuple, str]:
        pieces: dict[tuple, list[str]] = {cell: [] for cell in cells}
        if not cells:
            return {}
        x0, y0 = min(c[0] for c in cells), min(c[1] for c in cells)
        x1, y1 = max(c[2] for c in cells), max(c[3] for c in cells)
        owner = None
        for char, x, y in self._characters():
            if x is not None:
                owner = (None if not (x0 <= x < x1 and y0 <= y < y1) else
                         next((c for c in cells if c[0] <= x < c[2] and c[1] <= y < c[3]), None))
            if owner is not None:
                pieces[owner].append("\n" if char in "\r\n" else "-" if char == "\x02" else char)
        out = {}
        for cell, chars in pieces.items():
            joined = re.sub(r"[\x00-\x08\x0b-\x1f]", "", "".join(chars))
            out[cell] = "\n".join(line.strip() for line in joined.split("\n") if line.strip())
        return out


def _ruled_tables(page, text_page) -> tuple[list, "_RuledPage | None"]:
    """The ruled tables of a page (pdfplumber's table finder over pdfium's rulings and characters), and
    the page they read; none, without importing pdfplumber, when the page has no two horizontal and
    two vertical rulings."""
    height = page.get_height()
    edges = _rulings(page, height)
    if sum(e["orientation"] == "h" for e in edges) < 2 or sum(e["orientation"] == "v" for e in edges) < 2:
        return [], None
    from pdfplumber.table import TableFinder, TableSettings
    ruled = _RuledPage(page, text_page, edges)
    return TableFinder(ruled, TableSettings.resolve(None)).tables, ruled


def text_pages(document, path: Path) -> list[Para]:
    """The paragraphs of a PDF with a text layer: text and ruling lines from pdfium (fast, in C); the
    pages with ruled tables have their cells found by pdfplumber's table finder over what pdfium read."""
    pages = []
    carried: dict = {}
    for number in range(len(document)):
        page = document[number]
        text_page = page.get_textpage()
        try:
            try:
                tables, table_page = _ruled_tables(page, text_page)
            except Exception:  # a page whose drawing cannot be read as tables: its text alone
                tables, table_page = [], None
            carried.pop("rest", None)
            rows = _table_rows(table_page, tables, carried) if tables else []
            if not tables:
                carried.pop("header", None)
            lines = _pdfium_lines(page, tables, text_page)
        finally:
            text_page.close()
        for row in rows:  # each table row where its table stands among the lines
            at = next((i for i, line in enumerate(lines) if not line.get("table") and line["top"] > row["top"]),
                      len(lines))
            lines.insert(at, row)
        if carried.get("rest"):
            lines.insert(0, {"text": " ".join(text.replace("\n", " ") for _, text in carried["rest"]),
                             "pieces": carried["rest"], "table_no": carried.get("rest_table"),
                             "x0": 0, "x1": 0, "top": -1, "bottom": -1, "table": True, "rest": True})
        pages.append((float(page.get_height()), lines))
        page.close()
    return paragraphs(pages)


def _row_goes_on(paras: list[Para], cell_of: dict, line: dict) -> None:
    """The cells of a table row that a page break cut, each after the sentence its column's cell of
    the row began (a responsibilities table), else all after the row's last sentence."""
    pieces = [(cell_of.get((line.get("table_no"), column)), text) for column, text in line.get("pieces", [])]
    if not pieces or any(at is None for at, _ in pieces):
        # a row read as its subject, then the subject with each value ("Tỷ lệ … (năm 2025: 60%)"): the
        # subject's cut words go on the subject, in each of the row's sentences
        last = paras[-1]
        row = [i for i in range(len(paras)) if paras[i].table == last.table and paras[i].row == last.row]
        subject = paras[row[0]].text if row else ""
        if len(pieces) == 1 and len(row) > 1 and all(paras[i].text.startswith(subject + " (") for i in row[1:]):
            more = clean(line["text"].replace("\n", " "))
            for i in row:
                paras[i] = replace(paras[i], text=f"{subject} {more}{paras[i].text[len(subject):]}")
            return
        paras[-1] = replace(paras[-1], text=f"{paras[-1].text} {line['text']}")
        return
    for at, text in pieces:
        para = paras[at]
        if para.role in ("lead", "partner", "roles"):
            more = body_list(text, wrapped=True)
            # a bullet or a body's name starts a body of its own ("Sở Y tế;" / "Trường Cao đẳng …" on the
            # next page); anything else goes on the name the page cut ("UBND các xã," / "phường")
            # ("UBND các xã," / "phường", "Ủy ban nhân dân" / "các xã, phường": a name goes on in lower case)
            joiner = "; " if (re.match(r"^[-+•–]\s", text) or (names_a_body(text) and text[:1].isupper())) \
                and not re.search(r"(?:\s(?:và|của|với)|[,\-–])$", para.text) \
                and not cut_in_name(para.text) else " "  # "Sở Tư pháp và" / "Công an tỉnh"; "Ủy ban" / "Mặt trận …"
        else:
            more, joiner = clean(text.replace("\n", " ")), " "
        paras[at] = replace(para, text=f"{para.text}{joiner}{more}")


def paragraphs(pages: list[tuple[float, list[dict]]], ocr: bool = False) -> Paras:
    """The paragraphs of laid-out pages (height, lines): running headers, footers and page numbers
    left out (those of the first page kept aside, as ``furniture``), lines wrapped by the layout joined back."""
    running = _running_lines(pages)
    furniture: list[str] = []
    body = []
    for page_no, (height, lines) in enumerate(pages, 1):
        kept = []
        for line_no, line in enumerate(lines, 1):
            in_band = line["top"] < height * _BAND or line["bottom"] > height * (1 - _BAND)
            if in_band and not line.get("table") and (_fold_digits(line["text"]) in running
                                                      or _PAGE_NUMBER.match(line["text"])):
                if page_no == 1:
                    furniture.append(line["text"])
                continue
            kept.append({**line, "page": page_no, "line": line_no})
        body.append(kept)
    paras: list[Para] = []
    cell_of: dict[tuple, int] = {}  # (table, column) -> the paragraph that read the column's last cell
    prev = None
    for kept in body:
        text_lines = [line for line in kept if not line.get("table")]
        if not text_lines:
            text_lines = kept
        right = max(line["x1"] for line in text_lines) if text_lines else 0
        left = min(line["x0"] for line in text_lines) if text_lines else 0
        for line in kept:
            if line.get("rest") and paras:  # the end of a table row cut by the page break
                _row_goes_on(paras, cell_of, line)
                continue
            if (prev is not None and paras and not line.get("table") and not prev.get("table")
                    and _continues(prev, line, right, left)):
                last = paras[-1]
                # the paragraph's end only (a search of the whole text at every line is quadratic in its length)
                joiner = "" if re.search(r"\w-$", last.text[-3:]) or re.match(r"-\w", line["text"]) else " "  # 448/QĐ- / UBND
                text = last.text + joiner + line["text"]
                paras[-1] = Para(text, last.line, line["line"] if line["page"] == last.page else last.last,
                                 page=last.page, ocr=ocr)
            else:
                paras.append(Para(line["text"], line["line"], page=line["page"], ocr=ocr, table=line.get("table_no"),
                                  row=line.get("row"), role=line.get("role")))
                if line.get("column") is not None:
                    cell_of[(line["table_no"], line["column"])] = len(paras) - 1
            prev = line
    return Paras(paras, furniture=furniture)


def has_text(document) -> bool:
    """Whether any page has a text layer (a scan has none)."""
    for number in range(len(document)):
        text_page = document[number].get_textpage()
        try:
            if len(re.findall(r"\w", text_page.get_text_range())) >= _SCAN_CHARS:
                return True
        finally:
            text_page.close()
    return False


def ocr_languages() -> set[str]:
    """The languages of the installed Tesseract (empty when it is not installed)."""
    binary = shutil.which("tesseract")
    if not binary:
        return set()
    try:
        listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return set()
    return {line.strip() for line in (listed.stdout + listed.stderr).splitlines()[1:] if line.strip()}


_OCR_DPI = 200
MAX_OCR_PAGES = 30  # about 2 s a page


def _ocr_lines(tsv: str) -> list[dict]:
    """Lines of Tesseract's TSV output (its own blocks, paragraphs and lines: a word's box varies
    with its diacritics, so positions alone do not tell a line), in points as pdfplumber gives them,
    in reading order."""
    scale = 72 / _OCR_DPI
    lines: dict[tuple, list] = {}
    for row in tsv.split("\n")[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5" or not cells[11].strip():
            continue
        left, top, width, height = (int(c) for c in cells[6:10])
        lines.setdefault(tuple(int(c) for c in cells[2:5]), []).append((left, top, left + width, top + height, cells[11]))
    out = []
    for words in lines.values():
        text = clean(" ".join(w[4] for w in words))
        if text:
            out.append({"text": text, "x0": min(w[0] for w in words) * scale, "x1": max(w[2] for w in words) * scale,
                        "top": min(w[1] for w in words) * scale, "bottom": max(w[3] for w in words) * scale})
    if not out:
        return out
    return _by_column(out, (min(line["x0"] for line in out) + max(line["x1"] for line in out)) / 2)


def ocr_pages(path: Path, display: str) -> list[Para]:
    """The paragraphs of a scanned PDF, read by Tesseract (Vietnamese) from each page rendered at
    200 dpi; the words' positions go through the same layout reading as a text PDF's."""
    if "vie" not in ocr_languages():
        raise _pdf_error(display, "extract.scan_no_ocr")
    import pypdfium2  # comes with pdfplumber

    pages = []
    document = pypdfium2.PdfDocument(str(path))
    if len(document) > MAX_OCR_PAGES:
        document.close()
        raise _pdf_error(display, "extract.scan_too_long", count=len(document), limit=MAX_OCR_PAGES)
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1"}  # many threads make Tesseract several times slower
    try:
        with tempfile.TemporaryDirectory(prefix="ctxh-ocr-") as folder:
            for page_no in range(len(document)):
                page = document[page_no]
                height = page.get_height()
                image = Path(folder) / f"{page_no + 1}.png"
                page.render(scale=_OCR_DPI / 72).to_pil().save(image)
                try:
                    result = subprocess.run(["tesseract", str(image), "stdout", "-l", "vie", "--psm", "3", "tsv"],
                                            capture_output=True, text=True, timeout=300, env=environment)
                except (OSError, subprocess.SubprocessError) as exc:
                    raise _pdf_error(display, "extract.ocr_failed", detail=type(exc).__name__) from None
                pages.append((float(height), _ocr_lines(result.stdout)))
    finally:
        document.close()
    return paragraphs(pages, ocr=True)


def read_pdf(path: Path, display: str) -> list[Para]:
    import pypdfium2  # comes with pdfplumber; the caller reports when it is missing

    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as exc:  # not a PDF, damaged, or protected by a password
        if "password" in str(exc).lower():
            raise _pdf_error(display, "extract.pdf_encrypted") from None
        raise _pdf_error(display, "extract.bad_document", kind=".pdf", detail=Term("extract.damaged")) from None
    try:
        if len(document) == 0:
            raise _pdf_error(display, "extract.pdf_empty")
        if has_text(document):
            return text_pages(document, path)
    except InputError:
        raise
    except Exception:  # a page pdfium cannot read
        raise _pdf_error(display, "extract.bad_document", kind=".pdf", detail=Term("extract.damaged")) from None
    finally:
        document.close()
    if os.environ.get("CTXH_OCR") == "0":  # read in a child process with short limits: ask for OCR limits
        raise _pdf_error(display, "document.scan")
    return ocr_pages(path, display)
