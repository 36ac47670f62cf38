"""cites_superseded: the plan does not rest its targets on a decision whose period has ended
(the ``superseded:`` list of ``decision.yaml``); citing one warns. A plan whose period runs past the
last year a cited implementing document covers (``covers_until``: QĐ 1070/QĐ-LĐTBXH for 2021-2025)
is for review: what that document asks of a later plan was not read. A plan that cites no document at
all is for review, never a pass.
"""

from typing import Literal

from ...core.text import fold_number
from ...model.findings import Verdict
from .. import facts
from .base import RuleBase

KIND = "cites_superseded"
FACTS = (facts.bases,)


class Rule(RuleBase):
    kind: Literal["cites_superseded"]


def params(rule: Rule, rs, lang: str) -> dict:
    detect = rs.decision_file.detect
    return {"covers_until": ", ".join(f"{c.number}: {c.covers_until}" for c in [*detect.implementing, *detect.related]
                                      if c.covers_until is not None)}


def compile(rule: Rule, b) -> None:
    old = [fold_number(cited.number) for cited in b.decision_file.superseded]
    detect = b.decision_file.detect
    for cited in (c for c in [*detect.implementing, *detect.related] if c.covers_until is not None):
        b.with_plan(rule, (b.m.type == "basis") & (b.m.number == fold_number(cited.number)),
                    lambda until=cited.covers_until: b.plan() & (b.m.end > until), "superseded.beyond_scope",
                    Verdict.NEEDS_REVIEW)
    # a plan that cites nothing cannot be said to rest on no superseded document: for review (this
    # outcome outranks the pass below, which also holds then)
    b.when(rule, "superseded.no_bases", Verdict.NEEDS_REVIEW, b.c.p << b.plan(), b.none(b.m.type == "basis"))
    if not old:
        b.when(rule, "superseded.none", Verdict.PASS, b.c.p << b.plan())
        return
    match = lambda: (b.m.type == "basis") & b.any_of("number", old)  # noqa: E731
    b.with_plan(rule, match(), b.plan, "superseded.cited", Verdict.WARNING)
    b.when(rule, "superseded.none", Verdict.PASS, b.c.p << b.plan(), b.none(match()))


def finding(outcome, rs, build):
    """A document's scope known only at grade C (``grade`` of its citation) gives its finding that grade."""
    result = build.finding(outcome, rs, build.message(outcome.name, outcome, rs))
    if outcome.name != "superseded.beyond_scope":
        return result
    detect = rs.decision_file.detect
    grades = {fold_number(c.number): c.grade for c in [*detect.implementing, *detect.related] if c.grade}
    grade = grades.get(outcome.element.number) if outcome.element is not None else None
    return result.model_copy(update={"grade": grade}) if grade else result
