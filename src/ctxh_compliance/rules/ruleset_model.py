"""The shape of a ruleset: a national decision, its indicators and its rules, as data.

A ruleset folder holds ``decision.yaml`` (what the decision is, how a plan that
implements it is recognised), ``indicators.yaml`` and any number of rule files
(``rules-*.yaml``). Every rule names its citation, quotes the decision and carries the
confidence grade of the evidence behind it; the model of each kind of rule is in its module
under ``kinds/``.
"""

import datetime as dt

from pydantic import Field, field_validator

from ..model.localized import Localized
from ..model.plan import Unit
from .kinds import Rule
from .kinds.base import Grade, Reference, Strict, name_pattern
from .kinds.task_group import Rule as TaskGroupRule


class Phase(Strict):
    id: str
    start: int
    end: int
    milestone: int


class Citation(Strict):
    number: str
    date: dt.date | None = None
    note: str | None = None
    grade: Grade | None = Field(None, description="Độ tin cậy của thông tin về văn bản này")
    miscitation: bool = Field(False, description="Cách ghi sai số hiệu thường gặp: vẫn nhận ra, nhưng là một phát hiện")
    covers_until: int | None = Field(None, description="Năm cuối mà văn bản này áp dụng: kế hoạch kéo dài sau năm đó "
                                                       "mà căn cứ văn bản này thì cần xem xét")
    drafts: bool = Field(True, description="Dự thảo kế hoạch (ctxh-check draft) dẫn văn bản này làm căn cứ")


class Misnaming(Strict):
    """A wrong name of the programme seen in plans (e.g. another decision's name mixed in)."""

    pattern: str = Field(description="Biểu thức chính quy trên tên đã chuẩn hóa (chữ thường), cú pháp như stale_body")
    grade: Grade
    note: str

    @field_validator("pattern")
    @classmethod
    def _engine_can_match(cls, pattern: str) -> str:
        return name_pattern(pattern)


class Detection(Strict):
    decisions: list[Citation] = Field(description="Số hiệu của chính quyết định")
    implementing: list[Citation] = Field(default_factory=list, description="Văn bản hướng dẫn thực hiện quyết định")
    related: list[Citation] = Field(default_factory=list,
                                    description="Văn bản liên quan hợp lệ làm căn cứ (sửa đổi, quy hoạch, nghị định); "
                                                "không bắt buộc")
    misnamed: list[Misnaming] = Field(default_factory=list, description="Cách gọi sai tên chương trình thường gặp")
    programme_names: list[str] = Field(default_factory=list,
                                       description="Tên chương trình, đề án: chọn bộ quy tắc cho kế hoạch không dẫn số "
                                                   "hiệu nào (bài báo, đề cương), khi tiêu đề nêu tên và thời kỳ khớp")


class Decision(Strict):
    number: str
    date: dt.date
    issuer: str
    signer: str | None = None
    title: Localized
    grade: Grade
    sources: list[Reference] = Field(default_factory=list)


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


class RuleFile(Strict):
    rules: list[Rule]


class Ruleset(Strict):
    """A whole ruleset, loaded and cross-checked."""

    id: str
    folder: str
    decision_file: DecisionFile
    indicators: dict[str, Indicator]
    rules: list[Rule]
    fingerprint: str = ""  # a digest of its files (ruleset_loader)
    bundled: bool = True  # one of the tool's own rulesets (else a folder named by its path)

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

