"""cites_decision: the plan cites the decision it implements, with the right number and date.

A known miscitation of the number (``miscitation: true`` in ``decision.yaml``) warns, and so does
a wrong date (the two kinds of miscitation weigh the same) and a known wrong name of the programme
(``misnamed:``); a citation without a date is for review (it cannot be verified, so it never
passes); a plan that cites the decision in none of these ways is for review (it may be cited in a
part that was not read, or through a document that implements it).
"""

from typing import Literal

from ...core.text import fold_number
from ...model.findings import Verdict
from .. import facts
from ..facts import day
from .base import RuleBase

KIND = "cites_decision"
FACTS = (facts.bases,)


class Rule(RuleBase):
    """The plan cites the decision it implements with the right number and date."""

    kind: Literal["cites_decision"]


def params(rule: Rule, rs, lang: str) -> dict:
    return {"right_number": rs.decision_file.detect.decisions[0].number, "programme_title": rs.decision.title.vi}


def compile(rule: Rule, b) -> None:
    m, c = b.m, b.c
    detect = b.decision_file.detect
    right = [fold_number(cited.number) for cited in detect.decisions if not cited.miscitation]
    wrong = [fold_number(cited.number) for cited in detect.decisions if cited.miscitation]
    date = day(b.rs.decision.date)

    def cited(numbers):
        return (m.type == "basis") & b.any_of("number", numbers)
    b.with_plan(rule, cited(right) & (m.date == date), b.plan, "basis.right", Verdict.PASS)
    b.with_plan(rule, cited(right) & (m.date == 0), b.plan, "basis.no_date", Verdict.NEEDS_REVIEW)
    b.with_plan(rule, cited(right) & (m.date != date) & (m.date != 0), b.plan, "basis.wrong_date", Verdict.WARNING)
    if wrong:
        b.with_plan(rule, cited(wrong), b.plan, "basis.miscited", Verdict.WARNING)
    for misnaming in detect.misnamed:
        b.with_plan(rule, (m.type == "basis") & m.text.matches(f".*({misnaming.pattern}).*"), b.plan, "basis.misnamed",
                    Verdict.WARNING)
    b.when(rule, "basis.not_cited", Verdict.NEEDS_REVIEW,
           c.p << (b.plan() & (m.complete == True)), b.none(cited(right + wrong)))  # noqa: E712
    b.when(rule, "basis.not_cited_incomplete", Verdict.NEEDS_REVIEW,
           c.p << (b.plan() & (m.complete == False)), b.none(cited(right + wrong)))  # noqa: E712
