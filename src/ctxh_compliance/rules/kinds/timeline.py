"""timeline: the plan's dates fit the programme — issued after the decision
(``dated_after_decision``), issued before the programme ends (``issued_within_programme``), and
its period inside the programme's (``period_within_programme``: partly outside warns, wholly
outside fails). An undated plan (a draft) is not judged on its date.
"""

from typing import Literal

from ...model.findings import Verdict
from ..facts import day
from .base import RuleBase

KIND = "timeline"
FACTS = ()


class Rule(RuleBase):
    kind: Literal["timeline"]
    check: Literal["dated_after_decision", "issued_within_programme", "period_within_programme"]


def compile(rule: Rule, b) -> None:
    m, p = b.m, b.c.p
    d = b.decision_file
    start, end = d.programme_start, d.programme_end
    plan = m.type == "plan"
    if rule.check == "period_within_programme":
        b.when(rule, "timeline.period_inside", Verdict.PASS, p << (plan & (m.start >= start) & (m.end <= end)))
        # the two sides of the "|" must exclude each other: durable fires once for each side that holds
        b.when(rule, "timeline.period_outside", Verdict.WARNING,
               p << ((m.type == "plan") & (m.end >= start) & (m.start <= end)
                     & ((m.start < start) | ((m.start >= start) & (m.end > end)))))
        b.when(rule, "timeline.period_disjoint", Verdict.FAIL,
               p << ((m.type == "plan") & ((m.end < start) | (m.start > end))))
        return
    b.when(rule, "timeline.undated", Verdict.NOT_APPLICABLE, p << ((m.type == "plan") & (m.dated == 0)))
    if rule.check == "dated_after_decision":
        date = day(b.rs.decision.date)
        b.when(rule, "timeline.before_decision", Verdict.FAIL,
               p << ((m.type == "plan") & (m.dated != 0) & (m.dated < date)))
        b.when(rule, "timeline.after_decision", Verdict.PASS, p << ((m.type == "plan") & (m.dated >= date)))
    else:
        b.when(rule, "timeline.after_programme", Verdict.WARNING, p << ((m.type == "plan") & (m.issued_year > end)))
        b.when(rule, "timeline.within_programme", Verdict.PASS,
               p << ((m.type == "plan") & (m.dated != 0) & (m.issued_year <= end)))
