"""Bodies and places after the 2025 reorganisation (CTXH-I01…I03, CTXH-P01): names compared as
officials write them, the two lists of provincial units against the reference, and a grade-C
change that never decides the overall conclusion."""

import re
from pathlib import Path

import pytest
from durable.lang import m, when_all

from ctxh_compliance import check, load_plan, load_ruleset

from ctxh_compliance.rules import engine  # noqa: E402
from ctxh_compliance.rules.kinds import old_province
from ctxh_compliance.core.text import fold_name, fold_place

from conftest import MINIMAL_PLAN, ROOT

RS = load_ruleset("qd112_2021")
P01 = next(rule for rule in RS.rules if rule.id == "CTXH-P01")
REFERENCE = ROOT / "docs" / "reference" / "national_decisions.md"


@pytest.mark.parametrize("written,same_as", [
    ("Sở LĐTB&XH", "Sở LĐTB và XH"),
    ("Sở LĐ-TB&XH", "Sở LĐ – TB và XH"),
    ("Sở Lao động, Thương binh và Xã hội", "Sở Lao động - Thương binh và Xã hội"),
    ("Sở Lao động‑Thương binh−Xã hội", "sở lao động thương binh xã hội"),
    ("Sở LĐ\u200bTBXH", "Sở LĐTBXH"),
    ("Sở\u00a0LĐTBXH\ufeff", "Sở LĐTBXH"),
    ("\u202bUBND các huyện\u202c", "UBND các huyện"),
    ("UBND các \u2066huyện\u2069", "UBND các huyện"),
    ("Sở \u200e\u200fY tế\u2060", "Sở Y tế"),
    ("UBND các quận, huyện, thị xã", "UBND các quận huyện thị xã"),
    ("Hoà Bình", "Hòa Bình"), ("Khánh Hoà", "Khánh Hòa"), ("Thanh Hoá", "Thanh Hóa"),
    ("Uỷ ban nhân dân", "Ủy ban nhân dân"), ("thuỳ", "thùy"), ("khoẻ", "khỏe"), ("hoạ", "họa"),
    ("Hoà", "HÒA"), ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"), ("Đắc Nông", "Đắk Nông"), ("Đắc Lắk", "Đắk Lắk"),
    ("Hoa\u0300 Bi\u0300nh", "Hòa Bình"),  # decomposed (NFD) input
])
def test_names_written_differently_compare_equal(written, same_as):
    assert fold_name(written) == fold_name(same_as)


@pytest.mark.parametrize("one,other", [
    ("Sở Y tế", "Sở Nội vụ"), ("đắc lực", "đắk lực"), ("UBND các xã", "UBND các thị xã"),
    ("trại giam", "trại tạm giam"), ("Hà Nam", "Hà Nội"),
])
def test_different_names_stay_different(one, other):
    assert fold_name(one) != fold_name(other)


def test_the_lists_of_provincial_units_are_those_of_the_reference():
    """34 units from 1/7/2025 (11 unchanged + 23 new) and 63 before (11 unchanged + 52 merged), each
    name as reference §3.3 writes it; the merge grades are the reference's."""
    assert len(P01.unchanged) == 11 and len(P01.merges) == 23
    assert len(old_province.current_names(P01)) == 34
    assert len(old_province.before_names(P01)) == 63
    assert sum(len(mg.formed_from) for mg in P01.merges) == 52
    text = REFERENCE.read_text(encoding="utf-8")
    section = text.split("### 3.3", 1)[1].split("### 3.4", 1)[0]
    unchanged = section.split("Eleven unchanged:", 1)[1].split("\n\n", 1)[0]
    written = {fold_place(re.sub(r"\s*\(TP\)", "", name)) for name in unchanged.replace("\n", " ").rstrip(".").split(",")}
    assert written == {fold_place(u.name) for u in P01.unchanged}
    rows = [row for row in section.splitlines() if re.match(r"\| \d+ \|", row)]
    assert len(rows) == 23
    for row, merge in zip(rows, P01.merges, strict=True):
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert fold_place(cells[1]) == fold_place(merge.new), row
        parts = [fold_place(part.replace("TP.HCM", "Hồ Chí Minh")) for part in cells[2].split(" + ")]
        assert parts == [fold_place(name) for name in merge.formed_from], row
        assert cells[4].split()[0] == merge.grade, row


