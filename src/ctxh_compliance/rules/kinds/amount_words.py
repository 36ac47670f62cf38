"""amount_words: an amount written both in figures and in words says the same in both
("20.644.000.000 đồng (Hai mươi tỷ sáu trăm bốn mươi tư triệu đồng)").

Words that cannot be read as a Vietnamese number are for review; a plan that writes no amount in
words makes the rule not applicable.
"""

from dataclasses import dataclass
from typing import ClassVar, Literal

from ...core.text import format_number
from ...core.vn_numbers import parse_words
from ...model.findings import Verdict
from ..facts import Fact, display_only
from .base import RuleBase

KIND = "amount_words"


class Rule(RuleBase):
    kind: Literal["amount_words"]


@dataclass
class WordsFact(Fact):
    TYPE: ClassVar[str] = "words"
    figure: int
    readable: bool
    difference: int
    figure_text: str = display_only()
    words: str = display_only()
    parsed_text: str = display_only()
    loc: str = display_only()

    def evidence_text(self, lang: str) -> str:
        return f"{self.figure_text} — “{self.words}”"

    def params(self, lang: str) -> dict:
        return {"type": self.TYPE, "figure_text": self.figure_text, "words": self.words,
                "parsed_text": self.parsed_text, "loc": self.loc}


def words(loaded) -> list[Fact]:
    """Amounts written both in figures and in words."""
    plan = loaded.plan
    found: list[tuple[int, str, tuple]] = []
    if plan.budget:
        for key in ("total", "per_year"):
            amount = getattr(plan.budget, key)
            if amount and amount.words:
                found.append((amount.amount, amount.words, ("budget", key)))
        for i, source in enumerate(plan.budget.sources):
            if source.words and source.amount is not None:
                found.append((source.amount, source.words, ("budget", "sources", i)))
    facts: list[Fact] = []
    for figure, text, path in found:
        parsed = parse_words(text)
        facts.append(WordsFact(figure=figure, readable=parsed is not None, difference=(parsed or 0) - figure,
                               figure_text=format_number(figure, "vi"), words=text,
                               parsed_text=format_number(parsed, "vi") if parsed is not None else "",
                               loc=loaded.location(*path)))
    return facts


FACTS = (words,)


def compile(rule: Rule, b) -> None:
    m = b.m
    written = lambda: m.type == "words"  # noqa: E731
    readable = lambda: written() & (m.readable == True)  # noqa: E712,E731
    b.with_plan(rule, readable() & (m.difference == 0), b.plan, "words.agree", Verdict.PASS)
    b.with_plan(rule, readable() & (m.difference != 0), b.plan, "words.differ", Verdict.FAIL)
    b.with_plan(rule, written() & (m.readable == False), b.plan, "words.unreadable", Verdict.NEEDS_REVIEW)  # noqa: E712
    b.when(rule, "words.none", Verdict.NOT_APPLICABLE, b.c.p << b.plan(), b.none(written()))
