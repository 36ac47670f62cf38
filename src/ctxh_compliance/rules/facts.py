"""Facts: what the rules engine knows of a plan, as small typed records.

Facts describe the plan only; they know nothing of any decision. A fact class names its engine
``TYPE``; its fields are what the conditions of the rule kinds read, and ``display_only()`` fields are
for the report only (evidence text, quote, where it is in the user's file) and never go to the
engine. This module holds the facts several kinds read (the plan itself, its targets, its legal
bases); a fact only one kind reads lives in that kind's module.

The ``plan`` fact is asserted last: rules that look for something *absent* (``none(...)``) are
evaluated when it arrives, after every element of the plan is already known to the engine.
"""

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, ClassVar

from ..core.clock import today
from ..core.i18n import quantity, translate
from ..core.text import fold, fold_number
from ..inputs.plan_loader import LoadedPlan


def display_only(default: Any = "") -> Any:
    """A field for the report only: not sent to the engine."""
    return dataclasses.field(default=default, metadata={"engine": False})


@dataclass
class Fact:
    TYPE: ClassVar[str] = ""
    _engine_fields: ClassVar[tuple[str, ...] | None] = None

    def engine(self, ident: int, sid: str) -> dict[str, Any]:
        """The fact as durable-rules receives it (scalars only, plus its id in this check)."""
        cls = type(self)
        if cls.__dict__.get("_engine_fields") is None:
            cls._engine_fields = tuple(f.name for f in dataclasses.fields(cls) if f.metadata.get("engine", True))
        data = {name: getattr(self, name) for name in cls._engine_fields}
        data.update(type=cls.TYPE, id=ident, sid=sid)
        return data

    # A fact that a finding shows as evidence has a ``loc`` field (where it is in the user's
    # file) and may have a ``quote`` field (the sentence of the plan).
    def evidence_text(self, lang: str) -> str:
        return ""

    def pieces(self) -> tuple["Fact", ...]:
        """What a finding on this fact shows as evidence: the fact itself, or each place it stands for."""
        return (self,)

    def params(self, lang: str) -> dict[str, Any]:
        """Message parameters this fact gives a finding."""
        return {}


def day(value: dt.date | None) -> int:
    """A date as the integer YYYYMMDD the engine compares (0 when unknown)."""
    return value.year * 10000 + value.month * 100 + value.day if value else 0


def approximate_date(text: str | None) -> dt.date | None:
    """A date read from a partly filled date line: "ngày   tháng 4 năm 2022" -> 2022-04-01,
    "06-02-2017" -> 2017-02-06; None when no year is written."""
    if not text:
        return None
    full = re.search(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if full:
        try:
            return dt.date(int(full.group(3)), int(full.group(2)), int(full.group(1)))
        except ValueError:
            return None
    year = re.search(r"năm\s+(\d{4})", text)
    if not year:
        return None
    month = re.search(r"tháng\s+(\d{1,2})", text)
    number = int(month.group(1)) if month and 1 <= int(month.group(1)) <= 12 else 1
    return dt.date(int(year.group(1)), number, 1)


@dataclass
class PlanFact(Fact):
    """The plan as a whole: its period, completeness and the date it is judged at."""

    TYPE: ClassVar[str] = "plan"
    start: int
    end: int
    kind: str
    complete: bool
    source_note: str
    dated: int            # YYYYMMDD, 0 when undated
    dated_text: str
    issued_year: int      # 0 when undated
    as_of: int            # YYYYMMDD the plan is judged at
    as_of_text: str
    as_of_source: str     # option | plan | plan_text | today
    province: str
    from_document: bool = display_only(False)  # read by the extractor: an absence may be the reader's


@dataclass
class TargetFact(Fact):
    """One target of the plan (read by min_target and national_target rules)."""

    TYPE: ClassVar[str] = "target"
    indicator: str
    year: int
    value: float
    unit: str
    comparison: str
    relative_to: int      # 0 when no base year
    has_population: bool
    inferred: bool = False  # its year was inferred (source.assumed), not read: it matches every milestone
    population: tuple[str, ...] = display_only(())
    quote: str = display_only()
    loc: str = display_only()
    guessed: str = display_only()  # what was inferred and from what, for the message

    def quantity(self, lang: str) -> str:
        return quantity(self.value, self.unit, lang, self.relative_to or None, self.comparison)

    def evidence_text(self, lang: str) -> str:
        return f"{self.quantity(lang)} ({self.year})"

    def params(self, lang: str) -> dict[str, Any]:
        return {"plan_value": self.quantity(lang), "plan_year": self.year,
                "plan_base": self.relative_to or translate("unit.no_base", lang)}


@dataclass
class BasisFact(Fact):
    """One document the plan cites as its legal basis."""

    TYPE: ClassVar[str] = "basis"
    number: str           # folded for comparison ("112/qd-ttg")
    date: int             # YYYYMMDD, 0 when the citation gives no date
    text: str             # the citation's title and quote, folded (how the plan names the document)
    shown: str = display_only()
    date_text: str = display_only()
    loc: str = display_only()

    def evidence_text(self, lang: str) -> str:
        return self.shown + (f" ({self.date_text})" if self.date_text else "")

    def params(self, lang: str) -> dict[str, Any]:
        return {"date_text": self.date_text}


def plan_fact(loaded: LoadedPlan, as_of: dt.date | None = None) -> PlanFact:
    """``as_of``: the date the plan is judged at (default: its own date, or today for an undated draft)."""
    plan = loaded.plan
    dated = plan.identification.date
    approximate = None if dated else approximate_date(plan.identification.date_text)
    judged = as_of or dated or approximate or today()
    return PlanFact(
        start=plan.period.start, end=plan.period.end, kind=plan.identification.kind, complete=plan.complete,
        source_note=(plan.source.note or plan.source.document) if plan.source else "",
        dated=day(dated), dated_text=dated.strftime("%d/%m/%Y") if dated else "",
        issued_year=dated.year if dated else 0,
        as_of=day(judged), as_of_text=judged.strftime("%d/%m/%Y"),
        as_of_source="option" if as_of else ("plan" if dated else ("plan_text" if approximate else "today")),
        province=plan.identification.province, from_document=loaded.from_document)


def assumed(loaded: LoadedPlan) -> set[str]:
    """The paths of the values the plan's source says were inferred rather than read."""
    source = loaded.plan.source
    return set(source.assumed) if source else set()


def targets(loaded: LoadedPlan) -> list[Fact]:
    guessed = assumed(loaded)
    return [TargetFact(indicator=t.indicator, year=t.year, value=t.value, unit=t.unit, comparison=t.comparison,
                       relative_to=t.relative_to or 0, has_population=bool(t.population),
                       inferred=f"targets[{n}].year" in guessed,
                       population=tuple(t.population), quote=t.quote or "", loc=loaded.location("targets", n),
                       guessed="year" if f"targets[{n}].year" in guessed else "")
            for n, t in enumerate(loaded.plan.targets)]


def bases(loaded: LoadedPlan) -> list[Fact]:
    return [BasisFact(number=fold_number(b.number), date=day(b.date), text=fold(f"{b.title or ''} {b.quote or ''}"),
                      shown=b.number,
                      date_text=b.date.strftime("%d/%m/%Y") if b.date else "", loc=loaded.location("legal_bases", n))
            for n, b in enumerate(loaded.plan.legal_bases)]
