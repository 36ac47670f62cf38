"""cites_superseded: the plan does not rest its targets on a decision whose period has ended
(the ``superseded:`` list of ``decision.yaml``); citing one warns. A plan whose period runs past the
last year a cited implementing document covers (``covers_until``: QĐ 1070/QĐ-LĐTBXH for 2021-2025)
is for review: what that document asks of a later plan was not read. A law or circular replaced by
another (the rule's ``replaced:``, dated) warns in a plan judged from the day the replacement took
effect, naming the one in force — for review when that date or the replacement is only grade C. A plan
that cites no document at all is for review, never a pass.
"""

import datetime as dt
from typing import Literal

from pydantic import Field

from ...core.text import fold, fold_number
from ...model.findings import Verdict
from .. import facts
from ..facts import day
from .base import Grade, RuleBase, Strict

KIND = "cites_superseded"
FACTS = (facts.bases,)


class Replaced(Strict):
    """A document replaced by another from a date (a local-government law, a sector circular)."""

    number: str
    name: str = Field(description="Tên văn bản bị thay thế, như báo cáo ghi")
    date: dt.date | None = Field(None, description="Ngày của văn bản, để nhận ra lời dẫn không ghi số hiệu")
    title_words: str | None = Field(None, description="Chữ trong tên văn bản (dạng so sánh: chữ thường), cùng `date`")
    by: str = Field(description="Văn bản thay thế")
    since: dt.date = Field(description="Ngày văn bản thay thế có hiệu lực")
    grade: Grade
    note: str


class Rule(RuleBase):
    kind: Literal["cites_superseded"]
    replaced: list[Replaced] = Field(default_factory=list)


def _replaced_matches(entry: Replaced, b):
    """The ways a citation names a replaced document: its number, or its title words and date."""
    m = b.m
    ways = [(m.type == "basis") & (m.number == fold_number(entry.number))]
    if entry.title_words and entry.date:
        ways.append((m.type == "basis") & (m.number != fold_number(entry.number)) & (m.date == day(entry.date))
                    & m.text.matches(f".*{fold(entry.title_words)}.*"))
    return ways


def replaced_entry(rule: Rule, basis) -> Replaced | None:
    """The replaced document a citation (a BasisFact) names, if any."""
    for entry in rule.replaced:
        if basis.number == fold_number(entry.number) or (
                entry.title_words and entry.date and basis.date == day(entry.date)
                and fold(entry.title_words) in basis.text):
            return entry
    return None


def outcome_params(outcome, lang: str) -> dict:
    if outcome.name != "superseded.replaced" or outcome.element is None:
        return {}
    entry = replaced_entry(outcome.rule, outcome.element)
    return {"name": entry.name, "by": entry.by, "since": entry.since.strftime("%d/%m/%Y")} if entry else {}


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
    for entry in rule.replaced:
        verdict = Verdict.NEEDS_REVIEW if entry.grade == "C" else Verdict.WARNING
        for way in _replaced_matches(entry, b):
            b.with_plan(rule, way, lambda since=day(entry.since): b.plan() & (b.m.as_of >= since), "superseded.replaced",
                        verdict)
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
    if outcome.name == "superseded.replaced":
        entry = replaced_entry(outcome.rule, outcome.element)
        return result.model_copy(update={"grade": entry.grade}) if entry and entry.grade != outcome.rule.grade else result
    if outcome.name != "superseded.beyond_scope":
        return result
    detect = rs.decision_file.detect
    grades = {fold_number(c.number): c.grade for c in [*detect.implementing, *detect.related] if c.grade}
    grade = grades.get(outcome.element.number) if outcome.element is not None else None
    return result.model_copy(update={"grade": grade}) if grade else result
