"""The command line speaks Vietnamese by default, everywhere: its help page, its usage errors, and every
message about a bad plan (YAML, the plan's fields, the operating system), with English under --lang en.
Plus the conventions of a command-line tool: "-" for standard input, "-o folder/", report suffixes,
comma lists for --select/--skip, unmatched waivers."""

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, MINIMAL_PLAN, ROOT, dump

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
LANG_SON = EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml"

#: what the libraries say in English when their messages leak through
ENGLISH = ("Usage:", "Options:", "Arguments:", "Error:", "Invalid value", "Field required", "should be", "Input should",
           "found unexpected", "expected", "Errno", "Permission denied", "No such file", "Is a directory", "default:",
           "Try '", "No such option", "Missing argument", "Missing option", "got ", "requires an argument",
           "Show this message", "is not one of", "does not match the format", "<list[", "<str>", "<path>")


def english_in(text: str, *paths) -> list[str]:
    for path in paths:  # a file's own name may hold a word of the list ("expected.yaml")
        text = text.replace(str(path), "")
    return [phrase for phrase in ENGLISH if phrase in text]


def run(*args, stdin=None, cwd=None, input_bytes=None, env=None):
    """The command as a user runs it, in a process of its own."""
    return subprocess.run([sys.executable, "-m", "ctxh_compliance", *map(str, args)], cwd=cwd or ROOT,
                          input=input_bytes, stdin=stdin, capture_output=True, timeout=60,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.yaml")))
def test_every_bad_input_is_told_in_vietnamese(name, cli):
    path = CORPUS / name
    result = cli(path)
    assert result.exit_code in (0, 1, 2), result.stderr
    leaked = english_in(result.stdout + result.stderr, path)
    assert not leaked, (leaked, result.stderr)


def test_bad_inputs_in_english_with_lang_en():
    result = run(CORPUS, "--lang", "en", "--no-config")
    assert result.returncode == 2
    err = result.stderr.decode()
    assert "missing-period.yaml:1:1: required field “period” is missing (key period)" in err
    assert "syntax-unclosed-quote.yaml:4:1: YAML syntax error: the quoted string opened on line 2 is not closed" in err
    assert "type-value-text.yaml:11:52: “target 1 › value” must be a number (got: sáu mươi)" in err
    assert "impossible-date.yaml:5:9: the date “2026-13-45” does not exist" in err


# (arguments, exit code, Vietnamese fragment, English fragment); {tmp} is a fresh folder
MISUSE = [
    (["--bogus", LANG_SON], 2, "--bogus: không có tùy chọn này", "--bogus: there is no such option"),
    (["--selct", "QD112-T01", LANG_SON], 2, "có phải ý bạn là --select?", "did you mean --select?"),
    ([LANG_SON, "--ruleset"], 2, "--ruleset: tùy chọn này cần một giá trị", "--ruleset: this option needs a value"),
    ([LANG_SON, "--as-of", "2026-13-01"], 2, "--as-of: “2026-13-01” không phải một ngày dạng YYYY-MM-DD",
     "--as-of: “2026-13-01” is not a date written YYYY-MM-DD"),
    ([LANG_SON, "--colour", "xanh"], 2, "giá trị “xanh” không hợp lệ; chọn một trong: auto, always, never",
     "invalid value “xanh”; choose one of: auto, always, never"),
    ([LANG_SON, "--fail-on", "sometimes"], 2, "giá trị “sometimes” không hợp lệ", "invalid value “sometimes”"),
    (["{tmp}/khong-co.yaml"], 2, "khong-co.yaml: không tìm thấy tệp", "khong-co.yaml: file not found"),
    (["{tmp}"], 2, "thư mục không có kế hoạch nào", "the folder holds no plan"),
    ([], 2, "cần chỉ ra tệp kế hoạch", "give a plan file"),
    ([LANG_SON, "--select", "QD112-T99"], 2, "không có quy tắc nào khớp “QD112-T99”; mã gần nhất: QD112-T0",
     "no rule matches “QD112-T99”; the closest id: QD112-T0"),
    ([LANG_SON, "-o", "{tmp}/bao-cao.pdf"], 2, "không ghi được báo cáo vào tệp đuôi “.pdf”; các đuôi được phép: .txt",
     "cannot write a report to a “.pdf” file; allowed suffixes: .txt"),
    (["-h"], 0, "Cách dùng: ctxh-check [TÙY CHỌN] [KẾ HOẠCH]...", "Usage: ctxh-check [OPTIONS] [PLANS]..."),
    (["--help"], 0, "Tùy chọn:", "Options:"),
]


@pytest.mark.parametrize("args,code,vi,en", MISUSE, ids=[" ".join(str(a) for a in m[0])[-40:] or "nothing" for m in MISUSE])
def test_misuse_is_told_in_the_users_language(args, code, vi, en, cli, tmp_path):
    args = [str(a).replace("{tmp}", str(tmp_path)) for a in args]
    result = cli(*args)
    assert result.exit_code == code, result.stderr
    both = result.stdout + result.stderr
    assert vi in both, both
    assert not english_in(both, tmp_path), both
    if code == 2:
        assert "Xem hướng dẫn: ctxh-check -h" in result.stderr or ": " in result.stderr
    english = cli("--lang", "en", *args)
    assert english.exit_code == code and en in english.stdout + english.stderr, english.stderr


def test_help_is_vietnamese_and_english_with_lang_en(cli):
    help_vi = cli("-h").stdout
    assert "Đối số:" in help_vi and "Tùy chọn:" in help_vi and "[mặc định: vi]" in help_vi
    assert "--lang vi|en" in help_vi and "In hướng dẫn này rồi thoát" in help_vi
    assert "[default:" not in help_vi and "<list[" not in help_vi
    help_en = cli("--lang", "en", "--help").stdout
    assert "Arguments:" in help_en and "Options:" in help_en and "[default: vi]" in help_en
    assert "Show this help and exit" in help_en and "Tùy chọn" not in help_en


def test_version_still_works(cli):
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.startswith("ctxh-check ")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_permission_denied_is_vietnamese(tmp_path):
    locked = tmp_path / "khoa.yaml"
    locked.write_text(dump(MINIMAL_PLAN), encoding="utf-8")
    locked.chmod(0)
    result = run(locked)
    assert result.returncode == 2
    assert "khoa.yaml: không có quyền đọc tệp" in result.stderr.decode()
    assert not english_in(result.stderr.decode(), tmp_path)


@pytest.mark.parametrize("number,vi,en", [
    ("EIO", "không đọc được tệp (lỗi đọc/ghi của ổ đĩa)", "(a disk input/output error)"),
    ("EACCES", "không có quyền đọc tệp", "permission denied"),
    ("ENAMETOOLONG", "tên tệp quá dài", "file name too long"),  # the input gate says how long
])
def test_an_unreadable_file_is_told_by_its_error_number(number, vi, en, cli, tmp_path, monkeypatch):
    import errno
    path = tmp_path / "ke-hoach.yaml"
    path.write_text(dump(MINIMAL_PLAN), encoding="utf-8")

    def broken(*args, **kwargs):
        raise OSError(getattr(errno, number), os.strerror(getattr(errno, number)))
    monkeypatch.setattr("ctxh_compliance.inputs.gate._open", broken)  # where the input gate opens a file
    result = cli(path)
    assert result.exit_code == 2
    assert f"ke-hoach.yaml: {vi}" in result.stderr
    assert not english_in(result.stderr, tmp_path) and os.strerror(getattr(errno, number)) not in result.stderr
    assert en in cli(path, "--lang", "en").stderr


# --- values as written, invisible characters, locations ----------------------------------------------
def test_values_are_shown_as_written(cli, write_plan):
    plan = dump(MINIMAL_PLAN) + "targets:\n- {indicator: staff_assignment, year: 2025, value: 60, unit: percent, " \
                                "comparison: true}\n"
    result = cli(write_plan(plan))
    assert result.exit_code == 2
    assert "“chỉ tiêu số 1 › cách so sánh” phải là một trong: at_least, exactly, about, at_most (nhận được: true)" \
        in result.stderr
    start = cli(write_plan(dump(MINIMAL_PLAN).replace("start: 2021", "start: 2021.50")))
    assert "“thời kỳ › năm bắt đầu” phải là số nguyên (nhận được: 2021.50)" in start.stderr
    octal = cli(write_plan(dump(MINIMAL_PLAN).replace("start: 2021", "start: 02021")))
    assert "02021" in octal.stderr and "nhận được: 1041" not in octal.stderr


def test_invisible_characters_are_shown_as_escapes(cli, write_plan):
    result = cli(write_plan(dump(MINIMAL_PLAN) + "kinh\u200bphi: 5\n"))
    assert result.exit_code == 2
    assert "khóa không hợp lệ “kinh\\u200bphi” (trong phần gốc của tệp)" in result.stderr
    assert "\u200b" not in result.stderr


def test_a_control_character_is_located(cli, write_plan):
    path = write_plan(dump(MINIMAL_PLAN).replace("Kế hoạch thử", "Kế hoạch\x01 thử"))
    result = cli(path)
    assert result.exit_code == 2
    assert f"{path}:2:18: ký tự điều khiển U+0001 không được phép trong tệp văn bản; hãy xóa nó" in result.stderr


# --- standard input -------------------------------------------------------------------------------------
def test_dash_reads_the_plan_from_standard_input():
    result = run("-", "--format", "json", "--no-config", input_bytes=LANG_SON.read_bytes())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["plan"]["file"] == "<stdin>"
    bad = run("-", "--no-config", input_bytes=b"identification: {title: x\nperiod: [\n")
    assert bad.returncode == 2
    assert bad.stderr.decode().startswith("<stdin>:2:7: lỗi cú pháp YAML")


def test_standard_input_in_a_batch_is_reported_as_stdin(tmp_path):
    out = tmp_path / "tham-dinh"
    result = run("-", EXAMPLES / "dong_thap_176-KH-UBND_2021.yaml", "-o", f"{out}/", "--no-config",
                 input_bytes=LANG_SON.read_bytes())
    assert result.returncode in (0, 1), result.stderr
    assert (out / "stdin.txt").read_text(encoding="utf-8").startswith("Kết quả kiểm tra")
    assert "<stdin>" in result.stdout.decode()


def test_help_from_the_installed_command():
    result = run("-h")
    assert result.returncode == 0
    assert result.stdout.decode().startswith("Cách dùng: ctxh-check [TÙY CHỌN] [KẾ HOẠCH]...")
    assert "-r, --ruleset BỘ_QUY_TẮC" in result.stdout.decode()


def test_standard_input_is_bounded_like_a_file():
    result = run("-", "--no-config", input_bytes=b"# " + b"x" * (6 * 1024 * 1024) + b"\n")
    assert result.returncode == 2
    assert "<stdin>: đầu vào quá lớn (hơn 5242880 byte); đã dừng đọc" in result.stderr.decode()


def test_dash_on_a_terminal_is_a_message_not_a_wait():
    leader, follower = pty.openpty()
    try:
        result = run("-", "--no-config", stdin=follower)
    finally:
        os.close(leader)
        os.close(follower)
    assert result.returncode == 2
    assert "<stdin>: “-” đọc kế hoạch từ đầu vào chuẩn, nhưng không có gì được chuyển vào" in result.stderr.decode()


# --- output files ---------------------------------------------------------------------------------------
def test_unknown_report_suffix_is_refused_and_nothing_is_written(cli, tmp_path):
    target = tmp_path / "bao-cao.pdf"
    result = cli(LANG_SON, "-o", target)
    assert result.exit_code == 2 and not target.exists()
    assert ".txt, .text, .md, .markdown, .html, .htm, .json" in result.stderr
    bare = cli(LANG_SON, "-o", tmp_path / "bao-cao")
    assert bare.exit_code == 2 and "tệp báo cáo cần một đuôi: .txt" in bare.stderr and not (tmp_path / "bao-cao").exists()
    mismatch = cli(LANG_SON, "-f", "json", "-o", tmp_path / "bao-cao.html")
    assert mismatch.exit_code == 2 and "không khớp định dạng json" in mismatch.stderr


def test_the_suffix_chooses_the_format(cli, tmp_path):
    target = tmp_path / "bao-cao.json"
    assert cli(LANG_SON, "-o", target).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["plan"]["province"]


def test_several_plans_need_a_folder_not_a_report_file(cli, tmp_path):
    result = cli(LANG_SON, EXAMPLES / "dong_thap_176-KH-UBND_2021.yaml", "-o", tmp_path / "bao-cao.html")
    assert result.exit_code == 2 and "--output phải là một thư mục" in result.stderr
    assert not (tmp_path / "bao-cao.html").exists()


def test_output_folder_gets_a_report_named_after_the_plan(cli, tmp_path):
    new = tmp_path / "moi"
    result = cli(LANG_SON, "-o", f"{new}/", "-f", "html")
    assert result.exit_code == 0, result.stderr
    assert new.is_dir() and (new / "lang_son_sldtbxh_2021-2025.html").read_text(encoding="utf-8").startswith("<!")
    existing = tmp_path / "co-san"
    existing.mkdir()
    assert cli(LANG_SON, "-o", existing).exit_code == 0
    assert [p.name for p in existing.iterdir()] == ["lang_son_sldtbxh_2021-2025.txt"]


# --- rule lists -----------------------------------------------------------------------------------------
def test_select_takes_a_comma_list_in_any_case(cli):
    result = cli(LANG_SON, "--select", "qd112-t01,QD112-T02", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert {f["rule_id"] for f in json.loads(result.stdout)["findings"]} == {"QD112-T01", "QD112-T02"}
    prefix = cli(LANG_SON, "--select", "qd112-t*", "--skip", "qd112-t01", "--format", "json")
    ids = {f["rule_id"] for f in json.loads(prefix.stdout)["findings"]}
    assert ids and "QD112-T01" not in ids and all(i.startswith("QD112-T") for i in ids)


# --- waivers --------------------------------------------------------------------------------------------
def test_a_waiver_that_matches_no_plan_is_reported(cli, tmp_path):
    waivers = tmp_path / "mien-tru.yaml"
    waivers.write_text(dump({"waivers": [
        {"rule": "QD112-T01", "file": "lang_son_sldtbxh_2021-2025.yaml", "reason": "Lộ trình riêng", "by": "A",
         "date": "2026-04-01"},
        {"rule": "QD112-T02", "plan": "99/KH-UBND", "province": "Hà Giang", "reason": "Lộ trình riêng", "by": "A",
         "date": "2026-04-01"}]}), encoding="utf-8")
    single = cli(LANG_SON, "--waivers", waivers)
    assert single.exit_code == 0
    assert f"{waivers}:7:3: cảnh báo: miễn trừ cho quy tắc QD112-T02 không khớp kế hoạch nào được kiểm tra" \
        in single.stderr
    assert "QD112-T01" not in single.stderr
    batch = cli(LANG_SON, EXAMPLES / "cao_bang_ubnd_2021-2025.yaml", "--waivers", waivers, "--lang", "en")
    assert f"{waivers}:7:3: warning: the waiver for rule QD112-T02 matches none of the plans checked" in batch.stderr


@pytest.mark.parametrize("content,where,vi", [
    ("x: [\n", "2:1", "tệp kết thúc khi giá trị chưa viết xong"),
    ("x: [a, b\ny: 2\n", "2:2", "thiếu “]” đóng danh sách mở bằng “[” ở dòng 1"),
    ("a: \"x\n", "2:1", "chuỗi trong dấu ngoặc kép mở ở dòng 1 chưa được đóng"),
    ("a: \"b\\q\"\n", "1:6", "mã thoát không hợp lệ"),
    ("a: @x\n", "1:4", "ký tự “@” không thể mở đầu một giá trị"),
    ("a: !!python/object:os.system x\n", "1:4", "thẻ YAML (“!”, “!!”) không được dùng"),
    ("- a\nb: c\n", "2:1", "thụt lề không khớp"),
    ("a: b # c\nd\n", "3:1", "thiếu dấu “:” sau khóa"),
])
def test_yaml_syntax_errors_are_told_by_kind(content, where, vi, cli, write_plan):
    path = write_plan(content)
    result = cli(path)
    assert result.exit_code == 2
    assert f"{path}:{where}: " in result.stderr and vi in result.stderr, result.stderr
    assert not english_in(result.stderr, path)


def test_a_document_that_is_not_a_plan_is_told_in_the_users_language(cli, tmp_path):
    # (a document that cites a decision but does not say its period is checked: see test_documents.py)
    document = tmp_path / "ke-hoach.txt"
    document.write_text("KẾ HOẠCH\nTổ chức hội nghị tổng kết công tác năm\n", encoding="utf-8")
    result = cli(document)
    assert result.exit_code == 2
    assert "văn bản này không phải kế hoạch thực hiện chương trình, đề án nào" in result.stderr
    assert not english_in(result.stderr, tmp_path), result.stderr
    assert "this document is not a plan implementing a programme" in cli(document, "--lang", "en").stderr


def test_a_bad_language_is_told_in_vietnamese(cli):
    result = cli(LANG_SON, "--lang", "fr")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "--lang: giá trị “fr” không hợp lệ; chọn một trong: vi, en\nXem hướng dẫn: ctxh-check -h\n"


def test_a_file_that_is_not_a_report_is_told_in_the_users_language(cli, tmp_path):
    broken, other = tmp_path / "cu.json", tmp_path / "moi.json"
    broken.write_text('{"a": ', encoding="utf-8")
    other.write_text('{"a": 1}', encoding="utf-8")
    result = cli("--diff", broken, other)
    assert result.exit_code == 2
    assert "cu.json: không đọc được báo cáo JSON của ctxh-check (phiên bản 1.x): tệp không phải JSON hợp lệ" in result.stderr
    assert not english_in(result.stderr, tmp_path)
    assert "required field “generator” is missing" in cli("--diff", other, broken, "--lang", "en").stderr


def test_a_broken_ruleset_folder_is_told_in_vietnamese(cli, tmp_path):
    import shutil
    folder = tmp_path / "bo-quy-tac"
    shutil.copytree(ROOT / "rulesets" / "qd112_2021", folder)
    rules = folder / "rules-targets.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("severity:", "severty:", 1), encoding="utf-8")
    result = cli(LANG_SON, "-r", folder)
    assert result.exit_code == 2
    assert "khóa không hợp lệ “severty”" in result.stderr and "thiếu trường bắt buộc" in result.stderr
    assert not english_in(result.stderr, tmp_path), result.stderr
