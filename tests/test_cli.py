"""The command line as a user runs it: exit codes, formats, languages, output files."""

import json

from conftest import EXAMPLES, MINIMAL_PLAN

LANG_SON = EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml"


def test_plan_without_failure_exits_0_with_vietnamese_report(cli):
    result = cli(LANG_SON)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Kết quả kiểm tra kế hoạch công tác xã hội")
    assert "Kết luận chung: CẦN XEM XÉT" in out
    assert out.index("Tóm tắt") < out.index("Kết quả chi tiết")
    assert "\x1b[" not in out  # no colour when not on a terminal


def test_plan_with_failure_exits_1_and_lists_failures_first(cli, write_plan):
    plan = {**MINIMAL_PLAN, "targets": [{"indicator": "staff_assignment", "year": 2025, "value": 40, "unit": "percent"}]}
    result = cli(write_plan(plan))
    assert result.exit_code == 1
    first_finding = result.stdout.split("Kết quả chi tiết")[1].split("\n[")[1]
    assert first_finding.startswith("KHÔNG ĐẠT]")
    assert "KHÔNG ĐẠT: " in result.stdout


def test_english_report(cli):
    result = cli(LANG_SON, "--lang", "en", "--all")
    assert result.exit_code == 0
    assert result.stdout.startswith("Social-work plan check")
    assert "Overall: NEEDS REVIEW" in result.stdout
    assert "meeting the national requirement (at least 60%)" in result.stdout


def test_markdown_to_file(cli, tmp_path):
    target = tmp_path / "bao-cao.md"
    result = cli(LANG_SON, "--output", target)
    assert result.exit_code == 0 and result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Kết quả kiểm tra kế hoạch công tác xã hội")
    assert "### Chỉ tiêu cụ thể" in text and "| ĐẠT | **QD112-T01** Đến 2025" in text
    assert "`examples/" not in text or "lang_son_sldtbxh_2021-2025.yaml:" in text


def test_colour_only_when_asked_or_on_a_terminal(cli):
    assert "\x1b[" in cli(LANG_SON, "--colour", "always").stdout
    assert "\x1b[" not in cli(LANG_SON, "--colour", "never").stdout


def test_output_equal_to_input_is_refused(cli, write_plan):
    path = write_plan(MINIMAL_PLAN)
    before = path.read_bytes()
    result = cli(path, "--output", path)
    assert result.exit_code == 2 and "là một tệp đầu vào của lần chạy này" in result.stderr
    assert path.read_bytes() == before


def test_ruleset_override_and_unknown_ruleset(cli, write_plan):
    yen_bai = EXAMPLES / "yen_bai_article_2021-2030.yaml"
    by_title = cli(yen_bai)  # the article cites no decision: its title names the programme
    assert by_title.exit_code == 1 and "chọn theo “Chương trình phát triển công tác xã hội”" in by_title.stdout
    assert cli(yen_bai, "--ruleset", "qd112_2021").exit_code == 1
    nameless = {**MINIMAL_PLAN, "legal_bases": []}  # cites nothing, names no programme: the user must choose
    refused = cli(write_plan(nameless))
    assert refused.exit_code == 2 and "không dẫn quyết định nào mà công cụ có bộ quy tắc" in refused.stderr
    outside = {**MINIMAL_PLAN, "legal_bases": [], "period": {"start": 2012, "end": 2012},
               "identification": {**MINIMAL_PLAN["identification"],
                                  "title": "Kế hoạch thực hiện Chương trình phát triển công tác xã hội năm 2012"}}
    assert cli(write_plan(outside)).exit_code == 2  # the programme named, but its period does not meet 2012
    unknown = cli(LANG_SON, "--ruleset", "qd999")
    assert unknown.exit_code == 2 and "qd112_2021, qd32_2010" in unknown.stderr


def test_usage_errors_exit_2(cli):
    assert cli(LANG_SON, "--format", "xml").exit_code == 2
    no_plan = cli()
    assert no_plan.exit_code == 2 and "ctxh-check plan.yaml" in no_plan.stderr


