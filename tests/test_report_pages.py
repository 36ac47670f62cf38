"""Page 1 of every printed report is the page a reviewer signs: the identification, the overall
conclusion, the problems that fit ("xem tiếp trang 2" when more follow) and the reviewer's block;
how the document was read is on page 2 in plain words; no tool internals anywhere. Each example and
each document of the corpus is printed by headless Chromium and read back page by page."""

import re

import pytest
from printing import needs_printing, page_text, pages, print_pdf

from conftest import EXAMPLES, ROOT

CORPUS = ROOT / "tests" / "corpus"
INPUTS = sorted(EXAMPLES.glob("*.yaml")) + sorted(EXAMPLES.glob("*.docx")) + sorted((CORPUS / "seeds").glob("*.txt")) \
    + sorted((CORPUS / "unseen").glob("*")) + sorted((CORPUS / "task_tables").glob("*.yaml"))
#: what a reader of a printed report should never meet: options of the command line, field paths
INTERNALS = re.compile(r"--extract|--all\b|\w+\[\d+\]\.\w+|\bidentification\.\w+|\btargets\.\w+")


def _flat(text: str) -> str:
    return " ".join(text.split())


@needs_printing
@pytest.mark.parametrize("source", INPUTS, ids=lambda p: p.name)
def test_the_signature_block_is_on_page_1_and_nothing_internal_is_printed(cli, source, tmp_path):
    html = tmp_path / "report.html"
    result = cli(source, "-o", html)
    assert result.exit_code in (0, 1), result.stderr
    pdf = print_pdf(html, tmp_path / "report.pdf")
    first = _flat(page_text(pdf, 1))
    assert "Kết luận chung:" in first
    assert "Người thẩm định" in first and "Ngày thẩm định" in first and "Ký tên" in first
    everything = _flat(page_text(pdf))
    assert everything.count("Ký tên") == 1  # the block is printed once, on page 1
    assert not INTERNALS.search(everything), INTERNALS.search(everything).group()
    problems = int(re.search(r"Các vấn đề cần xử lý \((\d+)\)", first).group(1))
    more = re.search(r"Còn (\d+) vấn đề nữa: xem tiếp trang 2\.", first)
    shown = problems - (int(more.group(1)) if more else 0)
    if more:  # the rest continue on page 2, where the reader is told they are
        assert "Các vấn đề cần xử lý (tiếp theo)" in _flat(page_text(pdf, 2))
        assert shown >= 1
    # every row meant for page 1 is printed there whole, down to its last words ("Cần làm: …")
    assert first.count("Cần làm:") == shown
    page_1_html = html.read_text(encoding="utf-8").split('id="reviewer"')[0]
    for rule in re.findall(r'<a class="id" href="#([^"]+)-\w+">', page_1_html):
        assert rule in first, rule
    if "Văn bản nguồn không đầy đủ: ghi chú ở trang 2." in first:
        assert "Văn bản nguồn không đầy đủ" in _flat(page_text(pdf, 2))
    if source.suffix != ".yaml":  # how the document was read: on page 2, in words
        assert "ghi chú về cách đọc ở trang 2" in first
        second = _flat(page_text(pdf, 2))
        assert "Ghi chú về cách đọc văn bản" in second and "Kế hoạch được đọc tự động từ văn bản" in second
    assert pages(pdf) >= 1


@needs_printing
def test_locations_are_given_without_the_file_name(cli, tmp_path):
    word = EXAMPLES / "lang_son_sldtbxh_2021-2025.docx"
    html = tmp_path / "report.html"
    cli(word, "-o", html)
    text = _flat(page_text(print_pdf(html, tmp_path / "report.pdf")))
    assert text.count("lang_son_sldtbxh_2021-2025.docx") == 1  # in the identification only
    assert "bảng 2, hàng 2" in text
