"""What every rule kind shares: the fields of a rule, and the interface of a kind module.

A kind module (``kinds/min_target.py`` …) holds, side by side:

- ``KIND``: the value of ``kind:`` in a ruleset file;
- ``Rule``: the pydantic model of a rule of this kind (its fields are the ruleset data);
- ``compile(rule, b)``: the durable-rules conditions the rule compiles to, one engine rule per
  branch, each naming its outcome and verdict (``b`` is the engine's builder, see ``engine.py``);
- ``FACTS``: builders of the facts about a plan that its conditions read (``facts.py`` holds the
  ones several kinds share);
- ``requirement(rule, lang)``, ``params(rule, rs, lang)``, ``outcome_params(outcome, lang)``: the
  words of its findings (the sentences themselves are in ``messages.yaml``), each optional;
- ``finding(outcome, rs, build)``: optional, when an outcome needs more than one message;
- ``example(rule, rs)``: a plan fragment that passes, for the rule catalogue (optional).

The module's docstring says what the kind checks and when it gives each verdict; the README lists every
kind (a test keeps the list complete).

A new kind, step by step: the module (every engine rule binds the plan fact as ``c.p`` and its
element as ``c.t``; ``Builder.when`` refuses a rule without ``c.p``); its entry in ``MODULES``
(``kinds/__init__.py``); a row in the README's table; in ``messages.yaml`` a sentence for every
outcome name it gives, ``explain.<kind>.pass``/``.fail``, and ``requirement.<kind>`` unless it has
``requirement()``; its reading in ``tests/oracle.py``; and a passing and a non-passing case for each of
its rules under ``tests/fixtures/rules/``. A kind whose pass rests on the national value itself lists
those outcome names in ``RESTS_ON_VALUE`` (a grade-C value then says it is unverified).
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ...core.regex import compile_once
from ...model.localized import Localized

Grade = Literal["A", "B", "C"]
Severity = Literal["high", "medium", "low"]
Section = Literal["targets", "tasks", "structure", "legal", "institutions", "arithmetic"]
QuoteIs = Literal["verbatim", "paraphrase", "none"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Reference(Strict):
    """A source a rule rests on (the ``sources:`` of a rule or decision)."""

    name: str
    url: str | None = None


class RuleBase(Strict):
    id: str = Field(pattern=r"^[A-Z0-9]+-[A-Z]\d{2}$")
    section: Section
    title: Localized
    severity: Severity
    grade: Grade
    grade_note: Localized | None = Field(None, description="Độ tin cậy dựa trên nguồn nào, điều gì chưa đọc được")
    citation: str
    quote: str
    quote_is: QuoteIs = Field(description=(
        "Trích đoạn là gì: verbatim — chữ của chính văn bản (đọc trong văn bản, hoặc giống nhau ở ≥ 2 nguồn "
        "trích dẫn); paraphrase — câu dựng lại theo nguồn khác (bản tin, bản dịch, bản sao cấp tỉnh), nêu ở "
        "quote_from; none — không phải lời văn bản (bố cục, ghi chú), báo cáo không in"))
    quote_from: Localized | None = Field(None, description="Lời trích theo nguồn nào (bắt buộc khi paraphrase)")
    quote_outdated: Localized | None = Field(
        None, description="Điều trong trích đoạn đã lỗi thời, ví dụ cơ quan không còn sau năm 2025")
    sources: list[Reference] = Field(min_length=1)
    reference: str | None = Field(None, description="Mã dòng trong tài liệu tham chiếu")
    instrument: str | None = Field(None, description="Văn bản pháp lý của quy tắc, nếu không phải quyết định của bộ quy tắc")
    notes: str | None = None

    @model_validator(mode="after")
    def _quote_label(self):
        """A paraphrase names what its wording follows; only a paraphrase does; a quote that is not
        printed ("none") carries no note. A rule that says what its quote is must not open it with a
        bracketed note ("(chưa đọc được nguyên văn; theo …)"): that belongs in ``quote_from``, or the
        quote is ``none``; a verbatim quote has no [words] supplied from a copy. Every rule says which."""
        if self.quote_is == "paraphrase" and self.quote_from is None:
            raise ValueError("quote_is: paraphrase needs quote_from (what the wording follows)")
        if self.quote_is != "paraphrase" and self.quote_from is not None:
            raise ValueError(f"quote_from is only for quote_is: paraphrase (this quote is {self.quote_is})")
        if self.quote_is == "none" and self.quote_outdated is not None:
            raise ValueError("quote_outdated is a note on a printed quote; quote_is: none prints none")
        if self.quote_is != "none" and self.quote.lstrip().startswith("("):
            raise ValueError("a quote opening with a bracketed note is not the decision's words: "
                             "move the note to quote_from (paraphrase) or use quote_is: none")
        if self.quote_is == "verbatim" and "[" in self.quote:
            raise ValueError("a verbatim quote has no [bracketed] words supplied from elsewhere: it is a paraphrase")
        return self


#: regular-expression syntax durable-rules accepts but never matches (measured: tests/test_rulesets.py)
_UNSUPPORTED = ("\\", "(?", "[^", "^", "$")


def name_pattern(pattern: str) -> str:
    """A pattern the engine matches against a name (``text.fold_name`` form), or a ValueError.

    durable-rules' regular expressions silently never match some syntax that Python's accept, and a
    pattern not written in the compared form of names ("&", "-", ",", " và ", "uỷ") never matches a
    name: either would let every stale name pass, so it is refused when the ruleset loads."""
    from ...core.text import fold_name
    unsupported = [token for token in _UNSUPPORTED if token in pattern]
    if unsupported:
        raise ValueError(f"pattern {pattern!r} uses {', '.join(unsupported)}, which the rules engine "
                         "never matches; write the characters out (classes [..], groups (a|b), ?, *, + work)")
    if fold_name(pattern) != pattern:
        raise ValueError(f"pattern {pattern!r} is not written as names are compared: names read "
                         f"{fold_name(pattern)!r} (text.fold_name)")
    compile_once(pattern)
    return pattern
