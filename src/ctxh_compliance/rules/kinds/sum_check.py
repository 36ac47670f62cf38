"""sum_check: figures the plan states add up — funding sources to the total, task budgets to the
yearly budget, the yearly budget times the years to the total, sub-counts to their target.

Each sum the plan gives enough figures for passes or fails, showing the computation; a plan that
states no such figures makes the rule not applicable.
"""

from dataclasses import dataclass
from typing import ClassVar, Literal

from ...core.i18n import translate
from ...core.text import format_number
from ...model.findings import Verdict
from ..facts import Fact, display_only
from .base import RuleBase

KIND = "sum_check"


class Rule(RuleBase):
    kind: Literal["sum_check"]
    sum: Literal["sources_to_total", "tasks_to_per_year", "per_year_to_total", "breakdown_to_value"]


@dataclass
class SumFact(Fact):
    """Parts the plan states against the whole it states."""

    TYPE: ClassVar[str] = "sum"
    sum: str
    computed: float
    stated: float
    difference: float
    expression: str = display_only()
    stated_text: str = display_only()
    loc: str = display_only()

    def evidence_text(self, lang: str) -> str:
        return translate("evidence.sum", lang, expression=self.expression, stated=self.stated_text)

    def params(self, lang: str) -> dict:
        return {"type": self.TYPE, "sum": self.sum, "expression": self.expression, "stated_text": self.stated_text,
                "loc": self.loc}


def _vnd(amount: float) -> str:
    return format_number(amount, "vi")


def _plain(value: float) -> float:
    """A figure as written: 30.0 -> 30; sums of decimals rounded to what a plan can write
    (1.1 + 2.2 is 3.3, not 3.3000000000000003)."""
    value = round(value, 6)
    return int(value) if float(value).is_integer() else value


def budget_sums(loaded) -> list[Fact]:
    """Budget arithmetic the plan states enough figures for: parts against the stated whole."""
    plan = loaded.plan
    budget = plan.budget
    sums: list[Fact] = []
    if budget is None:
        return sums

    def add(name: str, parts: list[int], stated: int, path: tuple, factor: int = 1) -> None:
        computed = sum(parts) * factor
        expression = " + ".join(_vnd(p) for p in parts) if factor == 1 else f"{_vnd(parts[0])} × {factor}"
        sums.append(SumFact(sum=name, computed=computed, stated=stated, difference=computed - stated,
                            expression=f"{expression} = {_vnd(computed)}", stated_text=_vnd(stated),
                            loc=loaded.location(*path)))

    amounts = [source.amount for source in budget.sources]
    if budget.total and amounts and all(a is not None for a in amounts):
        add("sources_to_total", amounts, budget.total.amount, ("budget", "total"))
    per_task = [g.budget_per_year.amount for g in plan.task_groups if g.budget_per_year]
    if budget.per_year and per_task:
        add("tasks_to_per_year", per_task, budget.per_year.amount, ("budget", "per_year"))
    if budget.per_year and budget.total:
        span = budget.period or plan.period
        add("per_year_to_total", [budget.per_year.amount], budget.total.amount, ("budget", "total"),
            factor=span.end - span.start + 1)
    return sums


def breakdown_sums(loaded) -> list[Fact]:
    """Sub-counts of a target ("trong đó: …") against the target."""
    facts: list[Fact] = []
    for n, target in enumerate(loaded.plan.targets):
        if target.breakdown:
            parts = [_plain(p.value) for p in target.breakdown]
            whole = _plain(target.value)
            total = _plain(sum(parts))
            facts.append(SumFact(
                sum="breakdown_to_value", computed=total, stated=whole, difference=_plain(total - whole),
                expression=" + ".join(f"{_vnd(p)} ({b.label})" for p, b in zip(parts, target.breakdown, strict=True))
                + f" = {_vnd(total)}", stated_text=_vnd(whole), loc=loaded.location("targets", n, "breakdown")))
    return facts


FACTS = (budget_sums, breakdown_sums)


def compile(rule: Rule, b) -> None:
    m = b.m
    match = lambda: (m.type == "sum") & (m.sum == rule.sum)  # noqa: E731
    b.with_plan(rule, match() & (m.difference == 0), b.plan, "sum.agrees", Verdict.PASS)
    b.with_plan(rule, match() & (m.difference != 0), b.plan, "sum.differs", Verdict.FAIL)
    b.when(rule, "sum.no_data", Verdict.NOT_APPLICABLE, b.c.p << b.plan(), b.none(match()))
