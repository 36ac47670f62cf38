"""One Finding model for every reporter, and the Report that groups them."""

from enum import Enum
from typing import Literal

from pydantic import BaseModel, Field

from .localized import Localized


class Verdict(str, Enum):
    FAIL = "fail"
    NEEDS_REVIEW = "needs_review"
    WARNING = "warning"
    PASS = "pass"
    NOT_APPLICABLE = "not_applicable"

    @property
    def rank(self) -> int:
        """Lower is worse: reports list failures first."""
        return _RANKS[self]


_RANKS = {verdict: i for i, verdict in enumerate(Verdict)}


class Requirement(BaseModel):
    """What the national decision asks for."""

    text: Localized = Field(description="Mức yêu cầu, ví dụ ≥ 60%")
    year: int | None = None
    citation: str
    quote: str
    quote_is: Literal["verbatim", "paraphrase", "none"] = Field(
        "verbatim", description="verbatim: the decision's words; paraphrase: worded after quote_from; none: not shown (1.1)")
    quote_from: Localized | None = Field(None, description="What a paraphrase's wording follows (1.1)")
    quote_outdated: Localized | None = Field(None, description="What in the quote is out of date (1.1)")
    decision: str


class Evidence(BaseModel):
    """What the plan says, and where in the user's file (plan file or document)."""

    text: Localized
    quote: str | None = None
    location: str


class Waiver(BaseModel):
    """A reviewer's accepted deviation: the finding stays visible, marked as waived."""

    reason: str
    by: str
    date: str


class Finding(BaseModel):
    rule_id: str
    aspect: str = Field("value", description="value: the rule itself; population: who the target counts")
    section: str
    title: Localized
    verdict: Verdict
    grade: str
    grade_note: Localized | None = Field(None, description="What the grade rests on: vi and en from 1.2, one string before")
    severity: str
    requirement: Requirement
    evidence: list[Evidence] = Field(default_factory=list)
    message: Localized
    waiver: Waiver | None = None


class ExtractionSummary(BaseModel):
    """How the plan was read when it came from a document rather than a plan file."""

    values: int
    by_confidence: dict[str, int]
    low: list[str] = Field(default_factory=list, description="Giá trị đoán, kèm vị trí trong văn bản")
    missing: list[str] = Field(default_factory=list)
    revisions: int = Field(0, description="Số thay đổi được theo dõi (Track Changes) chưa chấp nhận trong văn bản Word; "
                                          "văn bản được đọc như khi đã chấp nhận mọi thay đổi")
    whole: str | None = Field(None, description="Văn bản đầy đủ: phần kết đã đọc và vị trí của nó")


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
    ruleset_chosen: str | None = Field(None, description="Nơi chọn bộ quy tắc khi không theo căn cứ: \"--ruleset\" "
                                                         "(dòng lệnh), đường dẫn tệp cấu hình, hoặc \"web\" (trang web)")
    ruleset_folder: str | None = Field(None, description="Thư mục của bộ quy tắc khi không phải bộ có sẵn của công cụ")
    ruleset_fingerprint: str | None = Field(None, description="Dấu vân tay (SHA-256, 12 ký tự) của các tệp bộ quy tắc")
    findings: list[Finding]
    stale_waivers: list[str] = Field(default_factory=list, description="Miễn trừ không còn khớp kết quả nào")
    extraction: ExtractionSummary | None = None

    @property
    def active(self) -> list[Finding]:
        """Findings that count: every finding but the waived ones."""
        return [f for f in self.findings if f.waiver is None]

    @property
    def waived(self) -> int:
        return len({f.rule_id for f in self.findings if f.waiver is not None})

    def rule_verdicts(self) -> dict[str, Verdict]:
        """Each rule's verdict: the worst of its findings that count (value and population)."""
        worst: dict[str, Verdict] = {}
        for f in self.active:
            if f.rule_id not in worst or f.verdict.rank < worst[f.rule_id].rank:
                worst[f.rule_id] = f.verdict
        return worst

    def counts(self) -> dict[Verdict, int]:
        """How many rules end with each verdict (one count per rule)."""
        verdicts = list(self.rule_verdicts().values())
        return {v: verdicts.count(v) for v in Verdict}

    @property
    def extra_findings(self) -> int:
        return len(self.active) - len(self.rule_verdicts())

    @property
    def verified(self) -> list[Finding]:
        """Findings that decide the overall conclusion: those whose national requirement is verified
        (grade A or B). A grade-C rule's finding is shown, marked unverified, and never decides it."""
        return [f for f in self.active if f.grade != "C"]

    @property
    def unverified(self) -> int:
        """How many grade-C rules are not passed: shown, left out of the overall conclusion."""
        return len({f.rule_id for f in self.active if f.grade == "C"
                    and f.verdict not in (Verdict.PASS, Verdict.NOT_APPLICABLE)})

    @property
    def overall(self) -> Verdict:
        for verdict in (Verdict.FAIL, Verdict.NEEDS_REVIEW, Verdict.WARNING):
            if any(f.verdict == verdict for f in self.verified):
                return verdict
        return Verdict.PASS

    def fails_on(self, verdicts: set[Verdict]) -> bool:
        """Whether any finding that decides the conclusion has one of ``verdicts`` (the --fail-on choice)."""
        return any(f.verdict in verdicts for f in self.verified)

    def verdict_of(self, rule_id: str, aspect: str = "value") -> Verdict | None:
        for finding in self.findings:
            if finding.rule_id == rule_id and finding.aspect == aspect:
                return finding.verdict
        return None
