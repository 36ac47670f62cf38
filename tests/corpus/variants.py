"""The variant corpus: each seed text as provinces actually send it.

- ``tables.docx``: a Word file whose header is the usual two-column table (issuer | national motto),
  whose specific targets stand in a table (STT | Chỉ tiêu) and whose "Chủ trì / Phối hợp" lines are
  a table (Cơ quan chủ trì | Cơ quan phối hợp), with a running page header and a page-number footer;
- ``numbering.docx``: a Word file whose headings and list items are numbered by Word's automatic
  numbering (the numbers "I.", "1.", "1.1." and the "-" bullets are not in the text);
- ``*.pdf``: each Word file exported to PDF by LibreOffice in headless mode, as offices do;
- ``scan.pdf``: the numbered PDF rendered to images, with no text layer (a scan), for the OCR path.

    python tests/corpus/variants.py OUT_DIR     # writes every variant of every seed

The seeds are under tests/corpus/seeds/; the hand-made plan of each (examples/*.yaml) is the truth.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parent / "seeds"

_ROMAN_HEAD = re.compile(r"^([IVX]+)\.\s+(.*)$")
_NUM_HEAD = re.compile(r"^(\d+)\.\s+(.*)$")
_SUB_HEAD = re.compile(r"^(\d+)\.(\d+)\.\s+(.*)$")
_MOTTO = re.compile(r"^(CỘNG HO[ÀÁ]|Độc lập|-{3,})|, ngày\b", re.IGNORECASE)
_ISSUER = re.compile(r"^(ỦY BAN|UỶ BAN|UBND|SỞ)\b")
_TITLE = re.compile(r"^(KẾ HOẠCH|QUYẾT ĐỊNH)\s*$")


def seed_lines(seed: Path) -> list[str]:
    """The paragraphs of a seed (a line the web copy cut in the middle of a sentence is joined back)."""
    from ctxh_compliance.extract.paragraphs import lines_to_paras
    return [para.text for para in lines_to_paras(seed.read_text(encoding="utf-8"))]


def _header_split(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(left column, right column, rest): the opening lines before the title go to a two-column table."""
    for i, line in enumerate(lines[:25]):
        if _TITLE.match(line):
            first = next((j for j, x in enumerate(lines[:i]) if _ISSUER.match(x)), 0)
            head, rest = lines[first:i], lines[:first] + lines[i:]  # a web page's metadata stays above
            left = [x for x in head if not _MOTTO.search(x)]
            right = [x for x in head if _MOTTO.search(x)]
            if left and right:
                return left, right, rest
            break
    return [], [], lines


# --- Word numbering ----------------------------------------------------------------------------------------
_NUMBERING_XML = """
<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="{aid}">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>
</w:abstractNum>"""
_BULLET_XML = """
<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="{aid}">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
</w:abstractNum>"""
_NUM_XML = """<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:numId="{nid}">
  <w:abstractNumId w:val="{aid}"/></w:num>"""


def _add_numbering(document) -> tuple[str, str]:
    """Define a heading list (I. / 1. / 1.1.) and a "-" bullet list; return their numIds."""
    from docx.oxml import parse_xml
    root = document.part.numbering_part.element
    ids = []
    for aid, template in ((90, _NUMBERING_XML), (91, _BULLET_XML)):
        abstract = parse_xml(template.format(aid=aid))
        first_num = root.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            root.append(abstract)
        root.append(parse_xml(_NUM_XML.format(nid=aid + 10, aid=aid)))
        ids.append(str(aid + 10))
    return ids[0], ids[1]


