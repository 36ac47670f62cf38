"""An independent second reading of the rule kinds: a ruleset's rules evaluated in plain Python
over the same typed facts the engine asserts, giving the same multiset of (rule id, outcome name,
element) as ``engine.evaluate``.

Used only by the tests (``tests/test_oracle.py`` compares it with the engine on the examples and on
generated plans) and by the benchmark (``bench/run.py``) as a baseline; not used by the tool. Each
branch below restates, without durable-rules, the conditions that the kind's ``compile(rule, b)``
gives the engine (``kinds/<kind>.py``); where the two disagree, the kind's ``compile`` is the
specification.

Reading of the engine's shapes (``engine.Builder``):

- ``with_plan(rule, element, scope, name)``: one outcome per element fact that matches, while the
  plan fact is in ``scope``; the outcome names that element.
- ``absent(rule, scope, match, name)``: one outcome, with no element, when the plan is in scope and
  no fact matches — ``name`` for a complete source, ``name + "_incomplete"`` for an incomplete one.
- ``stale_body`` and ``old_province`` spell their dated branches out (see their functions below).
"""

import re
from collections.abc import Callable
from typing import Any

from ctxh_compliance.rules.engine import compiled_for
from ctxh_compliance.rules.facts import Fact, day, plan_fact
from ctxh_compliance.core.text import fold, fold_number, fold_place

__all__ = ["facts_of", "evaluate"]

Result = tuple[str, str, int | None]


def facts_of(loaded, rs, as_of=None) -> list[Fact]:
    """The facts the engine asserts for ``loaded``: every producer of the compiled ruleset, in
    order, then the plan fact (last)."""
    facts: list[Fact] = [fact for producer in compiled_for(rs).producers for fact in producer(loaded)]
    facts.append(plan_fact(loaded, as_of))
    return facts


def evaluate(facts: list[Fact], rs) -> list[Result]:
    """Every outcome of ``rs``'s rules on ``facts``: (rule id, outcome name, index in ``facts`` of
    the element fact the outcome names, or None)."""
    plans = [fact for fact in facts if type(fact).TYPE == "plan"]
    assert len(plans) == 1, "exactly one plan fact"
    plan = plans[0]
    by_type: dict[str, list[tuple[int, Any]]] = {}
    for index, fact in enumerate(facts):
        by_type.setdefault(type(fact).TYPE, []).append((index, fact))
    out: list[Result] = []
    for rule in rs.rules:
        _KINDS[rule.kind](rule, rs, plan, lambda kind: by_type.get(kind, []), out)
    return out


# -- shared shapes ----------------------------------------------------------------------------

Of = Callable[[str], list[tuple[int, Any]]]


def _in_programme(plan, rs) -> bool:
    d = rs.decision_file
    return plan.start <= d.programme_end and plan.end >= d.programme_start


_PREPARED: dict[int, tuple[Any, Any]] = {}


def _prepared(data, build: Callable[[Any], Any]) -> Any:
    """What ``build`` derives from a rule's (or a ruleset's) data, derived once, as the engine compiles a
    ruleset once: the folded lists and the regular expressions are not made again for every plan."""
    entry = _PREPARED.get(id(data))
    if entry is None or entry[0] is not data:
        entry = _PREPARED[id(data)] = (data, build(data))
    return entry[1]


def _absent(out: list[Result], rule, plan, name: str) -> None:
    out.append((rule.id, name if plan.complete else name + "_incomplete", None))


# -- one function per kind --------------------------------------------------------------------

def _min_target(rule, rs, plan, of: Of, out: list[Result]) -> None:
    if rule.year is None:
        if not _in_programme(plan, rs):
            out.append((rule.id, "plan.outside_programme", None))
            return
        found = [(i, t) for i, t in of("target") if t.indicator == rule.indicator]
    else:
        if not plan.start <= rule.year <= plan.end:
            out.append((rule.id, "target.not_applicable", None))
            if (rule.value is not None and rule.unit in ("percent", "per_unit", "wage_multiple")
                    and rule.baseline_year is None and plan.start > rule.year):
                out += [(rule.id, "target.below_earlier", i) for i, t in of("target")
                        if t.indicator == rule.indicator and t.year > rule.year and t.unit == rule.unit
                        and t.value < rule.value]
            return
        found = [(i, t) for i, t in of("target") if t.indicator == rule.indicator and t.year == rule.year]
    if rule.value is None:
        if not found:
            _absent(out, rule, plan, "target.unread_missing")
        out += [(rule.id, "target.unread_present", i) for i, _ in found]
    else:
        if not found:
            _absent(out, rule, plan, "target.missing")
        for i, t in found:
            if t.unit != rule.unit:
                out.append((rule.id, "target.other_form", i))
                continue
            if t.value < rule.value:
                out.append((rule.id, "target.below", i))
            elif t.comparison in ("at_least", "exactly") or (rule.decision_says_about and t.comparison == "about"):
                out.append((rule.id, "target.meets", i))
            elif t.comparison in ("about", "at_most"):
                out.append((rule.id, "target.soft", i))
            if rule.baseline_year is not None and t.relative_to != rule.baseline_year:
                out.append((rule.id, "target.baseline", i))
    if rule.population:
        out += [(rule.id, "population.compare", i) for i, t in found if t.has_population]


