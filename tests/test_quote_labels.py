"""Honest labels: a report says "Nguyên văn" only before the decision's own words. A quote rebuilt
from a news summary, a translation or a provincial copy says what it follows; a placeholder is not
printed; an outdated quote says what has changed."""

import json
import re

import pytest
from pydantic import ValidationError

from ctxh_compliance import check, load_plan, load_ruleset
from ctxh_compliance.rules.kinds.required_part import Rule as RequiredPart
from ctxh_compliance.reports.report import render
from ctxh_compliance.rules.ruleset_loader import available_rulesets

from conftest import EXAMPLES, MINIMAL_PLAN

#: a 2021-2030 plan with nothing in it: every target, part and group is missing, so every rule of
#: QĐ 112 that can fail shows its requirement and quote
EMPTY_2030 = {**MINIMAL_PLAN, "period": {"start": 2021, "end": 2030}}
#: words that mark a quote as a note, never the decision's words
NOTE_MARKS = ("chưa đọc được nguyên văn", "không phải nguyên văn", "xem decision.yaml", "kiểm tra nội bộ",
              "tóm tắt của người lập")


@pytest.fixture(scope="module")
def empty_report(tmp_path_factory):
    path = tmp_path_factory.mktemp("plans") / "empty.yaml"
    path.write_text(json.dumps(EMPTY_2030, ensure_ascii=False), encoding="utf-8")
    return check(load_plan(path), load_ruleset("qd112_2021"))


def _block(text: str, rule_id: str) -> str:
    """The lines of the text report under the finding of ``rule_id`` (its value aspect)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"^\[[^\]]+\] {rule_id} — ", line))
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"^(\[|## |\S)", lines[i])), len(lines))
    return "\n".join(lines[start:end])


def test_a_verbatim_quote_is_labelled_nguyen_van(empty_report):
    rule = load_ruleset("qd112_2021").rule("QD112-T08")
    assert rule.quote_is == "verbatim"
    block = _block(render(empty_report, "text", "vi"), "QD112-T08")
    assert f"Nguyên văn: “{rule.quote}”" in block and "Diễn đạt theo" not in block
    assert f"Verbatim: “{rule.quote}”" in _block(render(empty_report, "text", "en"), "QD112-T08")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_reconstructed_2025_bullet_says_what_it_follows(empty_report, fmt):
    """QD112-T01: the value is from the news summary, the long wording from the 2030 twin clause and
    provincial copies — never "Nguyên văn"."""
    empty_2025 = empty_report  # the 2025 target is in a 2021-2030 plan as well
    rule = load_ruleset("qd112_2021").rule("QD112-T01")
    assert rule.quote_is == "paraphrase" and "TTXVN" in rule.quote_from.vi
    vi = render(empty_2025, fmt, "vi")
    en = render(empty_2025, fmt, "en")
    if fmt == "text":
        vi, en = _block(vi, "QD112-T01"), _block(en, "QD112-T01")
        assert "Nguyên văn" not in vi
    assert f"Diễn đạt theo {rule.quote_from.vi}" in vi
    assert f"Wording after {rule.quote_from.en}" in en


def test_a_placeholder_prints_no_quote(empty_report):
    rs = load_ruleset("qd112_2021")
    for rule_id in ("QD112-S02", "QD112-S04", "QD112-T13"):
        rule = rs.rule(rule_id)
        assert rule.quote_is == "none"
        assert empty_report.verdict_of(rule_id).value != "pass"
        block = _block(render(empty_report, "text", "vi"), rule_id)
        assert "Yêu cầu:" in block
        assert rule.quote not in block and "Nguyên văn" not in block and "Diễn đạt theo" not in block
        for fmt in ("markdown", "html"):
            assert rule.quote not in render(empty_report, fmt, "vi")


def test_an_outdated_quote_says_so(empty_report):
    """QD112-S06 tells provinces to report to Bộ LĐTBXH, which is Bộ Y tế since 1/3/2025."""
    rule = load_ruleset("qd112_2021").rule("QD112-S06")
    assert "Bộ Y tế" in rule.quote_outdated.vi and "1/3/2025" in rule.quote_outdated.vi
    block = _block(render(empty_report, "text", "vi"), "QD112-S06")
    assert f"Diễn đạt theo {rule.quote_from.vi}: “{rule.quote}”" in block
    assert f"Lưu ý: {rule.quote_outdated.vi}" in block
    assert f"Note: {rule.quote_outdated.en}" in _block(render(empty_report, "text", "en"), "QD112-S06")
    assert f"Lưu ý: {rule.quote_outdated.vi}" in render(empty_report, "markdown", "vi")


def test_catalogue_and_explain_use_the_same_labels(cli):
    assert "Nguyên văn: “đạt 90%" in cli("--explain", "QD112-T08").stdout
    t01 = cli("--explain", "QD112-T01").stdout
    assert "Diễn đạt theo câu tương ứng của mốc 2030 (TTXVN)" in t01 and "Nguyên văn" not in t01
    s02 = cli("--explain", "QD112-S02", "--lang", "en").stdout
    assert "Verbatim" not in s02 and "Wording after" not in s02 and "NỘI DUNG / NHIỆM VỤ" not in s02
    assert "Note: The Ministry of Labour" in cli("--explain", "QD112-S06", "--lang", "en").stdout


@pytest.mark.parametrize("name", sorted(available_rulesets()))
def test_every_rule_has_a_consistent_label(name):
    """A paraphrase names its source in both languages; a verbatim quote is neither a bracketed note
    nor filled in from a copy; every rule outside rules-institutions.yaml says what its quote is."""
    for rule in load_ruleset(name).rules:
        if rule.section != "institutions":  # rules-institutions.yaml: labels pending (its own owner)
            assert "quote_is" in rule.model_fields_set, f"{rule.id}: quote_is not stated"
        if rule.quote_is == "paraphrase":
            assert rule.quote_from and rule.quote_from.vi.strip() and rule.quote_from.en.strip(), rule.id
        else:
            assert rule.quote_from is None, rule.id
        if "quote_is" in rule.model_fields_set and rule.quote_is != "none":
            assert not rule.quote.startswith("("), rule.id
            assert not any(mark in rule.quote for mark in NOTE_MARKS), rule.id
        if rule.quote_is == "verbatim" and "quote_is" in rule.model_fields_set:
            assert "[" not in rule.quote, rule.id
        if rule.quote_is == "none":
            assert rule.quote_outdated is None, rule.id


def test_the_labels_chosen_from_the_reference_note():
    """Spot checks against the grade notes: the 2025 bullets and QĐ 32's targets are rebuilt; the
    2030 staffing and network values and QĐ 112's general objective are quoted by ≥ 2 press sources;
    layout rules and the plan's own checks quote nothing."""
    qd112, qd32 = load_ruleset("qd112_2021"), load_ruleset("qd32_2010")
    assert {qd112.rule(f"QD112-T0{n}").quote_is for n in range(1, 8)} == {"paraphrase"}
    assert {qd112.rule(i).quote_is for i in ("QD112-T08", "QD112-T11", "QD112-S01")} == {"verbatim"}
    assert {qd32.rule(f"QD32-T0{n}").quote_is for n in (2, 3)} == {"paraphrase"}
    # QĐ 32's 2010-2015 words, quoted alike by three press items at issuance (reference note, Round 3)
    assert {qd32.rule(f"QD32-T0{n}").quote_is for n in (1, 5, 7)} == {"verbatim"}
    # QĐ 112's funding clause as amended by QĐ 2096, read in one article (Round 3)
    assert {qd112.rule(i).quote_is for i in ("QD112-S03", "QD112-S05")} == {"paraphrase"}
    assert {qd112.rule(i).quote_is for i in ("QD112-S02", "QD112-S04", "CTXH-L01", "CTXH-A01")} == {"none"}


