"""The shape of a ruleset: a national decision, its indicators and its rules, as data.

A ruleset folder holds ``decision.yaml`` (what the decision is, how a plan that
implements it is recognised), ``indicators.yaml`` and any number of rule files
(``rules-*.yaml``). Every rule names its citation, quotes the decision and carries the
confidence grade of the evidence behind it.
"""

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .plan_model import Unit

Grade = Literal["A", "B", "C"]
Severity = Literal["high", "medium", "low"]
Section = Literal["targets", "tasks", "structure", "legal", "institutions", "arithmetic"]
#: plan paths a ``required_part`` rule may ask for (the fact builder emits one fact per non-empty path)
PART_PATHS = ("general_objective", "targets", "task_groups", "budget", "budget.sources", "budget.total",
              "organisation", "monitoring", "monitoring.reporting", "monitoring.evaluation")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(Strict):
    vi: str
    en: str


class Source(Strict):
    name: str
    url: str | None = None


class Phase(Strict):
    id: str
    start: int
    end: int
    milestone: int


class Citation(Strict):
    number: str
    date: dt.date | None = None
    note: str | None = None
    miscitation: bool = Field(False, description="Cách ghi sai số hiệu thường gặp: vẫn nhận ra, nhưng là một phát hiện")


class Detection(Strict):
    decisions: list[Citation] = Field(description="Số hiệu của chính quyết định")
    implementing: list[Citation] = Field(default_factory=list, description="Văn bản hướng dẫn thực hiện quyết định")


class Decision(Strict):
    number: str
    date: dt.date
    issuer: str
    signer: str | None = None
    title: Localized
    grade: Grade
    sources: list[Source] = Field(default_factory=list)


class DecisionFile(Strict):
    id: str
    decision: Decision
    programme_start: int
    programme_end: int
    phases: list[Phase]
    detect: Detection
    superseded: list[Citation] = Field(default_factory=list,
                                       description="Văn bản đã hết thời kỳ, không làm căn cứ chỉ tiêu của kế hoạch này")


class Indicator(Strict):
    id: str
    name: Localized
    unit: Unit
    denominator: str | None = None


class IndicatorFile(Strict):
    indicators: list[Indicator]


class MirrorValue(Strict):
    province: str
    value: float
    quote: str


class RuleBase(Strict):
    id: str = Field(pattern=r"^[A-Z0-9]+-[A-Z]\d{2}$")
    section: Section
    title: Localized
    severity: Severity
    grade: Grade
    grade_note: str | None = None
    citation: str
    quote: str
    sources: list[Source] = Field(min_length=1)
    reference: str | None = Field(None, description="Mã dòng trong tài liệu tham chiếu")
    instrument: str | None = Field(None, description="Văn bản pháp lý của quy tắc, nếu không phải quyết định của bộ quy tắc")
    notes: str | None = None


class MinTarget(RuleBase):
    kind: Literal["min_target"]
    indicator: str
    year: int | None = Field(description="Năm mốc; null nếu quyết định không ghi rõ giai đoạn")
    value: float | None = Field(description="Mức tối thiểu quốc gia; null khi chưa đọc được")
    value_status: Literal["read", "not_read"] = "read"
    unit: Unit
    baseline_year: int | None = None
    population: list[list[str]] = Field(default_factory=list,
                                        description="Các nhóm đối tượng của mẫu số; mỗi nhóm liệt kê các cách viết được chấp nhận")
    settle_with: Localized | None = None
    mirror_values: list[MirrorValue] = Field(default_factory=list)
    below_minimum: Literal["fail", "warning"] = "fail"

    @model_validator(mode="after")
    def _value_matches_status(self) -> "MinTarget":
        if (self.value is None) != (self.value_status == "not_read"):
            raise ValueError("value must be null exactly when value_status is not_read")
        if self.value_status == "not_read" and self.grade != "C":
            raise ValueError("a value that was not read can only be grade C")
        return self


class NationalTarget(RuleBase):
    kind: Literal["national_target"]
    indicator: str | None = None
    value: float | None = None
    unit_label: Localized


class TaskGroupRule(RuleBase):
    kind: Literal["task_group"]
    group: str = Field(description="Mã nhóm mà mục `covers` của kế hoạch dùng")
    when_absent: Literal["fail", "warning"] = Field("fail", description="Kết luận khi kế hoạch thiếu nhóm này")


class RequiredPart(RuleBase):
    kind: Literal["required_part"]
    parts: list[Literal[PART_PATHS]] = Field(min_length=1,  # type: ignore[valid-type]
                                             description="Đạt khi kế hoạch có ít nhất một trong các phần này")


Role = Literal["issuer", "lead", "partner", "assignment", "report_by", "report_to"]


class StaleBody(RuleBase):
    """A body that no longer exists after a reorganisation, named in a plan dated (or checked) after it."""

    kind: Literal["stale_body"]
    effective: dt.date
    patterns: list[str] = Field(min_length=1, description="Biểu thức chính quy trên tên đã chuẩn hóa (chữ thường, NFC)")
    roles: list[Role] = Field(min_length=1)
    successor: Localized
    verdict: Literal["warning", "needs_review", "fail"] = "warning"


class Merge(Strict):
    new: str
    formed_from: list[str] = Field(min_length=2)
    grade: Grade


class OldProvince(RuleBase):
    kind: Literal["old_province"]
    effective: dt.date
    merges: list[Merge]


class SumCheck(RuleBase):
    kind: Literal["sum_check"]
    sum: Literal["sources_to_total", "tasks_to_per_year", "per_year_to_total", "breakdown_to_value"]


class ShareCheck(RuleBase):
    """A reported count out of a whole ("143/143 xã") is possible: numerator <= denominator."""

    kind: Literal["share_check"]


class AmountWords(RuleBase):
    kind: Literal["amount_words"]


class CitesDecision(RuleBase):
    """The plan cites the decision it implements with the right number and date."""

    kind: Literal["cites_decision"]


class CitesSuperseded(RuleBase):
    kind: Literal["cites_superseded"]


class Timeline(RuleBase):
    kind: Literal["timeline"]
    check: Literal["dated_after_decision", "issued_within_programme", "period_within_programme"]


Rule = Annotated[Union[MinTarget, NationalTarget, TaskGroupRule, RequiredPart, StaleBody, OldProvince, SumCheck,
                       ShareCheck, AmountWords, CitesDecision, CitesSuperseded, Timeline], Field(discriminator="kind")]


class RuleFile(Strict):
    rules: list[Rule]


class Ruleset(Strict):
    """A whole ruleset, loaded and cross-checked."""

    id: str
    folder: str
    decision_file: DecisionFile
    indicators: dict[str, Indicator]
    rules: list[Rule]

    @property
    def decision(self) -> Decision:
        return self.decision_file.decision

    @property
    def groups(self) -> dict[str, TaskGroupRule]:
        return {r.group: r for r in self.rules if isinstance(r, TaskGroupRule)}

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

