"""Compile a ruleset (data) into a durable-rules ruleset, once per process.

Each rule kind has one generator below that turns the rule's data into engine
conditions; no decision or clause is named here. The verdict each branch gives is
decided here too, by the rule's data: a grade-C rule never gives ``fail`` (it gives
``needs_review``), and an absence in an incomplete source document gives
``needs_review``, never ``pass`` or ``fail``.

durable-rules facts: a comma in ``when_all`` joins *different* facts; conditions on one
fact are combined with ``&``. A ruleset is registered globally under its name, so a
compiled ruleset is cached for the life of the process.
"""

import hashlib
import threading
from dataclasses import dataclass
from typing import Any, Callable

from durable.lang import c, get_host, m, none, ruleset, when_all

from .findings import Verdict
from .ruleset_model import MinTarget, NationalTarget, RequiredPart, Rule, Ruleset, TaskGroupRule


@dataclass(frozen=True)
class Outcome:
    """What one engine rule concluded: handed to the finding builder by the action."""

    rule: Rule
    name: str  # message family, e.g. "target.below"
    verdict: Verdict
    capped: bool  # a fail turned into needs_review because the rule is grade C
    plan: dict[str, Any]
    element: dict[str, Any] | None


Sink = Callable[[str, "Outcome | Exception"], None]


