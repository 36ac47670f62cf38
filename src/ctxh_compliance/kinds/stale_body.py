"""stale_body: the plan gives a task to a body that no longer exists after a reorganisation.

Judged at the plan's date (or ``--as-of``): before ``effective`` not applicable; after it, each
body whose name matches a pattern in one of the listed roles gives the rule's verdict (a warning
by default), naming the successor.
"""

import datetime as dt
import re
from dataclasses import dataclass
from typing import ClassVar, Literal

from pydantic import Field, field_validator

from ..facts import Fact, day, display_only
from ..findings import Verdict
from ..i18n import translate
from ..localized import Localized
from ..text import fold
from .base import RuleBase

KIND = "stale_body"
#: regular-expression syntax durable-rules accepts but never matches (measured: tests/test_rulesets.py)
_UNSUPPORTED = ("\\", "(?", "[^", "^", "$")
Role = Literal["issuer", "lead", "partner", "assignment", "report_by", "report_to"]


class Rule(RuleBase):
    """A body that no longer exists after a reorganisation, named in a plan dated (or checked) after it."""

    kind: Literal["stale_body"]
    effective: dt.date
    patterns: list[str] = Field(min_length=1, description="Biểu thức chính quy trên tên đã chuẩn hóa (chữ thường, NFC)")
    roles: list[Role] = Field(min_length=1)
    successor: Localized
    verdict: Literal["warning", "needs_review", "fail"] = "warning"

    @field_validator("patterns")
    @classmethod
    def _engine_can_match(cls, patterns: list[str]) -> list[str]:
        """durable-rules' regular expressions silently never match some syntax that Python's accept:
        a pattern using it would let every stale name pass, so it is refused when the ruleset loads."""
        for pattern in patterns:
            unsupported = [token for token in _UNSUPPORTED if token in pattern]
            if unsupported:
                raise ValueError(f"pattern {pattern!r} uses {', '.join(unsupported)}, which the rules engine "
                                 "never matches; write the characters out (classes [..], groups (a|b), ?, *, + work)")
            re.compile(pattern)
        return patterns


@dataclass
class BodyFact(Fact):
    """A body the plan names, in one role."""

    TYPE: ClassVar[str] = "body"
    role: str
    name: str             # folded for matching
    shown: str = display_only()
    loc: str = display_only()

    def evidence_text(self, lang: str) -> str:
        return self.shown

    def params(self, lang: str) -> dict:
        return {"role": translate(f"role.{self.role}", lang)}


def bodies(loaded) -> list[Fact]:
    """Every body the plan names, with its role and where it is written."""
    plan = loaded.plan
    named: list[tuple[str, str, tuple]] = []
    if plan.identification.issuer:
        named.append(("issuer", plan.identification.issuer, ("identification", "issuer")))
    for i, group in enumerate(plan.task_groups):
        named += [("lead", name, ("task_groups", i, "lead", j)) for j, name in enumerate(group.lead)]
        named += [("partner", name, ("task_groups", i, "partners", j)) for j, name in enumerate(group.partners)]
    named += [("assignment", a.body, ("organisation", i, "body")) for i, a in enumerate(plan.organisation)]
    if plan.monitoring:
        for i, report in enumerate(plan.monitoring.reporting):
            named += [("report_by", name, ("monitoring", "reporting", i, "by", j)) for j, name in enumerate(report.by)]
            named += [("report_to", name, ("monitoring", "reporting", i, "to", j)) for j, name in enumerate(report.to)]
    return [BodyFact(role=role, name=fold(name), shown=name, loc=loaded.location(*path)) for role, name, path in named]


FACTS = (bodies,)


def compile(rule: Rule, b) -> None:
    m = b.m

    def matcher(pattern: str):
        return lambda: (m.type == "body") & b.any_of("role", list(rule.roles)) & m.name.matches(f".*({pattern}).*")
    b.dated(rule, day(rule.effective), [matcher(p) for p in rule.patterns], Verdict(rule.verdict), "stale")


def params(rule: Rule, rs, lang: str) -> dict:
    return {"effective": rule.effective.strftime("%d/%m/%Y"), "successor": getattr(rule.successor, lang)}
