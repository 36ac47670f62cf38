"""Choose which rules a report shows (--select / --skip) and which verdicts fail a run (--fail-on)."""

from ..core.errors import InputError, Problem
from ..model.findings import Report, Verdict


def _matches(rule_id: str, patterns: list[str]) -> bool:
    """A pattern is a rule id or a prefix ending in "-" or "*" (QD112-T*, CTXH-)."""
    return any(rule_id == p or (p.endswith(("*", "-")) and rule_id.startswith(p.rstrip("*"))) for p in patterns)


def select(report: Report, chosen: list[str], skipped: list[str]) -> Report:
    findings = [f for f in report.findings
                if (not chosen or _matches(f.rule_id, chosen)) and not _matches(f.rule_id, skipped)]
    return report.model_copy(update={"findings": findings})


def parse_fail_on(text: str) -> set[Verdict]:
    try:
        return {Verdict(part.strip()) for part in text.split(",") if part.strip()}
    except ValueError:
        raise InputError([Problem("--fail-on", None, None, "selection.bad_fail_on",
                                  {"value": text, "allowed": ", ".join(v.value for v in Verdict)})]) from None


def rule_patterns(patterns: list[str], known: set[str], option: str) -> list[str]:
    """Rule ids and prefixes as the ruleset writes them, whatever their case (qd112-t01 = QD112-T01); an
    id that matches no rule is an error naming the closest known id."""
    import difflib
    by_fold = {rule_id.casefold(): rule_id for rule_id in known}
    result = []
    for pattern in patterns:
        folded = pattern.casefold()
        if folded in by_fold:
            result.append(by_fold[folded])
            continue
        if pattern.endswith(("*", "-")):
            stem = folded.rstrip("*")
            match = next((rule_id for fold, rule_id in sorted(by_fold.items()) if fold.startswith(stem)), None)
            if match is not None:
                result.append(match[:len(stem)] + ("*" if pattern.endswith("*") else ""))
                continue
        near = difflib.get_close_matches(pattern.upper(), sorted(known), n=1, cutoff=0.0)
        raise InputError([Problem(option, None, None, "selection.unknown_near",
                                  {"id": pattern, "near": near[0] if near else "—"})])
    return result
