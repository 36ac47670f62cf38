"""check(plan, ruleset) -> Report: one isolated engine session per check."""

import datetime as dt
import threading
import uuid

from durable.lang import assert_facts, delete_state, get_state

from .compiler import Outcome, engine_name
from .errors import CheckerError, InputError
from .facts import plan_facts
from .findings import Finding, PlanSummary, Report
from .outcomes import build, merge
from .plan_loader import LoadedPlan
from .ruleset_model import Ruleset

_outcomes: dict[str, list[Outcome]] = {}
_lock = threading.Lock()


_errors: dict[str, list[Exception]] = {}


def _sink(sid: str, outcome: "Outcome | Exception") -> None:
    with _lock:
        store = _errors if isinstance(outcome, Exception) else _outcomes
        store.setdefault(sid, []).append(outcome)


def _summary(loaded: LoadedPlan) -> PlanSummary:
    plan = loaded.plan
    ident = plan.identification
    return PlanSummary(
        file=loaded.file, number=ident.number, title=ident.title, province=ident.province, issuer=ident.issuer,
        date=ident.date.isoformat() if ident.date else ident.date_text, kind=ident.kind,
        period=f"{plan.period.start}-{plan.period.end}", complete=plan.complete,
        source_note=plan.source.note if plan.source else None)


def evaluate(loaded: LoadedPlan, rs: Ruleset, as_of: dt.date | None = None) -> list[Outcome]:
    """Run the compiled ruleset on the plan's facts in a fresh session, then delete it."""
    name = engine_name(rs, _sink)
    sid = uuid.uuid4().hex
    facts = [dict(fact, sid=sid) for fact in plan_facts(loaded, as_of)]
    try:
        assert_facts(name, facts)
        state = get_state(name, sid) or {}
    finally:
        delete_state(name, sid)
        with _lock:
            outcomes = _outcomes.pop(sid, [])
            errors = _errors.pop(sid, [])
    if errors or "exception" in state:
        detail = str(errors[0]) if errors else str(state["exception"])
        raise CheckerError(detail.split(" ", 1)[0] if errors else "?", detail)
    return outcomes


def _order(finding: Finding) -> tuple:
    return (finding.verdict.rank, finding.rule_id, finding.aspect)


def _check_references(loaded: LoadedPlan, rs: Ruleset) -> None:
    """Indicator and task-group ids in the plan must exist in the ruleset: a typo would
    otherwise silently read as "target missing"."""
    problems = []
    for n, target in enumerate(loaded.plan.targets):
        if target.indicator not in rs.indicators:
            problems.append(loaded.source.problem(("targets", n, "indicator"), "plan.unknown_indicator",
                                                  indicator=target.indicator, ruleset=rs.id,
                                                  allowed=", ".join(rs.indicators)))
    groups = rs.groups
    for n, group in enumerate(loaded.plan.task_groups):
        for i, covered in enumerate(group.covers):
            if covered not in groups:
                problems.append(loaded.source.problem(("task_groups", n, "covers", i), "plan.unknown_group",
                                                      group=covered, ruleset=rs.id, allowed=", ".join(groups)))
    if problems:
        raise InputError(problems)


def check(loaded: LoadedPlan, rs: Ruleset, selected_by: str | None = None, as_of: dt.date | None = None) -> Report:
    """Check a loaded plan against a ruleset; findings are sorted worst first.

    ``as_of`` is the date the plan is judged at for rules that changed over time (the 2025
    reorganisation); by default the plan's own date, or today for an undated draft.
    Raises InputError when the plan names an indicator or task group the ruleset lacks.
    """
    _check_references(loaded, rs)
    findings = [f for f in (build(o, rs) for o in evaluate(loaded, rs, as_of)) if f is not None]
    findings = sorted(merge(findings), key=_order)
    return Report(plan=_summary(loaded), ruleset=rs.id, decision=rs.decision.number,
                  decision_title=rs.decision.title.model_dump(), selected_by=selected_by, findings=findings)
