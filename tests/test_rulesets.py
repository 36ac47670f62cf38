"""The rulesets are data: complete against the reference note, self-consistent, and a broken
one is a clear error naming the file and the rule."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ctxh_compliance import RulesetError, check, load_plan, load_ruleset
from ctxh_compliance.rules.kinds.min_target import Rule as MinTarget

from conftest import MINIMAL_PLAN, ROOT

REFERENCE = ROOT / "docs" / "reference" / "national_decisions.md"
RULESETS = ("qd112_2021", "qd32_2010")


@pytest.mark.parametrize("name", RULESETS)
def test_every_rule_cites_and_quotes(name):
    rs = load_ruleset(name)
    prefix = {"qd112_2021": "QD112-", "qd32_2010": "QD32-"}[name]
    for rule in rs.rules:
        assert rule.id.startswith((prefix, "CTXH-"))
        assert rule.citation.strip() and rule.quote.strip() and rule.sources
        assert rule.title.vi.strip() and rule.title.en.strip()
        if isinstance(rule, MinTarget) and rule.value is None:
            assert rule.grade == "C" and "chưa đọc được" in rule.title.vi


def test_every_reference_target_and_task_group_is_a_rule():
    text = REFERENCE.read_text(encoding="utf-8")
    ids = set(re.findall(r"^\| (Q(?:112|32)-[A-Z0-9-]+) \|", text, flags=re.MULTILINE))
    assert len(ids) >= 15
    referenced = {r.reference for name in RULESETS for r in load_ruleset(name).rules}
    assert ids <= referenced, sorted(ids - referenced)
    groups_112 = [r for r in load_ruleset("qd112_2021").rules if r.kind == "task_group"]
    groups_32 = [r for r in load_ruleset("qd32_2010").rules if r.kind == "task_group"]
    assert len(groups_112) == 7 and len(groups_32) == 8


def test_grades_match_the_reference_note():
    """Spot checks of grades and values against the note (§1.4, §2.3)."""
    rs = load_ruleset("qd112_2021")
    expected = {"QD112-T01": ("A", 60), "QD112-T06": ("B", 20), "QD112-T07": ("B", 85), "QD112-T08": ("A", 90),
                "QD112-T11": ("A", 60), "QD112-T12": ("C", None), "QD112-T13": ("C", None), "QD112-T14": ("C", None)}
    for rule_id, (grade, value) in expected.items():
        rule = rs.rule(rule_id)
        assert (rule.grade, rule.value) == (grade, value), rule_id
    qd32 = load_ruleset("qd32_2010")
    assert (qd32.rule("QD32-T01").value, qd32.rule("QD32-T02").value) == (10, 50)
    assert qd32.rule("QD32-T04").grade == "C"


@pytest.mark.parametrize("name", RULESETS)
def test_no_grade_c_rule_ever_fails(name, write_plan):
    """Whatever the plan, a grade-C rule gives at most needs_review."""
    rs = load_ruleset(name)
    plans = [{**MINIMAL_PLAN, "period": {"start": 2010, "end": 2030}}]
    low = [{"indicator": i.id, "year": y, "value": 0, "unit": i.unit} for i in rs.indicators.values()
           for y in (2012, 2015, 2020, 2025, 2030)]
    plans.append({**plans[0], "targets": low, "task_groups": [{"heading": "x", "covers": list(rs.groups)}]})
    for plan in plans:
        report = check(load_plan(write_plan(plan)), rs)
        for finding in report.findings:
            if finding.grade == "C":
                assert finding.verdict.value != "fail", finding.rule_id


def _copy_ruleset(tmp_path: Path) -> Path:
    target = tmp_path / "broken"
    shutil.copytree(ROOT / "rulesets" / "qd112_2021", target)
    return target


def test_broken_ruleset_names_file_and_rule(tmp_path, cli):
    folder = _copy_ruleset(tmp_path)
    rules = folder / "rules-targets.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("grade: B\n", "grade: D\n", 1), encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_ruleset(folder)
    message = caught.value.render("vi")
    assert str(rules) in message and "quy tắc QD112-T06" in message
    result = cli(ROOT / "examples" / "lang_son_sldtbxh_2021-2025.yaml", "--ruleset", folder)
    assert result.exit_code == 2 and "QD112-T06" in result.stderr


def test_unknown_indicator_in_a_ruleset_is_an_error(tmp_path):
    folder = _copy_ruleset(tmp_path)
    rules = folder / "rules-targets.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("indicator: children_served", "indicator: kids", 1),
                     encoding="utf-8")
    with pytest.raises(RulesetError, match="QD112-T07"):
        load_ruleset(folder)


def test_duplicate_rule_id_is_an_error(tmp_path):
    folder = _copy_ruleset(tmp_path)
    rules = folder / "rules-targets.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("id: QD112-T02", "id: QD112-T01", 1), encoding="utf-8")
    with pytest.raises(RulesetError, match="QD112-T01"):
        load_ruleset(folder)


def test_a_task_group_can_be_required_outright(tmp_path, write_plan):
    """`when_absent: fail` (the default) makes a missing task group a failure."""
    folder = _copy_ruleset(tmp_path)
    rules = folder / "rules-tasks.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("    when_absent: warning\n", ""), encoding="utf-8")
    report = check(load_plan(write_plan(MINIMAL_PLAN)), load_ruleset(folder))
    assert report.verdict_of("QD112-G01").value == "fail"


def _run(*args: str, cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ctxh_compliance", *args], capture_output=True, text=True,
                          env={**os.environ, "CTXH_CACHE_DIR": str(cache)}, cwd=ROOT, check=False)


def test_an_edited_ruleset_is_read_again_and_a_broken_cache_is_ignored(tmp_path, write_plan):
    """Validated rulesets are kept between runs; a rule edited between two runs must be the one used."""
    folder = _copy_ruleset(tmp_path)
    cache = tmp_path / "cache"
    plan = write_plan({**MINIMAL_PLAN, "targets": [
        {"indicator": "staff_assignment", "year": 2025, "value": 65, "unit": "percent"}]})
    first = _run(str(plan), "--ruleset", str(folder), "--select", "QD112-T01", "--all", cache=cache)
    assert first.returncode == 0 and "[ĐẠT] QD112-T01" in first.stdout, first.stderr
    assert list(cache.glob("ruleset-*.pickle"))
    rules = folder / "rules-targets.yaml"
    text = rules.read_text(encoding="utf-8")
    edited = text.replace("value: 60\n", "value: 70\n", 1)
    assert edited != text
    rules.write_text(edited, encoding="utf-8")
    second = _run(str(plan), "--ruleset", str(folder), "--select", "QD112-T01", cache=cache)
    assert second.returncode == 1 and "tối thiểu 70%" in second.stdout, second.stdout
    for entry in cache.iterdir():
        entry.write_bytes(b"not a pickle")
    third = _run(str(plan), "--ruleset", str(folder), "--select", "QD112-T01", cache=cache)
    assert third.returncode == 1 and "tối thiểu 70%" in third.stdout, third.stderr


@pytest.mark.parametrize("pattern", [r"sở lđtbxh\b", "(?:sở) lđtbxh", "^sở lđtbxh", "sở [^a]đtbxh", r"sở lđ\.tbxh"])
def test_a_pattern_the_engine_would_never_match_is_refused(pattern, tmp_path):
    """durable-rules never matches these (while Python's re does): such a pattern would let every old
    name pass, so loading the ruleset fails, naming the rule."""
    shutil.copytree(ROOT / "rulesets" / "common", tmp_path / "common")
    rules = tmp_path / "common" / "rules-institutions.yaml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace('      - "sở lđtbxh"\n', f"      - '{pattern}'\n", 1), encoding="utf-8")
    assert rules.read_text(encoding="utf-8") != text
    from ctxh_compliance.rules.ruleset_model import RuleFile
    from ctxh_compliance.inputs.yaml_source import load_yaml
    with pytest.raises(Exception, match="never matches"):
        RuleFile.model_validate(load_yaml(rules, allow_aliases=True).data)


def test_every_stale_body_pattern_matches_in_the_engine_as_in_python():
    """Each pattern of the bundled rulesets, on the names it is written for, gives the same answer in
    durable-rules as in Python's re."""
    import re as python_re

    from durable.lang import m, when_all

    from ctxh_compliance.rules import engine
    from ctxh_compliance.core.text import fold
    names = ["Sở Lao động - Thương binh và Xã hội", "Sở LĐTBXH", "Sở LĐ-TBXH", "Sở Lao động-TB&XH",
             "Bộ Lao động - Thương binh và Xã hội", "Bộ LĐTBXH", "UBND các huyện", "Ủy ban nhân dân cấp huyện",
             "Phòng Lao động - Thương binh và Xã hội các huyện", "Phòng LĐTBXH cấp huyện",
             "UBND các huyện, thị xã, thành phố", "Sở Y tế", "UBND các xã, phường, đặc khu", "Bộ Y tế"]
    for rule in load_ruleset("qd112_2021").rules:
        if rule.kind != "stale_body":
            continue
        for pattern in rule.patterns:
            compiled = engine.compile_definition("pattern", lambda p=pattern: when_all(
                (m.type == "body") & m.name.matches(f".*({p}).*"))(engine.Action(None, "hit", None, False)))
            for n, name in enumerate(names):
                fired = bool(compiled.run([{"type": "body", "name": fold(name), "sid": str(n)}], str(n)))
                assert fired == bool(python_re.fullmatch(f".*({pattern}).*", fold(name))), (rule.id, pattern, name)


def test_a_related_basis_alone_does_not_choose_a_ruleset(write_plan):
    """NĐ 110/2024 or the QĐ 966 master plan are valid bases beside QĐ 112, not QĐ 112 itself: a plan citing
    only them is not judged against QĐ 112's targets without being asked (--ruleset)."""
    from ctxh_compliance import InputError, select_ruleset
    plan = {**MINIMAL_PLAN, "legal_bases": [{"number": "110/2024/NĐ-CP"}, {"number": "966/QĐ-TTg"}]}
    with pytest.raises(InputError) as refused:
        select_ruleset(load_plan(write_plan(plan)))
    assert "không dẫn quyết định nào mà công cụ có bộ" in refused.value.render("vi")
