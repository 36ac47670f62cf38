"""A check's own report, saved as text or printed to PDF beside the plans, is never read as a plan: given
alone it is refused by name (exit 2); in a folder run it is left out, said so, and the plans around it are
checked as if it were not there."""

import shutil

import pytest
from conftest import EXAMPLES
from printing import needs_printing, print_pdf

PLAN = EXAMPLES / "lang_son_sldtbxh_2021-2025.docx"


def test_a_text_report_in_the_folder_is_left_out_and_the_plans_are_still_checked(cli, tmp_path):
    folder = tmp_path / "ke-hoach"
    folder.mkdir()
    shutil.copy(PLAN, folder / PLAN.name)
    for lang in ("vi", "en"):
        made = cli(PLAN, "--lang", lang, "-o", folder / f"bao-cao-{lang}.txt")
        assert made.exit_code == 0, made.stderr
    result = cli(folder, "-o", tmp_path / "out/")
    assert result.exit_code == 0  # the plan has no KHÔNG ĐẠT; the reports beside it fail nothing
    for lang in ("vi", "en"):
        assert f"bao-cao-{lang}.txt: BỎ QUA (báo cáo kết quả kiểm tra, không phải kế hoạch)" in result.stdout
        assert not (tmp_path / "out" / f"bao-cao-{lang}.txt").exists()  # no report of a report
    assert f"{PLAN.name}: CẦN XEM XÉT" in result.stdout
    assert (tmp_path / "out" / f"{PLAN.stem}.txt").is_file()


def test_a_folder_of_reports_only_is_refused_saying_why(cli, tmp_path):
    folder = tmp_path / "bao-cao"
    folder.mkdir()
    for lang in ("vi", "en"):
        assert cli(PLAN, "--lang", lang, "-o", folder / f"bao-cao-{lang}.txt").exit_code == 0
    result = cli(folder, "-o", tmp_path / "out/")
    assert result.exit_code == 2
    assert "bao-cao-vi.txt: đây là báo cáo kết quả kiểm tra" in result.stderr
    assert not (tmp_path / "out" / "summary.html").exists()  # no empty summary


@pytest.mark.parametrize("line", ["Tổ chức kiểm tra kết quả kiểm tra kế hoạch công tác xã hội hằng năm.",
                                  "Khắc phục tồn tại, hạn chế sau kết quả kiểm tra kế hoạch công tác xã hội"])
def test_a_plan_that_speaks_of_checking_is_still_read(cli, tmp_path, line):
    """Only a report's own title line makes a report: a plan's sentence or title about checks does not."""
    text = (EXAMPLES.parent / "tests" / "corpus" / "seeds" / "lang_son_sldtbxh_plan_2021-2025.txt").read_text(
        encoding="utf-8")
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(line + "\n" + text, encoding="utf-8")
    result = cli(plan)
    assert result.exit_code == 0, result.stderr
    assert "báo cáo kết quả kiểm tra" not in result.stderr


@needs_printing
def test_a_printed_report_is_refused_by_its_title(cli, tmp_path):
    html = tmp_path / "bao-cao.html"
    assert cli(PLAN, "-o", html).exit_code == 0
    pdf = print_pdf(html, tmp_path / "bao-cao.pdf")
    result = cli(pdf)
    assert result.exit_code == 2
    assert "bao-cao.pdf: đây là báo cáo kết quả kiểm tra" in result.stderr
    assert "Traceback" not in result.stderr
