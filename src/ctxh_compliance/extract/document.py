"""A plan given as a document (.txt, .docx, .pdf): extracted straight into the plan model, with
every value located in the document itself (line, paragraph, page) — not in a plan file the user
never saw."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.errors import InputError, Problem
from ..core.i18n import translate
from ..core.regex import compile_once
from ..inputs.plan_loader import LoadedPlan
from ..model.findings import ExtractionSummary

if TYPE_CHECKING:  # the extractor is imported only when a document is read
    from . import Extraction
    from .paragraphs import Para

DOCUMENT_SUFFIXES = (".txt", ".docx", ".pdf", ".doc", ".odt")  # .doc, .odt: converted by LibreOffice
_STEP = compile_once(r"([^.\[\]]+)|\[(\d+)\]")


def is_document(path: Path) -> bool:
    return path.suffix.lower() in DOCUMENT_SUFFIXES


def _path(dotted: str) -> tuple:
    """"targets[0].year" -> ("targets", 0, "year")."""
    return tuple(int(index) if index else name for name, index in _STEP.findall(dotted))


def _position(para: "Para") -> tuple:
    return (para.page or 0, para.index or 0, para.line or 0)


@dataclass
class DocumentSource:
    """Where each extracted value is in the document: the paragraph it was read from."""

    file: str
    paras: dict[tuple, "Para"]
    whys: dict[tuple, str] = field(default_factory=dict)  # why a value was guessed (Vietnamese, as the reader said it)

    @classmethod
    def of(cls, file: str, extraction: "Extraction") -> "DocumentSource":
        return cls(file, {_path(key): found.para for key, found in extraction.evidence.items() if found.para},
                   {_path(key): found.why for key, found in extraction.evidence.items()
                    if found.why and found.confidence == "low"})

    def reason(self, path: tuple) -> str | None:
        """Why the value at ``path`` was guessed, as the reader noted it."""
        return self.whys.get(tuple(path))

    def _para(self, path: tuple) -> "Para | None":
        """The paragraph of ``path``, else of its nearest located ancestor; for a whole part
        ("budget"), the first paragraph any of its values was read from."""
        path = tuple(path)
        first = self._first_inside().get(path)
        if first is not None:
            return self.paras[path] if path in self.paras else first
        while path:
            if path in self.paras:
                return self.paras[path]
            path = path[:-1]
        return None

    def _first_inside(self) -> dict[tuple, "Para"]:
        """For every path that has located values inside it, the first of their paragraphs (built
        once: looking each path up among all values would take time in the square of their number)."""
        if getattr(self, "_inside", None) is None:
            inside: dict[tuple, Para] = {}
            for key, para in self.paras.items():
                for end in range(len(key) + 1):
                    prefix = key[:end]
                    if prefix not in inside or _position(para) < _position(inside[prefix]):
                        inside[prefix] = para
            self._inside = inside
        return self._inside

    def where(self, path: tuple) -> tuple[int | None, int | None]:
        para = self._para(path)
        return (para.line, None) if para is not None and para.page is None and para.index is None else (None, None)

    def location(self, path: tuple) -> str:
        para = self._para(path)
        return para.location(self.file) if para is not None else self.file

    def problem(self, path: tuple, key: str, at_key: bool = False, **params: Any) -> Problem:
        line, column = self.where(path)
        return Problem(self.file, line, column, key, params)


def summary(extraction: "Extraction") -> ExtractionSummary:
    counts = {level: 0 for level in ("high", "medium", "low")}
    for found in extraction.evidence.values():
        counts[found.confidence] += 1
    low = [f"{path} ({e.where}{': ' + e.why if e.why else ''})" for path, e in extraction.evidence.items()
           if e.confidence == "low"]
    source = extraction.data.get("source") or {}
    return ExtractionSummary(values=len(extraction.evidence), by_confidence=counts, low=low,
                             missing=list(extraction.missing), revisions=extraction.revisions,
                             whole=source.get("note") if source.get("complete") else None)


#: the parts of a plan in the order plans have them, the part each section of findings is about, and the
#: part each plan field a structure rule asks for is in
PART_ORDER = ("targets", "tasks", "budget", "organisation")
_SECTION_PART = {"targets": "targets", "tasks": "tasks", "arithmetic": "budget", "institutions": "organisation"}
_FIELD_PART = {"general_objective": "targets", "targets": "targets", "task_groups": "tasks", "budget": "budget",
               "organisation": "organisation", "monitoring": "organisation"}


def places(report, extraction: "Extraction") -> dict[tuple[str, str], tuple[str, str | None]]:
    """Where each finding's subject belongs in the document, by the headings read: (rule, aspect) ->
    ("in", heading) when the document has the part, ("after", heading) of the part before it when
    it lacks it, ("start", None) when neither (the legal bases, an empty document)."""
    from ..rules.ruleset_loader import load_ruleset
    try:
        rules = {rule.id: rule for rule in load_ruleset(report.ruleset).rules}
    except Exception:  # a ruleset folder moved since the check: its sections still say enough
        rules = {}
    headings = extraction.part_headings
    out = {}
    for finding in report.findings:
        fields = getattr(rules.get(finding.rule_id), "parts", None) or []
        part = next((_FIELD_PART[f.split(".")[0]] for f in fields if f.split(".")[0] in _FIELD_PART),
                    _SECTION_PART.get(finding.section))
        if part is None:
            out[(finding.rule_id, finding.aspect)] = ("start", None)
        elif part in headings:
            out[(finding.rule_id, finding.aspect)] = ("in", headings[part])
        else:
            before = [headings[p] for p in PART_ORDER[:PART_ORDER.index(part)] if p in headings]
            out[(finding.rule_id, finding.aspect)] = ("after", before[-1]) if before else ("start", None)
    return out


def _labels(paths: list[str]) -> list:
    """What was not found, as labels in the message's language ("identification.title" -> "trích yếu")."""
    from ..core.errors import FieldPath
    return [FieldPath(p.split(".")) for p in paths]


