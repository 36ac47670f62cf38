"""share_check: a count out of a whole that the plan reports ("143/143 xã") is possible — the
count is not larger than the whole. Not applicable when the plan reports no such count.
"""

from dataclasses import dataclass
from typing import ClassVar, Literal

from ...model.findings import Verdict
from ..facts import Fact, display_only
from .base import RuleBase

KIND = "share_check"


class Rule(RuleBase):
    """A reported count out of a whole ("143/143 xã") is possible: numerator <= denominator."""

    kind: Literal["share_check"]


@dataclass
class ShareFact(Fact):
    TYPE: ClassVar[str] = "share"
    possible: bool
    shown: str = display_only()
    quote: str = display_only()
    loc: str = display_only()

    def evidence_text(self, lang: str) -> str:
        return self.shown


def shares(loaded) -> list[Fact]:
    return [ShareFact(possible=s.numerator <= s.denominator, shown=f"{s.numerator}/{s.denominator} {s.text}",
                      quote=s.quote or "", loc=loaded.location("situation", n))
            for n, s in enumerate(loaded.plan.situation)]


FACTS = (shares,)


def compile(rule: Rule, b) -> None:
    m = b.m
    share = lambda: m.type == "share"  # noqa: E731
    b.with_plan(rule, share() & (m.possible == True), b.plan, "share.possible", Verdict.PASS)  # noqa: E712
    b.with_plan(rule, share() & (m.possible == False), b.plan, "share.impossible", Verdict.FAIL)  # noqa: E712
    b.when(rule, "share.none", Verdict.NOT_APPLICABLE, b.c.p << b.plan(), b.none(share()))
