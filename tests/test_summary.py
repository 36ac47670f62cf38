"""The summary a ministry reads: one row per plan, the plans × rules matrix by ruleset and section
with readable rule names, how many plans fail each rule; printable on A4 landscape without losing
a column; summary.csv in the words of the report language, naming each plan as the page does."""

import csv
import io
import re
import shutil
from html.parser import HTMLParser

import pytest
import yaml
from printing import dump_dom, info, needs_printing, page_text, pages, print_pdf

from conftest import EXAMPLES, dump

EPOCH_2026 = "1767225600"


def _copy(source, target, **identification) -> None:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["identification"].update(identification)
    target.write_text(dump(data), encoding="utf-8")


@pytest.fixture(scope="module")
def seven_plans(tmp_path_factory):
    """The five examples and two more: a copy of Lạng Sơn with a number and another province, a copy
    of Nghệ An (QĐ 32) with another number."""
    folder = tmp_path_factory.mktemp("plans")
    for example in EXAMPLES.glob("*.yaml"):
        shutil.copy(example, folder / example.name)
    _copy(EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml", folder / "cao_bang.yaml", province="Cao Bằng",
          number="99/KH-UBND")
    _copy(EXAMPLES / "nghe_an_3554-QD-UBND_plan_2012.yaml", folder / "nghe_an_2.yaml", number="12/KH-UBND")
    return folder


@pytest.fixture(scope="module")
def summary(seven_plans, tmp_path_factory):
    from typer.testing import CliRunner

    from ctxh_compliance.cli.main import app
    out = tmp_path_factory.mktemp("out")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH_2026)
        result = CliRunner().invoke(app, [str(seven_plans), "-f", "html", "-o", str(out)])
    assert result.exit_code == 1, result.stderr  # Yên Bái fails
    return out


def _rules_by_ruleset() -> dict[str, list]:
    from ctxh_compliance import load_ruleset
    return {name: load_ruleset(name).rules for name in ("qd112_2021", "qd32_2010")}


