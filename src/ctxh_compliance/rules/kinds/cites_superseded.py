"""cites_superseded: the plan does not rest its targets on a decision whose period has ended
(the ``superseded:`` list of ``decision.yaml``); citing one warns. A plan that cites no document at
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


def compile(rule: Rule, b) -> None:
    old = [fold_number(cited.number) for cited in b.decision_file.superseded]
    # a plan that cites nothing cannot be said to rest on no superseded document: for review (this
    # outcome outranks the pass below, which also holds then)
    b.when(rule, "superseded.no_bases", Verdict.NEEDS_REVIEW, b.c.p << b.plan(), b.none(b.m.type == "basis"))
    if not old:
        b.when(rule, "superseded.none", Verdict.PASS, b.c.p << b.plan())
        return
    match = lambda: (b.m.type == "basis") & b.any_of("number", old)  # noqa: E731
    b.with_plan(rule, match(), b.plan, "superseded.cited", Verdict.WARNING)
    b.when(rule, "superseded.none", Verdict.PASS, b.c.p << b.plan(), b.none(match()))
