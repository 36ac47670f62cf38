"""old_province: the plan names a province that was merged into another (the 2025 reorganisation).

The rule holds both lists of provincial units, as data with their grades: the units from
``effective`` (``unchanged`` and the new units of ``merges``) and the units before it (``unchanged``,
with the old name of a ``renamed`` one, and every name a merge formed a new unit from). Names are
compared as ``text.fold_place`` writes them (``fold_name`` without "tỉnh"/"thành phố"); ``written``
lists other ways of writing a unit's name that the reference shows ("TP.HCM").

Judged at the plan's date (or ``--as-of``):

- a name on neither list: needs review ("không nhận ra tên tỉnh"), whatever the date;
- before ``effective``: a name on either list is not applicable;
- after it: a name of a current unit passes; an old name warns, naming the new unit — or needs
  review when the change is grade C (the finding then carries grade C: shown, unverified).

The same old names are looked for wherever else the plan names a province: its issuer and title, the
bodies of its tasks, organisation and reporting, and the duties ("UBND tỉnh Bến Tre" in the issuer of a
2026 plan whose province says "Vĩnh Long"), written "tỉnh X", "thành phố X" or "TP X", with or without
diacritics. Such a mention warns (for review when grade C) after ``effective``, and is never a pass by
itself.
"""

import datetime as dt
import re
from dataclasses import dataclass
from typing import ClassVar, Literal

from pydantic import Field, model_validator

from ...core.i18n import translate
from ...core.regex import compile_once
from ...core.text import fold_name, fold_place, without_marks
from ...model.findings import Verdict
from ...model.localized import Localized
from ..facts import Fact, day, display_only
from .base import Grade, RuleBase, Strict
from .stale_body import named_bodies

KIND = "old_province"


class Unit(Strict):
    """A provincial unit whose name did not change."""

    name: str
    grade: Grade


class Merge(Strict):
    """A new unit formed from several old ones (its own name is usually one of them)."""

    new: str
    formed_from: list[str] = Field(min_length=2)
    grade: Grade


class Renamed(Strict):
    """A unit that now goes by another name (Thừa Thiên Huế → thành phố Huế)."""

    new: str
    old: str
    grade: Grade
    note: Localized | None = None


class Written(Strict):
    """Another way of writing a unit's name, as the reference writes it ("TP.HCM")."""

    written: str
    means: str


class Rule(RuleBase):
    kind: Literal["old_province"]
    effective: dt.date
    unchanged: list[Unit] = Field(default_factory=list)
    renamed: list[Renamed] = Field(default_factory=list)
    merges: list[Merge]
    written: list[Written] = Field(default_factory=list)

    @model_validator(mode="after")
    def _lists_agree(self):
        """Every renamed unit is an unchanged one; no name is both current and old; a written form
        means a name on one of the lists."""
        current = set(current_names(self))
        unchanged = {fold_place(u.name) for u in self.unchanged}
        stray = [r.new for r in self.renamed if fold_place(r.new) not in unchanged]
        if stray:
            raise ValueError(f"renamed units not in unchanged: {stray}")
        both = sorted(current & set(old_names(self)))
        if both:
            raise ValueError(f"names both current and old: {both}")
        known = current | set(before_names(self))
        unknown = [w.means for w in self.written if fold_place(w.means) not in known]
        if unknown:
            raise ValueError(f"written forms mean names on neither list: {unknown}")
        return self


def current_names(rule: Rule) -> dict[str, str]:
    """The units from ``effective``: compared name -> name as the ruleset writes it."""
    names = {fold_place(u.name): u.name for u in rule.unchanged}
    names.update({fold_place(mg.new): mg.new for mg in rule.merges})
    return names


def before_names(rule: Rule) -> dict[str, str]:
    """The units before ``effective``: compared name -> name as the ruleset writes it."""
    renamed = {fold_place(r.new): r.old for r in rule.renamed}
    names = {fold_place(renamed.get(fold_place(u.name), u.name)): renamed.get(fold_place(u.name), u.name)
             for u in rule.unchanged}
    names.update({fold_place(name): name for mg in rule.merges for name in mg.formed_from})
    return names


def old_names(rule: Rule) -> dict[str, tuple[str, str, Grade]]:
    """Names that no longer stand from ``effective``: compared name -> (new unit, formed from, grade)."""
    old: dict[str, tuple[str, str, Grade]] = {}
    for mg in rule.merges:
        for name in mg.formed_from:
            if fold_place(name) != fold_place(mg.new):
                old[fold_place(name)] = (mg.new, " + ".join(mg.formed_from), mg.grade)
    for r in rule.renamed:
        old[fold_place(r.old)] = (r.new, r.old, r.grade)
    return old


def _aliases(rule: Rule, names) -> list[str]:
    """The written forms of ``names`` (compared forms)."""
    return [fold_place(w.written) for w in rule.written if fold_place(w.means) in names]


@dataclass
class PlaceFact(Fact):
    """The province the plan is for."""

    TYPE: ClassVar[str] = "place"
    name: str             # text.fold_place: without "tỉnh"/"thành phố"
    shown: str = display_only()
    loc: str = display_only()

    def evidence_text(self, lang: str) -> str:
        return self.shown


def place(loaded) -> list[Fact]:
    province = loaded.plan.identification.province
    return [PlaceFact(name=fold_place(province), shown=province, loc=loaded.location("identification", "province"))]