def test_the_stale_body_patterns_catch_the_abbreviations_in_the_engine_as_in_python():
    """Each pattern, on names as the facts hold them (fold_name), gives the same answer in
    durable-rules as in Python; every name written for a dissolved body is caught by its rule, and
    the current bodies by none."""
    stale = {
        "CTXH-I01": ["Sở LĐTB&XH", "Sở LĐ-TB&XH", "Sở Lao động, Thương binh và Xã hội", "Sở LĐTBXH", "Sở LĐ-TBXH",
                     "Sở Lao động - Thương binh và Xã hội tỉnh Lạng Sơn", "Sở Lao động TB&XH", "Sở LĐ\u200bTBXH",
                     "Sở \u202eLĐTBXH"],
        "CTXH-I02": ["Bộ LĐTB&XH", "Bộ Lao động – Thương binh và Xã hội", "Bộ LĐ-TB&XH", "Bộ LĐTBXH"],
        "CTXH-I03": ["UBND các quận, huyện, thị xã", "Phòng LĐ-TB&XH các huyện", "UBND các huyện", "UBND cấp huyện",
                     "Uỷ ban nhân dân các huyện", "UBND huyện Bắc Sơn", "Phòng Lao động - Thương binh và Xã hội",
                     "Phòng LĐ, TB, XH", "các huyện, thị xã, thành phố", "các huyện, thành phố", "UBND các thị xã",
                     "UBND các \u2067huyện\u2069"],
    }
    current = ["Sở Y tế", "Sở Nội vụ", "Bộ Y tế", "Bộ Nội vụ", "UBND các xã, phường, đặc khu", "UBND tỉnh",
               "UBND các xã, phường, thị trấn", "Sở Tài chính", "Ủy ban nhân dân tỉnh Lào Cai"]
    names = [name for group in stale.values() for name in group] + current
    caught: dict[str, set[str]] = {}
    n = 0
    for rule in RS.rules:
        if rule.kind != "stale_body":
            continue
        for pattern in rule.patterns:
            compiled = engine.compile_definition("pattern", lambda p=pattern: when_all(
                (m.type == "body") & m.name.matches(f".*({p}).*"))(engine.Action(None, "hit", None, False)))
            for name in names:
                n += 1
                fired = bool(compiled.run([{"type": "body", "name": fold_name(name), "sid": str(n)}], str(n)))
                assert fired == bool(re.fullmatch(f".*({pattern}).*", fold_name(name))), (rule.id, pattern, name)
                if fired:
                    caught.setdefault(rule.id, set()).add(name)
    for rule_id, group in stale.items():
        assert set(group) <= caught.get(rule_id, set()), (rule_id, set(group) - caught.get(rule_id, set()))
    assert not set(current) & set().union(*caught.values())


def test_a_pattern_not_written_as_names_are_compared_is_refused():
    from ctxh_compliance.rules.kinds.stale_body import Rule
    data = next(rule for rule in RS.rules if rule.id == "CTXH-I01").model_dump()
    for pattern in ("sở lđ-tbxh", "sở lđtb&xh", "(ủy|uỷ) ban nhân dân"):
        with pytest.raises(ValueError, match="not written as names are compared"):
            Rule.model_validate({**data, "patterns": [pattern]})


def _report(write_plan, province: str, date: str = "2026-02-01"):
    plan = {**MINIMAL_PLAN, "identification": {"title": "Kế hoạch", "province": province, "kind": "phase",
                                               "issuer": "UBND tỉnh", "date": date},
            "period": {"start": 2026, "end": 2030},
            "task_groups": [{"heading": "Mạng lưới", "covers": ["service_network"], "lead": ["Sở Y tế"]}]}
    return check(load_plan(write_plan(plan)), RS)


def _p01(report):
    return next(f for f in report.findings if f.rule_id == "CTXH-P01")


def test_thua_thien_hue_is_for_review_with_grade_c_and_never_decides_the_conclusion(write_plan):
    """TP Huế for Thừa Thiên Huế is background knowledge (grade C): for review, shown unverified, left
    out of the overall conclusion — the same plan under the new name concludes the same."""
    old, new = _report(write_plan, "Thừa Thiên Huế"), _report(write_plan, "Thành phố Huế")
    finding = _p01(old)
    assert finding.verdict.value == "needs_review" and finding.grade == "C"
    assert "background knowledge" in finding.grade_note.en and "hiểu biết nền" in finding.grade_note.vi
    assert finding not in old.verified and old.unverified >= 1
    assert _p01(new).verdict.value == "pass" and _p01(new).grade == "A"
    assert old.overall == new.overall


def test_an_old_name_carries_its_merge_grade(write_plan):
    assert (_p01(_report(write_plan, "Bình Phước")).verdict.value, _p01(_report(write_plan, "Bình Phước")).grade) == (
        "warning", "B")
    assert (_p01(_report(write_plan, "Yên Bái")).verdict.value, _p01(_report(write_plan, "Yên Bái")).grade) == (
        "warning", "A")


@pytest.mark.parametrize("province", ["Hà Tây", "Yên Bai", "Sài Gòn", "Tỉnh"])
def test_a_name_on_neither_list_is_for_review_at_any_date(write_plan, province):
    for date in ("2021-06-07", "2026-02-01"):
        finding = _p01(_report(write_plan, province, date))
        assert finding.verdict.value == "needs_review" and "Không nhận ra tên tỉnh" in finding.message.vi


@pytest.mark.parametrize("province", [*{u.name for u in P01.unchanged}, *{mg.new for mg in P01.merges}])
def test_every_current_unit_passes_after_the_merger(write_plan, province):
    assert _p01(_report(write_plan, province)).verdict.value == "pass"


@pytest.mark.parametrize("province", sorted({name for mg in P01.merges for name in mg.formed_from} | {"Thừa Thiên Huế"}))
def test_every_former_unit_is_not_applicable_before_the_merger(write_plan, province):
    assert _p01(_report(write_plan, province, "2025-06-30")).verdict.value == "not_applicable"


def test_no_example_plan_is_recognised_differently_by_the_old_folding():
    """The examples' provinces are read the same with the new name folding (no example changes province)."""
    from ctxh_compliance.core.text import fold
    for path in sorted(Path(ROOT / "examples").glob("*.yaml")):
        province = load_plan(path).plan.identification.province
        assert fold_place(province) == fold(province)
