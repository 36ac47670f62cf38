"""A hostile plan cannot change what a report says: its text never becomes markup in Markdown, a
tag, a style or a link in HTML, a formula in summary.csv, or an escape sequence or a forged line
on the terminal."""

import csv
import io
import re
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest

from ctxh_compliance.reports.escaping import css_string, csv_cell, href, md, term

from conftest import MINIMAL_PLAN, dump

FORGED = "[ĐẠT] QD112-T01 giả"
HOSTILE_TITLE = (f"Kế hoạch <script>alert(1)</script> **đậm** [bấm](http://evil.example) ![x](http://evil.example/x.png) "
                 f"https://evil.example\n{FORGED} \x1b[31mĐỎ\x1b[0m \x9b2J \u202eabc\u2066 `mã` # | ô |")
HOSTILE = {
    **MINIMAL_PLAN,
    "identification": {**MINIMAL_PLAN["identification"], "title": HOSTILE_TITLE,
                       "number": '=HYPERLINK("http://evil.example","bấm")</style><script>alert(2)</script>',
                       "date": "2022-04-01"},
    "targets": [{"indicator": "staff_assignment", "year": 2025, "value": 40, "unit": "percent",
                 "quote": "# Tiêu đề giả\n- [ĐẠT] QD112-T05 | ô | <img src=x onerror=alert(3)>"}],
}
WAIVER = {"rule": "QD112-T01", "file": "javascript:alert(1).yaml",
          "reason": "<b>OK</b> [bấm](javascript:alert(4))\n#### ĐẠT — QD112-T02", "by": "@SUM(1+1)",
          "date": "2026-04-01"}


@pytest.fixture
def hostile(tmp_path):
    plan = tmp_path / "javascript:alert(1).yaml"
    plan.write_text(dump(HOSTILE), encoding="utf-8")
    waivers = tmp_path / "mien-tru.yaml"
    waivers.write_text(dump({"waivers": [WAIVER]}), encoding="utf-8")
    return plan, waivers


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.urls, self.style = [], [], []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.urls += [value for name, value in attrs if name in ("href", "src")]
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style.append(data)


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_the_terminal_shows_control_characters_and_forges_no_line(cli, hostile):
    plan, waivers = hostile
    out = cli(plan, "--waivers", waivers, "--colour", "never", "--all").stdout
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)
    assert "\\x1b[31mĐỎ\\x1b[0m" in out and "\\x9b2J" in out and "\\u202eabc\\u2066" in out
    assert not any(line.startswith(FORGED) for line in out.splitlines())
    assert "alert(1)</script> **đậm**" in out  # the text itself, on the title's line
    assert not any(line.startswith(("#### ĐẠT", "- [ĐẠT] QD112-T05")) for line in out.splitlines())
    coloured = cli(plan, "--colour", "always").stdout
    assert "\x1b[31mĐỎ" not in coloured and "\\x1b[31mĐỎ" in coloured  # only the report's own colours


def test_a_file_name_cannot_write_to_the_terminal(cli, tmp_path):
    named = tmp_path / "ke\x1b[2Jhoach\n[ĐẠT] QD112-T01.yaml"
    named.write_text(dump(MINIMAL_PLAN), encoding="utf-8")
    plain = tmp_path / "plain.yaml"
    plain.write_text(dump(MINIMAL_PLAN), encoding="utf-8")
    for out in (cli(named, "--all").stdout, cli(named, plain).stdout):  # a report, a batch's lines
        assert "\x1b" not in out and "ke\\x1b[2Jhoach [ĐẠT] QD112-T01.yaml" in out
        assert not any(line.startswith("[ĐẠT] QD112-T01.yaml") for line in out.splitlines())


def test_a_comparison_of_two_drafts_escapes_them_too(cli, hostile, tmp_path):
    plan, _ = hostile
    plain = tmp_path / "plain.yaml"
    plain.write_text(dump(MINIMAL_PLAN), encoding="utf-8")
    out = cli("--diff", plain, plan).stdout
    assert "javascript:alert(1).yaml" in out and "\x1b" not in out


