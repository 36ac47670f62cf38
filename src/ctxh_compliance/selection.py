"""Choose which rules a report shows (--select / --skip) and which verdicts fail a run (--fail-on)."""

from .errors import InputError, Problem
from .findings import Report, Verdict


def _matches(rule_id: str, patterns: list[str]) -> bool:
    """A pattern is a rule id or a prefix ending in "-" or "*" (QD112-T*, CTXH-)."""
    return any(rule_id == p or (p.endswith(("*", "-")) and rule_id.startswith(p.rstrip("*"))) for p in patterns)


def check_patterns(patterns: list[str], known: set[str], option: str) -> None:
    unknown = [p for p in patterns if not any(_matches(rule_id, [p]) for rule_id in known)]
    if unknown:
        raise InputError([Problem(option, None, None, "selection.unknown", {"ids": ", ".join(unknown)})])


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