def _csv(path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


class _Cells(HTMLParser):
    """The text of each table row of the page."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_one_row_per_plan_named_as_in_the_csv(summary):
    rows = _csv(summary / "summary.csv")
    assert rows[0][:10] == ["Tỉnh", "Kế hoạch", "Ngày", "Đối chiếu với", "Kết luận chung",
                            "KHÔNG ĐẠT", "CẦN XEM XÉT", "CẢNH BÁO", "ĐẠT", "KHÔNG ÁP DỤNG"]
    plans = {(row[0], row[1]) for row in rows[1:-1]}
    assert ("Cao Bằng", "99/KH-UBND") in plans and ("Nghệ An", "12/KH-UBND") in plans
    assert ("Lạng Sơn", "lang_son_sldtbxh_2021-2025.yaml") in plans  # no số hiệu: the file name
    assert ("Đồng Tháp", "176/KH-UBND") in plans and len(plans) == 7
    html = (summary / "summary.html").read_text(encoding="utf-8")
    page = _Cells()
    page.feed(html)
    for province, plan in plans:  # the same identity in every matrix row of the page
        assert any(row and row[0] == f"{province} · {plan}" for row in page.rows), (province, plan)
    dates = {row[1]: row[2] for row in rows[1:-1]}
    assert dates["176/KH-UBND"] == "07/06/2021"
    assert dates["lang_son_sldtbxh_2021-2025.yaml"] == "“ngày tháng 4 năm 2022” (ngày chưa đầy đủ)"


def test_csv_speaks_the_report_language(summary, seven_plans, tmp_path):
    words = {"KHÔNG ĐẠT", "CẦN XEM XÉT", "CẢNH BÁO", "ĐẠT", "KHÔNG ÁP DỤNG", ""}
    rows = _csv(summary / "summary.csv")
    verdict_cells = [cell for row in rows[1:-1] for cell in [row[4], *row[10:]]]
    assert set(verdict_cells) <= words and "ĐẠT" in verdict_cells
    assert not any(code in verdict_cells for code in ("fail", "needs_review", "pass", "not_applicable"))
    from typer.testing import CliRunner

    from ctxh_compliance.cli.main import app
    assert CliRunner().invoke(app, [str(seven_plans), "-o", str(tmp_path), "--lang", "en"]).exit_code == 1
    english = _csv(tmp_path / "summary.csv")
    assert english[0][:2] == ["Province", "Plan"] and "NEEDS REVIEW" in {c for row in english for c in row}


def test_per_rule_fail_counts_are_the_same_in_the_csv_and_the_page(summary):
    rows = _csv(summary / "summary.csv")
    header, last = rows[0], rows[-1]
    assert last[1] == "Số kế hoạch KHÔNG ĐẠT"
    fails = {rule: int(n) for rule, n in zip(header[10:], last[10:], strict=True)}
    # Yên Bái sets 40% for 2025 where 60% is required: one plan fails QD112-T01
    assert fails["QD112-T01"] == 1 and fails["QD112-T05"] == 1 and fails["QD112-T02"] == 0
    for rule, n in fails.items():
        assert n == sum(row[header.index(rule)] == "KHÔNG ĐẠT" for row in rows[1:-1]), rule
    page = _Cells()
    page.feed((summary / "summary.html").read_text(encoding="utf-8"))
    shown = {}
    for at, row in enumerate(page.rows):
        if row and row[0] == "Số kế hoạch KHÔNG ĐẠT":
            heading = next(r for r in reversed(page.rows[:at]) if r and r[0].startswith("Tỉnh"))
            for title, count in zip(heading[1:], row[1:], strict=True):
                rule = re.search(r"([A-Z0-9]+-[A-Z]\d+)$", title).group(1)  # the id in small print under the name
                shown[rule] = shown.get(rule, 0) + int(count)
    assert shown == fails  # CTXH rules appear under both rulesets: the two tables add up to the CSV


def test_rule_columns_have_readable_names_and_a_legend(summary):
    html = (summary / "summary.html").read_text(encoding="utf-8")
    t01 = next(r for r in _rules_by_ruleset()["qd112_2021"] if r.id == "QD112-T01")
    assert '<span class="id">QD112-T01</span>' in html
    assert t01.title.vi[:30] in html.split("<h2>Các quy tắc</h2>")[0]  # its name heads its column
    assert f"<p><b>QD112-T01</b> {t01.title.vi}</p>" in html  # the legend


@needs_printing
def test_summary_prints_every_rule_column_on_a4_landscape(summary, tmp_path):
    pdf = print_pdf(summary / "summary.html", tmp_path / "summary.pdf")
    width, height = (float(x) for x in re.findall(r"[\d.]+", info(pdf)["Page size"])[:2])
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    count = pages(pdf)
    text = page_text(pdf)
    for name, rules in _rules_by_ruleset().items():
        for rule in rules:
            assert rule.id in text, (name, rule.id)
    for page in range(1, count + 1):
        assert f"{page}/{count}" in " ".join(page_text(pdf, page).split())


@needs_printing
def test_summary_fits_a_1200_pixel_screen(summary, tmp_path):
    page = tmp_path / "measured.html"
    measure = ("<script>document.body.setAttribute('data-overflow', "
               "String(document.documentElement.scrollWidth - document.documentElement.clientWidth))</script>")
    page.write_text((summary / "summary.html").read_text(encoding="utf-8").replace("</body>", measure + "</body>"),
                    encoding="utf-8")
    dom = dump_dom(page, 1200)
    overflow = re.search(r'data-overflow="(-?\d+)"', dom)
    assert overflow, dom[:500]
    assert int(overflow.group(1)) <= 0


def test_the_workbook_has_the_rows_of_the_csv_dates_as_dates_and_tells_two_versions_apart(cli, tmp_path):
    """summary.xlsx for Excel with Vietnamese settings: a sheet of plans with the rows of summary.csv (and
    the file name, which tells apart two versions of one plan), the plan × rule matrix, the rules."""
    import datetime as dt

    openpyxl = pytest.importorskip("openpyxl")
    plans, out = tmp_path / "plans", tmp_path / "out"
    plans.mkdir()
    for example in EXAMPLES.glob("*.yaml"):
        shutil.copy(example, plans / example.name)
    _copy(EXAMPLES / "dong_thap_176-KH-UBND_2021.yaml", plans / "dong_thap_ban_sua.yaml", date="2021-08-02")
    result = cli(plans, "-o", f"{out}/")
    assert result.exit_code == 1
    assert f"Đã ghi 6 báo cáo và bản tổng hợp vào {out}: summary.html, summary.xlsx, summary.csv" in result.stderr
    rows = _csv(out / "summary.csv")
    book = openpyxl.load_workbook(out / "summary.xlsx")
    assert book.sheetnames == ["Kế hoạch", "Kế hoạch × quy tắc", "Quy tắc"]
    sheet, grid, rules = book.worksheets
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    listed = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert len(listed) == len(rows) - 2 == 6  # the CSV's plan rows, between its header and its count row
    for csv_row, row in zip(rows[1:-1], listed, strict=True):
        province, plan, title, date, file, decision, overall, *counts = row
        assert [province, plan, decision, overall] == [csv_row[0], csv_row[1], csv_row[3], csv_row[4]]
        assert [str(n) for n in counts] == csv_row[5:10]
        assert file.endswith(".yaml") and title
    versions = [row for row in listed if row[1] == "176/KH-UBND"]
    assert {row[4] for row in versions} == {"dong_thap_176-KH-UBND_2021.yaml", "dong_thap_ban_sua.yaml"}
    assert {row[3] for row in versions} == {dt.datetime(2021, 6, 7), dt.datetime(2021, 8, 2)}  # dates, not text
    dated = [cell for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, dt.datetime)]
    assert dated and all(cell.number_format == "DD/MM/YYYY" for cell in dated)
    failing = next(cell for r in sheet.iter_rows(min_row=2) for cell in r if cell.value == "KHÔNG ĐẠT")
    assert failing.fill.fgColor.rgb.endswith("F8D0D0")  # verdicts coloured as in the reports
    header = [cell.value for cell in next(grid.iter_rows(max_row=1))]
    assert header[3:] == rows[0][10:]  # the same rule columns
    for csv_row, row in zip(rows[1:-1], grid.iter_rows(min_row=2), strict=False):
        assert [cell.value or "" for cell in row][3:] == csv_row[10:]
    assert {row[0].value for row in rules.iter_rows(min_row=2)} == set(rows[0][10:])
