"""The configuration file (ctxh.toml or .ctxh.yaml): found in the working folder or a parent, up to a
.git folder; paths relative to the file; the command line wins; a broken file is exit 2 with file:line."""

import json

from conftest import EXAMPLES, dump

LANG_SON = EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml"
WAIVER = {"rule": "QD112-T01", "file": "lang_son_sldtbxh_2021-2025.yaml", "reason": "Lộ trình riêng", "by": "A",
          "date": "2026-04-01"}


def test_settings_from_ctxh_toml_in_a_parent_folder(cli, tmp_path, monkeypatch):
    (tmp_path / "ctxh.toml").write_text('lang = "en"\nfail-on = ["fail", "needs_review"]\nformat = "json"\n',
                                        encoding="utf-8")
    work = tmp_path / "ho-so" / "2026"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    result = cli(LANG_SON)
    assert result.exit_code == 1  # needs_review fails the run, as the file says
    assert json.loads(result.stdout)["plan"]["province"] == "Lạng Sơn"
    assert cli(LANG_SON, "--fail-on", "fail", "--format", "text").stdout.startswith("Social-work plan check")
    assert cli(LANG_SON, "--lang", "vi", "-f", "text").stdout.startswith("Kết quả kiểm tra")  # the command line wins
    assert cli(LANG_SON, "--no-config").stdout.startswith("Kết quả kiểm tra")
    assert "[default: en]" in cli("-h").stdout  # the help page shows the file's settings, in its language


def test_paths_are_relative_to_the_configuration_file(cli, tmp_path, monkeypatch):
    (tmp_path / "mien-tru.yaml").write_text(dump({"waivers": [WAIVER]}), encoding="utf-8")
    (tmp_path / ".ctxh.yaml").write_text("waivers: mien-tru.yaml\noutput: bao-cao/\nformat: json\n", encoding="utf-8")
    work = tmp_path / "con"
    work.mkdir()
    monkeypatch.chdir(work)
    result = cli(LANG_SON, "--fail-on", "fail")
    assert result.exit_code == 0, result.stderr
    report = json.loads((tmp_path / "bao-cao" / "lang_son_sldtbxh_2021-2025.json").read_text(encoding="utf-8"))
    assert any(f["waiver"] for f in report["findings"] if f["rule_id"] == "QD112-T01")
    listing = cli("--list-rulesets")  # the file's output is for reports: a listing is still printed
    assert listing.exit_code == 0 and "qd112_2021" in listing.stdout



def test_search_stops_at_a_git_folder(cli, tmp_path, monkeypatch):
    (tmp_path / "ctxh.toml").write_text('lang = "en"\n', encoding="utf-8")
    repo = tmp_path / "kho"
    (repo / ".git").mkdir(parents=True)
    monkeypatch.chdir(repo)
    assert cli(LANG_SON).stdout.startswith("Kết quả kiểm tra")
    assert cli(LANG_SON, "--config", tmp_path / "ctxh.toml").stdout.startswith("Social-work plan check")


def test_a_broken_configuration_file_is_exit_2_with_its_line(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "ctxh.toml"
    config.write_text('lang = "en"\nmau = "do"\n', encoding="utf-8")
    unknown = cli(LANG_SON)
    assert unknown.exit_code == 2 and unknown.stdout == ""
    assert f"{config}:2: khóa “mau” không dùng được trong tệp cấu hình; các khóa được phép: ruleset, waivers" \
        in unknown.stderr
    config.write_text('lang = "fr"\n', encoding="utf-8")
    assert f"{config}:1: “lang”: giá trị “fr” không hợp lệ; chọn trong: vi, en" in cli(LANG_SON).stderr
    config.write_text('fail-on = "fail,sometimes"\n', encoding="utf-8")
    assert "“fail-on”: giá trị “sometimes” không hợp lệ" in cli(LANG_SON).stderr
    config.write_text('lang = \n', encoding="utf-8")
    syntax = cli(LANG_SON, "--lang", "en")
    assert syntax.exit_code == 2 and f"{config}:1:8: TOML syntax error in the configuration file" in syntax.stderr
    assert cli(LANG_SON, "--no-config").exit_code == 0
    missing = cli(LANG_SON, "--config", tmp_path / "khong-co.toml")
    assert missing.exit_code == 2 and "khong-co.toml: không tìm thấy tệp cấu hình" in missing.stderr


def test_a_broken_yaml_configuration_names_its_line(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".ctxh.yaml").write_text("lang: vi\nformat: pdf\n", encoding="utf-8")
    result = cli(LANG_SON)
    assert result.exit_code == 2
    assert ".ctxh.yaml:2:1: “format”: giá trị “pdf” không hợp lệ; chọn trong: text, markdown, html, json" in result.stderr


def test_a_folder_given_as_a_file_is_told_so(cli, tmp_path):
    result = cli(LANG_SON, "--config", tmp_path)
    assert result.exit_code == 2 and f"{tmp_path}: đây là một thư mục, không phải một tệp" in result.stderr
    waivers = cli(LANG_SON, "--no-config", "--waivers", tmp_path)
    assert waivers.exit_code == 2 and f"{tmp_path}: đây là một thư mục, không phải một tệp" in waivers.stderr
