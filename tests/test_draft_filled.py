"""The project's own draft as a province uses it: filled in Word, it reaches overall ĐẠT as .docx and
as the PDF Word or LibreOffice exports; left unfilled, no blank gives a pass; a copy cut before its
closing is reported as incomplete."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

#: what a province writes in each blank of the draft (the amounts add up: 1 + 2 + 0,5 = 3,5 tỷ)
FILLED = [
    (r"tăng …% so với năm …", "tăng 20% so với năm 2025"),
    (r"…%", "90%"),
    (r"Nội dung thực hiện: … \(tỉnh nêu[^)]*\)", "Nội dung thực hiện: rà soát, triển khai các hoạt động hằng năm."),
    (r"Kinh phí thực hiện: … đồng/năm", "Kinh phí thực hiện: 100.000.000 đồng/năm"),
    (r": … đồng \(… đồng\)( \([^)]*\))?", ": 3.500.000.000 đồng (Ba tỷ năm trăm triệu đồng)"),
    (r"hằng năm: … đồng/năm", "hằng năm: 700.000.000 đồng/năm"),
    (r"Ngân sách trung ương \(nếu có\): … đồng", "Ngân sách trung ương: 1.000.000.000 đồng"),
    (r"Ngân sách địa phương: … đồng", "Ngân sách địa phương: 2.000.000.000 đồng"),
    (r"hợp pháp khác: … đồng", "hợp pháp khác: 500.000.000 đồng"),
    (r"trước ngày … tháng …", "trước ngày 15 tháng 12"),
    (r"Số: …/", "Số: 25/"),
    (r"ngày … tháng … năm …", "ngày 10 tháng 3 năm 2026"),
    (r"^………$", "Nguyễn Văn An"),
]


def run(*args):
    return subprocess.run([sys.executable, "-m", "ctxh_compliance", *map(str, args)], capture_output=True, text=True,
                          timeout=600)


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _fill(path: Path, out: Path) -> Path:
    document = docx.Document(str(path))
    for paragraph in _paragraphs(document):
        text = paragraph.text
        for blank, value in FILLED:
            text = re.sub(blank, value, text)
        if text != paragraph.text:
            paragraph.text = text  # as typed over the blank in Word
    document.save(str(out))
    return out


def _report(path: Path) -> dict:
    result = run(path, "-f", "json")
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("draft")
    path = folder / "du-thao.docx"
    result = run("draft", "-p", "Lào Cai", "--period", "2026-2030", "-o", path)
    assert result.returncode == 0, result.stderr
    return path


def test_the_draft_filled_in_word_reaches_pass(draft, tmp_path):
    filled = _fill(draft, tmp_path / "ke-hoach.docx")
    report = _report(filled)
    assert report["plan"]["complete"] is True, report["plan"]
    assert report["summary"]["overall"] == "pass", [(f["rule_id"], f["verdict"]) for f in report["findings"]
                                         if f["verdict"] not in ("pass", "not_applicable")]
    # the lead of each group is the one typed in the draft, read where it stands
    g01 = next(f for f in report["findings"] if f["rule_id"] == "QD112-G01")
    assert g01["verdict"] == "pass"


def test_the_filled_draft_exported_to_pdf_reaches_pass(draft, tmp_path):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed: the PDF export is not checked")
    filled = _fill(draft, tmp_path / "ke-hoach.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(filled)],
                   capture_output=True, timeout=300, check=True)
    report = _report(tmp_path / "ke-hoach.pdf")
    assert report["plan"]["complete"] is True, report["plan"]
    assert report["summary"]["overall"] == "pass", [(f["rule_id"], f["verdict"]) for f in report["findings"]
                                         if f["verdict"] not in ("pass", "not_applicable")]


def test_the_unfilled_draft_passes_nothing_it_leaves_blank(draft):
    report = _report(draft)
    verdicts = {f["rule_id"]: f["verdict"] for f in report["findings"]}
    assert report["summary"]["overall"] != "pass"
    assert report["plan"]["complete"] is False and "chỗ để trống" in report["plan"]["source_note"]
    # the budget is only blanks: its part and its sources are for review, never a pass
    assert verdicts["QD112-S03"] == "needs_review" and verdicts["QD112-S05"] == "needs_review"


def test_a_copy_cut_before_its_closing_is_incomplete(draft, tmp_path):
    filled = _fill(draft, tmp_path / "ke-hoach.docx")
    document = docx.Document(str(filled))
    body = document.element.body
    cut = next(i for i, p in enumerate(document.paragraphs) if p.text.startswith("IV. TỔ CHỨC THỰC HIỆN"))
    for paragraph in document.paragraphs[cut:]:
        body.remove(paragraph._element)
    document.save(str(tmp_path / "ban-cat.docx"))
    report = _report(tmp_path / "ban-cat.docx")
    assert report["plan"]["complete"] is False and "bị cắt" in report["plan"]["source_note"]
    assert report["summary"]["overall"] != "pass"
    assert all(f["verdict"] != "fail" for f in report["findings"])  # what was cut is for review, not a failure


def test_a_group_the_reader_does_not_find_is_for_review_and_decides_once_a_person_has_the_plan_file(draft, tmp_path):
    """A whole document without the monitoring group: the reader's not finding it is no proof (the group
    may be worded in a way it does not know), so the document gets CẦN XEM XÉT saying what it would be;
    the plan file written from the document (``--extract``), which a person reads and corrects, decides."""
    filled = docx.Document(str(_fill(draft, tmp_path / "day-du.docx")))
    paragraphs = filled.paragraphs
    first = next(i for i, p in enumerate(paragraphs) if p.text.startswith("6. Kiểm tra, giám sát"))
    end = next(i for i, p in enumerate(paragraphs) if p.text.startswith("7. Hợp tác quốc tế"))
    for paragraph in paragraphs[first:end]:
        paragraph._p.getparent().remove(paragraph._p)
    document = tmp_path / "thieu-nhom.docx"
    filled.save(str(document))
    found = next(f for f in _report(document)["findings"] if f["rule_id"] == "QD112-G06")
    assert found["verdict"] == "needs_review"
    assert "bộ đọc không tìm thấy" in found["message"]["vi"] and "cần đối chiếu văn bản" in found["message"]["vi"]
    plan_file = tmp_path / "thieu-nhom.yaml"
    plan_file.write_text(run("--extract", document).stdout, encoding="utf-8")
    decided = next(f for f in _report(plan_file)["findings"] if f["rule_id"] == "QD112-G06")
    assert decided["verdict"] in ("fail", "warning") and "bộ đọc không tìm thấy" not in decided["message"]["vi"]
