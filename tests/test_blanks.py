"""A blank left to fill ("…", "...", "[…]", "(điền)", "") or an empty part (``budget: {}``) is absent:
one rule for the whole plan file, so an unfilled draft never passes on what it leaves blank, and every
value that remains is still reported at its own line."""

import yaml

from ctxh_compliance import check, load_plan, load_ruleset
from ctxh_compliance.draft import build
from ctxh_compliance.draft.plan_file import render

from conftest import MINIMAL_PLAN


def test_a_blank_item_is_dropped_and_the_items_after_it_keep_their_lines(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump({
        **MINIMAL_PLAN,
        "task_groups": [{"heading": "…", "covers": ["legal_framework"], "lead": ["Sở Y tế"]},
                        {"heading": "Mạng lưới", "covers": ["service_network"], "lead": ["…", "Sở Y tế"]}],
        "targets": [{"indicator": "staff_assignment", "year": 2025, "value": "…", "unit": "percent"},
                    {"indicator": "facility_network", "year": 2025, "value": 50, "unit": "percent"}],
    }, allow_unicode=True, sort_keys=False, default_flow_style=False), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    report = check(load_plan(path), load_ruleset("qd112_2021"))
    network = next(f for f in report.findings if f.rule_id == "QD112-G02")
    assert network.verdict.value == "pass" and "cơ quan chủ trì: Sở Y tế." in network.message.vi
    line = int(network.evidence[0].location.split(":")[-2])
    assert "Mạng lưới" in lines[line - 1]
    facilities = next(f for f in report.findings if f.rule_id == "QD112-T05")
    line = int(facilities.evidence[0].location.split(":")[-2])
    assert "facility_network" in lines[line - 1]
    assert report.verdict_of("QD112-G01").value == "warning"  # the group without a heading is not there
    assert report.verdict_of("QD112-T01").value == "fail"     # nor the target without a value


def test_the_unfilled_draft_plan_file_never_passes_on_its_funding(tmp_path):
    for province, period in (("Lào Cai", (2026, 2030)), ("Lạng Sơn", (2021, 2025))):
        path = tmp_path / f"{province}.yaml"
        path.write_bytes(render(build(province, *period)))
        report = check(load_plan(path), load_ruleset("qd112_2021"))
        for rule_id in ("QD112-S03", "QD112-S05"):
            assert report.verdict_of(rule_id).value == "needs_review", rule_id
        assert report.verdict_of("CTXH-A01").value != "pass"


def test_a_task_group_whose_contents_are_left_blank_is_named_but_not_passed(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump({
        **MINIMAL_PLAN,
        "task_groups": [{"heading": "1. Văn bản pháp luật", "covers": ["legal_framework"], "contents": ["…"],
                         "lead": ["Sở Y tế"]},
                        {"heading": "2. Mạng lưới", "covers": ["service_network"],
                         "contents": ["Rà soát, kiện toàn các cơ sở cung cấp dịch vụ"], "lead": ["Sở Y tế"]}],
    }, allow_unicode=True, sort_keys=False, default_flow_style=False), encoding="utf-8")
    report = check(load_plan(path), load_ruleset("qd112_2021"))
    unfilled = next(f for f in report.findings if f.rule_id == "QD112-G01")
    assert unfilled.verdict.value == "needs_review"
    assert "nội dung thực hiện còn để trống" in unfilled.message.vi and "Cần: điền" in unfilled.message.vi
    assert report.verdict_of("QD112-G02").value == "pass"