def _rule_data(**changes):
    data = {"id": "QD112-S99", "kind": "required_part", "section": "structure", "parts": ["budget"],
            "title": {"vi": "x", "en": "x"}, "severity": "low", "grade": "C", "citation": "x",
            "quote": "Kinh phí", "sources": [{"name": "x"}]}
    return {**data, **changes}


@pytest.mark.parametrize("changes, error", [
    ({"quote_is": "paraphrase"}, "needs quote_from"),
    ({"quote_is": "verbatim", "quote_from": {"vi": "x", "en": "x"}}, "only for quote_is: paraphrase"),
    ({"quote_is": "none", "quote_outdated": {"vi": "x", "en": "x"}}, "prints none"),
    ({"quote_is": "verbatim", "quote": "(chưa đọc được nguyên văn; theo kế hoạch X) Kinh phí"}, "bracketed note"),
    ({"quote_is": "paraphrase", "quote_from": {"vi": "x", "en": "x"}, "quote": "(theo X) Kinh phí"}, "bracketed note"),
    ({"quote_is": "verbatim", "quote": "Kinh phí [thực hiện]"}, "it is a paraphrase"),
])
def test_an_inconsistent_label_is_refused(changes, error):
    with pytest.raises(ValidationError, match=re.escape(error)):
        RequiredPart.model_validate(_rule_data(**changes))
    RequiredPart.model_validate(_rule_data(quote_is="none", quote="(bố cục) Kinh phí"))


def test_the_json_report_carries_the_labels(cli):
    document = json.loads(cli(EXAMPLES / "dong_thap_176-KH-UBND_2021.yaml", "--format", "json").stdout)
    requirement = {f["rule_id"]: f["requirement"] for f in document["findings"] if f["aspect"] == "value"}
    rs = load_ruleset("qd112_2021")
    t01 = requirement["QD112-T01"]
    assert t01["quote_is"] == "paraphrase" and t01["quote_from"] == rs.rule("QD112-T01").quote_from.model_dump()
    assert t01["quote_outdated"] is None
    assert requirement["QD112-S06"]["quote_outdated"]["vi"].startswith("Bộ Lao động - Thương binh và Xã hội")
    assert requirement["QD112-S02"]["quote_is"] == "none"
    assert requirement["QD112-S01"]["quote_is"] == "verbatim" and requirement["QD112-S01"]["quote_from"] is None


def test_a_report_without_labels_is_read_back(cli, tmp_path):
    """A 1.1 report written before the labels (no quote_is, quote_from, quote_outdated) is still read."""
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    plan = EXAMPLES / "dong_thap_176-KH-UBND_2021.yaml"
    cli(plan, "-o", old)
    document = json.loads(old.read_text(encoding="utf-8"))
    for finding in document["findings"]:
        for key in ("quote_is", "quote_from", "quote_outdated"):
            del finding["requirement"][key]
    old.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    cli(plan, "-o", new)
    result = cli("--diff", old, new)
    assert result.exit_code == 0, result.stderr