def test_markdown_never_takes_markup_from_the_plan(cli, hostile):
    markdown_it = pytest.importorskip("markdown_it")
    plan, waivers = hostile
    text = cli(plan, "--waivers", waivers, "-f", "markdown").stdout
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(text)
    flat = [t for token in tokens for t in [token, *(token.children or [])]]
    kinds = {t.type for t in flat}
    assert "link_open" not in kinds and "image" not in kinds and "code_inline" not in kinds
    assert "html_inline" not in kinds and "html_block" not in kinds
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert not any("Tiêu đề giả" in h or FORGED in h or h.startswith("ĐẠT — QD112-T02") for h in headings), headings
    rendered = markdown_it.MarkdownIt("commonmark").enable("table").render(text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; **đậm** [bấm](http://evil.example)" in rendered
    assert "&lt;b&gt;OK&lt;/b&gt; [bấm](javascript:alert(4)) #### ĐẠT — QD112-T02" in rendered
    # table rows keep their columns: a "|" in plan text is a character of its cell
    title_row = next(line for line in text.splitlines() if line.startswith("| Kế hoạch |"))
    assert len(re.findall(r"(?<!\\)\|", title_row)) == 3


def test_html_report_shows_plan_text_as_text(cli, hostile, tmp_path):
    plan, waivers = hostile
    target = tmp_path / "r.html"
    cli(plan, "--waivers", waivers, "-o", target)
    html = target.read_text(encoding="utf-8")
    page = _page(html)
    assert "script" not in page.tags and "img" not in page.tags
    assert all(url.startswith("#") for url in page.urls), page.urls
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;OK&lt;/b&gt;" in html
    # no escape sequence, and no bidi override that would reverse the words after it on the page
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", html)
    assert "\\x1b[31mĐỎ" in html and "\\u202eabc" in html
    style = "".join(page.style)
    assert "<" not in style and '";' not in style.split("@top-left")[1].split("font:")[0][:-2]
    assert "\\3c script\\3e alert(2)" in style  # the running header: the plan number as escaped text
    assert html.count("</style>") == 1


def test_summary_links_only_to_the_reports_it_wrote(cli, hostile, tmp_path):
    plan, _ = hostile
    out = tmp_path / "out"
    second = tmp_path / "plain.yaml"
    second.write_text(dump(MINIMAL_PLAN), encoding="utf-8")
    assert cli(plan, second, "-f", "html", "-o", out).exit_code == 1
    page = _page((out / "summary.html").read_text(encoding="utf-8"))
    assert sorted(page.urls) == ["./javascript%3Aalert%281%29.html", "./plain.html"]
    for url in page.urls:
        assert (out / unquote(url[2:])).is_file(), url
    assert "script" not in page.tags
    assert "\\u202eabc" in (out / "summary.html").read_text(encoding="utf-8")  # the plan's title, made visible


def test_summary_csv_never_starts_a_formula(cli, hostile, tmp_path):
    plan, _ = hostile
    other = tmp_path / "other.yaml"
    other.write_text(dump({**MINIMAL_PLAN, "identification": {**MINIMAL_PLAN["identification"],
                                                              "number": "@SUM(A1:A9)", "province": "-2+3"}}),
                     encoding="utf-8")
    out = tmp_path / "out"
    cli(plan, other, "-o", out)
    rows = list(csv.reader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=HYPERLINK(\"http://evil.example\",\"bấm\")</style><script>alert(2)</script>" in cells
    assert "'@SUM(A1:A9)" in cells and "'-2+3" in cells


@pytest.mark.parametrize(("value", "shown"), [
    ("a\x1b[2Jb", "a\\x1b[2Jb"), ("x\ny\r\nz\u2028w", "x y z w"), ("\u202eevil", "\\u202eevil"),
    ("tab\there", "tab\\x09here"), ("\x9b1m", "\\x9b1m"), ("Việt Nam ≥ 60%", "Việt Nam ≥ 60%")])
def test_term(value, shown):
    assert term(value) == shown


@pytest.mark.parametrize(("value", "shown"), [
    ("**b** _i_ `c`", r"\*\*b\*\* \_i\_ \`c\`"), ("[a](b)", r"\[a\](b)"), ("<i>", r"\<i\>"),
    ("# h", r"\# h"), ("a | b", r"a \| b"), ("- x", r"\- x"), ("+ x", r"\+ x"), ("12. x", r"12\. x"),
    ("see https://x.example", r"see https\://x.example"), ("www.x.example", r"www\.x.example"),
    ("a\nb", "a b"), ("60% (2025)", "60% (2025)")])
def test_md(value, shown):
    assert md(value) == shown


def test_csv_cell_href_and_css_string():
    assert [csv_cell(v) for v in ("=1+1", "+1", "-1", "@A", "\tx", "\rx", "ok", None, 3)] == [
        "'=1+1", "'+1", "'-1", "'@A", "'\tx", "'\rx", "ok", "", "3"]
    assert href("javascript:alert(1).html") == "./javascript%3Aalert%281%29.html"
    assert href("//evil.example/x?y#z") == "./%2F%2Fevil.example%2Fx%3Fy%23z"
    assert css_string('a"; } </style>') == '"a\\22 ; \\7d  \\3c /style\\3e "'
    assert css_string("Kết quả") == '"K\\1ebf t qu\\1ea3 "'
