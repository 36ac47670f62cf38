"""min_target: the plan carries a national minimum target for a milestone year, at least as high.

A province may raise the target (the report says so); a lower value fails (or warns, with
``below_minimum: warning``). A value written in another form (a head count against a
percentage), "khoảng", another base year or another population cannot be settled and is for
review, saying what would settle it — unless the decision itself writes its value as "khoảng"
(``decision_says_about: true``: QĐ 32's "tăng khoảng 10%"), where a plan's "khoảng" at or above the
value is the decision's own wording and meets it. A value the decision's text was not read for
(``value: null``, grade C) never gives a pass or a fail. A milestone outside the plan's period is
not applicable; ``year: null`` means the whole programme.
"""

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from ...core.i18n import quantity, translate
from ...core.text import fold_item, format_number
from ...model.findings import Verdict
from ...model.localized import Localized
from ...model.plan import Unit
from .. import facts
from .base import RuleBase, Strict

KIND = "min_target"
#: units that state a level the province keeps once reached (a share, staff per unit, an allowance):
#: a later target below the milestone's level goes backwards. Counts and increases against a base
#: year are flows with their own base, not compared across years.
LEVEL_UNITS = ("percent", "per_unit", "wage_multiple")
FACTS = (facts.targets,)
#: outcomes whose pass rests on the national value itself (flagged when that value is grade C)
RESTS_ON_VALUE = ("target.meets",)


class MirrorValue(Strict):
    province: str
    value: float
    quote: str


class GoneGroup(Strict):
    """A group of the population that no longer exists from a date (the 2025 reform removed "thị
    trấn"): a plan judged after that date is not told it lacks it."""

    group: str = Field(description="Cách viết đầu tiên của nhóm trong `population`")
    after: dt.date
    grade: Literal["A", "B", "C"]
    note: str


class Rule(RuleBase):
    kind: Literal["min_target"]
    indicator: str
    year: int | None = Field(description="Năm mốc; null nếu quyết định không ghi rõ giai đoạn")
    value: float | None = Field(description="Mức tối thiểu quốc gia; null khi chưa đọc được")
    value_status: Literal["read", "not_read"] = "read"
    unit: Unit
    baseline_year: int | None = None
    population: list[list[str]] = Field(
        default_factory=list, description="Các nhóm đối tượng của mẫu số; mỗi nhóm liệt kê các cách viết được chấp nhận")
    population_gone: list[GoneGroup] = Field(default_factory=list)
    settle_with: Localized | None = None
    mirror_values: list[MirrorValue] = Field(default_factory=list)
    below_minimum: Literal["fail", "warning"] = "fail"
    decision_says_about: bool = Field(False, description="Quyết định tự ghi giá trị là “khoảng”: kế hoạch ghi "
                                                         "“khoảng” bằng hoặc cao hơn giá trị đó là đạt")

    @model_validator(mode="after")
    def _value_matches_status(self) -> "Rule":
        if (self.value is None) != (self.value_status == "not_read"):
            raise ValueError("value must be null exactly when value_status is not_read")
        if self.value_status == "not_read" and self.grade != "C":
            raise ValueError("a value that was not read can only be grade C")
        firsts = {variants[0] for variants in self.population}
        unknown = [gone.group for gone in self.population_gone if gone.group not in firsts]
        if unknown:
            raise ValueError(f"population_gone names groups not in population: {unknown}")
        return self


def compile(rule: Rule, b) -> None:
    m = b.m
    year = rule.year
    if year is None:
        in_scope = b.programme_scope()
        b.outside_programme(rule)
        match = lambda: (m.type == "target") & (m.indicator == rule.indicator)  # noqa: E731
    else:
        in_scope = lambda: (m.type == "plan") & (m.start <= year) & (m.end >= year)  # noqa: E731
        b.when(rule, "target.not_applicable", Verdict.NOT_APPLICABLE,
               b.c.p << ((m.type == "plan") & ((m.start > year) | (m.end < year))))
        if rule.value is not None and rule.unit in LEVEL_UNITS and rule.baseline_year is None:
            # a plan that starts after the milestone (an annual 2026 plan, a 2026-2030 phase) is still
            # held to the level the decision required by then: a later target below it goes backwards
            later_below = ((m.type == "target") & (m.indicator == rule.indicator) & (m.year > year)
                           & (m.unit == rule.unit) & (m.value < rule.value))
            b.with_plan(rule, later_below, lambda: (m.type == "plan") & (m.start > year), "target.below_earlier",
                        Verdict.NEEDS_REVIEW if rule.grade == "C" else Verdict.WARNING)
        # a target whose year was inferred may be this milestone's: it is compared (never decisively)
        match = lambda: ((m.type == "target") & (m.indicator == rule.indicator)  # noqa: E731
                         & (((m.year == year) & (m.inferred == False)) | (m.inferred == True)))  # noqa: E712
    if rule.value is None:
        b.absent(rule, in_scope, match, "target.unread_missing", Verdict.NEEDS_REVIEW)
        b.with_plan(rule, match(), in_scope, "target.unread_present", Verdict.NEEDS_REVIEW)
    else:
        value, unit = rule.value, rule.unit
        same_unit = lambda: match() & (m.unit == unit)  # noqa: E731
        firm = lambda: (m.comparison == "at_least") | (m.comparison == "exactly")  # noqa: E731
        soft = lambda: (m.comparison == "about") | (m.comparison == "at_most")  # noqa: E731
        below = Verdict.FAIL if rule.below_minimum == "fail" else Verdict.WARNING
        b.absent(rule, in_scope, match, "target.missing", Verdict.FAIL)
        b.with_plan(rule, same_unit() & (m.value < value), in_scope, "target.below", below)
        if rule.decision_says_about:
            about = lambda: firm() | (m.comparison == "about")  # noqa: E731
            b.with_plan(rule, same_unit() & (m.value >= value) & about(), in_scope, "target.meets", Verdict.PASS)
            b.with_plan(rule, same_unit() & (m.value >= value) & (m.comparison == "at_most"), in_scope, "target.soft",
                        Verdict.NEEDS_REVIEW)
        else:
            b.with_plan(rule, same_unit() & (m.value >= value) & firm(), in_scope, "target.meets", Verdict.PASS)
            b.with_plan(rule, same_unit() & (m.value >= value) & soft(), in_scope, "target.soft", Verdict.NEEDS_REVIEW)
        b.with_plan(rule, match() & (m.unit != unit), in_scope, "target.other_form", Verdict.NEEDS_REVIEW)
        if rule.baseline_year is not None:
            b.with_plan(rule, same_unit() & (m.relative_to != rule.baseline_year), in_scope, "target.baseline",
                        Verdict.NEEDS_REVIEW)
    if rule.population:
        b.with_plan(rule, match() & (m.has_population == True), in_scope, "population.compare",  # noqa: E712
                    Verdict.NEEDS_REVIEW)


