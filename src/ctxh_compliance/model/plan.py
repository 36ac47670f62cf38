"""The plan format: what a reviewer reads in a provincial plan, as a pydantic model.

Every value may carry ``quote`` — the sentence of the document it was taken from — so a
finding can show its evidence. The JSON Schema of this model (``ctxh-check --schema``)
lets editors validate and complete plan files.
"""

import datetime as dt
import re
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

Year = Annotated[int, Field(ge=1990, le=2100, description="Năm (1990-2100)")]
Quote = Annotated[str | None, Field(description="Câu trích nguyên văn từ văn bản kế hoạch")]

Unit = Literal["percent", "percent_increase", "count", "per_unit", "wage_multiple"]
Comparison = Literal["at_least", "exactly", "about", "at_most"]
PlanKind = Literal["annual", "phase", "programme"]


def _vnd(value: object) -> object:
    """Accept ``20.644.000.000`` or ``20.644.000.000 đồng`` as well as a plain number."""
    if isinstance(value, str):
        text = re.sub(r"\s*(đồng|vnđ|vnd|đ)\s*$", "", value.strip(), flags=re.IGNORECASE)
        if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
            return int(text.replace(".", ""))
        if re.fullmatch(r"\d+", text):
            return int(text)
    return value


#: what the published JSON Schema says of an amount: what ``_vnd`` accepts (editors validate with it)
_VND_SCHEMA = {
    "description": "Số tiền (đồng): một số nguyên, hoặc chuỗi có dấu chấm hàng nghìn, có thể kèm “đồng”",
    "anyOf": [
        {"type": "integer", "minimum": 0},
        {"type": "string", "pattern": r"^\s*(\d{1,3}(\.\d{3})+|\d+)\s*(đồng|Đồng|ĐỒNG|vnđ|VNĐ|vnd|VND|đ|Đ)?\s*$"},
    ],
}
VND = Annotated[int, BeforeValidator(_vnd), Field(ge=0), WithJsonSchema(_VND_SCHEMA)]


class Strict(BaseModel):
    # a number is finite: .inf and .nan are input errors, never values to compare
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


class Identification(Strict):
    number: str | None = Field(None, description="Số hiệu, ví dụ 176/KH-UBND (để trống nếu văn bản chưa có số)")
    title: str = Field(description="Trích yếu / tên kế hoạch")
    issuer: str | None = Field(None, description="Cơ quan ban hành")
    province: str = Field(description="Tỉnh, thành phố")
    date: dt.date | None = Field(None, description="Ngày ban hành (YYYY-MM-DD)")
    date_text: str | None = Field(None, description="Ngày như ghi trên văn bản, khi không đủ ngày/tháng/năm")
    signer: str | None = Field(None, description="Người ký")
    kind: PlanKind = Field(description="annual: kế hoạch năm; phase: một giai đoạn; programme: cả chương trình")
    quote: Quote = None


#: what a document may leave to be assumed: the plan's own identity, a value's year, unit, population or body, or
#: which national group a task heading is
ASSUMED = (r"^(identification\.(title|province|kind)|period"
           r"|targets\[\d+\]\.(year|unit|population)|task_groups\[\d+\]\.(lead|partners|covers))$")


class Source(Strict):
    document: str = Field(description="Văn bản nguồn đã dùng để lập tệp này")
    complete: bool = Field(True, strict=True,  # "yes", "1" or "true" in quotes are text, not a yes
                           description="false nếu văn bản nguồn không đầy đủ (bản trích, bài báo, bị cắt)")
    note: str | None = None
    assumed: list[Annotated[str, Field(pattern=ASSUMED)]] = Field(
        default_factory=list, description="Thông tin văn bản không nêu (nơi đã đọc) mà được tạm lấy để kiểm tra: "
                                          "thời kỳ theo chương trình của quyết định được dẫn, tên kế hoạch để trống, "
                                          "năm của một chỉ tiêu (targets[2].year) … — không bao giờ quyết định "
                                          "kết luận ĐẠT hay KHÔNG ĐẠT")


class LegalBasis(Strict):
    number: str = Field(description="Số hiệu văn bản được căn cứ, ví dụ 112/QĐ-TTg")
    date: dt.date | None = None
    issuer: str | None = None
    title: str | None = None
    quote: Quote = None


class YearSpan(Strict):
    start: Year
    end: Year

    @model_validator(mode="after")
    def _ordered(self) -> "YearSpan":
        if self.end < self.start:
            raise PydanticCustomError("period_order", "end before start", {"start": self.start, "end": self.end})
        return self


class Period(YearSpan):
    quote: Quote = None


