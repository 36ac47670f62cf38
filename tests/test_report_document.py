"""The plan report is a document a reviewer signs: page 1 holds the identification, the overall
conclusion, every problem in one line (what to do next, where in the plan) and the reviewer's block;
the details follow; the rules passed or not applicable are an annex. Printed on A4 it is short,
with the check date, the versions and the page number on every page."""

import json
import re

import pytest
from printing import needs_printing, page_text, pages, print_pdf

from conftest import EXAMPLES, MINIMAL_PLAN

LANG_SON = EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml"
#: the three problems of Lạng Sơn (all CẦN XEM XÉT; QD112-G07, background knowledge only, asks for nothing)
LANG_SON_PROBLEMS = ("QD112-T01", "QD112-T07", "CTXH-L01")
EPOCH_2026 = "1767225600"  # 01/01/2026


@pytest.fixture
def lang_son_html(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026)
    target = tmp_path / "lang-son.html"
    assert cli(LANG_SON, "-o", target).exit_code == 0
    return target


def _positions(text: str, *needles: str) -> list[int]:
    found = [text.find(n) for n in needles]
    assert -1 not in found, [n for n, at in zip(needles, found, strict=True) if at == -1]
    return found


def test_html_sections_come_in_the_order_a_reviewer_signs_them(lang_son_html):
    html = lang_son_html.read_text(encoding="utf-8")
    body = html[html.index("<body>"):]
    conclusion, problems, reviewer, details, annex = _positions(
        body, 'id="conclusion"', 'id="problems"', 'id="reviewer"', 'id="details"', 'id="annex"')
    assert conclusion < problems < reviewer < details < annex
    # every problem is in the page-1 table, before the reviewer's block; none of the passes is
    table = body[problems:reviewer]
    assert all(rule in table for rule in LANG_SON_PROBLEMS)
    assert "QD112-T02" not in table and "KHÔNG ÁP DỤNG</span></td>" not in table
    # the passes and not-applicables are in the annex only, one row each
    assert body.count('id="QD112-T02-value"') == 1 and body.index('id="QD112-T02-value"') > annex
    assert "<thead>" in table  # a header repeated on every printed page
    assert "Cần:" not in table and "Dẫn 112/QĐ-TTg trong phần căn cứ" in table  # the next step, without its marker


def _quiet(cli) -> tuple[int, int, int]:
    """From the JSON report: (rules passed, rules not applicable, findings the terminal hides)."""
    findings = json.loads(cli(LANG_SON, "-f", "json").stdout)["findings"]
    worst = {}
    for f in findings:
        worst.setdefault(f["rule_id"], set()).add(f["verdict"])
    passed = sum(1 for v in worst.values() if v == {"pass"})
    not_applicable = sum(1 for v in worst.values() if v == {"not_applicable"})
    hidden = sum(1 for f in findings if f["verdict"] in ("pass", "not_applicable"))
    return passed, not_applicable, hidden


def test_markdown_and_text_follow_the_same_order(cli):
    md = cli(LANG_SON, "-f", "markdown").stdout
    _check_order(md, "## Kết luận chung: CẦN XEM XÉT", "## Các vấn đề cần xử lý (3)", "| Người thẩm định |",
                 "## Kết quả chi tiết", "## Phụ lục")
    text = cli(LANG_SON).stdout
    _check_order(text, "Kết luận chung: CẦN XEM XÉT", "Các vấn đề cần xử lý (3)", "Người thẩm định:",
                 "Kết quả chi tiết", f"{_quiet(cli)[2]} kết quả đạt hoặc không áp dụng không in ở đây; xem bằng --all.")


def _check_order(text: str, *headings: str) -> None:
    found = _positions(text, *headings)
    assert found == sorted(found), headings


def test_terminal_shows_problems_and_counts_and_everything_with_all(cli):
    default = cli(LANG_SON).stdout
    passed, not_applicable, hidden = _quiet(cli)
    assert f"ĐẠT: {passed}\n" in default and f"KHÔNG ÁP DỤNG: {not_applicable}\n" in default
    assert "[ĐẠT]" not in default and "[KHÔNG ÁP DỤNG]" not in default
    for number, rule in enumerate(LANG_SON_PROBLEMS, 1):
        assert re.search(rf"^{number}\. \[[^\]]+\] {rule}", default, re.M), rule
    assert "Vị trí trong kế hoạch: dòng 35" in default  # where the T01 target is in the plan file
    everything = cli(LANG_SON, "--all").stdout
    assert everything.startswith(default.split(f"{hidden} kết quả")[0])  # the same report, and then the annex
    assert f"Phụ lục: các kết quả đạt hoặc không áp dụng ({hidden})" in everything
    assert "[ĐẠT] QD112-T02 — Đến 2025: mỗi đơn vị" in everything and "[KHÔNG ÁP DỤNG] QD112-T08" in everything
    english = cli(LANG_SON, "--lang", "en").stdout
    assert "Problems to resolve (3)" in english and "see them with --all" in english