def _number(paragraph, num_id: str, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = int(num_id)


def _page_furniture(document, running: str) -> None:
    """A running header and a "Trang N" footer, as office templates have."""
    from docx.oxml import parse_xml
    section = document.sections[0]
    section.header.paragraphs[0].text = running
    footer = section.footer.paragraphs[0]
    footer.text = "Trang "
    footer._p.append(parse_xml(
        '<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:instr="PAGE">'
        '<w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def _header_table(document, left: list[str], right: list[str]) -> None:
    table = document.add_table(rows=1, cols=2)
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
        for paragraph in cell.paragraphs:  # a header block is centred in its column
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def word_variant(seed: Path, out: Path, style: str) -> Path:
    """Write ``seed`` as a Word file in ``style`` ("tables" or "numbering")."""
    import docx
    document = docx.Document()
    left, right, lines = _header_split(seed_lines(seed))
    if left:
        while lines and not _TITLE.match(lines[0]):  # what stands above the header (a web page's metadata)
            document.add_paragraph(lines.pop(0))
        _header_table(document, left, right)
    _page_furniture(document, f"{seed.stem} — bản chạy thử")
    heading_list = bullets = None
    if style == "numbering":
        heading_list, bullets = _add_numbering(document)
    expected = [0, 0, 0]  # what Word's counters will give next: a number that differs stays in the text
    in_targets = False
    pending_table: list[str] = []
    roles: dict[str, str] = {}

    def flush_targets() -> None:
        if pending_table:
            table = document.add_table(rows=1, cols=2)
            table.style = "Table Grid"  # ruled, as offices print tables
            table.rows[0].cells[0].text, table.rows[0].cells[1].text = "STT", "Chỉ tiêu"
            for i, text in enumerate(pending_table, 1):
                row = table.add_row().cells
                row[0].text, row[1].text = str(i), text
            pending_table.clear()

    def flush_roles() -> None:
        if roles:
            table = document.add_table(rows=2, cols=2)
            table.style = "Table Grid"
            heads = ("Cơ quan chủ trì", "Cơ quan phối hợp")
            for col, head in enumerate(heads):
                table.rows[0].cells[col].text = head
                table.rows[1].cells[col].text = roles.get(head, "")
            roles.clear()

    from docx.enum.text import WD_ALIGN_PARAGRAPH
    title_lines = 0  # the title block ("KẾ HOẠCH" and the lines after it) is centred
    for line in lines:
        folded = line.casefold()
        if _TITLE.match(line):
            title_lines = 3
        elif title_lines and (line.startswith(("Căn cứ", "Thực hiện Quyết", "(")) or len(line) > 160):
            title_lines = 0
        if title_lines:
            title_lines -= 1
            document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        role = re.match(r"^-\s*(?:cơ quan\s+)?(chủ trì|phối hợp)(?: thực hiện)?\s*:\s*(.+)$", line, re.IGNORECASE)
        if style == "tables" and role:
            roles["Cơ quan chủ trì" if role.group(1).casefold() == "chủ trì" else "Cơ quan phối hợp"] = role.group(2)
            continue
        flush_roles()
        if style == "tables" and in_targets and line.startswith("- ") and "%" in line:
            pending_table.append(line[2:])
            continue
        flush_targets()
        if "mục tiêu cụ thể" in folded and len(line) < 60:
            in_targets = True
        elif _ROMAN_HEAD.match(line) or (_NUM_HEAD.match(line) and len(line) < 120):
            in_targets = False
        if style == "numbering":
            for level, regex in ((2, _SUB_HEAD), (0, _ROMAN_HEAD), (1, _NUM_HEAD)):
                match = regex.match(line)
                if not match:
                    continue
                number = match.groups()[-2]
                value = _roman_value(number) if level == 0 else int(number)
                if value == expected[level] + 1 and (level < 2 or int(match.group(1)) == expected[1]):
                    expected[level] = value
                    for deeper in range(level + 1, 3):
                        expected[deeper] = 0
                    paragraph = document.add_paragraph(match.groups()[-1])
                    _number(paragraph, heading_list, level)
                    break
            else:
                if line.startswith("- "):
                    _number(document.add_paragraph(line[2:]), bullets, 0)
                else:
                    document.add_paragraph(line)
            continue
        document.add_paragraph(line)
    flush_roles()
    flush_targets()
    path = out / f"{seed.stem}.{style}.docx"
    document.save(str(path))
    return path


def _roman_value(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for i, char in enumerate(text):
        value = values[char]
        total += -value if i + 1 < len(text) and values[text[i + 1]] > value else value
    return total


# --- PDFs ------------------------------------------------------------------------------------------------
def office() -> str | None:
    """LibreOffice, as Debian's libreoffice-writer installs it."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_variants(docs: list[Path], out: Path) -> list[Path]:
    """Each Word file exported to PDF by LibreOffice in headless mode (one call for all)."""
    binary = office()
    if binary is None or not docs:
        return []
    profile = out / ".lo-profile"
    subprocess.run([binary, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, docs)], check=True, capture_output=True, timeout=600)
    return [out / f"{d.stem}.pdf" for d in docs if (out / f"{d.stem}.pdf").is_file()]


def scan_variant(pdf: Path, out: Path) -> Path:
    """The pages of ``pdf`` as images in a PDF with no text layer, as a scanner makes it."""
    import pypdfium2
    document = pypdfium2.PdfDocument(str(pdf))
    images = [document[i].render(scale=200 / 72).to_pil().convert("L") for i in range(len(document))]
    document.close()
    path = out / f"{pdf.stem.split('.')[0]}.scan.pdf"
    images[0].save(path, save_all=True, append_images=images[1:], resolution=200)
    return path


def build(out: Path, seeds: list[Path] | None = None, pdf: bool = True) -> dict[str, list[Path]]:
    """Every variant of every seed in ``out``: {"tables.docx": [...], "numbering.docx": [...], …}."""
    out.mkdir(parents=True, exist_ok=True)
    seeds = seeds or sorted(SEEDS.glob("*.txt"))
    made: dict[str, list[Path]] = {"txt": list(seeds), "tables.docx": [], "numbering.docx": []}
    for seed in seeds:
        for style in ("tables", "numbering"):
            made[f"{style}.docx"].append(word_variant(seed, out, style))
    if pdf and office():
        made["tables.pdf"] = pdf_variants(made["tables.docx"], out)
        made["numbering.pdf"] = pdf_variants(made["numbering.docx"], out)
    return made


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "variants")
    for kind, paths in build(target).items():
        print(kind, len(paths))
