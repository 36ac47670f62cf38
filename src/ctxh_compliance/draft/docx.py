"""The skeleton as a Word file, laid out as provincial plans are: the issuer beside the national motto in
a borderless two-column table, the title centred, headings with their numbers written in the text
("I.", "1.") so that any reader sees them, Times New Roman 14."""

import io

from ..errors import InputError, Problem
from .model import Outline

FONT, SIZE = "Times New Roman", 14


def _docx():
    try:
        import docx
    except ImportError:
        raise InputError([Problem("draft", None, None, "draft.needs_extra",
                                  {"package": "python-docx", "extra": "extract"})]) from None
    return docx


def render(outline: Outline) -> bytes:
    docx = _docx()
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(SIZE)
    centre, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY

    table = document.add_table(rows=1, cols=2)
    left = [*outline.issuer_lines, "Số: …/KH-UBND"]
    right = [*outline.motto_lines, f"{outline.province.name}, ngày … tháng … năm …"]
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        for i, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            run = paragraph.add_run(line)
            run.bold = i < len(lines) - 1 and (cell is table.rows[0].cells[1] or i == len(lines) - 2)
            run.italic = line.endswith("năm …")
            paragraph.alignment = centre

    for i, line in enumerate(outline.title_lines):
        paragraph = document.add_paragraph()
        paragraph.add_run(line).bold = True
        paragraph.alignment = centre
        if i == 0:
            paragraph.paragraph_format.space_before = Pt(12)

    for para in outline.paras:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(para.text)
        if para.style in ("heading1", "heading2"):
            run.bold = True
        if para.style == "closing":
            run.font.size = Pt(11)
            run.bold = para.text.endswith(":")
        if para.note:
            paragraph.add_run(" ")
            paragraph.add_run(f"({para.note})").italic = True
        if para.style in ("body", "bullet"):
            paragraph.alignment = justify
            paragraph.paragraph_format.first_line_indent = Pt(28)

    for i, line in enumerate(outline.signature):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = i < 3
        run.italic = line.startswith("(")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
