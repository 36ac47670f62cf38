"""PDF documents as offices produce them: the text layer of a PDF exported from Word or LibreOffice,
without its running headers, footers and page numbers, with lines wrapped by the layout joined back
into their paragraph (also across a page break); a PDF with no text layer (a scan) read by OCR when
Tesseract with its Vietnamese data is installed, each line marked as read by OCR."""

import re
import shutil
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from ..errors import InputError, Problem
from .reader import Para, clean

#: a page number as offices print it: "3", "- 3 -", "Trang 3", "Trang 3/12", "3/12"
_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*-)?$", re.IGNORECASE)
#: a line that starts an item of its own, never the end of the line before
_ITEM_START = re.compile(r"^(?:[-–+•*]\s|[a-zđ]\)\s|\d+(?:\.\d+)*[.)]\s|[IVXL]+\.\s|Phần\s|Điều\s|Căn cứ\s)")
_SENTENCE_END = (".", ";", ":", "!", "?")
_BAND = 0.08          # top and bottom part of a page where running headers and footers stand
_SCAN_CHARS = 40      # fewer letters than this on every page: no text layer


def _fold_digits(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold())


def _pdf_error(display: str, key: str, **params) -> InputError:
    return InputError([Problem(display, None, None, key, params)])


def _lines(page) -> list[dict]:
    """The text lines of a page with their position (pdfplumber's extract_text_lines)."""
    try:
        found = page.extract_text_lines(layout=False, strip=True, return_chars=False)
    except TypeError:  # an older pdfplumber
        found = page.extract_text_lines()
    return [{"text": clean(line["text"]), "x0": line["x0"], "x1": line["x1"], "top": line["top"],
             "bottom": line["bottom"]} for line in found if clean(line["text"])]


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
    if _ITEM_START.match(text):
        return False
    if prev.get("page") == line.get("page"):
        height = max(prev["bottom"] - prev["top"], 1)
        if line["top"] - prev["bottom"] > 0.9 * height:  # the spacing between paragraphs
            return False
    reaches_margin = prev["x1"] >= right - 0.12 * max(right - left, 1)
    lower = text[:1].islower()
    if reaches_margin and (lower or not before.endswith(_SENTENCE_END)):
        return True
    return lower and not before.endswith((".", "!", "?")) and len(before) > 60


def text_pages(pdf) -> list[Para]:
    pages = []
    for page in pdf.pages:
        pages.append((float(page.height), _lines(page)))
    running = _running_lines(pages)
    body = []
    for page_no, (height, lines) in enumerate(pages, 1):
        kept = []
        for line_no, line in enumerate(lines, 1):
            in_band = line["top"] < height * _BAND or line["bottom"] > height * (1 - _BAND)
            if in_band and (_fold_digits(line["text"]) in running or _PAGE_NUMBER.match(line["text"])):
                continue
            kept.append({**line, "page": page_no, "line": line_no})
        body.append(kept)
    paras: list[Para] = []
    prev = None
    for kept in body:
        if not kept:
            continue
        right = max(line["x1"] for line in kept)
        left = min(line["x0"] for line in kept)
        for line in kept:
            if prev is not None and paras and _continues(prev, line, right, left):
                last = paras[-1]
                joiner = "" if re.search(r"\w-$", last.text) and line["text"][:1].islower() else " "
                text = (last.text[:-1] if joiner == "" else last.text) + joiner + line["text"]
                paras[-1] = Para(text, last.line, line["line"] if line["page"] == last.page else last.last,
                                 page=last.page)
            else:
                paras.append(Para(line["text"], line["line"], page=line["page"]))
            prev = line
    return paras


def has_text(pdf) -> bool:
    return any(len(re.findall(r"\w", page.extract_text() or "")) >= _SCAN_CHARS for page in pdf.pages)


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


def ocr_pages(path: Path, display: str) -> list[Para]:
    """The lines of a scanned PDF, read by Tesseract (Vietnamese) from each page rendered at 300 dpi."""
    if "vie" not in ocr_languages():
        raise _pdf_error(display, "extract.scan_no_ocr")
    import pypdfium2  # comes with pdfplumber

    paras: list[Para] = []
    document = pypdfium2.PdfDocument(str(path))
    with tempfile.TemporaryDirectory(prefix="ctxh-ocr-") as folder:
        for page_no in range(len(document)):
            image = Path(folder) / f"{page_no + 1}.png"
            document[page_no].render(scale=300 / 72).to_pil().save(image)
            try:
                result = subprocess.run(["tesseract", str(image), "stdout", "-l", "vie", "--psm", "4"],
                                        capture_output=True, text=True, timeout=300)
            except (OSError, subprocess.SubprocessError) as exc:
                raise _pdf_error(display, "extract.ocr_failed", detail=type(exc).__name__) from None
            lines = [clean(line) for line in result.stdout.split("\n")]
            paras += [Para(line, number, page=page_no + 1, ocr=True) for number, line in enumerate(lines, 1) if line]
    document.close()
    # OCR gives no positions: a line cut in the middle of a sentence is joined with the next one
    from .reader import join_broken
    return join_broken(paras)


def read_pdf(path: Path, display: str) -> list[Para]:
    import pdfplumber  # the caller reports when it is missing
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        with pdfplumber.open(str(path)) as pdf:
            if not pdf.pages:
                raise _pdf_error(display, "extract.pdf_empty")
            if has_text(pdf):
                return text_pages(pdf)
    except InputError:
        raise
    except PDFPasswordIncorrect:
        raise _pdf_error(display, "extract.pdf_encrypted") from None
    except Exception as exc:  # not a PDF, or damaged
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise _pdf_error(display, "extract.pdf_encrypted") from None
        raise _pdf_error(display, "extract.bad_document", kind=".pdf", detail=type(exc).__name__) from None
    return ocr_pages(path, display)
