"""Draft to draft: what was fixed, what newly fails, what is unchanged between two reports.

Findings are compared by cause, not only by verdict: the cause of a finding that does not pass is
what the plan showed for it (its evidence: the dissolved body named, the low value). A finding whose
causes are all gone is fixed, even when the rule now only asks for review (a draft without the
dissolved bodies, but with too little left to pass); it is new or worse only for a new cause, or a
harder verdict on the same cause.
"""

from dataclasses import dataclass

from ..model.findings import Finding, Report, Verdict

_OPEN = (Verdict.FAIL, Verdict.NEEDS_REVIEW, Verdict.WARNING)


@dataclass
class Change:
    key: str
    title: str
    before: Verdict | None
    after: Verdict | None


def _key(finding: Finding) -> str:
    return finding.rule_id if finding.aspect == "value" else f"{finding.rule_id}/{finding.aspect}"


def verdicts(report: Report) -> dict[str, tuple[Verdict, str]]:
    return {_key(f): (f.verdict, f.title.vi) for f in report.active}


def causes(report: Report) -> dict[str, frozenset[str]]:
    """What each finding shows of the plan (its evidence, by text: the lines may have moved)."""
    return {_key(f): frozenset(piece.text.vi for piece in f.evidence) for f in report.active}


def _kind(before: Verdict | None, after: Verdict | None, was: frozenset[str], now: frozenset[str]) -> str:
    if before in _OPEN and was and not now:
        return "fixed"  # every cause is gone; what is left is a question for the reviewer, not a new cause
    if after in _OPEN and now - was:
        return "new"    # a cause the earlier draft did not have
    if before and after and after.rank > before.rank:
        return "fixed"
    if after in _OPEN and (not before or after.rank < before.rank):
        return "new"
    return "unchanged" if before == after else "changed"


def compare(old: Report, new: Report) -> dict[str, list[Change]]:
    """Changes grouped as fixed (a cause gone or a better verdict), new (a new cause or a harder verdict
    on the same cause), changed (other) and unchanged."""
    before, after = verdicts(old), verdicts(new)
    was, now = causes(old), causes(new)
    groups: dict[str, list[Change]] = {"fixed": [], "new": [], "changed": [], "unchanged": []}
    for key in sorted(set(before) | set(after)):
        b, a = before.get(key), after.get(key)
        change = Change(key, (a or b)[1], b[0] if b else None, a[0] if a else None)
        kind = _kind(change.before, change.after, was.get(key, frozenset()), now.get(key, frozenset()))
        groups[kind].append(change)
    return groups
