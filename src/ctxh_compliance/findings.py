"""One Finding model for every reporter, and the Report that groups them."""

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class Verdict(str, Enum):
    FAIL = "fail"
    NEEDS_REVIEW = "needs_review"
    WARNING = "warning"
    PASS = "pass"
    NOT_APPLICABLE = "not_applicable"

    @property
    def rank(self) -> int:
        """Lower is worse: reports list failures first."""
        return list(Verdict).index(self)


class Localized(BaseModel):
    model_config = ConfigDict(frozen=True)
    vi: str
    en: str

    def get(self, lang: str) -> str:
        return getattr(self, lang, None) or self.vi


class Requirement(BaseModel):
    """What the national decision asks for."""

    text: Localized = Field(description="Mức yêu cầu, ví dụ ≥ 60%")
    year: int | None = None
    citation: str
    quote: str
    decision: str


class Evidence(BaseModel):
    """What the plan says, and where in the plan file."""

    text: str
    quote: str | None = None
    location: str


class Finding(BaseModel):
    rule_id: str
    aspect: str = Field("value", description="value: the rule itself; population: who the target counts")
    section: str
    title: Localized
    verdict: Verdict
    grade: str
    grade_note: str | None = None
    severity: str
    requirement: Requirement
    evidence: list[Evidence] = Field(default_factory=list)
    message: Localized


class PlanSummary(BaseModel):
    file: str
    number: str | None
    title: str
    province: str
    issuer: str | None
    date: str | None
    kind: str
    period: str
    complete: bool
    source_note: str | None = None


class Report(BaseModel):
    plan: PlanSummary
    ruleset: str
    decision: str
    decision_title: Localized
    selected_by: str | None = Field(None, description="Căn cứ trong kế hoạch dùng để chọn bộ quy tắc")
    findings: list[Finding]

    def counts(self) -> dict[Verdict, int]:
        return {v: sum(1 for f in self.findings if f.verdict == v) for v in Verdict}

    @property
    def overall(self) -> Verdict:
        for verdict in (Verdict.FAIL, Verdict.NEEDS_REVIEW, Verdict.WARNING):
            if any(f.verdict == verdict for f in self.findings):
                return verdict
        return Verdict.PASS

    @property
    def has_failure(self) -> bool:
        return self.overall == Verdict.FAIL

    def verdict_of(self, rule_id: str, aspect: str = "value") -> Verdict | None:
        for finding in self.findings:
            if finding.rule_id == rule_id and finding.aspect == aspect:
                return finding.verdict
        return None
