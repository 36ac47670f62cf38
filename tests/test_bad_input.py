"""Malformed plans: each gives one located message per problem, in Vietnamese (English with
--lang en), and exit code 2 — never a traceback."""

import pytest

from conftest import EXAMPLES, MINIMAL_PLAN, dump

GOOD = dump(MINIMAL_PLAN)
TARGET = "targets:\n- {indicator: staff_assignment, year: 2025, value: 60, unit: percent}\n"

# (case id, file content, expected "line:column" or None, Vietnamese text, English text)
CASES = [
    ("yaml syntax", "identification: {title: x\nperiod: [\n", "2:7", "lỗi cú pháp YAML", "YAML syntax error"),
    ("tab indentation", "identification:\n\ttitle: x\n", "2:1", "ký tự tab", "a tab is used"),
    ("duplicate key", GOOD + "period: {start: 2021, end: 2025}\n", "10:1", "khóa “period” bị lặp lại", "appears twice"),
    ("wrong type", GOOD.replace("start: 2021", "start: năm 2021"), "8:10", "“thời kỳ › năm bắt đầu” phải là số nguyên",
     "must be a whole number"),
    ("missing field", GOOD.replace("  province: Lạng Sơn\n", ""), "2:3", "thiếu trường bắt buộc “thông tin văn bản › tỉnh”",
     "required field “identification › province” is missing"),
    ("unknown key", GOOD + "kinh_phi: 5\n", "10:1", "khóa không hợp lệ “kinh_phi” (trong phần gốc của tệp); "
     "các khóa được phép: identification",
     "unknown key “kinh_phi”"),
    ("percent over 100", GOOD + "targets:\n- {indicator: staff_assignment, year: 2025, value: 160, unit: percent}\n",
     "11:3", "tỷ lệ phần trăm 160 vượt quá 100", "percentage 160 is over 100"),
    ("negative value", GOOD + "targets:\n- {indicator: staff_assignment, year: 2025, value: -5, unit: percent}\n",
     "11:52", "“chỉ tiêu số 1 › giá trị” phải ≥ 0 (nhận được: -5)", "must be ≥ 0"),
    ("year out of range", GOOD.replace("end: 2025", "end: 2225"), "9:8", "“thời kỳ › năm kết thúc” phải ≤ 2100",
     "must be ≤ 2100"),
    ("end before start", GOOD.replace("end: 2025", "end: 2019"), "9:8", "năm kết thúc (2019) trước năm bắt đầu (2021)",
     "is before the start year"),
    ("bad choice", GOOD.replace("kind: phase", "kind: nam"), "4:9", "phải là một trong: annual, phase, programme",
     "must be one of"),
    ("bad date", GOOD.replace("  kind: phase\n", "  kind: phase\n  date: 31/12/2021\n"), "5:9",
     "phải là ngày dạng YYYY-MM-DD", "must be a date"),
    ("empty file", "", None, "tệp rỗng", "the file is empty"),
    ("only a comment", "# kế hoạch\n", None, "tệp rỗng", "the file is empty"),
    ("list at top level", "- a\n- b\n", "1:1", "nội dung gốc phải là một bảng", "the top level must be a mapping"),
    ("alias bomb", "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "1:4", "không dùng neo/tham chiếu YAML",
     "anchors/aliases"),
    ("deep nesting", "a: " + "[" * 200 + "]" * 200 + "\n", "1:53", "lồng nhau quá sâu", "nesting is too deep"),
    ("very deep nesting", "a: " + "[" * 50_000 + "]" * 50_000 + "\n", "1:53", "lồng nhau quá sâu", "nesting is too deep"),
    ("deep block nesting", "a:\n" + "- " * 50_000 + "x\n", "2:99", "lồng nhau quá sâu", "nesting is too deep"),
    ("tagged date that is not a date", GOOD.replace("  kind: phase\n", "  kind: phase\n  date: !!timestamp 2021\n"),
     "5:9", "không có thật", "does not exist"),
    ("impossible date", GOOD.replace("  kind: phase\n", "  kind: phase\n  date: 2026-13-45\n"), "5:9",
     "ngày “2026-13-45” không có thật", "does not exist"),
    ("not a leap day", GOOD.replace("- number: 112/QĐ-TTg", "- number: 112/QĐ-TTg\n  date: 2021-02-29"), "7:9",
     "ngày “2021-02-29” không có thật", "does not exist"),
    ("unknown indicator", GOOD + "targets:\n- {indicator: staff_asignment, year: 2025, value: 60, unit: percent}\n",
     "11:15", "chỉ tiêu “staff_asignment” không có trong bộ quy tắc qd112_2021", "is not in ruleset"),
    ("unknown task group", GOOD + "task_groups:\n- {heading: x, covers: [traning]}\n", "11:25",
     "nhóm nhiệm vụ “traning” không có", "task group “traning” is not"),
    ("no known legal basis", GOOD.replace("112/QĐ-TTg", "99/QĐ-UBND"), "6:1",
     "không dẫn quyết định nào mà công cụ có bộ quy tắc", "cite no decision that has a ruleset"),
    # YAML 1.1 and YAML 1.2 read these differently: where a number or true/false is expected, refused with the way to
    # write it (never 90 for 1:30, 1041 for 02021, true for yes)
    ("base 60", GOOD + TARGET.replace("value: 60", "value: 1:30"), "11:52",
     "“chỉ tiêu số 1 › giá trị”: YAML 1.1 đọc 1:30 là số cơ số 60 (90), YAML 1.2 đọc là văn bản; hãy viết 90, hoặc \"1:30\" "
     "nếu đó là văn bản", "“target 1 › value”: YAML 1.1 reads 1:30 as a base-60 number (90), YAML 1.2 as text; write 90, "
     "or \"1:30\" if it is text"),
    ("octal year", GOOD + TARGET.replace("year: 2025", "year: 02021"), "11:39",
     "“chỉ tiêu số 1 › năm”: 02021 có số 0 ở đầu nên YAML 1.1 đọc là số bát phân (1041), YAML 1.2 đọc là 2021; hãy viết 2021 "
     "(bỏ số 0 ở đầu), hoặc \"02021\" nếu đó là văn bản", "02021 has a leading zero, so YAML 1.1 reads it as an octal "
     "number (1041) and YAML 1.2 as 2021; write 2021 (no leading zero)"),
    ("octal start", GOOD.replace("start: 2021", "start: 02021"), "8:10", "“thời kỳ › năm bắt đầu”: 02021 có số 0 ở đầu",
     "write 2021 (no leading zero)"),
    ("0o octal", GOOD + TARGET.replace("value: 60", "value: 0o17"), "11:52",
     "YAML 1.2 đọc 0o17 là số bát phân (15), YAML 1.1 đọc là văn bản; hãy viết 15", "write 15, or \"0o17\" if it is text"),
    ("hexadecimal", GOOD + TARGET.replace("value: 60", "value: 0x3C"), "11:52",
     "“chỉ tiêu số 1 › giá trị”: 0x3C là số hệ mười sáu (60); tệp kế hoạch chỉ nhận số thập phân: hãy viết 60, hoặc \"0x3C\"",
     "0x3C is a hexadecimal number (60); plan files take decimal numbers only: write 60"),
    ("digit groups", GOOD + TARGET.replace("value: 60", "value: 1_000").replace("percent", "count"), "11:52",
     "“chỉ tiêu số 1 › giá trị”: YAML 1.1 đọc 1_000 là 1000 (dấu _ nhóm chữ số), YAML 1.2 đọc là văn bản; hãy viết 1000, hoặc "
     "\"1_000\"", "YAML 1.1 reads 1_000 as 1000 (_ groups digits), YAML 1.2 as text; write 1000"),
    ("digit groups in an amount", GOOD + "budget: {total: {amount: 20_644_000_000}}\n", "10:26",
     "“kinh phí › tổng › số tiền”: YAML 1.1 đọc 20_644_000_000 là 20644000000", "write 20644000000"),
    ("yes for true", GOOD + "source: {document: x, complete: yes}\n", "10:33",
     "“văn bản nguồn › đầy đủ”: YAML 1.1 đọc yes là true, YAML 1.2 đọc là văn bản; “văn bản nguồn › đầy đủ” nhận true "
     "hoặc false: hãy viết true",
     "“source › complete”: YAML 1.1 reads yes as true, YAML 1.2 as text; “source › complete” takes true or false: write true"),
    ("n for false", GOOD + "source: {document: x, complete: n}\n", "10:33", "YAML 1.1 đọc n là false", "write false"),
    ("off is not a kind", GOOD.replace("kind: phase", "kind: off"), "4:9",
     "“thông tin văn bản › loại kế hoạch” phải là một trong: annual, phase, programme (nhận được: off)", "(got: off)"),
]