def _national_target(rule, rs, plan, of: Of, out: list[Result]) -> None:
    found = [i for i, t in of("target") if t.indicator == rule.indicator] if rule.indicator else []
    out += [(rule.id, "national.with_plan", i) for i in found]
    if not found:
        out.append((rule.id, "national.only", None))


def _task_group(rule, rs, plan, of: Of, out: list[Result]) -> None:
    if not _in_programme(plan, rs):
        out.append((rule.id, "plan.outside_programme", None))
        return
    found = [(i, t) for i, t in of("task") if t.group == rule.group]
    for i, t in found:
        if t.has_lead:
            out.append((rule.id, "group.lead_guessed" if t.guessed_lead else "group.unfilled" if t.unfilled
                        else "group.led", i))
        else:
            out.append((rule.id, "group.no_lead" if plan.complete else "group.no_lead_incomplete", i))
        if t.gone_from and plan.as_of >= t.gone_from:
            out.append((rule.id, "group.lead_gone", i))
    if not found:
        if rule.when_absent == "background":
            out.append((rule.id, "group.background", None))
        else:
            _absent(out, rule, plan, "group.missing")


def _required_part(rule, rs, plan, of: Of, out: list[Result]) -> None:
    if not _in_programme(plan, rs):
        out.append((rule.id, "plan.outside_programme", None))
        return
    found = [i for i, p in of("part") if p.path in rule.parts]
    out += [(rule.id, "part.present", i) for i in found]
    if not found:
        _absent(out, rule, plan, "part.missing")


def _stated(rule, rs, plan, of: Of, out: list[Result]) -> None:
    codes = {field.rsplit(".", 1)[-1] for field in rule.fields}
    for i, identity in of("identity"):
        assumed = set(identity.assumed.split())
        out.append((rule.id, "stated.assumed" if assumed & codes else "stated.all", i))


def _stale_body(rule, rs, plan, of: Of, out: list[Result]) -> None:
    # a name is gone when a pattern of the rule is anywhere in it (read again here from the patterns)
    named = [(i, b) for i, b in of("body") if b.role in rule.roles]
    patterns = _prepared(rule, lambda r: [re.compile(f".*({p}).*", re.DOTALL) for p in r.patterns])
    hits = [i for i, b in named if any(p.fullmatch(b.name) for p in patterns)]
    if plan.as_of < day(rule.effective):
        out.append((rule.id, "stale.before", None))
        return
    out += [(rule.id, "stale.found", index) for index in hits]
    if hits:
        return
    if not plan.complete:  # the part that assigns the work may be the part that was not read
        out.append((rule.id, "stale.none_incomplete", None))
    elif not named:
        out.append((rule.id, "stale.no_bodies", None))
    else:
        out.append((rule.id, "stale.none", None))


def _province_lists(rule) -> tuple[set, set, dict, dict]:
    """The two lists of reference §3.3, rebuilt from the rule's data: the names after the merger, the
    names before it, the grade of each old name, and what a written form means."""
    renamed = {fold_place(r.new): r.old for r in rule.renamed}
    after = {fold_place(u.name) for u in rule.unchanged} | {fold_place(mg.new) for mg in rule.merges}
    before = ({fold_place(renamed.get(fold_place(u.name), u.name)) for u in rule.unchanged}
              | {fold_place(name) for mg in rule.merges for name in mg.formed_from})
    grade = {fold_place(name): mg.grade for mg in rule.merges for name in mg.formed_from} | {
        fold_place(r.old): r.grade for r in rule.renamed}
    means = {fold_place(w.written): fold_place(w.means) for w in rule.written}
    return after, before, grade, means


def _old_province(rule, rs, plan, of: Of, out: list[Result]) -> None:
    after, before, grade, means = _prepared(rule, _province_lists)
    for i, p in of("place"):
        name = means.get(p.name, p.name)
        if name not in after | before:
            out.append((rule.id, "province.unknown", i))
        elif plan.as_of < day(rule.effective):
            out.append((rule.id, "province.before", None))
        elif name in after:
            out.append((rule.id, "province.none", None))
        else:
            out.append((rule.id, "province.found_unverified" if grade[name] == "C" else "province.found", i))
    if plan.as_of >= day(rule.effective):
        out += [(rule.id, "province.named_old_unverified" if t.unverified else "province.named_old", i)
                for i, t in of("mention") if t.rule == rule.id]


def _sum_check(rule, rs, plan, of: Of, out: list[Result]) -> None:
    found = [(i, s) for i, s in of("sum") if s.sum == rule.sum]
    out += [(rule.id, "sum.agrees" if s.difference == 0 else "sum.differs", i) for i, s in found]
    if not found:
        out.append((rule.id, "sum.no_data", None))


