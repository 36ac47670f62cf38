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
from .engine_host import install as install_host
from .facts import day
from .ruleset_model import (AmountWords, CitesDecision, CitesSuperseded, MinTarget, NationalTarget, OldProvince,
                            RequiredPart, Rule, Ruleset, ShareCheck, StaleBody, SumCheck, TaskGroupRule, Timeline)
from .text import fold_number, fold_place


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
        self.absent(rule, in_scope, match, "group.missing", Verdict(rule.when_absent))

    def required_part(self, rule: RequiredPart):
        in_scope = self.programme_scope()

        def match():
            condition = m.path == rule.parts[0]
            for part in rule.parts[1:]:
                condition = condition | (m.path == part)
            return (m.type == "part") & condition
        self.with_plan(rule, match(), in_scope, "part.present", Verdict.PASS)
        self.absent(rule, in_scope, match, "part.missing", Verdict.FAIL)

    # -- beyond the national minimum: institutions, arithmetic, legal basis, timeline --------
    def dated_rule(self, rule, effective: int, matches: list, verdict: Verdict, name: str):
        """Something that became stale on ``effective``: judged by the plan's date (or --as-of).

        ``matches`` are condition factories, one engine rule each: durable-rules' regular
        expressions fail silently on long alternations, so patterns are never joined with "|".
        """
        when_all(c.p << ((m.type == "plan") & (m.as_of < effective)))(
            self.action(rule, f"{name}.before", Verdict.NOT_APPLICABLE))
        for match in matches:
            self.with_plan(rule, match(), lambda: (m.type == "plan") & (m.as_of >= effective), f"{name}.found",
                           verdict)
        when_all(c.p << ((m.type == "plan") & (m.as_of >= effective)), *[none(match()) for match in matches])(
            self.action(rule, f"{name}.none", Verdict.PASS))

    def stale_body(self, rule: StaleBody):
        def roles():
            condition = m.role == rule.roles[0]
            for role in rule.roles[1:]:
                condition = condition | (m.role == role)
            return condition

        def matcher(pattern: str):
            return lambda: (m.type == "body") & roles() & m.name.matches(f".*({pattern}).*")
        self.dated_rule(rule, day(rule.effective), [matcher(p) for p in rule.patterns], Verdict(rule.verdict),
                        "stale")

    def old_province(self, rule: OldProvince):
        old = sorted({fold_place(name) for merge in rule.merges for name in merge.formed_from
                      if fold_place(name) != fold_place(merge.new)})

        def matcher(name: str):
            return lambda: (m.type == "place") & (m.name == name)
        self.dated_rule(rule, day(rule.effective), [matcher(n) for n in old], Verdict.WARNING, "province")

    def sum_check(self, rule: SumCheck):
        match = lambda: (m.type == "sum") & (m.sum == rule.sum)  # noqa: E731
        plan = lambda: m.type == "plan"  # noqa: E731
        self.with_plan(rule, match() & (m.difference == 0), plan, "sum.agrees", Verdict.PASS)
        self.with_plan(rule, match() & (m.difference != 0), plan, "sum.differs", Verdict.FAIL)
        when_all(c.p << plan(), none(match()))(self.action(rule, "sum.no_data", Verdict.NOT_APPLICABLE))

    def share_check(self, rule: ShareCheck):
        share = lambda: m.type == "share"  # noqa: E731
        plan = lambda: m.type == "plan"  # noqa: E731
        self.with_plan(rule, share() & (m.possible == True), plan, "share.possible", Verdict.PASS)  # noqa: E712
        self.with_plan(rule, share() & (m.possible == False), plan, "share.impossible", Verdict.FAIL)  # noqa: E712
        when_all(c.p << plan(), none(share()))(self.action(rule, "share.none", Verdict.NOT_APPLICABLE))

    def amount_words(self, rule: AmountWords):
        words = lambda: m.type == "words"  # noqa: E731
        plan = lambda: m.type == "plan"  # noqa: E731
        readable = lambda: words() & (m.readable == True)  # noqa: E712,E731
        self.with_plan(rule, readable() & (m.difference == 0), plan, "words.agree", Verdict.PASS)
        self.with_plan(rule, readable() & (m.difference != 0), plan, "words.differ", Verdict.FAIL)
        self.with_plan(rule, words() & (m.readable == False), plan, "words.unreadable", Verdict.NEEDS_REVIEW)  # noqa: E712
        when_all(c.p << plan(), none(words()))(self.action(rule, "words.none", Verdict.NOT_APPLICABLE))

    def cites_decision(self, rule: CitesDecision):
        detect = self.rs.decision_file.detect
        right = [fold_number(c.number) for c in detect.decisions if not c.miscitation]
        wrong = [fold_number(c.number) for c in detect.decisions if c.miscitation]
        date = day(self.rs.decision.date)
        plan = lambda: m.type == "plan"  # noqa: E731

        def any_of(numbers):
            condition = m.number == numbers[0]
            for number in numbers[1:]:
                condition = condition | (m.number == number)
            return (m.type == "basis") & condition
        self.with_plan(rule, any_of(right) & ((m.date == date) | (m.date == 0)), plan, "basis.right", Verdict.PASS)
        self.with_plan(rule, any_of(right) & (m.date != date) & (m.date != 0), plan, "basis.wrong_date",
                       Verdict.FAIL)
        if wrong:
            self.with_plan(rule, any_of(wrong), plan, "basis.miscited", Verdict.WARNING)
        cited = lambda: any_of(right + wrong)  # noqa: E731
        when_all(c.p << (plan() & (m.complete == True)), none(cited()))(  # noqa: E712
            self.action(rule, "basis.not_cited", Verdict.NEEDS_REVIEW))
        when_all(c.p << (plan() & (m.complete == False)), none(cited()))(  # noqa: E712
            self.action(rule, "basis.not_cited_incomplete", Verdict.NEEDS_REVIEW))

    def cites_superseded(self, rule: CitesSuperseded):
        plan = lambda: m.type == "plan"  # noqa: E731
        old = [fold_number(c.number) for c in self.rs.decision_file.superseded]
        if not old:
            when_all(c.p << plan())(self.action(rule, "superseded.none", Verdict.PASS))
            return

        def match():
            condition = m.number == old[0]
            for number in old[1:]:
                condition = condition | (m.number == number)
            return (m.type == "basis") & condition
        self.with_plan(rule, match(), plan, "superseded.cited", Verdict.WARNING)
        when_all(c.p << plan(), none(match()))(self.action(rule, "superseded.none", Verdict.PASS))

    def timeline(self, rule: Timeline):
        d = self.rs.decision_file
        undated = (m.type == "plan") & (m.dated == 0)
        if rule.check == "period_within_programme":
            inside = (m.type == "plan") & (m.start >= d.programme_start) & (m.end <= d.programme_end)
            overlapping = (m.type == "plan") & (m.end >= d.programme_start) & (m.start <= d.programme_end) & (
                (m.start < d.programme_start) | (m.end > d.programme_end))
            disjoint = (m.type == "plan") & ((m.end < d.programme_start) | (m.start > d.programme_end))
            when_all(c.p << inside)(self.action(rule, "timeline.period_inside", Verdict.PASS))
            when_all(c.p << overlapping)(self.action(rule, "timeline.period_outside", Verdict.WARNING))
            when_all(c.p << disjoint)(self.action(rule, "timeline.period_disjoint", Verdict.FAIL))
            return
        when_all(c.p << undated)(self.action(rule, "timeline.undated", Verdict.NOT_APPLICABLE))
        if rule.check == "dated_after_decision":
            date = day(self.rs.decision.date)
            when_all(c.p << ((m.type == "plan") & (m.dated != 0) & (m.dated < date)))(
                self.action(rule, "timeline.before_decision", Verdict.FAIL))
            when_all(c.p << ((m.type == "plan") & (m.dated >= date)))(
                self.action(rule, "timeline.after_decision", Verdict.PASS))
        else:
            when_all(c.p << ((m.type == "plan") & (m.issued_year > d.programme_end)))(
                self.action(rule, "timeline.after_programme", Verdict.WARNING))
            when_all(c.p << ((m.type == "plan") & (m.dated != 0) & (m.issued_year <= d.programme_end)))(
                self.action(rule, "timeline.within_programme", Verdict.PASS))

    def out_of_programme(self):
        """A plan whose period does not meet the programme's: every rule is not applicable."""
        d = self.rs.decision_file
        outside = (m.type == "plan") & ((m.end < d.programme_start) | (m.start > d.programme_end))
        for rule in self.rs.rules:
            if isinstance(rule, (TaskGroupRule, RequiredPart)) or (isinstance(rule, MinTarget) and rule.year is None):
                when_all(c.p << outside)(self.action(rule, "plan.outside_programme", Verdict.NOT_APPLICABLE))

    def compile(self, name: str):
        generators = {"min_target": self.min_target, "national_target": self.national_target,
                      "task_group": self.task_group, "required_part": self.required_part,
                      "stale_body": self.stale_body, "old_province": self.old_province, "sum_check": self.sum_check, "share_check": self.share_check,
                      "amount_words": self.amount_words, "cites_decision": self.cites_decision,
                      "cites_superseded": self.cites_superseded, "timeline": self.timeline}
        with ruleset(name):
            for rule in self.rs.rules:
                generators[rule.kind](rule)
            self.out_of_programme()
            # Every fact must match some rule or durable-rules refuses it. This rule's first
            # condition matches every fact, and it waits for a second fact that never comes,
            # so it accepts all facts without running a Python callback for each.
            when_all(+m.type, m.type == "__never__")(_ignore)


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


install_host()  # before anything asks durable-rules for its host
_compiled: dict[str, str] = {}
_lock = threading.Lock()


def engine_name(rs: Ruleset, sink: Sink) -> str:
    """Name of the durable ruleset for ``rs``, compiling it on first use in this process."""
    install_host()
    digest = hashlib.sha256(rs.model_dump_json().encode()).hexdigest()[:12]
    name = f"ctxh_{rs.id}_{digest}"
    with _lock:
        if name not in _compiled:
            _Compiler(rs, sink).compile(name)
            get_host()  # durable-rules defines rulesets lazily: surface a compile error here
            _compiled[name] = rs.id
    return name
