"""Where each extracted value came from and how sure the extractor is of it."""

from dataclasses import dataclass, field

from .paragraphs import Para

CONFIDENCE = ("high", "medium", "low")


@dataclass(frozen=True)
class Provenance:
    """Where one value was read in the document, and how sure the extractor is of it."""

    where: str            # "dòng 30", "đoạn 12", "trang 2, dòng 5"
    confidence: str       # high: an exact pattern; medium: a pattern with a guess; low: a guess
    why: str | None = None
    para: Para | None = None


@dataclass
class Recorder:
    evidence: dict[str, Provenance] = field(default_factory=dict)
    remarks: dict[str, str] = field(default_factory=dict)
    inferred: dict[str, str] = field(default_factory=dict)  # path -> what was inferred and from what

    def note(self, path: str, para: Para | None, confidence: str, why: str | None = None) -> None:
        assert confidence in CONFIDENCE
        if para is not None and para.ocr:  # a value read from a scan is never sure
            from ..core.i18n import translate
            confidence, why = "low", "; ".join(filter(None, (why, translate("extract.ocr_read", "vi"))))
        self.evidence[path] = Provenance(para.where() if para else "?", confidence, why, para)

    def remark(self, path: str, para: Para | None, text: str) -> None:
        self.remarks[path] = f"{para.where()}: {text}" if para else text

    def infer(self, path: str, why: str) -> None:
        """``path`` was inferred rather than read (a target's year taken from the plan's period): it is
        listed in ``source.assumed`` and never decides a verdict."""
        self.inferred[path] = why
