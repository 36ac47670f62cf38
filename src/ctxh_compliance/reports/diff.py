"""Draft to draft: what was fixed, what newly fails, what is unchanged between two reports."""

from dataclasses import dataclass

from ..model.findings import Report, Verdict


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
