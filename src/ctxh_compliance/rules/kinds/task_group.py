"""task_group: the plan has a task group the decision requires, and names who leads it.

A group with a lead passes, unless its contents were left as a blank to fill ("Nội dung thực hiện:
…": for review, naming what to fill) or its lead was inferred rather than read (the first of the bodies
"Đơn vị thực hiện: A, B" names: for review, saying so); a group with no lead warns (for review in an incomplete source); a
group whose every lead is a body that no longer existed at the plan's date (the ``stale_body``
rules of the same ruleset, lead role: "Sở LĐTBXH" and "Phòng LĐTBXH các huyện" together) warns,
since nobody would lead it; a missing group fails, or
warns when the rule says ``when_absent: warning`` (a group whose requirement rests on weaker
evidence) or when the rule is grade C (its requirement was never read: it cannot weigh more than a
grade-B group). A group known from background knowledge only (``when_absent: background``: no source
read names it) is never asked for: when missing it is not applicable, saying why. Not applicable to
a plan outside the programme's period.
"""

import re
from dataclasses import dataclass
from typing import ClassVar, Literal

from pydantic import Field

from ...core.i18n import translate
from ...core.regex import compile_once
from ...core.text import fold_name
from ...inputs.plan_loader import is_blank
from ...model.findings import Verdict
from ..facts import Fact, assumed, day, display_only
from .base import RuleBase

KIND = "task_group"


class Rule(RuleBase):
    kind: Literal["task_group"]
    group: str = Field(description="Mã nhóm mà mục `covers` của kế hoạch dùng")
    when_absent: Literal["fail", "warning", "background"] = Field(
        "fail", description="Kết luận khi kế hoạch thiếu nhóm này; background: nhóm chỉ là hiểu biết nền, không yêu cầu")


@dataclass
class TaskFact(Fact):
    """One national task group a section of the plan says it covers."""

    TYPE: ClassVar[str] = "task"
    group: str
    has_lead: bool
    guessed_lead: bool    # the lead was inferred (the first of bodies named with no word saying who leads)
    judged: bool          # which national group the heading is was judged: it holds another absent group's words
    unfilled: bool        # its contents were written only as blanks to fill ("Nội dung thực hiện: …")
    gone_from: int        # YYYYMMDD from which every lead no longer exists (0: a lead still exists, or none)
    heading: str = display_only()
    lead: str = display_only()
    quote: str = display_only()
    loc: str = display_only()
    why: str = display_only()  # why the heading's group was judged, as the reader noted it (Vietnamese)

    def evidence_text(self, lang: str) -> str:
        return self.heading + (f" — {translate('role.lead', lang)}: {self.lead}" if self.lead else "")

    def params(self, lang: str) -> dict:
        # the reader notes its reasons in Vietnamese: another language names where they are listed instead
        why = self.why if self.why and lang == "vi" else translate("group.judged_reason_listed", lang)
        return {"heading": self.heading, "lead": self.lead, "why": why}


def gone_from(names: list[str], stale: list[tuple[int, list[re.Pattern]]]) -> int:
    """The day from which none of ``names`` exists any more: for each name the first day a ``stale_body``
    pattern says it is gone, the latest of those; 0 when a name is never gone (or there is none)."""
    days = []
    for name in names:
        folded = fold_name(name)
        gone = [effective for effective, patterns in stale if any(p.fullmatch(folded) for p in patterns)]
        if not gone:
            return 0
        days.append(min(gone))
    return max(days, default=0)


def unfilled(loaded, index: int, contents: list[str]) -> bool:
    """The group's contents were written only as blanks to fill: in a plan file (taken as absent when
    read), or as read from a document (kept as the blank "…")."""
    if contents:
        return all(is_blank(item) for item in contents)
    return loaded.blank("task_groups", index, "contents")


def facts_for(rs) -> tuple:
    """The task facts of a plan, with when its leads are gone by the ``stale_body`` rules of ``rs``
    (the same patterns the engine matches, read the way the engine reads them: anywhere in the name)."""
    stale = [(day(r.effective), [compile_once(f".*({p}).*", re.DOTALL) for p in r.patterns])
             for r in rs.rules if r.kind == "stale_body" and "lead" in r.roles]

    def tasks(loaded) -> list[Fact]:
        guessed = assumed(loaded)
        return [TaskFact(group=covered, has_lead=bool(group.lead),
                         guessed_lead=f"task_groups[{index}].lead" in guessed,
                         judged=f"task_groups[{index}].covers" in guessed,
                         unfilled=unfilled(loaded, index, group.contents),
                         gone_from=gone_from(group.lead, stale),
                         heading=group.heading, lead="; ".join(group.lead),
                         quote=group.quote or "", loc=loaded.location("task_groups", index),
                         why=loaded.reason("task_groups", index) or "")
                for index, group in enumerate(loaded.plan.task_groups) for covered in group.covers]
    return (tasks,)


FACTS = ()


def compile(rule: Rule, b) -> None:
    m, c = b.m, b.c
    in_scope = b.programme_scope()
    b.outside_programme(rule)
    match = lambda: (m.type == "task") & (m.group == rule.group)  # noqa: E731
    led = lambda: match() & (m.has_lead == True)  # noqa: E712,E731
    sure = lambda: led() & (m.guessed_lead == False) & (m.judged == False)  # noqa: E712,E731
    b.with_plan(rule, sure() & (m.unfilled == False), in_scope, "group.led", Verdict.PASS)  # noqa: E712
    # a lead the reader inferred (the first of the bodies a line names, no word saying who leads) never passes
    b.with_plan(rule, led() & (m.guessed_lead == True), in_scope, "group.lead_guessed", Verdict.NEEDS_REVIEW)  # noqa: E712
    # nor a group whose heading was judged to be it (its words name another group the plan has no heading for)
    b.with_plan(rule, led() & (m.guessed_lead == False) & (m.judged == True), in_scope,  # noqa: E712
                "group.heading_judged", Verdict.NEEDS_REVIEW)
    # a group whose contents are only a blank to fill is named, not yet planned: never a pass
    b.with_plan(rule, sure() & (m.unfilled == True), in_scope, "group.unfilled", Verdict.NEEDS_REVIEW)  # noqa: E712
    no_lead = lambda: match() & (m.has_lead == False)  # noqa: E712,E731
    b.when(rule, "group.no_lead", Verdict.WARNING, c.t << no_lead(), c.p << (in_scope() & (m.complete == True)))  # noqa: E712
    b.when(rule, "group.no_lead_incomplete", Verdict.NEEDS_REVIEW,
           c.t << no_lead(), c.p << (in_scope() & (m.complete == False)))  # noqa: E712
    # weaker evidence never weighs more than stronger for the same gap: a group whose national
    # requirement was never read (grade C) is, when missing, no heavier than a grade-B one (a warning)
    if rule.when_absent == "background":
        b.when(rule, "group.background", Verdict.NOT_APPLICABLE, b.c.p << in_scope(), b.none(match()))
    else:
        missing = Verdict.WARNING if rule.grade == "C" else Verdict(rule.when_absent)
        b.absent(rule, in_scope, match, "group.missing", missing)
    # every lead no longer exists at the plan's date (from the ruleset's stale_body rules, see facts_for)
    b.when(rule, "group.lead_gone", Verdict.WARNING, c.t << (match() & (m.gone_from != 0)),
           c.p << (in_scope() & (m.as_of >= c.t.gone_from)))


def example(rule: Rule, rs) -> str:
    return f"task_groups:\n  - {{heading: \"…\", covers: [{rule.group}], lead: [\"Sở Y tế\"]}}"
