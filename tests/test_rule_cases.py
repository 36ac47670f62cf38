"""Fixture-driven rule tests (laid out like sqlfluff's test/rules/yaml_test_cases_test.py).

``tests/fixtures/rules/<folder>/<file>.yaml`` holds the cases of the rules in
``rulesets/<folder>/<file>.yaml``. A fixture file names the ruleset to check with (``ruleset:``;
a case may override it, e.g. a common rule checked against QĐ 32) and may give ``base:``, keys
added to the minimal plan of conftest.py. Each case has a ``name``; ``plan`` (keys replacing the
keys of the minimal plan); ``expect`` ("RULE-ID" or "RULE-ID/aspect" -> verdict); and optionally
``absent`` (findings that must not exist), ``says`` (text the Vietnamese message must contain)
and ``as_of`` (the date to judge the plan at).
"""

from pathlib import Path

import pytest
import yaml

from ctxh_compliance import available_rulesets, check, load_plan, load_ruleset

from conftest import FIXTURES, MINIMAL_PLAN, ROOT

CASES = FIXTURES / "rules"
RULESETS = ROOT / "rulesets"
PASSING = {"pass", "not_applicable"}
NON_PASSING = {"fail", "needs_review", "warning"}


def _fixture_files() -> list[Path]:
    return sorted(CASES.glob("*/*.yaml"))


def _specs() -> list[tuple[Path, dict]]:
    return [(path, yaml.safe_load(path.read_text(encoding="utf-8"))) for path in _fixture_files()]


SPECS = _specs()


def _ruleset_name(spec: dict, case: dict) -> str:
    return case.get("ruleset", spec["ruleset"])


def _plan(spec: dict, case: dict) -> dict:
    return {**MINIMAL_PLAN, **spec.get("base", {}), **case["plan"]}


def _case_id(path: Path, case: dict) -> str:
    return f"{path.parent.name}/{path.stem}: {case['name']}"


def _key(finding) -> str:
    return finding.rule_id if finding.aspect == "value" else f"{finding.rule_id}/{finding.aspect}"


@pytest.mark.parametrize("spec,case", [pytest.param(spec, case, id=_case_id(path, case))
                                       for path, spec in SPECS for case in spec["cases"]])
def test_rule_case(spec, case, write_plan):
    report = check(load_plan(write_plan(_plan(spec, case))), load_ruleset(_ruleset_name(spec, case)),
                   as_of=case.get("as_of"))
    found = {_key(f): f for f in report.findings}
    for key, verdict in case["expect"].items():
        assert key in found, f"no finding {key}"
        assert found[key].verdict.value == verdict, f"{key}: {found[key].message.vi}"
    for key in case.get("absent", []):
        assert key not in found, f"unexpected finding {key}: {found[key].message.vi}"
    for key, text in case.get("says", {}).items():
        assert text in found[key].message.vi, found[key].message.vi


def _rule_files() -> dict[str, tuple[str, str]]:
    """Rule id -> (ruleset folder, rules file) as written in rulesets/."""
    where = {}
    for path in sorted(RULESETS.glob("*/rules-*.yaml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            where[rule["id"]] = (path.parent.name, path.stem)
    return where


def test_fixture_files_mirror_the_ruleset_files():
    """Every fixture file is named after a rules file of rulesets/ (and every rules file has one);
    its ruleset exists and holds that file's rules; every case names a rule of its own file."""
    where = _rule_files()
    names = set(available_rulesets())
    problems = []
    for path in _fixture_files():
        source = RULESETS / path.parent.name / path.name
        if not source.is_file():
            problems.append(f"{path.relative_to(CASES)}: no rulesets/{path.parent.name}/{path.name}")
    for source in sorted(RULESETS.glob("*/rules-*.yaml")):
        if not (CASES / source.parent.name / source.name).is_file():
            problems.append(f"rulesets/{source.parent.name}/{source.name}: no fixture file")
    for path, spec in SPECS:
        label = f"{path.parent.name}/{path.stem}"
        own = {rid for rid, place in where.items() if place == (path.parent.name, path.stem)}
        for case in spec["cases"]:
            name = _ruleset_name(spec, case)
            if name not in names:
                problems.append(f"{label}: {case['name']}: unknown ruleset {name}")
                continue
            if path.parent.name in names and name != path.parent.name:
                problems.append(f"{label}: {case['name']}: checked with {name}, not {path.parent.name}")
            ids = {r.id for r in load_ruleset(name).rules}
            named = {key.split("/")[0] for key in [*case["expect"], *case.get("absent", []), *case.get("says", {})]}
            if named - ids:
                problems.append(f"{label}: {case['name']}: {sorted(named - ids)} not in ruleset {name}")
            if not named & own:
                problems.append(f"{label}: {case['name']}: names no rule of rulesets/{label}.yaml")
    assert not problems, "\n".join(problems)


def test_every_rule_has_a_passing_and_a_non_passing_case():
    """Each rule of every ruleset has a case where its verdict passes (pass, not_applicable) and one
    where it does not (fail, needs_review, warning). A national_target never judges a province: it
    needs a passing case only, one of them with a plan that states its indicator."""
    verdicts: dict[str, set[str]] = {}
    stated: dict[str, set[str]] = {}  # rule id -> indicators the plans of its passing cases state
    for _path, spec in SPECS:
        for case in spec["cases"]:
            indicators = {t["indicator"] for t in _plan(spec, case).get("targets", [])}
            for key, verdict in case["expect"].items():
                if "/" in key:  # another aspect (population), not the rule's own verdict
                    continue
                verdicts.setdefault(key, set()).add(verdict)
                if verdict in PASSING:
                    stated.setdefault(key, set()).update(indicators)
    rules = {rule.id: rule for name in available_rulesets() for rule in load_ruleset(name).rules}
    lacking = []
    for rule in rules.values():
        seen = verdicts.get(rule.id, set())
        gaps = []
        if not seen & PASSING:
            gaps.append("a passing case")
        if rule.kind == "national_target":
            indicator = getattr(rule, "indicator", None)
            if indicator and indicator not in stated.get(rule.id, set()):
                gaps.append(f"a passing case whose plan states {indicator}")
        elif not seen & NON_PASSING:
            gaps.append("a non-passing case")
        if gaps:
            lacking.append(f"{rule.id} ({rule.kind}): needs {' and '.join(gaps)}")
    assert not lacking, f"{len(lacking)} rule(s) lack cases:\n" + "\n".join(lacking)


def test_every_rule_kind_has_a_case():
    """Each kind of rule in any ruleset is exercised by at least one case (implied by the guard above,
    kept as a quick signal when a new kind is added)."""
    named = {key.split("/")[0] for _path, spec in SPECS for case in spec["cases"] for key in case["expect"]}
    all_kinds, covered = set(), set()
    for name in available_rulesets():
        for rule in load_ruleset(name).rules:
            all_kinds.add(rule.kind)
            if rule.id in named:
                covered.add(rule.kind)
    assert covered == all_kinds, f"kinds without a case: {sorted(all_kinds - covered)}"