def test_a_plan_without_problems_says_so(cli, write_plan):
    from ctxh_compliance import check, load_plan, load_ruleset
    from ctxh_compliance.reports.report import render
    report = check(load_plan(write_plan(MINIMAL_PLAN)), load_ruleset("qd112_2021"))
    clean = report.model_copy(update={"findings": [f for f in report.findings if f.verdict.value == "pass"]})
    assert "Không có quy tắc nào không đạt, cảnh báo hoặc cần xem xét." in render(clean, "html")
    assert "No rule fails, warns or needs review." in render(clean, "text", "en")


def test_one_date_format_and_a_partly_blank_date_is_labelled(cli, write_plan, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026)
    lang_son = cli(LANG_SON).stdout
    assert "Ngày: “ngày tháng 4 năm 2022” (ngày chưa đầy đủ)" in lang_son
    assert "Kiểm tra ngày 01/01/2026" in lang_son
    dated = write_plan({**MINIMAL_PLAN, "identification": {**MINIMAL_PLAN["identification"], "date": "2022-04-15"}})
    for fmt in ("text", "markdown", "html"):
        out = cli(dated, "-f", fmt).stdout
        assert "15/04/2022" in out and "01/01/2026" in out, fmt
        assert not re.search(r"\b20\d\d-\d\d-\d\d\b", out), (fmt, re.findall(r"\b20\d\d-\d\d-\d\d\b", out))


@needs_printing
def test_lang_son_prints_on_at_most_four_a4_pages_with_everything_to_sign_on_page_1(lang_son_html, tmp_path):
    pdf = print_pdf(lang_son_html, tmp_path / "lang-son.pdf")
    count = pages(pdf)
    assert count <= 4, f"{count} pages"
    first = page_text(pdf, 1)
    flat = " ".join(first.split())
    assert "Kết luận chung: CẦN XEM XÉT" in flat
    for rule in LANG_SON_PROBLEMS:
        assert rule in first, rule
    assert "Người thẩm định" in first and "Ký tên" in first and "Ngày thẩm định" in first
    assert "Lạng Sơn · (chưa có số)" in first.splitlines()[0]  # the running header names the plan
    for page in range(1, count + 1):  # the running footer
        text = " ".join(page_text(pdf, page).split())
        assert f"{page}/{count}" in text, page
        assert "01/01/2026" in text and "ctxh-check" in text and "qd112_2021" in text, page


def test_each_problem_says_in_one_line_what_is_wrong_and_what_to_do(cli):
    yen_bai = cli(EXAMPLES / "yen_bai_article_2021-2030.yaml").stdout.split("Kết quả chi tiết")[0]
    assert ("1. [KHÔNG ĐẠT] QD112-T01 — Đến 2025: ít nhất 60% cơ quan, tổ chức, cơ sở, xã bố trí nhân sự làm công tác"
            " xã hội\n   Vấn đề: Kế hoạch đặt 40% cho năm 2025, thấp hơn yêu cầu quốc gia (tối thiểu 60%).\n"
            "   Cần làm: Nâng chỉ tiêu ít nhất bằng mức quốc gia.\n   Vị trí trong kế hoạch: dòng 29\n") in yen_bai
    nghe_an = cli(EXAMPLES / "nghe_an_3554-QD-UBND_plan_2012.yaml").stdout.split("Kết quả chi tiết")[0]
    # a long quoted heading keeps its first words; what is wrong is still said
    assert ("Vấn đề: Có nhóm nhiệm vụ “2.2. Đào tạo, đào tạo lại, bồi dưỡng …” nhưng không nêu cơ quan chủ trì.\n"
            "   Cần làm: Nêu cơ quan chủ trì (và cơ quan phối hợp) của nhóm nhiệm vụ.") in nghe_an
    dong_thap = cli(EXAMPLES / "dong_thap_176-KH-UBND_2021.yaml", "--lang", "en").stdout.split("Findings")[0]
    assert "To do: Read the full plan: this is missing, not passing." in dong_thap
    assert max(len(line) for line in dong_thap.splitlines() if line.startswith("   Problem:")) <= 200


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("plan", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_problem_of_the_examples_has_a_next_step_on_page_1(cli, plan, lang):
    """Population differences, parts or groups not found in an incomplete source, an old province name,
    a decision not cited: each row of page 1 says what to do, not only "for the reviewer to judge"."""
    result = cli(plan, "-f", "markdown", "--lang", lang)
    page_1 = result.stdout.split("#### ")[0]
    rows = [line for line in page_1.splitlines() if line.startswith("| **")]
    assert rows
    default = {"vi": "Người thẩm định xem xét.", "en": "For the reviewer to judge."}[lang]
    assert [row for row in rows if default in row] == []
