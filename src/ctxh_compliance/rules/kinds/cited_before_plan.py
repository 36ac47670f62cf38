"""cited_before_plan: every document the plan cites was issued before the plan's own date.

A cited document dated after the plan (a typo in a year, or a plan back-dated) warns; a dated plan
whose dated citations all come before it passes; a plan with no date, or citing no dated document,
cannot be judged (not applicable).
"""

from typing import Literal

from ...model.findings import Verdict
from .. import facts
from .base import RuleBase

KIND = "cited_before_plan"
FACTS = (facts.bases,)


class Rule(RuleBase):
    kind: Literal["cited_before_plan"]


def compile(rule: Rule, b) -> None:
    m, c = b.m, b.c
    dated_plan = lambda: (m.type == "plan") & (m.dated != 0)  # noqa: E731
    b.when(rule, "cited.plan_undated", Verdict.NOT_APPLICABLE, c.p << ((m.type == "plan") & (m.dated == 0)))
    # the plan fact comes first in these rules: the basis's condition refers to the plan's date
    b.when(rule, "cited.after_plan", Verdict.WARNING,
           c.p << dated_plan(), c.t << ((m.type == "basis") & (m.date > c.p.dated)))
    b.when(rule, "cited.before_plan", Verdict.PASS,
           c.p << dated_plan(), c.t << ((m.type == "basis") & (m.date != 0) & (m.date <= c.p.dated)))
    b.when(rule, "cited.none_dated", Verdict.NOT_APPLICABLE,
           c.p << dated_plan(), b.none((m.type == "basis") & (m.date != 0)))
