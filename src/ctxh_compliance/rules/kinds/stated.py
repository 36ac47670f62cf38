"""stated: the plan says what it is — its title, province, kind and period.

A document read automatically may not say them where the extractor looks (an opening page, a
decision "ban hành Kế hoạch" whose plan is an annex, a page cut short). It is still checked: the
values it does not state are taken by assumption and listed in ``source.assumed`` (the period of
the programme its cited decision sets, a placeholder title), and this rule says so:

- every listed field stated by the plan: pass, with the identification as evidence;
- any of them assumed: needs review, naming what to add — never a fail, since the document may
  state it where it was not read.
"""

from dataclasses import dataclass
from typing import ClassVar, Literal

from pydantic import Field

from ...core.i18n import translate
from ...model.findings import Verdict
from ..facts import Fact, display_only
from .base import RuleBase

KIND = "stated"
Stated = Literal["identification.title", "identification.province", "identification.kind", "period"]


class Rule(RuleBase):
    kind: Literal["stated"]
    fields: list[Stated] = Field(min_length=1, description="Các thông tin kế hoạch phải tự nêu")


@dataclass
class IdentityFact(Fact):
    """What the plan says it is, and which of the fields were assumed rather than read."""

    TYPE: ClassVar[str] = "identity"
    assumed: str          # " title period ": each assumed field once (its last name), between spaces
    shown: str = display_only()
    loc: str = display_only()
    missing: tuple = display_only(())

    def evidence_text(self, lang: str) -> str:
        return self.shown

    def params(self, lang: str) -> dict:
        return {"fields": ", ".join(translate(f"field.{path}", lang) for path in self.missing)}


def identity(loaded) -> list[Fact]:
    plan = loaded.plan
    # the plan's own identity only: a value's inferred year is judged by the rules on that value
    assumed = [a for a in (plan.source.assumed if plan.source else []) if a.startswith(("identification.", "period"))]
    ident = plan.identification
    shown = " · ".join(filter(None, (ident.title if "identification.title" not in assumed else None,
                                     ident.province if "identification.province" not in assumed else None,
                                     f"{plan.period.start}-{plan.period.end}" if "period" not in assumed else None)))
    return [IdentityFact(assumed=f" {' '.join(_code(a) for a in assumed)} ", shown=shown, missing=tuple(assumed),
                         loc=loaded.location("identification"))]


FACTS = (identity,)


def _code(field: str) -> str:
    return field.rsplit(".", 1)[-1]  # "identification.title" -> "title": the engine's patterns hold no "."


def compile(rule: Rule, b) -> None:
    m, c = b.m, b.c
    pattern = f".* ({'|'.join(dict.fromkeys(_code(f) for f in rule.fields))}) .*"

    def assumed():
        return (m.type == "identity") & m.assumed.matches(pattern)

    b.when(rule, "stated.all", Verdict.PASS, c.t << (m.type == "identity"), c.p << b.plan(), b.none(assumed()))
    b.when(rule, "stated.assumed", Verdict.NEEDS_REVIEW, c.t << assumed(), c.p << b.plan())


def params(rule: Rule, rs, lang: str) -> dict:
    return {"required": ", ".join(translate(f"field.{path}", lang) for path in rule.fields)}


def example(rule: Rule, rs) -> str:
    return "identification: {title: …, province: …, kind: …}, period: {start: …, end: …}"


def requirement(rule: Rule, lang: str) -> str:
    return translate("requirement.stated", lang, required=params(rule, None, lang)["required"])
