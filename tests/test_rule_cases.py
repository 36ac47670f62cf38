"""Fixture-driven rule tests: every case in tests/fixtures/rules/*.yaml."""

import pytest
import yaml

from ctxh_compliance import check, load_plan, load_ruleset

from conftest import FIXTURES, MINIMAL_PLAN


def _cases():
    for path in sorted((FIXTURES / "rules").glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            yield pytest.param(spec, case, id=f"{path.stem}: {case['name']}")


def _key(finding):
    return finding.rule_id if finding.aspect == "value" else f"{finding.rule_id}/{finding.aspect}"


@pytest.mark.parametrize("spec,case", list(_cases()))
def test_rule_case(spec, case, write_plan):
    plan = {**MINIMAL_PLAN, **spec.get("base", {}), **case["plan"]}
    report = check(load_plan(write_plan(plan)), load_ruleset(spec["ruleset"]), as_of=case.get("as_of"))
    found = {_key(f): f for f in report.findings}
    for key, verdict in case["expect"].items():
        assert key in found, f"no finding {key}"
        assert found[key].verdict.value == verdict, f"{key}: {found[key].message.vi}"
    for key in case.get("absent", []):
        assert key not in found, f"unexpected finding {key}: {found[key].message.vi}"
    for key, text in case.get("says", {}).items():
        assert text in found[key].message.vi, found[key].message.vi


def test_every_rule_kind_has_a_case():
    """Each kind of rule in any ruleset is exercised by at least one case."""
    covered_kinds, all_kinds = set(), set()
    for path in (FIXTURES / "rules").glob("*.yaml"):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        rs = load_ruleset(spec["ruleset"])
        ids = {k.split("/")[0] for case in spec["cases"] for k in case["expect"]}
        covered_kinds |= {r.kind for r in rs.rules if r.id in ids}
        all_kinds |= {r.kind for r in rs.rules}
    assert covered_kinds == all_kinds
