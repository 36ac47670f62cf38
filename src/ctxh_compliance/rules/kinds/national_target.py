"""national_target: a target of the whole country, not assigned to provinces.

Always not applicable to a provincial plan; the finding shows the national figure, and the
plan's own figure when it states one for the same indicator.
"""

from typing import Literal

from ...core.text import format_number
from ...model.findings import Verdict
from ...model.localized import Localized
from .. import facts
from .base import RuleBase

KIND = "national_target"
FACTS = (facts.targets,)


class Rule(RuleBase):
    kind: Literal["national_target"]
    indicator: str | None = None
    value: float | None = None
    unit_label: Localized


def compile(rule: Rule, b) -> None:
    m = b.m
    if rule.indicator:
        match = lambda: (m.type == "target") & (m.indicator == rule.indicator)  # noqa: E731
        b.when(rule, "national.only", Verdict.NOT_APPLICABLE, b.c.p << b.plan(), b.none(match()))
        b.with_plan(rule, match(), b.plan, "national.with_plan", Verdict.NOT_APPLICABLE)
    else:
        b.when(rule, "national.only", Verdict.NOT_APPLICABLE, b.c.p << b.plan())


def requirement(rule: Rule, lang: str) -> str:
    label = getattr(rule.unit_label, lang)
    return f"{format_number(rule.value, lang)} {label}" if rule.value is not None else label
