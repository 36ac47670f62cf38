"""The located paragraph every reader yields (.txt lines, Word paragraphs and table rows, PDF lines),
and the text clean-up they share."""

import re
from dataclasses import dataclass

from ..core.regex import compile_once
from ..core.text import nfc
from .patterns import wording


@dataclass(frozen=True)
class Para:
    """One paragraph (or line) of the document and where it is."""

    text: str
    line: int | None = None      # .txt: first line (1-based)
    last: int | None = None      # .txt: last line when several lines were joined
    index: int | None = None     # .docx: paragraph number (1-based)
    page: int | None = None      # .pdf: page (1-based), with ``line`` on that page
    table: int | None = None     # .docx, .pdf: the table (1-based) a row was read from, with ``row``
    row: int | None = None
    ocr: bool = False            # read by OCR from a scanned page: never sure
    role: str | None = None      # a cell of a responsibilities table: group, task, lead, partner, detail
    heading: str | None = None   # the heading the paragraph sits under, as printed (set by the outline)
    scope: tuple[str, ...] = ()  # every heading above the paragraph, outermost first (set by the outline)

    def __post_init__(self) -> None:
        if not isinstance(self.scope, tuple):  # a list when the paragraph comes back from the reader process
            object.__setattr__(self, "scope", tuple(self.scope))

    def opening(self, words: int = 8) -> str:
        """The first words of the paragraph, as a user types them into Word's search."""
        parts = self.text.split()
        return " ".join(parts[:words]) + (" …" if len(parts) > words else "")

    def where(self) -> str:
        if self.page is not None and self.table is not None:
            return f"trang {self.page}, bảng {self.table}, hàng {self.row}"
        if self.page is not None:
            return f"trang {self.page}, dòng {self.line}"
        if self.table is not None:
            return f"bảng {self.table}, hàng {self.row}"
        if self.index is not None:
            return f"đoạn {self.index}"
        if self.last and self.last != self.line:
            return f"dòng {self.line}-{self.last}"
        return f"dòng {self.line}"

    def findable(self) -> str:
        """What a user can search for: the heading the paragraph sits under and its first words."""
        under = f"dưới “{_short(self.heading)}”, " if self.heading and self.heading != self.text else ""
        return f"{under}“{self.opening()}”"

    def location(self, file: str) -> str:
        """Where the paragraph is in the user's document, as a report shows it, with what to search
        for: ``plan.txt:34``, ``plan.docx (đoạn 12: dưới “2. Mục tiêu cụ thể”, “Đến năm 2025, …”)``,
        ``plan.pdf (trang 2, dòng 5: …)``."""
        if self.page is None and self.index is None and self.line is not None:
            return f"{file}:{self.line}"
        return f"{file} ({self.where()}: {self.findable()})"


