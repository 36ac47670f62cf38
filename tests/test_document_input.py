"""A plan given as a document: `ctxh-check plan.txt|.docx` extracts and checks it in one go and
says how sure the extraction is; `--extract` writes the plan file for a person to correct."""

import os
import sys
from pathlib import Path

import pytest

from ctxh_compliance import load_plan

from conftest import EXAMPLES, ROOT, pdf_of

SEEDS = ROOT / "tests" / "corpus" / "seeds"
LANG_SON = SEEDS / "lang_son_sldtbxh_plan_2021-2025.txt"
YEN_BAI = SEEDS / "yen_bai_article_plan_2021-2030.txt"


def test_checking_a_text_document_reports_the_extraction(cli):
    result = cli(LANG_SON, "--all")
    assert result.exit_code == 0, result.stderr
    assert "Kế hoạch được đọc tự động từ văn bản:" in result.stdout
    assert "Không tìm thấy trong văn bản: thông tin văn bản › số hiệu." in result.stdout  # in words, no field path
    # parts the extractor does not read are never reported as missing from the plan
    assert "[KHÔNG ĐẠT]" not in result.stdout
    assert "Kế hoạch đặt 60% cho năm 2025, đạt yêu cầu quốc gia (tối thiểu 60%)." in result.stdout


def test_a_low_value_read_from_a_document_still_fails(cli):
    result = cli(YEN_BAI, "--ruleset", "qd112_2021", "--format", "json")
    assert result.exit_code == 1
    assert '"rule_id": "QD112-T01"' in result.stdout and '"verdict": "fail"' in result.stdout


def _line_of(path: Path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if fragment in line)


def _evidence(stdout: str, rule_id: str) -> list[dict]:
    import json
    return next(f["evidence"] for f in json.loads(stdout)["findings"] if f["rule_id"] == rule_id)


def test_evidence_from_a_text_document_points_at_its_own_line(cli):
    """The 60% target is reported at the line of the .txt that says it, not in a plan file the
    user never saw."""
    result = cli(LANG_SON, "--format", "json")
    assert result.exit_code == 0, result.stderr
    line = _line_of(LANG_SON, "Đến năm 2025, đạt 60% số cơ quan")
    assert [e["location"] for e in _evidence(result.stdout, "QD112-T01")] == [f"{LANG_SON}:{line}"]
    # a task group's evidence is the line of its heading
    heading = _line_of(LANG_SON, "Phát triển mạng lưới các cơ sở cung cấp dịch vụ công tác xã hội")
    assert f"{LANG_SON}:{heading}" in [e["location"] for e in _evidence(result.stdout, "QD112-G02")]
    text = cli(LANG_SON, "--all").stdout
    assert f"Kế hoạch: 60% (2025) — {LANG_SON}:{line}" in text
    assert ".yaml:" not in text  # no location in a YAML file


def test_extract_writes_a_plan_file_with_locations(cli, tmp_path):
    target = tmp_path / "lang-son.yaml"
    result = cli("--extract", LANG_SON, "-o", target)
    assert result.exit_code == 0
    assert "không tìm thấy: identification.number" in result.stderr
    text = target.read_text(encoding="utf-8")
    assert "# dòng" in text and ", high" in text
    plan = load_plan(target).plan
    assert {(t.indicator, t.year, t.value) for t in plan.targets} >= {("staff_assignment", 2025, 60.0),
                                                                       ("children_served", 2025, 85.0)}


def test_a_word_document_is_read(cli, tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in LANG_SON.read_text(encoding="utf-8").splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    path = tmp_path / "ke-hoach.docx"
    document.save(str(path))
    result = cli(path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"province": "Lạng Sơn"' in result.stdout and "đoạn" in result.stdout
    paragraphs = [line.strip() for line in LANG_SON.read_text(encoding="utf-8").splitlines() if line.strip()]
    number = next(n for n, text in enumerate(paragraphs, 1) if "Đến năm 2025, đạt 60% số cơ quan" in text)
    # what a user can search for in Word: the heading above the paragraph and its first words
    assert [e["location"] for e in _evidence(result.stdout, "QD112-T01")] == [
        f"{path} (đoạn {number}: dưới “2. Mục tiêu cụ thể:”, “- Đến năm 2025, đạt 60% số cơ …”)"]


def test_a_missing_reader_package_is_a_clear_input_error(cli, tmp_path, monkeypatch):
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(b"PK\x03\x04")
    # the document is read in a child process (a new interpreter, or a fork of this one): a "docx" package
    # that cannot be imported, first on its path
    fake = tmp_path / "fake" / "docx"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('docx')\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(fake.parent), os.environ.get("PYTHONPATH", "")]))
    # a reader forked from this process: the package cannot be imported here either
    monkeypatch.setitem(sys.modules, "docx", None)
    result = cli(path)
    assert result.exit_code == 2
    assert "cần cài gói Python “python-docx” để đọc tệp .docx (pip install python-docx)" in result.stderr


def test_a_document_that_is_not_a_plan_is_an_input_error(cli, tmp_path):
    path = tmp_path / "thu.txt"
    path.write_text("Kính gửi các đồng chí,\nxin mời họp.\n", encoding="utf-8")
    result = cli(path)
    assert result.exit_code == 2 and "văn bản này không phải kế hoạch thực hiện chương trình" in result.stderr




def test_a_pdf_document_is_read(cli, tmp_path):
    """A PDF written with a Unicode font, read back through pdfplumber, pages and lines located."""
    pytest.importorskip("pdfplumber")
    path = pdf_of(LANG_SON, tmp_path / "ke-hoach.pdf")
    result = cli(path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"province": "Lạng Sơn"' in result.stdout
    [location] = [e["location"] for e in _evidence(result.stdout, "QD112-T01")]
    assert location.startswith(f"{path} (trang ") and ", dòng " in location
    extracted = cli("--extract", path).stdout
    assert "# trang 1, dòng" in extracted and "staff_assignment" in extracted


def test_the_bundled_word_example_is_read_and_checked_by_the_plain_install(cli):
    """examples/*.docx: what a province sends, read without any optional package."""
    word = EXAMPLES / "lang_son_sldtbxh_2021-2025.docx"
    result = cli(word)
    assert result.exit_code == 0, result.stderr
    assert "Kết luận chung: CẦN XEM XÉT" in result.stdout and "Lạng Sơn" in result.stdout
