"""required_part: the plan has a part every implementing plan must have (budget, organisation,
monitoring and reporting …); any one of the listed parts is enough.

Not applicable to a plan outside the programme's period; a missing part in an incomplete source
is for review.
"""

from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from pydantic import Field

from ...model.findings import Verdict
from ..facts import Fact, display_only
from .base import RuleBase

KIND = "required_part"
#: plan paths a rule may ask for (one fact per non-empty path)
PART_PATHS = ("general_objective", "targets", "task_groups", "budget", "budget.sources", "budget.total",
              "organisation", "monitoring", "monitoring.reporting", "monitoring.evaluation")


class Rule(RuleBase):
    kind: Literal["required_part"]
    parts: list[Literal[PART_PATHS]] = Field(min_length=1,  # type: ignore[valid-type]
                                             description="Đạt khi kế hoạch có ít nhất một trong các phần này")


@dataclass
class PartFact(Fact):
    """A part of the plan that is present (not empty)."""

    TYPE: ClassVar[str] = "part"
    path: str
    loc: str = display_only()

    def evidence_text(self, lang: str) -> str:
        return self.path


def _at(value: Any, dotted: str) -> Any:
    for name in dotted.split("."):
        value = getattr(value, name, None)
        if value is None:
            return None
    return value


def _non_empty(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, (list, dict, str)):
        return bool(value)
    return True


def parts(loaded) -> list[Fact]:
    return [PartFact(path=path, loc=loaded.location(*path.split(".")))
            for path in PART_PATHS if _non_empty(_at(loaded.plan, path))]


FACTS = (parts,)


def compile(rule: Rule, b) -> None:
    in_scope = b.programme_scope()
    b.outside_programme(rule)
    match = lambda: (b.m.type == "part") & b.any_of("path", list(rule.parts))  # noqa: E731
    b.with_plan(rule, match(), in_scope, "part.present", Verdict.PASS)
    b.absent(rule, in_scope, match, "part.missing", Verdict.FAIL)


def example(rule: Rule, rs) -> str:
    return f"{rule.parts[0]}: …"
