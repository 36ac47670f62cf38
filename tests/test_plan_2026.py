"""A 2026-2030 phase plan of a merged province, as provinces are writing them now (Sở Y tế leading,
"xã, phường, đặc khu"): one that meets every verified requirement is ĐẠT; the same plan with the
mistakes copied from older plans gets exactly those findings."""

import copy

from ctxh_compliance import check, load_plan, select_ruleset

POPULATION = ["cơ quan", "tổ chức", "cơ sở trợ giúp xã hội", "cơ sở cai nghiện ma túy", "trại giam", "trường giáo dưỡng",
              "cơ quan tư pháp", "trường học", "bệnh viện", "xã", "phường", "đặc khu", "đơn vị liên quan"]
COMMUNES = "UBND các xã, phường, đặc khu"
GROUPS = {"legal_framework": "Hoàn thiện văn bản", "service_network": "Phát triển mạng lưới cơ sở",
          "workforce": "Phát triển đội ngũ", "training": "Đào tạo, bồi dưỡng", "communication": "Truyền thông",
          "monitoring": "Kiểm tra, giám sát", "cooperation_data": "Hợp tác quốc tế, cơ sở dữ liệu"}

PLAN = {
    "identification": {"number": "57/KH-UBND", "title": "Kế hoạch thực hiện Chương trình phát triển công tác xã hội "
                       "giai đoạn 2026-2030", "issuer": "UBND tỉnh Lào Cai", "province": "Lào Cai",
                       "date": "2026-03-20", "kind": "phase"},
    "legal_bases": [{"number": "112/QĐ-TTg", "date": "2021-01-22"}],
    "period": {"start": 2026, "end": 2030},
    "general_objective": {"text": "Tiếp tục đẩy mạnh phát triển công tác xã hội trên địa bàn tỉnh"},
    "targets": [
        {"indicator": "staff_assignment", "year": 2030, "value": 90, "unit": "percent", "population": POPULATION},
        {"indicator": "staff_per_unit", "year": 2030, "value": 1, "unit": "per_unit"},
        {"indicator": "collaborator_allowance", "year": 2030, "value": 1, "unit": "wage_multiple"},
        {"indicator": "facility_network", "year": 2030, "value": 60, "unit": "percent"},
        {"indicator": "staff_trained", "year": 2030, "value": 40, "unit": "percent"},
        {"indicator": "reach_increase", "year": 2030, "value": 30, "unit": "percent_increase", "relative_to": 2025},
        {"indicator": "children_served", "year": 2030, "value": 90, "unit": "percent"},
    ],
    "task_groups": [{"heading": heading, "covers": [group], "lead": ["Sở Y tế"], "partners": [COMMUNES]}
                    for group, heading in GROUPS.items()],
    "budget": {"total": {"amount": "5.000.000.000"},
               "sources": [{"name": "Ngân sách tỉnh", "amount": "3.000.000.000"},
                           {"name": "Xã hội hóa", "amount": "2.000.000.000"}]},
    "organisation": [{"body": "Sở Y tế", "duties": ["Chủ trì, theo dõi, tổng hợp"]},
                     {"body": COMMUNES, "duties": ["Tổ chức thực hiện trên địa bàn"]}],
    "monitoring": {"reporting": [{"text": "Báo cáo kết quả hằng năm", "by": ["Sở Y tế"], "to": ["UBND tỉnh", "Bộ Y tế"]}]},
}


def _report(plan, write_plan):
    loaded = load_plan(write_plan(plan))
    rs, cited = select_ruleset(loaded)
    assert rs.id == "qd112_2021"
    return check(loaded, rs, cited)


def _problems(report) -> dict[str, str]:
    """Verified rules that are not passed, with their verdict."""
    verdicts: dict[str, str] = {}
    for finding in report.verified:
        if finding.verdict.value not in ("pass", "not_applicable"):
            verdicts[finding.rule_id] = finding.verdict.value
    return verdicts


def test_a_plan_meeting_every_verified_requirement_is_pass(write_plan):
    report = _report(PLAN, write_plan)
    assert _problems(report) == {}
    assert report.overall.value == "pass"
    # the 2030 values the decision's text was never read for are shown, unverified
    assert {f.rule_id for f in report.findings if f.grade == "C" and f.verdict.value == "needs_review"} >= {
        "QD112-T12", "QD112-T13", "QD112-T14"}


def test_the_same_plan_with_copied_mistakes_gets_exactly_those_findings(write_plan):
    plan = copy.deepcopy(PLAN)
    plan["task_groups"][1]["partners"].append("Sở LĐTB&XH")
    plan["organisation"].append({"body": "UBND các huyện", "duties": ["Phối hợp thực hiện"]})
    plan["targets"][3]["value"] = 45
    plan["budget"]["sources"][1]["amount"] = "1.500.000.000"
    report = _report(plan, write_plan)
    assert _problems(report) == {
        "CTXH-I01": "warning",   # Sở LĐTB&XH: dissolved on 1/3/2025
        "CTXH-I03": "warning",   # UBND các huyện: no district level since 1/7/2025
        "QD112-T11": "fail",     # 45% < 60% by 2030
        "QD112-T05": "warning",  # 45% is below even the 2025 level (50%): the target goes backwards
        "CTXH-A01": "fail",      # 3.000.000.000 + 1.500.000.000 ≠ 5.000.000.000
    }
    assert report.overall.value == "fail"
