"""No ĐẠT without evidence: a rule whose evidence is absent from the plan never passes.

A rule's evidence is the facts its kind reads (``FACTS`` of its module); when the plan gives none
of them — no target, no task group, no body, no legal basis, no budget … — the rule may say the
plan lacks it, that it cannot tell, or that it does not apply, but never that the plan passes.
Generated plans combine any subset of the parts of a plan, complete or not, for both rulesets.
"""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctxh_compliance import check, load_ruleset
from ctxh_compliance.rules.kinds import module_for
from ctxh_compliance.inputs.plan_loader import validate_plan
from ctxh_compliance.inputs.yaml_source import parse_yaml

from conftest import dump

RULESETS = {name: load_ruleset(name) for name in ("qd112_2021", "qd32_2010")}
PARTS = {
    "targets": [{"indicator": "staff_trained", "year": 2025, "value": 30, "unit": "percent"}],
    "task_groups": [{"heading": "Truyền thông", "covers": ["communication"], "lead": ["Sở Y tế"],
                     "partners": ["UBND các xã, phường, đặc khu"]}],
    "budget": {"total": {"amount": 100, "words": "Một trăm đồng"}, "sources": [{"name": "Ngân sách", "amount": 100}]},
    "organisation": [{"body": "Sở Y tế", "duties": ["Chủ trì"]}],
    "monitoring": {"reporting": [{"text": "Báo cáo hằng năm", "by": ["Sở Y tế"], "to": ["Bộ Y tế"]}]},
    "situation": [{"text": "xã có cộng tác viên", "numerator": 10, "denominator": 20}],
    "general_objective": {"text": "Phát triển công tác xã hội"},
}


def _plan(ruleset: str, parts: list[str], complete: bool, dated: bool) -> dict:
    start, end = (2026, 2030) if ruleset == "qd112_2021" else (2016, 2020)
    plan: dict = {
        "identification": {"title": "Kế hoạch", "province": "Lạng Sơn", "kind": "phase",
                           **({"date": f"{start}-01-15"} if dated else {})},
        "source": {"document": "bản thử", "complete": complete},
        "period": {"start": start, "end": end},
    }
    for part in parts:
        if part in PARTS:
            plan[part] = PARTS[part]
    if "targets" in plan and ruleset == "qd32_2010":
        plan["targets"] = [{"indicator": "staff_trained", "year": 2020, "value": 30, "unit": "percent"}]
    if "task_groups" in plan and ruleset == "qd32_2010":
        plan["task_groups"] = [{**PARTS["task_groups"][0], "covers": ["communication"]}]
    if "legal_bases" in parts:
        plan["legal_bases"] = [{"number": "112/QĐ-TTg" if ruleset == "qd112_2021" else "32/2010/QĐ-TTg"}]
    return plan


@settings(max_examples=int(os.environ.get("CTXH_EVIDENCE_EXAMPLES", "150")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ruleset=st.sampled_from(sorted(RULESETS)), parts=st.lists(st.sampled_from([*PARTS, "legal_bases"]), unique=True),
       complete=st.booleans(), dated=st.booleans())
def test_a_rule_whose_evidence_is_absent_never_passes(ruleset, parts, complete, dated):
    rs = RULESETS[ruleset]
    loaded = validate_plan(parse_yaml(dump(_plan(ruleset, parts, complete, dated)), "generated.yaml"))
    report = check(loaded, rs)
    for rule in rs.rules:
        producers = module_for(rule).FACTS
        if not producers or any(producer(loaded) for producer in producers):
            continue  # the rule reads the plan itself (dates, period), or the plan gives it evidence
        verdict = report.verdict_of(rule.id)
        assert verdict is None or verdict.value != "pass", (rule.id, parts, complete, report.verdict_of(rule.id))


@pytest.mark.parametrize("ruleset", sorted(RULESETS))
def test_a_news_article_naming_nothing_passes_nothing(ruleset):
    """An incomplete source that gives only a title, a province and a period: nothing passes but the
    rules that read the plan itself (its period and dates)."""
    rs = RULESETS[ruleset]
    loaded = validate_plan(parse_yaml(dump(_plan(ruleset, [], False, False)), "article.yaml"))
    passed = [f.rule_id for f in check(loaded, rs).findings if f.verdict.value == "pass"]
    readers_of_the_plan = {r.id for r in rs.rules if not module_for(r).FACTS}
    # the province and the plan's own title, kind and period are what the article gives
    readers_of_what_it_gives = {r.id for r in rs.rules if r.kind in ("old_province", "stated")}
    assert set(passed) <= readers_of_the_plan | readers_of_what_it_gives, passed