class _Compiler:
    def __init__(self, rs: Ruleset, sink: Sink):
        self.rs = rs
        self.sink = sink

    # -- helpers -----------------------------------------------------------------
    def action(self, rule: Rule, name: str, verdict: Verdict):
        capped = rule.grade == "C" and verdict == Verdict.FAIL
        final = Verdict.NEEDS_REVIEW if capped else verdict
        sink = self.sink

        def act(ctx):
            try:
                plan = _content(ctx, "p")
                element = _content(ctx, "t")
                sink(ctx.s.sid, Outcome(rule, name, final, capped, plan, element))
            except Exception as exc:  # recorded for the checker, then left to the engine
                sink(ctx.s.sid, RuntimeError(f"{rule.id} ({name}): {type(exc).__name__}: {exc}"))
                raise
        act.__name__ = f"{rule.id}:{name}"
        return act

    def absent(self, rule: Rule, in_scope, match, name: str, verdict: Verdict):
        """Two branches for "the plan lacks X": a complete source, and an incomplete one."""
        when_all(c.p << (in_scope() & (m.complete == True)), none(match()))(  # noqa: E712
            self.action(rule, name, verdict))
        when_all(c.p << (in_scope() & (m.complete == False)), none(match()))(  # noqa: E712
            self.action(rule, name + "_incomplete", Verdict.NEEDS_REVIEW))

    def programme_scope(self):
        d = self.rs.decision_file
        return lambda: (m.type == "plan") & (m.start <= d.programme_end) & (m.end >= d.programme_start)

    def with_plan(self, rule: Rule, element, in_scope, name: str, verdict: Verdict):
        """A rule on one plan element, joined with the plan fact (a comma joins two facts)."""
        when_all(c.t << element, c.p << in_scope())(self.action(rule, name, verdict))

    # -- one generator per rule kind -----------------------------------------------
    # durable-rules keeps a reference to each condition object it is given, so every
    # engine rule gets freshly built conditions: scopes and matches are factories.
    def min_target(self, rule: MinTarget):
        year = rule.year
        if year is None:
            in_scope = self.programme_scope()
            match = lambda: (m.type == "target") & (m.indicator == rule.indicator)  # noqa: E731
        else:
            in_scope = lambda: (m.type == "plan") & (m.start <= year) & (m.end >= year)  # noqa: E731
            when_all(c.p << ((m.type == "plan") & ((m.start > year) | (m.end < year))))(
                self.action(rule, "target.not_applicable", Verdict.NOT_APPLICABLE))
            match = lambda: (m.type == "target") & (m.indicator == rule.indicator) & (m.year == year)  # noqa: E731
        if rule.value is None:
            self.absent(rule, in_scope, match, "target.unread_missing", Verdict.NEEDS_REVIEW)
            self.with_plan(rule, match(), in_scope, "target.unread_present", Verdict.NEEDS_REVIEW)
        else:
            value, unit = rule.value, rule.unit
            same_unit = lambda: match() & (m.unit == unit)  # noqa: E731
            firm = lambda: (m.comparison == "at_least") | (m.comparison == "exactly")  # noqa: E731
            soft = lambda: (m.comparison == "about") | (m.comparison == "at_most")  # noqa: E731
            below = Verdict.FAIL if rule.below_minimum == "fail" else Verdict.WARNING
            self.absent(rule, in_scope, match, "target.missing", Verdict.FAIL)
            self.with_plan(rule, same_unit() & (m.value < value), in_scope, "target.below", below)
            self.with_plan(rule, same_unit() & (m.value >= value) & firm(), in_scope, "target.meets", Verdict.PASS)
            self.with_plan(rule, same_unit() & (m.value >= value) & soft(), in_scope, "target.soft",
                           Verdict.NEEDS_REVIEW)
            self.with_plan(rule, match() & (m.unit != unit), in_scope, "target.other_form", Verdict.NEEDS_REVIEW)
            if rule.baseline_year is not None:
                self.with_plan(rule, same_unit() & (m.relative_to != rule.baseline_year), in_scope,
                               "target.baseline", Verdict.NEEDS_REVIEW)
        if rule.population:
            self.with_plan(rule, match() & (m.population != ""), in_scope, "population.compare", Verdict.NEEDS_REVIEW)

    def national_target(self, rule: NationalTarget):
        plan = lambda: m.type == "plan"  # noqa: E731
        if rule.indicator:
            match = lambda: (m.type == "target") & (m.indicator == rule.indicator)  # noqa: E731
            when_all(c.p << plan(), none(match()))(self.action(rule, "national.only", Verdict.NOT_APPLICABLE))
            self.with_plan(rule, match(), plan, "national.with_plan", Verdict.NOT_APPLICABLE)
        else:
            when_all(c.p << plan())(self.action(rule, "national.only", Verdict.NOT_APPLICABLE))

    def task_group(self, rule: TaskGroupRule):
        in_scope = self.programme_scope()
        match = lambda: (m.type == "task") & (m.group == rule.group)  # noqa: E731
        self.with_plan(rule, match() & (m.has_lead == True), in_scope, "group.led", Verdict.PASS)  # noqa: E712
        no_lead = lambda: match() & (m.has_lead == False)  # noqa: E712,E731
        when_all(c.t << no_lead(), c.p << (in_scope() & (m.complete == True)))(  # noqa: E712
            self.action(rule, "group.no_lead", Verdict.WARNING))
        when_all(c.t << no_lead(), c.p << (in_scope() & (m.complete == False)))(  # noqa: E712
            self.action(rule, "group.no_lead_incomplete", Verdict.NEEDS_REVIEW))
        self.absent(rule, in_scope, match, "group.missing", Verdict.FAIL)

    def required_part(self, rule: RequiredPart):
        in_scope = self.programme_scope()

        def match():
            condition = m.path == rule.parts[0]
            for part in rule.parts[1:]:
                condition = condition | (m.path == part)
            return (m.type == "part") & condition
        self.with_plan(rule, match(), in_scope, "part.present", Verdict.PASS)
        self.absent(rule, in_scope, match, "part.missing", Verdict.FAIL)

    def out_of_programme(self):
        """A plan whose period does not meet the programme's: every rule is not applicable."""
        d = self.rs.decision_file
        outside = (m.type == "plan") & ((m.end < d.programme_start) | (m.start > d.programme_end))
        for rule in self.rs.rules:
            if not (isinstance(rule, MinTarget) and rule.year is not None) and not isinstance(rule, NationalTarget):
                when_all(c.p << outside)(self.action(rule, "plan.outside_programme", Verdict.NOT_APPLICABLE))

    def compile(self, name: str):
        generators = {"min_target": self.min_target, "national_target": self.national_target,
                      "task_group": self.task_group, "required_part": self.required_part}
        with ruleset(name):
            for rule in self.rs.rules:
                generators[rule.kind](rule)
            self.out_of_programme()
            # every fact is accepted even when no rule above matches it
            when_all(+m.type)(_ignore)


def _ignore(ctx) -> None:
    return None


def _content(ctx, name: str) -> dict[str, Any] | None:
    try:
        value = getattr(ctx, name)
    except (AttributeError, KeyError):
        return None
    if value is None:
        return None
    return dict(value._d) if hasattr(value, "_d") else dict(value)


_compiled: dict[str, str] = {}
_lock = threading.Lock()


def engine_name(rs: Ruleset, sink: Sink) -> str:
    """Name of the durable ruleset for ``rs``, compiling it on first use in this process."""
    digest = hashlib.sha256(rs.model_dump_json().encode()).hexdigest()[:12]
    name = f"ctxh_{rs.id}_{digest}"
    with _lock:
        if name not in _compiled:
            _Compiler(rs, sink).compile(name)
            get_host()  # durable-rules defines rulesets lazily: surface a compile error here
            _compiled[name] = rs.id
    return name