def requirement(rule: Rule, lang: str) -> str:
    if rule.value is None:
        return translate("requirement.not_read", lang)
    return f"{translate('comparison.at_least', lang)} {quantity(rule.value, rule.unit, lang, rule.baseline_year)}"


def params(rule: Rule, rs, lang: str) -> dict:
    return {
        "indicator": getattr(rs.indicators[rule.indicator].name, lang),
        "base": rule.baseline_year or "",
        "settle_with": getattr(rule.settle_with, lang) if rule.settle_with else translate("settle.default", lang),
        "mirrors": "; ".join(f"{mv.province}: {format_number(mv.value, lang)}" for mv in rule.mirror_values)
        or translate("mirrors.none", lang),
    }


def _segments(item: str, known: set[str]) -> list[str] | None:
    """Split an item into known items when a comma is missing ("phường thị trấn"), or None: the
    shortest known head first whose rest splits too, a known rest kept whole. Linear in the item's
    words (a known item has at most a few), so a long item costs no more than its length."""
    words = item.split(" ")
    longest = max((k.count(" ") + 1 for k in known), default=0)
    # the ends of known heads, from each position that known heads reach from the start
    ends: dict[int, list[int]] = {}
    reached = {0}
    for start in range(len(words)):
        if start in reached:
            ends[start] = [cut for cut in range(start + 1, min(len(words), start + longest) + 1)
                           if " ".join(words[start:cut]) in known]
            reached.update(ends[start])
    following: dict[int, int] = {}  # for the starts whose rest splits: where the known head that begins it ends
    for start in sorted(ends, reverse=True):
        if start and len(words) in ends[start]:  # a known rest is kept whole
            following[start] = len(words)
            continue
        cut = next((cut for cut in ends[start] if cut < len(words) and cut in following), None)
        if cut is not None:
            following[start] = cut
    if 0 not in following:
        return None
    parts, start = [], 0
    while start < len(words):
        parts.append(" ".join(words[start:following[start]]))
        start = following[start]
    return parts


def population_gap(rule: Rule, population: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Groups of the decision that no item of the plan names, and the plan's items that
    name no group of the decision (compared item by item, spelling variants accepted)."""
    groups = [{fold_item(v) for v in variants} for variants in rule.population]
    known = set().union(*groups)
    named: set[str] = set()
    extra: list[str] = []
    for item in population:
        folded = fold_item(item)
        if not folded:
            continue
        parts = [folded] if folded in known else _segments(folded, known)
        if parts is None:
            extra.append(item.strip())
        else:
            named.update(parts)
    missing = [variants[0] for variants, folded in zip(rule.population, groups, strict=True) if not folded & named]
    return missing, extra


def finding(outcome, rs, build):
    """A population comparison is its own finding (aspect "population"), only when it differs;
    a value above the national minimum says the province raised it."""
    rule = outcome.rule
    if outcome.name == "population.compare":
        missing, extra = population_gap(rule, outcome.element.population)
        gone = {g.group for g in rule.population_gone if outcome.plan.as_of >= facts.day(g.after)}
        missing = [group for group in missing if group not in gone]
        if not missing and not extra:
            return None
        texts = {}
        for lang in ("vi", "en"):
            nothing = translate("population.nothing", lang)
            texts[lang] = translate("population.differs", lang, missing="; ".join(missing) or nothing,
                                    extra="; ".join(extra) or nothing)
        return build.finding(outcome, rs, Localized(**texts), aspect="population")
    key = outcome.name
    if key == "target.meets" and outcome.element.value > (rule.value or 0):
        key = "target.raised"
    return build.finding(outcome, rs, build.message(key, outcome, rs))


def example(rule: Rule, rs) -> str:
    if rule.value is None:
        return ""
    year = rule.year or rs.decision_file.programme_end
    base = f", relative_to: {rule.baseline_year}" if rule.baseline_year else ""
    return (f"targets:\n  - {{indicator: {rule.indicator}, year: {year}, value: {format_number(rule.value, 'en')}, "
            f"unit: {rule.unit}{base}}}")