def test_schema_is_json_schema_of_the_plan(cli):
    result = cli("--schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Plan"
    assert set(schema["required"]) == {"identification", "period"}
    assert "percent_increase" in json.dumps(schema)


def test_list_rulesets(cli):
    result = cli("--list-rulesets")
    assert result.exit_code == 0
    assert "qd112_2021\t112/QĐ-TTg" in result.stdout and "qd32_2010\t32/2010/QĐ-TTg" in result.stdout


def test_two_runs_give_byte_identical_reports(cli, tmp_path, monkeypatch):
    """Every format; an undated plan is judged at SOURCE_DATE_EPOCH's date when it is set."""
    yen_bai = EXAMPLES / "yen_bai_article_2021-2030.yaml"  # undated: judged at "today"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    for fmt in ("text", "markdown", "html", "json"):
        first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        cli(yen_bai, "-r", "qd112_2021", "-f", fmt, "-o", first)
        cli(yen_bai, "-r", "qd112_2021", "-f", fmt, "-o", second)
        assert first.read_bytes() == second.read_bytes(), fmt
    assert "01/01/2026" in (tmp_path / "a.text").read_text(encoding="utf-8")


def _command(*args: str, **kwargs):
    import subprocess
    import sys
    return subprocess.run([sys.executable, "-m", "ctxh_compliance", *map(str, args)], capture_output=True,
                          check=False, **kwargs)


def test_output_that_cannot_be_written_is_an_input_error_not_a_defect():
    import os
    import subprocess
    import sys
    if os.path.exists("/dev/full"):
        with open("/dev/full", "w") as full:
            result = subprocess.run([sys.executable, "-m", "ctxh_compliance", str(LANG_SON)], stdout=full,
                                    stderr=subprocess.PIPE, text=True, check=False)
        assert result.returncode == 2 and "stdout: không ghi được tệp kết quả" in result.stderr
    closed = subprocess.run([sys.executable, "-m", "ctxh_compliance", str(LANG_SON)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, check=False, pass_fds=(),
                            preexec_fn=lambda: os.close(1))
    assert closed.returncode == 2 and "đầu ra chuẩn đã bị đóng" in closed.stderr


def test_a_reader_that_stops_early_is_not_an_error():
    """`ctxh-check plan | true` (or `| grep -q`, or quitting `less`): the verdict's exit code, no
    traceback, no "internal error"."""
    import subprocess
    import sys
    check = subprocess.Popen([sys.executable, "-m", "ctxh_compliance", str(EXAMPLES / "yen_bai_article_2021-2030.yaml"),
                              "--ruleset", "qd112_2021", "--format", "json"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    check.stdout.close()  # the reader is gone before the report is written
    stderr = check.stderr.read().decode()
    assert check.wait() == 1 and stderr == ""


def test_a_broken_engine_build_is_exit_3_with_the_fix_not_a_verdict(tmp_path):
    """On Python 3.13 a durable-rules built without its define fails to load; that must never look like
    "the plan fails" (exit 1): exit 3, and the message says how to rebuild it."""
    import os
    import subprocess
    import sys
    fake = tmp_path / "durable_rules_engine.py"  # shadows the C extension, as a broken build would fail
    fake.write_text('raise ImportError("durable_rules_engine.so: undefined symbol: PyEval_CallObject")\n')
    result = subprocess.run([sys.executable, "-m", "ctxh_compliance", str(LANG_SON)], capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(tmp_path)}, check=False)
    assert result.returncode == 3, result.stderr
    assert "không nạp được bộ máy quy tắc durable-rules" in result.stderr
    assert "--no-cache-dir --no-binary durable-rules" in result.stderr and "Traceback" not in result.stderr


def test_version_and_short_help(cli):
    version = cli("--version")
    assert version.exit_code == 0 and version.stdout.startswith("ctxh-check ")
    assert "qd112_2021\t112/QĐ-TTg" in version.stdout and "qd32_2010\t32/2010/QĐ-TTg" in version.stdout
    assert cli("-V").stdout == version.stdout
    short = cli("-h")
    assert short.exit_code == 0 and "--version" in short.stdout and "--ruleset" in short.stdout
