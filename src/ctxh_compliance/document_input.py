"""A plan given as a document (.txt, .docx, .pdf): extract it, then load it like a plan file."""

from pathlib import Path

from .errors import InputError, Problem
from .extract import Extraction, extract
from .extract.result import validate
from .i18n import translate
from .findings import ExtractionSummary
from .plan_loader import LoadedPlan, validate_plan
from .yaml_source import parse_yaml

DOCUMENT_SUFFIXES = (".txt", ".docx", ".pdf")


def is_document(path: Path) -> bool:
    return path.suffix.lower() in DOCUMENT_SUFFIXES


def summary(extraction: Extraction) -> ExtractionSummary:
    counts = {level: 0 for level in ("high", "medium", "low")}
    for evidence in extraction.evidence.values():
        counts[evidence.confidence] += 1
    low = [f"{path} ({e.where}{': ' + e.why if e.why else ''})" for path, e in extraction.evidence.items()
           if e.confidence == "low"]
    return ExtractionSummary(values=len(extraction.evidence), by_confidence=counts, low=low,
                             missing=list(extraction.missing))


def load_document(path: Path) -> tuple[LoadedPlan, ExtractionSummary]:
    """The extracted plan, loaded through the same validation as a plan file, and how sure it is."""
    extraction = extract(path)
    # What the extractor did not find may still be in the document (it does not read every part):
    # an absence must give needs_review, never a pass or a fail, so the source counts as incomplete.
    source = extraction.data.setdefault("source", {"document": str(path)})
    note = translate("extract.source_note", "vi")
    source["note"] = f"{source['note']}; {note}" if source.get("note") else note
    source["complete"] = False
    extraction = validate(extraction)
    if not extraction.valid:
        raise InputError([Problem(str(path), None, None, "extract.invalid",
                                  {"errors": "; ".join(extraction.errors), "missing": ", ".join(extraction.missing)})])
    return validate_plan(parse_yaml(extraction.to_yaml(), str(path))), summary(extraction)
