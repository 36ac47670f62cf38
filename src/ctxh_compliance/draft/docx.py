"""The skeleton as a Word file, laid out as provincial plans are: the issuer beside the national motto in
a borderless two-column table, the title centred, headings with their numbers written in the text
("I.", "1.") so that any reader sees them, Times New Roman 14."""

import io

from ..core.errors import InputError, Problem
from .model import Outline

FONT, SIZE = "Times New Roman", 14


def _docx():
    try:
        import docx
    except ImportError:
        raise InputError([Problem("draft", None, None, "draft.needs_extra",
                                  {"package": "python-docx"})]) from None
    return docx


def render(outline: Outline) -> bytes:
    docx = _docx()
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(SIZE)
    centre, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    section = document.sections[0]  # A4, the margins of administrative documents
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)

    # the header block: issuer | national motto, 13 pt, the motto column wider (as the government's form is)
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    left = [(outline.issuer_lines[0], False, False), (outline.issuer_lines[1], True, False),
            ("Số: …/KH-UBND", False, False)]
    right = [(outline.motto_lines[0], True, False), (outline.motto_lines[1], True, False),
             (f"{outline.province.name}, ngày … tháng … năm …", False, True)]
    for column, cell, lines, width in zip(table.columns, table.rows[0].cells, (left, right), (Cm(6.0), Cm(10.0)),
                                          strict=True):
        column.width = cell.width = width
        for i, (line, bold, italic) in enumerate(lines):
            paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            run = paragraph.add_run(line)
            run.bold, run.italic = bold, italic
            run.font.size = Pt(12 if line == outline.motto_lines[0] else 13)
            paragraph.alignment = centre
            paragraph.paragraph_format.space_after = Pt(2)

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
            paragraph.paragraph_format.space_after = Pt(0)
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
