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
    """A text in every report language."""

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

    text: Localized
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

    def rule_verdicts(self) -> dict[str, Verdict]:
        """Each rule's verdict: the worst of its findings (value and population)."""
        worst: dict[str, Verdict] = {}
        for f in self.findings:
            if f.rule_id not in worst or f.verdict.rank < worst[f.rule_id].rank:
                worst[f.rule_id] = f.verdict
        return worst

    def counts(self) -> dict[Verdict, int]:
        """How many rules end with each verdict (one count per rule)."""
        verdicts = list(self.rule_verdicts().values())
        return {v: verdicts.count(v) for v in Verdict}

    @property
    def extra_findings(self) -> int:
        return len(self.findings) - len(self.rule_verdicts())

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
