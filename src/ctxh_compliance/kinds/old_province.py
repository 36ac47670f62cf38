"""old_province: the plan names a province that was merged into another (the 2025 reorganisation).

Judged at the plan's date (or ``--as-of``): before ``effective`` not applicable; after it, a
province name that one of the ``merges`` formed a new province from warns, naming the new one.
"""

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar, Literal

from pydantic import Field

from ..facts import Fact, day, display_only
from ..findings import Verdict
from ..text import fold_place
from .base import Grade, RuleBase, Strict

KIND = "old_province"


class Merge(Strict):
    new: str
    formed_from: list[str] = Field(min_length=2)
    grade: Grade


class Rule(RuleBase):
    kind: Literal["old_province"]
    effective: dt.date
    merges: list[Merge]


@dataclass
class PlaceFact(Fact):
    """The province the plan is for."""

    TYPE: ClassVar[str] = "place"
    name: str             # folded, without "tỉnh"/"thành phố"
    shown: str = display_only()
    loc: str = display_only()

    def evidence_text(self, lang: str) -> str:
        return self.shown


def place(loaded) -> list[Fact]:
    province = loaded.plan.identification.province
    return [PlaceFact(name=fold_place(province), shown=province, loc=loaded.location("identification", "province"))]


FACTS = (place,)


def compile(rule: Rule, b) -> None:
    old = sorted({fold_place(name) for merge in rule.merges for name in merge.formed_from
                  if fold_place(name) != fold_place(merge.new)})

    def matcher(name: str):
        return lambda: (b.m.type == "place") & (b.m.name == name)
    b.dated(rule, day(rule.effective), [matcher(n) for n in old], Verdict.WARNING, "province")


def params(rule: Rule, rs, lang: str) -> dict:
    return {"effective": rule.effective.strftime("%d/%m/%Y")}


def outcome_params(outcome, lang: str) -> dict:
    """The merge that formed a new province from the one the plan names."""
    if not isinstance(outcome.element, PlaceFact):
        return {}
    merge = next(mg for mg in outcome.rule.merges for name in mg.formed_from
                 if fold_place(name) == outcome.element.name)
    return {"new": merge.new, "formed_from": " + ".join(merge.formed_from)}
