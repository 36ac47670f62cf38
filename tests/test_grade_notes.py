"""A rule's grade note (what its grade rests on, what was not read) is in the report language:
Vietnamese by default, English with ``--lang en`` — in ``--explain``, in the catalogue and in the
JSON report, which carries both; a report written before 1.2 (one string) is still read by ``--diff``."""

import json

import pytest

from ctxh_compliance import load_ruleset
from ctxh_compliance.rules.ruleset_loader import available_rulesets

from conftest import EXAMPLES, MINIMAL_PLAN

NOTED = [(name, rule) for name in available_rulesets() for rule in load_ruleset(name).rules if rule.grade_note]
DONG_THAP = EXAMPLES / "dong_thap_176-KH-UBND_2021.yaml"


def test_the_rulesets_have_grade_notes_in_both_languages():
    assert len({rule.id for _, rule in NOTED}) >= 31
    for _, rule in NOTED:
        assert rule.grade_note.vi != rule.grade_note.en, rule.id


@pytest.mark.parametrize(("ruleset", "rule"), NOTED, ids=[f"{name}:{rule.id}" for name, rule in NOTED])
def test_explain_prints_the_grade_note_in_the_report_language(cli, ruleset, rule):
    vi = cli("--explain", rule.id, "--ruleset", ruleset)
    assert vi.exit_code == 0, vi.output
    assert rule.grade_note.vi in vi.stdout and rule.grade_note.en not in vi.stdout
    en = cli("--explain", rule.id, "--ruleset", ruleset, "--lang", "en")
    assert en.exit_code == 0, en.output
    assert rule.grade_note.en in en.stdout and rule.grade_note.vi not in en.stdout


@pytest.mark.parametrize("ruleset", available_rulesets())
def test_the_catalogue_prints_every_grade_note_in_the_report_language(cli, ruleset):
    notes = [rule.grade_note for name, rule in NOTED if name == ruleset]
    assert notes
    vi, en = cli("--catalogue", ruleset).stdout, cli("--catalogue", ruleset, "--lang", "en").stdout
    for note in notes:
        assert note.vi in vi and note.en not in vi
        assert note.en in en and note.vi not in en


def test_the_json_report_carries_the_grade_note_in_both_languages(cli):
    document = json.loads(cli(DONG_THAP, "--format", "json").stdout)
    assert document["schema_version"] == "1.3"
    rules = {rule.id: rule for name, rule in NOTED if name == "qd112_2021"}
    noted = [f for f in document["findings"] if f["grade_note"] is not None]
    assert noted
    for finding in noted:
        assert finding["grade_note"] == rules[finding["rule_id"]].grade_note.model_dump()


def test_the_huế_finding_carries_the_note_of_its_renaming_in_both_languages(cli, write_plan):
    plan = {**MINIMAL_PLAN, "identification": {"title": "Kế hoạch", "province": "Thừa Thiên Huế", "kind": "phase",
                                               "issuer": "UBND tỉnh", "date": "2026-02-01"},
            "period": {"start": 2026, "end": 2030}}
    document = json.loads(cli(write_plan(plan), "--format", "json").stdout)
    p01 = next(f for f in document["findings"] if f["rule_id"] == "CTXH-P01")
    assert p01["grade"] == "C"
    assert p01["grade_note"]["vi"].startswith("Thừa Thiên Huế = thành phố Huế (thành phố trực thuộc trung ương")
    assert p01["grade_note"]["en"].startswith("Thừa Thiên Huế = thành phố Huế (a centrally-run city")


def test_a_1_1_report_with_string_grade_notes_is_read_by_diff(cli, tmp_path):
    old = tmp_path / "old.json"
    document = json.loads(cli(DONG_THAP, "--format", "json").stdout)
    document["schema_version"] = "1.1"
    strings = 0
    for finding in document["findings"]:
        if finding["grade_note"] is not None:
            finding["grade_note"] = finding["grade_note"]["en"]
            strings += 1
    assert strings
    old.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = cli("--diff", old, DONG_THAP)
    assert result.exit_code == 0, result.output
    assert "Mới không đạt hoặc xấu đi (0)" in result.stdout and "Đã khắc phục (0)" in result.stdout


def test_a_1_2_report_with_a_string_grade_note_is_refused(cli, tmp_path):
    """From 1.2 a grade note is a text in every language: a string there is not a 1.2 report."""
    bad = tmp_path / "bad.json"
    document = json.loads(cli(DONG_THAP, "--format", "json").stdout)
    finding = next(f for f in document["findings"] if f["grade_note"] is not None)
    finding["grade_note"] = finding["grade_note"]["en"]
    bad.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = cli("--diff", bad, DONG_THAP)
    assert result.exit_code == 2 and str(bad) in result.output and "Traceback" not in result.output
