"""Everything durable-rules: compiling a ruleset into engine rules, and evaluating a plan's facts.

This is the only module that imports durable-rules. The rule kinds (``kinds/``) state their
conditions through the ``Builder`` below; the engine's Rete network decides which branches hold.

How the engine is driven, and why:

- A ruleset is compiled once per process (cached by the ruleset object, which the loader keeps
  for the life of the process) into a durable-rules ruleset handle of its own. durable's
  ``Host`` is not used: it starts timer threads that dispatch actions concurrently with
  ``assert_facts`` and crashed the C engine under load (a segfault in a long fuzz run).
- One check is one session: its facts are asserted together, the plan fact last (``none(...)``
  is evaluated when the plan fact arrives), then the fired rules are collected in one loop over
  the engine's action queue — no Python callback per engine rule — and the session is deleted.
- A comma in ``when_all`` joins *different* facts; conditions on one fact are combined with
  ``&``. durable's regular expressions fail silently on long alternations, so patterns are never
  joined with ``|`` (one engine rule per pattern).
- Every fact must match some rule or durable refuses it; a catch-all rule that waits for a fact
  that never comes accepts them all without firing.
- An ``|`` fires once for each of its sides that holds: the sides of every ``|`` exclude each
  other (``any_of`` compares one field with distinct values).
- durable's C engine crashes (``free(): invalid pointer``) when it deletes a session in which no
  rule fired, so every session ends with a fact that one rule always fires on.
"""

import itertools
import json
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..core.errors import CheckerError, EngineUnavailable

try:
    import durable.lang as lang
    import durable_rules_engine as native
    from durable.lang import c, m, none, ruleset, when_all
except ImportError as exc:  # a build that cannot load (Python 3.13 built without the define): say the fix
    raise EngineUnavailable(str(exc)) from None
from ..core.regex import compile_once
from ..model.findings import Verdict
from .facts import Fact, PlanFact, plan_fact

__all__ = ["Action", "Builder", "Compiled", "Outcome", "compile_definition", "evaluate"]


@dataclass(frozen=True)
class Action:
    """What an engine rule concludes when it fires: an outcome name and its verdict."""

    rule: Any            # the ruleset rule (a kind's Rule model)
    name: str            # message family, e.g. "target.below"
    verdict: Verdict
    capped: bool         # a fail turned into needs_review because the rule is grade C

    def __call__(self, ctx) -> None:  # durable takes only callables as actions; this one is never run
        raise AssertionError("engine actions are collected, not run")


@dataclass(frozen=True)
class Outcome:
    """What one engine rule concluded about one plan: handed to the finding builder."""

    rule: Any
    name: str
    verdict: Verdict
    capped: bool
    plan: PlanFact
    element: Fact | None
    guessed: Verdict | None = None  # the verdict the element would give had its inferred value been read
    unfound: Verdict | None = None  # the verdict an absence would give, had the reader proved it one
    undated: Verdict | None = None  # the verdict at today's date, for a document whose date was not read
    absence: bool = False  # concluded from something the plan lacks (a branch with an incomplete-source twin)


class Compiled:
    """A durable-rules ruleset handle and what each of its engine rules concludes."""

    def __init__(self, name: str, definition: dict[str, Any], text: str | None = None):
        """``definition``: each engine rule's conditions and its action (``run``); or, with ``text`` (the
        conditions as durable's JSON), each engine rule's action alone."""
        self.actions = {rule_name: rule.pop("run") if text is None else rule for rule_name, rule in definition.items()}
        self.handle = native.create_ruleset(name, json.dumps(definition, ensure_ascii=False) if text is None else text)
        self.producers: tuple[Callable, ...] = ()
        self.absences: frozenset[tuple[str, str]] = frozenset()  # (rule id, name): concluded from an absence

    def run(self, facts: list[dict[str, Any]], sid: str) -> list[tuple[Any, dict[str, Any]]]:
        """Assert one session's facts, collect every fired rule (its action and matched facts), delete it."""
        fired = []
        with _lock:  # the C engine is not thread-safe
            try:
                session = [*facts, {"type": "__end__", "sid": sid}]
                code, state = native.assert_facts(self.handle, dump_facts(session))
                if code == 1:
                    raise CheckerError("?", "a fact matched no engine rule")
                started = native.start_action_for_state(self.handle, state)
                message = json.loads(started[1]) if started else None
                while message:
                    (rule_name, matched), = message.items()
                    if self.actions[rule_name] is not _END:
                        fired.append((self.actions[rule_name], matched))
                    following = native.complete_and_start_action(self.handle, state)
                    message = json.loads(following) if following else None
            except CheckerError:
                raise
            except Exception as exc:  # an engine failure is a defect of the tool, never bad input
                raise CheckerError("?", f"{type(exc).__name__}: {exc}") from None
            finally:
                try:
                    native.delete_state(self.handle, sid)
                except Exception:  # nothing was stored for this session
                    pass
        return fired