def _share_check(rule, rs, plan, of: Of, out: list[Result]) -> None:
    found = of("share")
    out += [(rule.id, "share.possible" if s.possible else "share.impossible", i) for i, s in found]
    if not found:
        out.append((rule.id, "share.none", None))


def _amount_words(rule, rs, plan, of: Of, out: list[Result]) -> None:
    found = of("words")
    for i, w in found:
        if not w.readable:
            out.append((rule.id, "words.unreadable", i))
        else:
            out.append((rule.id, "words.agree" if w.difference == 0 else "words.differ", i))
    if not found:
        out.append((rule.id, "words.none", None))


def _cites_decision(rule, rs, plan, of: Of, out: list[Result]) -> None:
    detect = rs.decision_file.detect
    right, wrong, misnamed = _prepared(detect, lambda d: (
        {fold_number(c.number) for c in d.decisions if not c.miscitation},
        {fold_number(c.number) for c in d.decisions if c.miscitation},
        [re.compile(f".*({m.pattern}).*") for m in d.misnamed]))
    date = day(rs.decision.date)
    cited = False
    for i, b in of("basis"):
        if b.number in right:
            cited = True
            out.append((rule.id, "basis.right" if b.date == date else "basis.no_date" if b.date == 0
                        else "basis.wrong_date", i))
        if b.number in wrong:  # not elif: the engine's branches are independent
            cited = True
            out.append((rule.id, "basis.miscited", i))
        out += [(rule.id, "basis.misnamed", i) for misnaming in misnamed if misnaming.fullmatch(b.text)]
    if not cited:
        out.append((rule.id, "basis.not_cited" if plan.complete else "basis.not_cited_incomplete", None))


def _cites_superseded(rule, rs, plan, of: Of, out: list[Result]) -> None:
    old = _prepared(rs.decision_file, lambda d: {fold_number(c.number) for c in d.superseded})
    if not of("basis"):
        out.append((rule.id, "superseded.no_bases", None))
    hits = [i for i, b in of("basis") if b.number in old]
    out += [(rule.id, "superseded.cited", i) for i in hits]
    for entry in rule.replaced:
        name = "superseded.replaced"
        for i, b in of("basis"):
            if plan.as_of < day(entry.since):
                continue
            if b.number == fold_number(entry.number):
                out.append((rule.id, name, i))
            if entry.title_words and entry.date and b.number != fold_number(entry.number) \
                    and b.date == day(entry.date) and fold(entry.title_words) in b.text:
                out.append((rule.id, name, i))
    detect = rs.decision_file.detect
    for cited in (c for c in [*detect.implementing, *detect.related] if c.covers_until is not None):
        out += [(rule.id, "superseded.beyond_scope", i) for i, b in of("basis")
                if b.number == fold_number(cited.number) and plan.end > cited.covers_until]
    if not hits:
        out.append((rule.id, "superseded.none", None))


def _cited_before_plan(rule, rs, plan, of: Of, out: list[Result]) -> None:
    if plan.dated == 0:
        out.append((rule.id, "cited.plan_undated", None))
        return
    dated = [(i, b) for i, b in of("basis") if b.date != 0]
    out += [(rule.id, "cited.after_plan" if b.date > plan.dated else "cited.before_plan", i) for i, b in dated]
    if not dated:
        out.append((rule.id, "cited.none_dated", None))


def _timeline(rule, rs, plan, of: Of, out: list[Result]) -> None:
    d = rs.decision_file
    start, end = d.programme_start, d.programme_end

    def emit(name: str) -> None:
        out.append((rule.id, name, None))
    if rule.check == "period_within_programme":
        if plan.end < start or plan.start > end:
            emit("timeline.period_disjoint")
        elif plan.start >= start and plan.end <= end:
            emit("timeline.period_inside")
        else:
            emit("timeline.period_outside")
        return
    if plan.dated == 0:
        emit("timeline.undated")
    if rule.check == "dated_after_decision":
        date = day(rs.decision.date)
        if plan.dated != 0 and plan.dated < date:
            emit("timeline.before_decision")
        if plan.dated >= date:
            emit("timeline.after_decision")
    else:  # issued_within_programme: an undated plan has issued_year 0
        if plan.issued_year > end:
            emit("timeline.after_programme")
        if plan.dated != 0 and plan.issued_year <= end:
            emit("timeline.within_programme")


_KINDS: dict[str, Callable] = {
    "min_target": _min_target, "national_target": _national_target, "task_group": _task_group,
    "required_part": _required_part, "stale_body": _stale_body, "old_province": _old_province,
    "sum_check": _sum_check, "share_check": _share_check, "amount_words": _amount_words,
    "cites_decision": _cites_decision, "cites_superseded": _cites_superseded, "timeline": _timeline,
    "cited_before_plan": _cited_before_plan, "stated": _stated,
}