def load_document(path: Path, display: str | None = None) -> tuple[LoadedPlan, ExtractionSummary]:
    """The extracted plan, validated by the plan model, and how sure the extraction is."""
    loaded, found, _ = load_extraction(path, display)
    return loaded, found


def load_extraction(path: Path, display: str | None = None,
                    in_process: bool = False) -> tuple[LoadedPlan, ExtractionSummary, "Extraction"]:
    """``load_document`` with the extraction itself (every value with its paragraph and confidence);
    ``in_process``: see ``extract.extract``."""
    from . import extract
    from .result import validate
    display = display or str(path)
    extraction = extract(path, display, in_process=in_process)
    if extraction.own_report:
        raise InputError([Problem(display, None, None, "extract.own_report", {"where": extraction.own_report})])
    # A document read to its closing is whole: an absence is an absence, judged as in a plan file. One
    # cut short (no closing), or not a plan, keeps the caution: what was not read may be there.
    source = extraction.data.setdefault("source", {"document": display})
    if not source.get("complete"):
        note = translate("extract.source_note", "vi")
        source["note"] = f"{source['note']}; {note}" if source.get("note") else note
        source["complete"] = False
    extraction = validate(extraction)
    if not extraction.valid and extraction.ruleset_confidence not in ("high", "medium"):
        # no cited decision, no programme named: not a plan implementing one
        raise InputError([Problem(display, None, None, "extract.not_a_plan", {"missing": _labels(extraction.missing)})])
    if not extraction.valid:
        raise InputError([Problem(display, None, None, "extract.invalid",
                                  {"errors": extraction.errors, "missing": _labels(extraction.missing)})])
    loaded = LoadedPlan(extraction.plan, DocumentSource.of(display, extraction), from_document=True)
    return loaded, summary(extraction), extraction
