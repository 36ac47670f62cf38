"""The rules a report was judged by are the rules it names: a ruleset folder given with -r, or by a
configuration file, is reported with its own name, folder and fingerprint in every format, in
--version and in the batch summary, and the report says where the choice came from. A folder is
checked as a ruleset before anything in it is read; what a run reads is never its output."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

LANG_SON = EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml"


def _fingerprints(cli, *args) -> dict[str, str]:
    """Each ruleset line of --version: its folder (or name) -> its fingerprint."""
    result = cli(*args, "--version")
    assert result.exit_code == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()[1:]]
    return {(row[4] if len(row) > 4 else row[0].strip()): row[3] for row in rows}


@pytest.fixture
def modified(tmp_path) -> Path:
    """The bundled QĐ 112 ruleset copied into a folder and edited (one comment more)."""
    folder = tmp_path / "bo-quy-tac"
    shutil.copytree(ROOT / "rulesets" / "qd112_2021", folder)
    rules = folder / "rules-targets.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + "# sửa tại tỉnh\n", encoding="utf-8")
    return folder


def test_a_modified_ruleset_folder_is_named_with_its_own_folder_and_fingerprint_in_every_format(cli, modified):
    prints = _fingerprints(cli, "-r", modified)
    own, bundled = prints[str(modified.resolve())], prints["qd112_2021"]
    assert own != bundled
    for fmt in ("text", "markdown", "html"):
        result = cli(LANG_SON, "-r", modified, "-f", fmt)
        assert result.exit_code in (0, 1), result.stderr
        folder = str(modified.resolve()).replace("_", "\\_" if fmt == "markdown" else "_")  # Markdown escapes "_"
        assert folder in result.stdout and own in result.stdout, fmt
        assert bundled not in result.stdout, fmt
        assert "chọn bằng --ruleset" in result.stdout, fmt
    document = json.loads(cli(LANG_SON, "-r", modified, "-f", "json").stdout)
    assert document["ruleset_folder"] == str(modified.resolve())
    assert document["ruleset_fingerprint"] == own and document["ruleset_chosen"] == "--ruleset"


def test_a_plan_checked_by_its_citation_says_so_and_names_the_bundled_fingerprint(cli):
    bundled = _fingerprints(cli)["qd112_2021"]
    document = json.loads(cli(LANG_SON, "-f", "json").stdout)
    assert document["ruleset_fingerprint"] == bundled
    assert document["ruleset_folder"] is None and document["ruleset_chosen"] is None
    assert "chọn bằng --ruleset" not in cli(LANG_SON).stdout


def test_a_configuration_file_that_changes_the_ruleset_is_named_in_the_report(cli, modified, tmp_path, monkeypatch):
    plans = tmp_path / "ke-hoach"
    plans.mkdir()
    shutil.copy(LANG_SON, plans / "lang-son.yaml")
    config = plans / "ctxh.toml"
    config.write_text('ruleset = "../bo-quy-tac"\n', encoding="utf-8")
    monkeypatch.chdir(plans)
    result = cli("lang-son.yaml")
    assert result.exit_code in (0, 1), result.stderr
    assert f"chọn trong tệp cấu hình {config}" in result.stdout
    assert "--ruleset" not in result.stdout and str(modified.resolve()) in result.stdout
    document = json.loads(cli("lang-son.yaml", "-f", "json").stdout)
    assert document["ruleset_chosen"] == str(config)
    assert str(modified.resolve()) in _fingerprints(cli)  # --version names the configured folder too


def test_the_batch_summary_names_the_ruleset_folder_and_its_fingerprint(cli, modified, tmp_path):
    own = _fingerprints(cli, "-r", modified)[str(modified.resolve())]
    plans = tmp_path / "kh"
    plans.mkdir()
    for name in ("a", "b"):
        shutil.copy(LANG_SON, plans / f"{name}.yaml")
    result = cli(plans, "-r", modified, "-o", tmp_path / "out")
    assert result.exit_code in (0, 1), result.stderr
    summary = (tmp_path / "out" / "summary.html").read_text(encoding="utf-8")
    assert str(modified.resolve()) in summary and own in summary


def test_the_root_folder_as_a_ruleset_is_refused_at_once(tmp_path):
    done = subprocess.run([sys.executable, "-m", "ctxh_compliance", "-r", "/", str(LANG_SON)], capture_output=True,
                          timeout=20, check=False, cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode() == "/: thư mục này không phải một bộ quy tắc (không có decision.yaml); " \
                                   "các bộ có sẵn: qd112_2021, qd32_2010\n"
    assert done.stdout == b""


def test_a_ruleset_folder_of_too_many_entries_is_refused_before_its_files_are_read(cli, modified):
    for i in range(1_001):
        (modified / f"ghi-chu-{i}.txt").write_bytes(b"")
    result = cli(LANG_SON, "-r", modified)
    assert result.exit_code == 2
    assert f"{modified}: thư mục bộ quy tắc có hơn 1000 mục" in result.stderr and result.stdout == ""


def test_an_alias_bomb_in_a_ruleset_is_refused_with_its_place(cli, modified):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8))
    (modified / "rules-bom.yaml").write_text(bomb, encoding="utf-8")
    result = cli(LANG_SON, "-r", modified)
    assert result.exit_code == 2
    assert f"{modified.resolve()}/rules-bom.yaml:" in result.stderr
    assert "tệp có quá nhiều giá trị (giới hạn 20000)" in result.stderr and result.stdout == ""


def test_a_ruleset_file_that_is_a_fifo_is_refused_without_waiting(modified, tmp_path):
    (modified / "indicators.yaml").unlink()
    os.mkfifo(modified / "indicators.yaml")
    done = subprocess.run([sys.executable, "-m", "ctxh_compliance", "-r", str(modified), str(LANG_SON)],
                          capture_output=True, timeout=20, check=False, cwd=tmp_path)
    assert done.returncode == 2
    assert "indicators.yaml: không phải một tệp thường (FIFO)" in done.stderr.decode()


def test_a_draft_never_overwrites_the_ruleset_it_is_made_from(cli, modified):
    from typer.testing import CliRunner

    from ctxh_compliance.cli.draft import app
    decision = modified / "decision.yaml"
    before = decision.read_bytes()
    result = CliRunner().invoke(app, ["-p", "Lào Cai", "--period", "2026-2030", "-r", str(modified),
                                      "-o", str(decision)])
    assert result.exit_code == 2
    assert "tệp kết quả là một tệp đầu vào của lần chạy này" in result.stderr
    assert decision.read_bytes() == before


def test_a_configuration_file_in_a_folder_of_plans_is_not_checked_as_a_plan(cli, modified, tmp_path, monkeypatch):
    plans = tmp_path / "ke-hoach"
    plans.mkdir()
    for name in ("a", "b"):
        shutil.copy(LANG_SON, plans / f"{name}.yaml")
    (plans / ".ctxh.yaml").write_text(f"ruleset: {modified}\n", encoding="utf-8")
    monkeypatch.chdir(plans)
    result = cli(".")
    assert result.exit_code in (0, 1), result.stderr
    assert result.stdout.count("CẦN XEM XÉT") == 2 and ".ctxh.yaml" not in result.stdout + result.stderr