class Text(Strict):
    text: str
    quote: Quote = None


class Part(Strict):
    label: str
    value: float = Field(ge=0)
    quote: Quote = None


class Target(Strict):
    indicator: str = Field(description="Mã chỉ tiêu trong bộ quy tắc (xem README)")
    year: Year = Field(description="Năm mốc của chỉ tiêu")
    value: float = Field(ge=0)
    unit: Unit = Field(description="percent: % ; percent_increase: % tăng so với năm gốc; count: số tuyệt đối; "
                                   "per_unit: số người mỗi đơn vị; wage_multiple: bội số mức lương cơ bản (hoặc cơ sở)")
    comparison: Comparison = Field("at_least", description="at_least: ít nhất/tối thiểu/đạt; exactly; about: khoảng; at_most")
    relative_to: Year | None = Field(None, description="Năm gốc, với unit percent_increase")
    population: list[str] = Field(default_factory=list,
                                  description="Các nhóm đối tượng / mẫu số, từng mục như ghi trong kế hoạch")
    breakdown: list[Part] = Field(default_factory=list, description="Các số thành phần mà kế hoạch nêu ('trong đó: …')")
    note: str | None = None
    quote: Quote = None

    @model_validator(mode="after")
    def _range(self) -> "Target":
        if self.unit == "percent" and self.value > 100:
            raise PydanticCustomError("percent_range", "percent over 100", {"value": self.value})
        return self


class Share(Strict):
    """A count out of a whole that the plan reports (e.g. "143/143 xã")."""

    text: str
    numerator: int = Field(ge=0)
    denominator: int = Field(ge=0)
    year: Year | None = None
    quote: Quote = None


class Amount(Strict):
    amount: VND
    words: str | None = Field(None, description="Số tiền bằng chữ, khi văn bản ghi cả chữ (để đối chiếu với số)")
    quote: Quote = None


class FundingSource(Strict):
    #: a funding line whose amount is written as a blank ("Ngân sách địa phương: … đồng") was not filled
    BLANK_VOIDS: ClassVar[tuple[str, ...]] = ("amount",)

    name: str
    amount: VND | None = None
    words: str | None = Field(None, description="Số tiền bằng chữ, nếu có")
    quote: Quote = None


class TaskGroup(Strict):
    heading: str = Field(description="Tên nhóm nhiệm vụ như ghi trong kế hoạch")
    covers: list[str] = Field(default_factory=list, description="Mã nhóm nhiệm vụ quốc gia mà mục này thực hiện")
    contents: list[str] = Field(default_factory=list)
    lead: list[str] = Field(default_factory=list, description="Cơ quan chủ trì")
    partners: list[str] = Field(default_factory=list, description="Cơ quan phối hợp")
    budget_per_year: Amount | None = None
    budget_total: Amount | None = None
    quote: Quote = None


class Budget(Strict):
    period: YearSpan | None = Field(None, description="Các năm mà tổng kinh phí tính cho (nếu khác thời kỳ kế hoạch)")
    total: Amount | None = None
    per_year: Amount | None = None
    sources: list[FundingSource] = Field(default_factory=list)
    quote: Quote = None


class Assignment(Strict):
    body: str = Field(description="Cơ quan, đơn vị được giao")
    duties: list[str] = Field(default_factory=list)
    quote: Quote = None


class Reporting(Strict):
    text: str
    by: list[str] = Field(default_factory=list, description="Cơ quan báo cáo / tổng hợp")
    to: list[str] = Field(default_factory=list, description="Nơi nhận báo cáo")
    frequency: str | None = None
    quote: Quote = None


class Monitoring(Strict):
    reporting: list[Reporting] = Field(default_factory=list)
    evaluation: list[Text] = Field(default_factory=list, description="Kiểm tra, giám sát, sơ kết, tổng kết")


class Plan(Strict):
    """Một kế hoạch cấp tỉnh thực hiện chương trình/đề án quốc gia về công tác xã hội."""

    identification: Identification
    source: Source | None = None
    legal_bases: list[LegalBasis] = Field(default_factory=list)
    period: Period
    situation: list[Share] = Field(default_factory=list,
                                   description="Số liệu thực trạng, kết quả giai đoạn trước mà kế hoạch nêu")
    general_objective: Text | None = None
    targets: list[Target] = Field(default_factory=list)
    task_groups: list[TaskGroup] = Field(default_factory=list)
    budget: Budget | None = None
    organisation: list[Assignment] = Field(default_factory=list)
    monitoring: Monitoring | None = None

    @property
    def complete(self) -> bool:
        return self.source is None or self.source.complete
