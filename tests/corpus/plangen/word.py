"""A plan's blocks as a Word file laid out as provinces lay them out: the header table (issuer and number |
national motto and date), the title centred, headings numbered by Word's automatic numbering (numPr →
abstractNum: "I.", "1.", "1.1.", "a)"; or typed, in some plans), "-" items as a bullet list, tables ruled,
a running header and a "Trang N" footer, the closing as a two-column table ("Nơi nhận" | signature)."""

from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HEADINGS = f"""
<w:abstractNum xmlns:w="{W}" w:abstractNumId="{{aid}}">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/>
    <w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/>
    <w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/>
    <w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/>
    <w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr></w:lvl>
</w:abstractNum>"""
_BULLETS = f"""
<w:abstractNum xmlns:w="{W}" w:abstractNumId="{{aid}}">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/>
    <w:pPr><w:ind w:left="284" w:hanging="284"/></w:pPr></w:lvl>
</w:abstractNum>"""
_NUM = f'<w:num xmlns:w="{W}" w:numId="{{nid}}"><w:abstractNumId w:val="{{aid}}"/></w:num>'
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _numbering(document) -> tuple[int, int]:
    from docx.oxml import parse_xml
    root = document.part.numbering_part.element
    ids = []
    for aid, template in ((80, _HEADINGS), (81, _BULLETS)):
        abstract = parse_xml(template.format(aid=aid))
        first_num = root.find(f"{{{W}}}num")
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            root.append(abstract)
        root.append(parse_xml(_NUM.format(nid=aid + 10, aid=aid)))
        ids.append(aid + 10)
    return ids[0], ids[1]


def _number(paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def _cells(table, rows: list[list[str]]) -> None:
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.rows[r].cells[c].text = text


def _two_columns(document, left: list[str], right: list[str], centre: bool = True) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
        if centre:
            for paragraph in cell.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _furniture(document, running: str | None) -> None:
    from docx.oxml import parse_xml
    section = document.sections[0]
    if running:
        section.header.paragraphs[0].text = running
    footer = section.footer.paragraphs[0]
    footer.text = "Trang "
    footer._p.append(parse_xml(
        f'<w:fldSimple xmlns:w="{W}" w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def write(blocks: list[tuple], path: Path, numbering: str, running: str | None) -> Path:
    """Write ``blocks`` (render.Plan.blocks) to ``path``; ``numbering`` is "auto" or "typed"."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    _furniture(document, running)
    heads, bullets = _numbering(document) if numbering == "auto" else (None, None)
    counters = [0, 0, 0, 0]
    for block in blocks:
        kind = block[0]
        if kind == "header":
            _two_columns(document, block[1], block[2])
        elif kind == "title":
            for i, line in enumerate(block[1]):
                paragraph = document.add_paragraph()
                run = paragraph.add_run(line)
                run.bold = True
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if i == 0:
                    run.font.size = Pt(14)
        elif kind == "heading":
            level, text = block[1], block[2]
            counters[level] += 1
            for deeper in range(level + 1, 4):
                counters[deeper] = 0
            if heads is not None:
                paragraph = document.add_paragraph()
                paragraph.add_run(text).bold = level < 2
                _number(paragraph, heads, level)
            else:
                prefix = [f"{_ROMAN[counters[0] - 1]}.", f"{counters[1]}.", f"{counters[1]}.{counters[2]}.",
                          f"{'abcdefgh'[counters[3] - 1]})"][level]
                paragraph = document.add_paragraph()
                paragraph.add_run(f"{prefix} {text}").bold = level < 2
        elif kind == "bullet":
            if bullets is not None:
                _number(document.add_paragraph(block[1]), bullets, 0)
            else:
                document.add_paragraph(f"- {block[1]}")
        elif kind == "para":
            document.add_paragraph(block[1])
        elif kind == "table":
            rows, options = block[1], block[2]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            _cells(table, rows)
            if options.get("merge_unit") and len(rows) > 2:
                col = options["unit_col"]
                merged = table.cell(1, col).merge(table.cell(len(rows) - 1, col))
                merged.text = "%"
        elif kind == "signature":
            document.add_paragraph("")
            _two_columns(document, block[1], block[2], centre=False)
            for paragraph in document.tables[-1].rows[0].cells[1].paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            raise ValueError(f"unknown block {kind}")
    document.save(str(path))
    return path


def plain_text(path: Path) -> str:
    """The text of a Word file in reading order (paragraphs and table cells), for comparing two builds."""
    import docx
    document = docx.Document(str(path))
    body = document.element.body
    out = []
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[1]
        if tag == "p":
            out.append("".join(t.text or "" for t in child.iter(f"{{{W}}}t")))
        elif tag == "tbl":
            for row in child.iter(f"{{{W}}}tr"):
                out.append(" | ".join("".join(t.text or "" for t in cell.iter(f"{{{W}}}t"))
                                      for cell in row.iter(f"{{{W}}}tc")))
    return "\n".join(out)
