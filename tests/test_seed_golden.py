"""The five seed documents, checked end to end; verdicts compared with hand-reviewed golden files.

To update after a deliberate change: ``CTXH_UPDATE_GOLDEN=1 python -m pytest tests/test_seed_golden.py``,
then read every changed line of ``git diff tests/golden`` against the source document before
committing it.
"""

import os
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, dump

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("CTXH_UPDATE_GOLDEN") == "1"

SEEDS = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))


def _observed(cli, stem):
    args = [EXAMPLES / f"{stem}.yaml", "--lang", "vi"]
    result = cli(*args)
    from ctxh_compliance import check, load_plan, select_ruleset
    loaded = load_plan(EXAMPLES / f"{stem}.yaml")
    rs = select_ruleset(loaded)[0]  # the article and the outline cite no decision: their titles name it
    report = check(loaded, rs)
    verdicts = {(f.rule_id if f.aspect == "value" else f"{f.rule_id}/{f.aspect}"): f.verdict.value
                for f in sorted(report.findings, key=lambda f: (f.rule_id, f.aspect))}
    return result, {"ruleset": rs.id, "exit_code": result.exit_code, "overall": report.overall.value,
                    "verdicts": verdicts}


def test_there_are_five_seeds():
    assert len(SEEDS) == 5


@pytest.mark.parametrize("stem", SEEDS)
def test_seed_verdicts_match_golden(stem, cli):
    result, observed = _observed(cli, stem)
    golden = GOLDEN / f"{stem}.yaml"
    if UPDATE:
        golden.write_text(dump(observed), encoding="utf-8")
    expected = yaml.safe_load(golden.read_text(encoding="utf-8"))
    assert observed["ruleset"] == expected["ruleset"]
    assert observed["exit_code"] == expected["exit_code"], result.stderr
    assert observed["overall"] == expected["overall"]
    assert observed["verdicts"] == expected["verdicts"]


def test_lang_son_text_report_matches_golden(cli, monkeypatch):
    monkeypatch.chdir(EXAMPLES.parent)  # locations in the report are relative, as a user types them
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # the check date the report shows: 01/01/2026
    result = cli("examples/lang_son_sldtbxh_2021-2025.yaml", "--colour", "never")
    golden = GOLDEN / "lang_son_sldtbxh_2021-2025.report.txt"
    if UPDATE:
        golden.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == golden.read_text(encoding="utf-8")


def test_key_findings_of_the_seeds_say_why(cli):
    """The findings a reviewer would look at first, with the words that explain them."""
    yen_bai = cli(EXAMPLES / "yen_bai_article_2021-2030.yaml").stdout
    assert "Kế hoạch đặt 40% cho năm 2025, thấp hơn yêu cầu quốc gia (tối thiểu 60%)." in yen_bai
    assert "Kế hoạch đặt 60% cho năm 2030, thấp hơn yêu cầu quốc gia (tối thiểu 90%)." in yen_bai
    nghe_an = cli(EXAMPLES / "nghe_an_3554-QD-UBND_plan_2012.yaml", "--all").stdout
    assert "chọn theo 32/2010/QĐ-TTg" in nghe_an
    assert "Mốc 2015 nằm ngoài thời kỳ của kế hoạch (2012-2012)" in nghe_an
    assert "220 (số tuyệt đối)" in nghe_an and "để quy đổi số người được đào tạo thành tỷ lệ phần trăm" in nghe_an
    dong_thap = cli(EXAMPLES / "dong_thap_176-KH-UBND_2021.yaml").stdout
    assert "Văn bản nguồn không đầy đủ" in dong_thap and "KHÔNG ĐẠT: 0" in dong_thap
    lang_son = cli(EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml").stdout
    assert "chọn theo 1070/QĐ-LĐTBXH" in lang_son
    assert "thiếu: trường giáo dưỡng" in lang_son


def test_arithmetic_of_the_seeds_is_shown(cli):
    """Issue-5 figures the seeds give: each sum is shown in the finding."""
    lang_son = cli(EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml", "--all").stdout
    assert "120.000.000 + 200.000.000 + 150.000.000 + 30.000.000 = 500.000.000" in lang_son
    assert "500.000.000 × 4 = 2.000.000.000" in lang_son
    nghe_an = cli(EXAMPLES / "nghe_an_3554-QD-UBND_plan_2012.yaml", "--all").stdout
    assert "15.119.000.000 + 5.525.000.000 = 20.644.000.000" in nghe_an
    assert "30 (Đại học) + 90 (Cao đẳng) + 100 (Trung cấp) = 220" in nghe_an
    assert "20.644.000.000 — “Hai mươi tỷ sáu trăm bốn mươi tư triệu đồng”" in nghe_an  # evidence of CTXH-A04
    dong_thap = cli(EXAMPLES / "dong_thap_176-KH-UBND_2021.yaml", "--all").stdout
    assert "143/143 xã, phường, thị trấn" in dong_thap
    yen_bai = cli(EXAMPLES / "yen_bai_article_2021-2030.yaml", "-r", "qd112_2021", "--as-of", "2026-01-01").stdout
    assert "từ 01/07/2025 tỉnh này thuộc tỉnh Lào Cai" in yen_bai
