"""task_group: the plan has a task group the decision requires, and names who leads it.

A group with a lead passes; a group with no lead warns (for review in an incomplete source); a
group whose only lead is a body that no longer existed at the plan's date (the ``stale_body``
rules of the same ruleset, lead role) warns, since nobody would lead it; a missing group fails, or
warns when the rule says ``when_absent: warning`` (a group whose requirement rests on weaker
evidence) or when the rule is grade C (its requirement was never read: it cannot weigh more than a
grade-B group). Not applicable to a plan outside the programme's period.
"""

from dataclasses import dataclass
from typing import ClassVar, Literal

from pydantic import Field

from ...core.i18n import translate
from ...core.text import fold_name
from ...model.findings import Verdict
from ..facts import Fact, day, display_only
from .base import RuleBase

KIND = "task_group"


class Rule(RuleBase):
    kind: Literal["task_group"]
    group: str = Field(description="Mã nhóm mà mục `covers` của kế hoạch dùng")
    when_absent: Literal["fail", "warning"] = Field("fail", description="Kết luận khi kế hoạch thiếu nhóm này")


@dataclass
class TaskFact(Fact):
    """One national task group a section of the plan says it covers."""

    TYPE: ClassVar[str] = "task"
    group: str
    has_lead: bool
    only_lead: str        # the lead body's name as names are compared, when the group names exactly one
    heading: str = display_only()
    lead: str = display_only()
    quote: str = display_only()
    loc: str = display_only()

    def evidence_text(self, lang: str) -> str:
        return self.heading + (f" — {translate('role.lead', lang)}: {self.lead}" if self.lead else "")

    def params(self, lang: str) -> dict:
        return {"heading": self.heading, "lead": self.lead}


def tasks(loaded) -> list[Fact]:
    return [TaskFact(group=covered, has_lead=bool(group.lead), only_lead=fold_name(group.lead[0]) if len(group.lead) == 1 else "",
                     heading=group.heading, lead="; ".join(group.lead),
                     quote=group.quote or "", loc=loaded.location("task_groups", index))
            for index, group in enumerate(loaded.plan.task_groups) for covered in group.covers]


FACTS = (tasks,)


def compile(rule: Rule, b) -> None:
    m, c = b.m, b.c
    in_scope = b.programme_scope()
    b.outside_programme(rule)
    match = lambda: (m.type == "task") & (m.group == rule.group)  # noqa: E731
    b.with_plan(rule, match() & (m.has_lead == True), in_scope, "group.led", Verdict.PASS)  # noqa: E712
    no_lead = lambda: match() & (m.has_lead == False)  # noqa: E712,E731
    b.when(rule, "group.no_lead", Verdict.WARNING, c.t << no_lead(), c.p << (in_scope() & (m.complete == True)))  # noqa: E712
    b.when(rule, "group.no_lead_incomplete", Verdict.NEEDS_REVIEW,
           c.t << no_lead(), c.p << (in_scope() & (m.complete == False)))  # noqa: E712
    # weaker evidence never weighs more than stronger for the same gap: a group whose national
    # requirement was never read (grade C) is, when missing, no heavier than a grade-B one (a warning)
    missing = Verdict.WARNING if rule.grade == "C" else Verdict(rule.when_absent)
    b.absent(rule, in_scope, match, "group.missing", missing)
    # the only lead no longer exists at the plan's date: read from the ruleset's stale_body rules
    for stale in (r for r in b.rs.rules if r.kind == "stale_body" and "lead" in r.roles):
        effective = day(stale.effective)
        for pattern in stale.patterns:
            b.with_plan(rule, match() & m.only_lead.matches(f".*({pattern}).*"),
                        lambda e=effective: in_scope() & (m.as_of >= e), "group.lead_gone", Verdict.WARNING)


def example(rule: Rule, rs) -> str:
    return f"task_groups:\n  - {{heading: \"…\", covers: [{rule.group}], lead: [\"Sở Y tế\"]}}"