@pytest.mark.parametrize("content,where,vi,en", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_plan_gives_located_message_and_exit_2(content, where, vi, en, cli, write_plan):
    path = write_plan(content)
    result = cli(path)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert vi in result.stderr
    assert result.stderr.startswith(f"{path}:{where}:" if where else f"{path}:")
    english = cli(path, "--lang", "en")
    assert english.exit_code == 2 and en in english.stderr


def test_only_the_unclear_value_is_reported_not_checks_on_a_guess(cli, write_plan):
    """1_000 as a percentage: one message, the way to write it — not also "1000 is over 100"."""
    result = cli(write_plan(GOOD + TARGET.replace("value: 60", "value: 1_000")))
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "hãy viết 1000" in result.stderr


@pytest.mark.parametrize("written", ["no", "yes", "off", "On", "y", "N", "1:30", "02021", "0x3C", "1_000", "0o17"])
def test_where_text_is_expected_the_plan_gets_the_text_written(written, write_plan):
    from ctxh_compliance import load_plan
    text = GOOD.replace("title: Kế hoạch thử", f"title: {written}").replace("  kind: phase\n",
                                                                          f"  kind: phase\n  number: {written}\n")
    plan = load_plan(write_plan(text)).plan
    assert plan.identification.title == written and plan.identification.number == written


def test_values_are_read_by_the_yaml_1_2_core_rules():
    import datetime as dt

    from ctxh_compliance.inputs.yaml_source import parse_yaml
    text = ("a: true\nb: FALSE\nc: ~\nd: Null\ne: 2026-03-25\nf: 60\ng: -5\nh: 0.5\ni: 1e-05\nj: 1.0e+16\nk: .inf\n"
            "l: '1:30'\nm: \"yes\"\nn: 0\no: =\np: nO\nq: 2026-03-25 10:00:00\n")
    data = parse_yaml(text, "t.yaml").data
    assert data == {"a": True, "b": False, "c": None, "d": None, "e": dt.date(2026, 3, 25), "f": 60, "g": -5, "h": 0.5,
                    "i": 1e-05, "j": 1e16, "k": float("inf"), "l": "1:30", "m": "yes", "n": 0, "o": "=", "p": "nO",
                    "q": dt.datetime(2026, 3, 25, 10)}
    assert [type(data[k]) for k in "fgh"] == [int, int, float]
    ambiguous = parse_yaml("a: 1:30\nb: [02021, no, 0x3C, 1_000, 'on']\n", "t.yaml")
    assert ambiguous.data == {"a": "1:30", "b": ["02021", "no", "0x3C", "1_000", "on"]}
    assert set(ambiguous.ambiguous) == {("a",), ("b", 0), ("b", 1), ("b", 2), ("b", 3)}


def test_explicit_tags_do_not_bring_back_yaml_1_1_numbers(cli, write_plan):
    result = cli(write_plan(GOOD + TARGET.replace("value: 60", "value: !!int 1:30")))
    assert result.exit_code == 2 and ":11:52: giá trị “1:30” không đọc được theo thẻ !!int" in result.stderr, result.stderr


def test_the_bundled_rulesets_and_examples_read_the_same_under_yaml_1_1():
    """Nothing in them is written in a way YAML 1.1 reads otherwise, so the stricter rules change nothing."""
    from conftest import ROOT

    from ctxh_compliance.inputs.yaml_source import load_yaml
    files = sorted((ROOT / "rulesets").rglob("*.yaml")) + sorted(EXAMPLES.glob("*.yaml"))
    assert len(files) > 10
    for path in files:
        assert load_yaml(path, allow_aliases=True).ambiguous == {}, path


def test_the_libyaml_loader_is_kept():
    import yaml

    from ctxh_compliance.inputs import yaml_source
    if getattr(yaml, "CSafeLoader", None):
        assert issubclass(yaml_source._Loader, yaml.CSafeLoader)


def test_several_problems_are_all_reported(cli, write_plan):
    content = GOOD.replace("start: 2021", "start: x").replace("kind: phase", "kind: y") + "extra: 1\n"
    result = cli(write_plan(content))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 3


def test_not_utf8_names_the_byte_and_its_place(cli, write_plan):
    # "Sơn" as Windows-1258 writes it: ơ is the single byte 0xF5
    path = write_plan(GOOD.encode("utf-8").replace("Sơn".encode(), b"S\xf5n"))
    result = cli(path)
    assert result.exit_code == 2
    assert f"{path}:3:" in result.stderr and "không phải văn bản UTF-8 (byte 0xf5)" in result.stderr


def test_utf16_is_refused_with_advice(cli, write_plan):
    result = cli(write_plan(GOOD.encode("utf-16")))
    assert result.exit_code == 2 and "UTF-16" in result.stderr


def test_binary_garbage_is_refused(cli, write_plan):
    result = cli(write_plan(b"\x00\x01\x02PK\x03\x04"))
    assert result.exit_code == 2 and "dữ liệu nhị phân" in result.stderr


def test_utf8_bom_is_accepted(cli, write_plan):
    result = cli(write_plan(b"\xef\xbb\xbf" + GOOD.encode("utf-8")))
    assert result.exit_code in (0, 1), result.stderr


def test_missing_file_and_directory(cli, tmp_path):
    missing = cli(tmp_path / "khong-co.yaml")
    assert missing.exit_code == 2 and "không tìm thấy tệp" in missing.stderr
    folder = cli(tmp_path)
    assert folder.exit_code == 2 and "thư mục" in folder.stderr


def test_oversized_file_is_refused_before_parsing(cli, write_plan, monkeypatch):
    from ctxh_compliance.inputs import gate as input_gate
    monkeypatch.setattr(input_gate, "MAX_BYTES", 100)
    result = cli(write_plan(GOOD + "#" * 200 + "\n"))
    assert result.exit_code == 2 and "tệp quá lớn" in result.stderr


def test_decomposed_vietnamese_is_normalised_to_nfc(cli, write_plan):
    import unicodedata
    nfd = unicodedata.normalize("NFD", GOOD.replace("112/QĐ-TTg", "112/QĐ-TTg"))
    assert nfd != GOOD
    result = cli(write_plan(nfd))
    assert result.exit_code == 1  # the plan loads, is recognised as QĐ 112 and fails on missing targets
    assert "Lạng Sơn" in result.stdout and unicodedata.is_normalized("NFC", result.stdout)


def test_unexpected_errors_exit_3_not_1(cli, write_plan, monkeypatch):
    """A defect must never look like "the plan fails" (exit 1)."""
    from ctxh_compliance.reports import report
    monkeypatch.setattr(report, "render", lambda *a, **k: 1 / 0)
    result = cli(write_plan(MINIMAL_PLAN))
    assert result.exit_code == 3 and "lỗi nội bộ không lường trước" in result.stderr


def test_report_file_is_readable_by_colleagues(cli, write_plan, tmp_path):
    import os
    import stat
    target = tmp_path / "r.txt"
    old = os.umask(0o022)
    try:
        cli(write_plan(MINIMAL_PLAN), "-o", target)
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@pytest.mark.parametrize("value,unit", [("0.00001", "percent"), ("1.0e+16", "count"), ("1e-05", "percent"),
                                        ("123456789012345678901", "count"), (".inf", "count"), (".nan", "percent")])
def test_numbers_of_every_shape_never_kill_the_process(value, unit, write_plan):
    """durable's JSON reader killed the process (signal 11) on "1e-05" and "1e+16"; the command is run
    as a separate process so that a crash is seen as one."""
    import subprocess
    import sys
    text = GOOD + f"targets: [{{indicator: staff_assignment, year: 2025, value: {value}, unit: {unit}}}]\n"
    result = subprocess.run([sys.executable, "-m", "ctxh_compliance", str(write_plan(text))],
                            capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1, 2), (result.returncode, result.stderr)
    if value in (".inf", ".nan"):
        assert result.returncode == 2 and ":10:" in result.stderr and "phải là một số hữu hạn" in result.stderr
    else:
        assert "QD112-T01" in result.stdout


@pytest.mark.parametrize("content,says", [
    (b"not json", "không đọc được báo cáo JSON"),
    (b'{"schema_version": "9.0"}', "schema_version"),
    (b"", "không đọc được báo cáo JSON"),
    (b"\xff\xfe{}", "UTF-16"),
])
def test_diff_with_a_bad_json_report_is_an_input_error(content, says, cli, tmp_path):
    good = tmp_path / "old.json"
    assert cli(EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml", "-o", good).exit_code == 0
    bad = tmp_path / "new.json"
    bad.write_bytes(content)
    result = cli("--diff", good, bad)
    assert result.exit_code == 2 and str(bad) in result.stderr and says in result.stderr, result.stderr


def test_a_file_named_pdf_that_is_not_a_pdf_is_an_input_error(cli, tmp_path):
    pytest.importorskip("pdfplumber")
    fake = tmp_path / "ke-hoach.pdf"
    fake.write_bytes(b"%PDF-1.4 but cut here")
    result = cli(fake)
    assert result.exit_code == 2 and "không đọc được tệp .pdf" in result.stderr


def test_a_quoted_yes_is_not_taken_for_true(cli, write_plan):
    """`complete: "yes"` is text: it does not silently say the source is complete."""
    text = GOOD + 'source: {document: "bài báo", complete: "yes"}\n'
    result = cli(write_plan(text))
    assert result.exit_code == 2 and "“văn bản nguồn › đầy đủ” phải là true hoặc false (nhận được: yes)" in result.stderr
