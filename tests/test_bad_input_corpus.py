"""The bad-input corpus (tests/bad_inputs): every file gives its located message, in Vietnamese
and with --lang en in English, exit code 2 and no traceback; accepted variants (BOM, NFD, CRLF)
check exactly like the plain file. Plus the cases made at run time: 50 MB, folder, missing, unreadable."""

from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
BAD = {name: spec for name, spec in EXPECTED.items() if spec["exit"] == 2}
ACCEPTED = [name for name, spec in EXPECTED.items() if spec.get("same_as_good")]


def test_corpus_is_large_enough():
    assert len(BAD) >= 50


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input(name, cli):
    spec = BAD[name]
    path = CORPUS / name
    result = cli(path)
    assert result.exit_code == 2, result.stdout[:300]
    assert result.stdout == "" and "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:{spec['where']}:" if spec["where"] else f"{path}:"), first
    assert spec["vi"] in result.stderr, result.stderr
    english = cli(path, "--lang", "en")
    assert english.exit_code == 2 and spec["en"] in english.stderr, english.stderr


@pytest.mark.parametrize("name", ACCEPTED)
def test_accepted_variant_checks_like_the_plain_file(name, cli):
    plain = cli(CORPUS / "good.yaml", "--format", "json")
    variant = cli(CORPUS / name, "--format", "json")
    assert variant.exit_code == plain.exit_code == 1
    assert variant.stdout.replace(name, "good.yaml") == plain.stdout


def test_fifty_megabytes_is_refused_before_parsing(cli, tmp_path):
    path = tmp_path / "lon.yaml"
    with open(path, "wb") as handle:
        handle.write(b"# " + b"x" * (50 * 1024 * 1024) + b"\n")
    result = cli(path)
    assert result.exit_code == 2 and "tệp quá lớn (52428803 byte; giới hạn 5242880 byte)" in result.stderr


def test_folder_missing_and_unreadable(cli, tmp_path, monkeypatch):
    empty = tmp_path / "rong"
    empty.mkdir()
    folder = cli(empty)
    assert folder.exit_code == 2 and "thư mục không có kế hoạch nào" in folder.stderr
    missing = cli(tmp_path / "khong-co.yaml")
    assert missing.exit_code == 2 and "không tìm thấy tệp" in missing.stderr
    locked = tmp_path / "khoa.yaml"
    locked.write_text("a: 1\n", encoding="utf-8")

    def denied(path):
        raise PermissionError(13, "Permission denied")
    from ctxh_compliance.inputs import gate as input_gate
    monkeypatch.setattr(input_gate, "_open", denied)  # root reads anything: simulate the refusal
    unreadable = cli(locked)
    assert unreadable.exit_code == 2 and "không có quyền đọc tệp" in unreadable.stderr
