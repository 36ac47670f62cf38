"""check(plan, ruleset) -> Report: the engine's outcomes turned into findings, worst first."""

import datetime as dt

from ..core.errors import InputError
from ..inputs.plan_loader import LoadedPlan
from ..model.findings import Finding, PlanSummary, Report
from .engine import evaluate
from .outcomes import build, merge
from .ruleset_model import Ruleset


def _summary(loaded: LoadedPlan) -> PlanSummary:
    plan = loaded.plan
    ident = plan.identification
    return PlanSummary(
        file=loaded.file, number=ident.number, title=ident.title, province=ident.province, issuer=ident.issuer,
        date=ident.date.isoformat() if ident.date else ident.date_text, kind=ident.kind,
        period=f"{plan.period.start}-{plan.period.end}", complete=plan.complete,
        source_note=plan.source.note if plan.source else None)


def _order(finding: Finding) -> tuple:
    return (finding.verdict.rank, finding.rule_id, finding.aspect)


def _check_references(loaded: LoadedPlan, rs: Ruleset) -> None:
    """Indicator and task-group ids in the plan must exist in the ruleset: a typo would
    otherwise silently read as "target missing"."""
    problems = []
    for n, target in enumerate(loaded.plan.targets):
        if target.indicator not in rs.indicators:
            problems.append(loaded.problem(("targets", n, "indicator"), "plan.unknown_indicator",
                                           indicator=target.indicator, ruleset=rs.id,
                                           allowed=", ".join(rs.indicators)))
    groups = rs.groups
    for n, group in enumerate(loaded.plan.task_groups):
        for i, covered in enumerate(group.covers):
            if covered not in groups:
                problems.append(loaded.problem(("task_groups", n, "covers", i), "plan.unknown_group",
                                               group=covered, ruleset=rs.id, allowed=", ".join(groups)))
    if problems:
        raise InputError(problems)


def check(loaded: LoadedPlan, rs: Ruleset, selected_by: str | None = None, as_of: dt.date | None = None,
          chosen: str | None = None) -> Report:
    """Check a loaded plan against a ruleset; findings are sorted worst first.

    ``as_of`` is the date the plan is judged at for rules that changed over time (the 2025
    reorganisation); by default the plan's own date, or today for an undated draft.
    ``chosen`` says where the ruleset was chosen when the plan's citation did not choose it
    (``--ruleset``, a configuration file, ``web``); the report names the ruleset's folder (when it is
    not a bundled one) and the fingerprint of its files.
    Raises InputError when the plan names an indicator or task group the ruleset lacks.
    """
    _check_references(loaded, rs)
    findings = [f for f in (build(o, rs) for o in evaluate(loaded, rs, as_of)) if f is not None]
    findings = sorted(merge(findings), key=_order)
    return Report(plan=_summary(loaded), ruleset=rs.id, decision=rs.decision.number,
                  decision_title=rs.decision.title, selected_by=selected_by, findings=findings,
                  ruleset_chosen=None if selected_by else chosen, ruleset_folder=None if rs.bundled else rs.folder,
                  ruleset_fingerprint=rs.fingerprint or None)