@dataclass
class MentionFact(Fact):
    """An old province named in the plan outside its province field (issuer, title, a body, a duty)."""

    TYPE: ClassVar[str] = "mention"
    rule: str             # the old_province rule whose lists name it
    old: str              # the old name as compared (fold_place)
    unverified: bool      # the change is grade C
    role: str = display_only()
    shown: str = display_only()
    loc: str = display_only()

    def evidence_text(self, lang: str) -> str:
        return self.shown

    def params(self, lang: str) -> dict:
        return {"role": translate(f"role.{self.role}", lang)}


def _mentioned(rule: Rule) -> list[tuple[re.Pattern, str, bool]]:
    """(how a text names an old unit, its compared name, grade C) for each old name of ``rule``."""
    found = []
    for name, (_new, _from, grade) in old_names(rule).items():
        spelled = "|".join(re.escape(n) for n in dict.fromkeys((name, without_marks(name))))
        found.append((compile_once(rf"(?<!\w)(tỉnh|tinh|thành phố|thanh pho|tp\.?) ?({spelled})(?!\w)"), name, grade == "C"))
    return found


def facts_for(rs) -> tuple:
    rules = [(r.id, _mentioned(r)) for r in rs.rules if r.kind == KIND]

    def mentions(loaded) -> list[Fact]:
        ident = loaded.plan.identification
        texts = [("title", ident.title, ("identification", "title"))]
        texts += [(role, text, path) for role, text, path in named_bodies(loaded)]
        out: list[Fact] = []
        for role, text, path in texts:
            folded = fold_name(text)
            for rule_id, spellings in rules:
                for pattern, name, unverified in spellings:
                    if pattern.search(folded):
                        out.append(MentionFact(rule=rule_id, old=name, unverified=unverified, role=role, shown=text,
                                               loc=loaded.location(*path)))
        return out
    return (place, mentions)


FACTS = ()


def known_names(rule: Rule) -> list[str]:
    """Every compared name on either list, and their written forms."""
    names = set(current_names(rule)) | set(before_names(rule))
    return sorted(names | set(_aliases(rule, names)))


def compile(rule: Rule, b) -> None:
    m, c = b.m, b.c
    effective = day(rule.effective)
    current = sorted(set(current_names(rule)) | set(_aliases(rule, current_names(rule))))
    old = old_names(rule)
    firm = sorted(name for name, (_new, _from, grade) in old.items() if grade != "C")
    unverified = sorted(name for name, (_new, _from, grade) in old.items() if grade == "C")
    firm += _aliases(rule, firm)
    unverified += _aliases(rule, unverified)
    known = known_names(rule)

    def place_in(names: list[str]):
        return (m.type == "place") & b.any_of("name", names)

    def before():
        return (m.type == "plan") & (m.as_of < effective)

    def after():
        return (m.type == "plan") & (m.as_of >= effective)

    unknown = m.type == "place"
    for name in known:
        unknown = unknown & (m.name != name)
    b.when(rule, "province.unknown", Verdict.NEEDS_REVIEW, c.t << unknown, c.p << (m.type == "plan"))
    b.when(rule, "province.before", Verdict.NOT_APPLICABLE, c.k << place_in(known), c.p << before())
    b.when(rule, "province.none", Verdict.PASS, c.k << place_in(current), c.p << after())
    if firm:
        b.with_plan(rule, place_in(firm), after, "province.found", Verdict.WARNING)
    if unverified:
        b.with_plan(rule, place_in(unverified), after, "province.found_unverified", Verdict.NEEDS_REVIEW)
    for grade_c, name, verdict in ((False, "province.named_old", Verdict.WARNING),
                                   (True, "province.named_old_unverified", Verdict.NEEDS_REVIEW)):
        b.with_plan(rule, (m.type == "mention") & (m.rule == rule.id) & (m.unverified == grade_c), after, name,  # noqa: E712
                    verdict)


def params(rule: Rule, rs, lang: str) -> dict:
    return {"effective": rule.effective.strftime("%d/%m/%Y")}


def _old(rule: Rule, name: str) -> tuple[str, str, Grade] | None:
    """The unit an old name (or its written form) now belongs to."""
    means = {fold_place(w.written): fold_place(w.means) for w in rule.written}
    return old_names(rule).get(means.get(name, name))


def outcome_params(outcome, lang: str) -> dict:
    """The merge (or renaming) that formed a new unit from the one the plan names."""
    if isinstance(outcome.element, MentionFact):
        found = _old(outcome.rule, outcome.element.old)
        return {"new": found[0], "formed_from": found[1], "old": before_names(outcome.rule)[outcome.element.old]}
    if not isinstance(outcome.element, PlaceFact):
        return {}
    found = _old(outcome.rule, outcome.element.name)
    if found is None:
        return {}
    new, formed_from, _grade = found
    return {"new": new, "formed_from": formed_from}


def finding(outcome, rs, build):
    """An old name's finding carries the grade of its merge: a grade-C change is shown, unverified,
    and never decides the overall conclusion."""
    result = build.finding(outcome, rs, build.message(outcome.name, outcome, rs))
    element = outcome.element
    found = _old(outcome.rule, element.name) if isinstance(element, PlaceFact) else \
        _old(outcome.rule, element.old) if isinstance(element, MentionFact) else None
    if outcome.name.startswith(("province.found", "province.named_old")) and found and found[2] != outcome.rule.grade:
        notes = {r.new: r.note for r in outcome.rule.renamed}
        result = result.model_copy(update={"grade": found[2], "grade_note": notes.get(found[0]) or result.grade_note})
    return result