def _short(text: str, words: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def clean(text: str) -> str:
    text = nfc(text).replace("\u00a0", " ").replace("**", "").replace("*", "")
    return re.sub(r"[ \t]+", " ", text).strip()


# a line that opens with an amount of money ("678.000.000 VNĐ (…)", "2,5 tỷ đồng.") goes on the sentence
# of the line before ("Tổng kinh phí …:" / "1.043.000 nghìn đồng"): a PDF's line cut, never a new paragraph
_AMOUNT_FIRST = compile_once(r"^\d{1,3}(?:[.,]\d{3})*(?:,\d+)?\s*(?:nghìn|ngàn|triệu|tỷ|tỉ|đồng|đ\b|VNĐ|VND|tr\.?\s?đ)",
                             re.IGNORECASE)
_SENTENCE_END = (".", ";", ":", "!", "?", ")", "./.")


def _hyphen_name(prev: str, nxt: str) -> bool:
    """A name written with " - " cut at its hyphen at the end of a line ("… Bộ Lao động" | "- Thương binh và Xã
    hội …"): the next line is no bullet but the name's rest (the pairs are data, patterns.yaml ``hyphen_names``)."""
    folded_prev, folded_next = prev.lower(), nxt.lower()
    return any(folded_prev.endswith(" " + first) and re.match(r"^[-–]\s*" + re.escape(second) + r"\b", folded_next)
               for first, second in wording()["hyphen_names"])


# a date written with dashes cut at one of them at the end of a line ("… ngày 22 - 01" | "- 2021 của Thủ tướng …"):
# the next line is no bullet but the date's rest
_DATE_CUT_BEFORE = compile_once(r"(?<!\w)ngày\s+\d{1,2}(?:\s*[-–/.]\s*\d{1,2})?\s*$", re.IGNORECASE)
_DATE_CUT_AFTER = compile_once(r"^[-–/.]\s*\d{1,4}(?!\d)")


_DAY_WORD_END = compile_once(r"(?<!\w)ngày\s*$", re.IGNORECASE)
_DATE_START = compile_once(r"^\d{1,2}(?:\s*[-–/.]\s*\d{1,2}\s*[-–/.]\s*\d{2,4}|\s+tháng\s+\d{1,2})(?!\d)", re.IGNORECASE)


def date_cut(prev: str, nxt: str) -> bool:
    """``nxt`` is the rest of a date ``prev`` ends with, cut at one of its dashes ("… ngày 22 - 01" | "- 2021 …"),
    or the whole date after its word ("… ban hành ngày" | "30.08.2024; …")."""
    return (_DATE_CUT_BEFORE.search(prev) is not None and _DATE_CUT_AFTER.match(nxt) is not None) or (
        _DAY_WORD_END.search(prev) is not None and _DATE_START.match(nxt) is not None)


def _heading_line(text: str) -> bool:
    """A heading with nothing to follow on its line ("IV. KINH PHÍ THỰC HIỆN", "III. Kinh phí thực hiện"): an amount on
    the next line starts a paragraph of its own ("3 tỷ đồng cho giai đoạn …"); a label ending in ":" ("Tổng kinh
    phí:") does not."""
    return not text.rstrip().endswith(":") and (text.isupper() or re.match(r"^(?:[IVXL]+|\d+(?:\.\d+)*)\.\s", text) is not None)


def join_broken(paras: list[Para]) -> list[Para]:
    """Join a line cut in the middle of a sentence with the next one ("được đào" / "tạo, bồi dưỡng")."""
    out: list[Para] = []
    for para in paras:
        if out and out[-1].page == para.page and out[-1].table is None and para.table is None and (
                (out[-1].line is not None and para.line is not None)
                or (out[-1].index is not None and para.index is not None and out[-1].line is None)):
            prev = out[-1]
            if (not prev.text.endswith(_SENTENCE_END) and (
                    para.text[:1].islower() and not re.match(r"^[a-zđ]\)", para.text) and len(prev.text) > 80
                    or _hyphen_name(prev.text, para.text)
                    or date_cut(prev.text, para.text))
                    or (_AMOUNT_FIRST.match(para.text) and not prev.text.endswith((".", ";", "./."))
                        and not _heading_line(prev.text))
                    or (re.match(r"^(?:VNĐ|VND)\b", para.text) and prev.text[-1:].isdigit())):  # "678.000.000" / "VNĐ (…)"
                out[-1] = Para(f"{prev.text} {para.text}", prev.line, para.last or para.line, prev.index, prev.page,
                               ocr=prev.ocr)
                continue
        out.append(para)
    return out


def lines_to_paras(text: str) -> list[Para]:
    paras = [Para(clean(line), number) for number, line in enumerate(text.split("\n"), 1) if clean(line)]
    return join_broken(paras)


class Paras(list):
    """A document's located paragraphs, with what a report says about the reading: how many tracked
    changes the document still has unaccepted (its text is read as if they were accepted), and the
    lines left out of the first page as running headers or footers (what a printed page says it is)."""

    def __init__(self, paras=(), revisions: int = 0, furniture: tuple[str, ...] = ()):
        super().__init__(paras)
        self.revisions = revisions
        self.furniture = tuple(furniture)
