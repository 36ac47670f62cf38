"""Draft to draft: what was fixed, what newly fails, what is unchanged between two reports."""

import json
from dataclasses import dataclass
from pathlib import Path

from .findings import Report, Verdict
from .report_json import ReportDocument


@dataclass
class Change:
    key: str
    title: str
    before: Verdict | None
    after: Verdict | None


def verdicts(report: Report) -> dict[str, tuple[Verdict, str]]:
    return {(f.rule_id if f.aspect == "value" else f"{f.rule_id}/{f.aspect}"): (f.verdict, f.title.vi)
            for f in report.active}


def compare(old: Report, new: Report) -> dict[str, list[Change]]:
    """Changes grouped as fixed (better now), new (worse now), changed (other) and unchanged."""
    before, after = verdicts(old), verdicts(new)
    groups: dict[str, list[Change]] = {"fixed": [], "new": [], "changed": [], "unchanged": []}
    for key in sorted(set(before) | set(after)):
        b, a = before.get(key), after.get(key)
        change = Change(key, (a or b)[1], b[0] if b else None, a[0] if a else None)
        if b and a and b[0] == a[0]:
            groups["unchanged"].append(change)
        elif b and a and a[0].rank > b[0].rank:
            groups["fixed"].append(change)
        elif a and (not b or a[0].rank < b[0].rank) and a[0] in (Verdict.FAIL, Verdict.NEEDS_REVIEW, Verdict.WARNING):
            groups["new"].append(change)
        else:
            groups["changed"].append(change)
    return groups


def load_json_report(path: Path) -> Report:
    document = ReportDocument.model_validate(json.loads(path.read_text(encoding="utf-8")))
    return Report(plan=document.plan, ruleset=document.ruleset, decision=document.decision,
                  decision_title=document.decision_title, selected_by=document.selected_by,
                  findings=document.findings, stale_waivers=document.stale_waivers)