def _number(value: float) -> str:
    """A number as durable's JSON reader takes it: it kills the process on an exponent without a
    decimal point ("1e-05", "1e+16"), so such a mantissa gets one ("1.0e-05"); whole numbers are
    written as integers."""
    if not math.isfinite(value):
        raise CheckerError("?", f"a fact holds a number the engine cannot compare: {value!r}")
    if value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    mantissa, exponent, power = repr(value).partition("e")
    return f"{mantissa}.0e{power}" if exponent and "." not in mantissa else repr(value)


def _scalar(value: Any) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number(value)
    return json.dumps(value, ensure_ascii=False)


_BARE_EXPONENT = compile_once(r"[:,\[]-?\d+[eE]")


def dump_facts(facts: list[dict[str, Any]]) -> str:
    """Flat facts (names to strings, numbers, booleans) as the JSON text durable reads safely: the
    standard encoder, unless its text may hold a bare exponent (then each value is written here)."""
    text = json.dumps(facts, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    if not _BARE_EXPONENT.search(text):
        return text
    return "[" + ",".join("{" + ",".join(f'"{name}":{_scalar(value)}' for name, value in fact.items()) + "}"
                          for fact in facts) + "]"


_lock = threading.Lock()
_names = itertools.count()
_sessions = itertools.count()


def compile_definition(name: str, build: Callable[[], None]) -> Compiled:
    """Compile the engine rules that ``build`` declares with durable's ``when_all(...)(action)``."""
    name = f"{name}_{next(_names)}"
    definition = ruleset(name)
    with definition:
        build()
        _closing_rules()
    lang._rulesets.pop(name, None)  # never handed to durable's global Host
    return Compiled(name, definition.define()[1])


_NEVER = Action(None, "never", Verdict.NOT_APPLICABLE, False)
_END = Action(None, "end", Verdict.NOT_APPLICABLE, False)


def _closing_rules() -> None:
    """The two engine rules every ruleset ends with."""
    # accepts every fact without firing: its second fact never comes
    when_all(+m.type, m.type == "__never__")(_NEVER)
    # fires once per session, on the fact that closes it: durable's C engine crashes when it
    # deletes a session in which no rule fired
    when_all(m.type == "__end__")(_END)


class Builder:
    """What a rule kind's ``compile(rule, b)`` writes its conditions with.

    ``b.m``, ``b.c`` and ``b.none`` are durable-rules' own; the methods below are the shapes
    every kind uses. Conditions are passed as factories (``lambda: m.type == "plan"``) where one
    condition serves several engine rules: durable keeps a reference to each condition object
    it is given, so every engine rule gets freshly built conditions.
    """

    m, c, none = m, c, none

    def __init__(self, rs):
        self.rs = rs
        self.decision_file = rs.decision_file
        self.names: dict[str, set[str]] = {}  # rule id -> the outcome names of its engine rules

    def action(self, rule, name: str, verdict: Verdict) -> Action:
        """A grade-C rule never fails: its fail becomes needs_review, marked as capped."""
        capped = rule.grade == "C" and verdict == Verdict.FAIL
        return Action(rule, name, Verdict.NEEDS_REVIEW if capped else verdict, capped)

    def when(self, rule, name: str, verdict: Verdict, *conditions) -> None:
        """One engine rule. It must bind the plan fact as ``c.p`` (and a plan element, if any, as
        ``c.t``): the outcome is built from those two."""
        if not any(getattr(condition, "alias", None) == "p" for condition in conditions):
            raise ValueError(f"{rule.id} ({name}): an engine rule must bind the plan fact as c.p")
        self.names.setdefault(rule.id, set()).add(name)
        when_all(*conditions)(self.action(rule, name, verdict))

    def absences(self) -> set[tuple[str, str]]:
        """(rule id, outcome name) of the branches that conclude from something the plan lacks: those with a
        sibling ``<name>_incomplete`` branch for a source that may not have been read in full."""
        return {(rule_id, name) for rule_id, names in self.names.items() for name in names
                if f"{name}_incomplete" in names}

    @staticmethod
    def plan():
        return m.type == "plan"

    def programme_scope(self) -> Callable:
        """The plan's period meets the programme's."""
        d = self.decision_file
        return lambda: (m.type == "plan") & (m.start <= d.programme_end) & (m.end >= d.programme_start)

    def outside_programme(self, rule) -> None:
        """A plan whose period does not meet the programme's: the rule is not applicable."""
        d = self.decision_file
        self.when(rule, "plan.outside_programme", Verdict.NOT_APPLICABLE,
                  c.p << ((m.type == "plan") & ((m.end < d.programme_start) | (m.start > d.programme_end))))

    def with_plan(self, rule, element, in_scope: Callable, name: str, verdict: Verdict) -> None:
        """A rule on one plan element, joined with the plan fact (a comma joins two facts)."""
        self.when(rule, name, verdict, c.t << element, c.p << in_scope())

    def absent(self, rule, in_scope: Callable, match: Callable, name: str, verdict: Verdict) -> None:
        """Two branches for "the plan lacks X": a complete source gives ``verdict``; an incomplete
        one (an extract, an article, a truncated text) gives needs_review, never pass or fail."""
        self.when(rule, name, verdict, c.p << (in_scope() & (m.complete == True)), none(match()))  # noqa: E712
        self.when(rule, name + "_incomplete", Verdict.NEEDS_REVIEW,
                  c.p << (in_scope() & (m.complete == False)), none(match()))  # noqa: E712

    @staticmethod
    def any_of(field: str, values: list) -> Any:
        """``field`` equals one of ``values`` (at least one value; repeated values are dropped, since
        durable fires once for each side of an ``|`` that holds)."""
        values = list(dict.fromkeys(values))
        condition = getattr(m, field) == values[0]
        for value in values[1:]:
            condition = condition | (getattr(m, field) == value)
        return condition


_compiled: dict[int, tuple[Any, Compiled]] = {}
_compile_lock = threading.Lock()


def compiled_for(rs) -> Compiled:
    """The engine rules of ``rs``, compiled on first use in this process."""
    cached = _compiled.get(id(rs))
    if cached is not None and cached[0] is rs:
        return cached[1]
    from .kinds import fact_producers  # the kinds import the ruleset model, which imports them back
    from .ruleset_cache import cached
    from .ruleset_loader import files_key
    with _compile_lock:
        key = files_key(rs)
        declared = _declared(rs) if key is None else cached(f"engine-{rs.id}", [], lambda: _declared(rs),
                                                             f"{key}|{_durable_version()}")
        text, actions, absences = declared
        by_id = {rule.id: rule for rule in rs.rules}
        special = {"never": _NEVER, "end": _END}
        actions = {rule_name: special[name] if rule_id is None else Action(by_id[rule_id], name, Verdict(verdict), capped)
                   for rule_name, (rule_id, name, verdict, capped) in actions.items()}
        compiled = Compiled(f"ctxh_{rs.id}_{next(_names)}", actions, text)
        compiled.producers = fact_producers(rs)
        compiled.absences = frozenset(absences)
        _compiled[id(rs)] = (rs, compiled)
    return compiled


def _declared(rs) -> tuple[str, dict[str, tuple], list]:
    """The engine rules of ``rs`` as plain data, kept between runs for a ruleset read from its files
    (declaring them through durable's Python API costs more than the engine's own compiling): durable's
    JSON of their conditions, each engine rule's action as (rule id, outcome name, verdict, capped), and
    the outcomes concluded from an absence."""
    from .kinds import module_for
    builder = Builder(rs)
    name = f"ctxh_{rs.id}_{next(_names)}"
    definition = ruleset(name)
    with definition:
        for rule in rs.rules:
            module_for(rule).compile(rule, builder)
        _closing_rules()
    lang._rulesets.pop(name, None)  # never handed to durable's global Host
    rules = definition.define()[1]
    actions = {}
    for rule_name, rule in rules.items():
        action = rule.pop("run")
        actions[rule_name] = (None if action.rule is None else action.rule.id, action.name, action.verdict.value,
                              action.capped)
    return json.dumps(rules, ensure_ascii=False), actions, sorted(builder.absences())


@cache
def _durable_version() -> str:
    """durable-rules' Python side as installed (it writes the JSON that is kept)."""
    import os
    status = os.stat(lang.__file__)
    return f"{lang.__file__}|{status.st_size}|{status.st_mtime_ns}"


def evaluate(loaded, rs, as_of=None) -> list[Outcome]:
    """Every outcome of the ruleset's rules on one plan, in the order the engine fired them."""
    compiled = compiled_for(rs)
    facts: list[Fact] = [fact for producer in compiled.producers for fact in producer(loaded)]
    facts.append(plan_fact(loaded, as_of))
    sid = str(next(_sessions))
    fired = compiled.run([fact.engine(i, sid) for i, fact in enumerate(facts)], sid)
    outcomes = []
    for action, matched in fired:
        element = matched.get("t")
        outcomes.append(Outcome(action.rule, action.name, action.verdict, action.capped, facts[matched["p"]["id"]],
                                facts[element["id"]] if element else None,
                                absence=(action.rule.id, action.name) in compiled.absences))
    return outcomes
