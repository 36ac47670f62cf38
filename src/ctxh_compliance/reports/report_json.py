"""The JSON report: a stable, versioned document with the content of the Finding model.

Version 1.x adds fields only; a field is never renamed or removed without a new major version.
1.2 writes the grade note in every language, as the title; an older report's string is read back
as that text in every language.
Its JSON Schema is printed by ``ctxh-check --report-schema`` and kept in docs/report.schema.json.
"""

from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from ..model.findings import ExtractionSummary, Finding, PlanSummary, Report, Verdict
from ..model.localized import Localized

SCHEMA_VERSION = "1.3"  # 1.1 adds summary.unverified and requirement.quote_is, quote_from, quote_outdated;
# 1.2 writes findings[].grade_note in every language ({"vi": …, "en": …}), as title and message;
# 1.3 adds ruleset_chosen, ruleset_folder and ruleset_fingerprint (the rules the report was judged by)


@cache
def _version() -> str:
    try:
        return metadata.version("ctxh-compliance")
    except metadata.PackageNotFoundError:
        return "unknown"


class Summary(BaseModel):
    overall: Verdict
    rules: dict[Verdict, int] = Field(description="How many rules end with each verdict (waived ones left out)")
    waived: int
    population_findings: int
    unverified: int = Field(0, description="Grade-C rules not passed: shown, left out of the overall conclusion (1.1)")


class ReportDocument(BaseModel):
    """ctxh-compliance JSON report."""

    schema_version: Literal["1.0", "1.1", "1.2", "1.3"] = SCHEMA_VERSION  # older 1.x reports are read back as well
    generator: str
    plan: PlanSummary
    ruleset: str
    decision: str
    decision_title: Localized
    selected_by: str | None
    ruleset_chosen: str | None = Field(None, description="Where the ruleset was chosen when not by the plan's "
                                                         "citation: \"--ruleset\", a configuration file, \"web\" (1.3)")
    ruleset_folder: str | None = Field(None, description="The ruleset's folder when it is not a bundled one (1.3)")
    ruleset_fingerprint: str | None = Field(None, description="A digest of the ruleset's files (1.3)")
    summary: Summary
    findings: list[Finding]
    stale_waivers: list[str]
    extraction: ExtractionSummary | None = None

    @model_validator(mode="before")
    @classmethod
    def _grade_note_before_1_2(cls, data):
        """A report before 1.2 wrote a grade note as one string: it is read back as that text in
        every language."""
        if isinstance(data, dict) and data.get("schema_version") in ("1.0", "1.1") \
                and isinstance(data.get("findings"), list):
            data = dict(data, findings=[
                dict(f, grade_note={"vi": f["grade_note"], "en": f["grade_note"]})
                if isinstance(f, dict) and isinstance(f.get("grade_note"), str) else f
                for f in data["findings"]])
        return data


def document(report: Report) -> ReportDocument:
    return ReportDocument(
        generator=f"ctxh-compliance {_version()}", plan=report.plan, ruleset=report.ruleset,
        decision=report.decision, decision_title=report.decision_title, selected_by=report.selected_by,
        ruleset_chosen=report.ruleset_chosen, ruleset_folder=report.ruleset_folder,
        ruleset_fingerprint=report.ruleset_fingerprint,
        summary=Summary(overall=report.overall, rules=report.counts(), waived=report.waived,
                        population_findings=report.extra_findings, unverified=report.unverified),
        findings=report.findings, stale_waivers=report.stale_waivers, extraction=report.extraction)


def read_report(path: Path) -> Report:
    """A JSON report read back (for ``--diff``): the same Report model that was written, every
    field of it, the extraction summary included. A file that is not such a report is an input
    error naming it."""
    from pydantic import ValidationError

    from ..core.errors import InputError, Problem
    from ..inputs.yaml_source import read_text

    text = read_text(path, str(path))  # the input gate: size, encoding, binary content
    try:
        document = ReportDocument.model_validate_json(text)
    except ValidationError as exc:
        from ..inputs.plan_loader import error_message
        raise InputError([Problem(str(path), None, None, "diff.bad_report",
                                  {"version": "1.x", "detail": error_message(exc.errors()[0], ReportDocument)})]) from None
    return Report.model_validate({name: getattr(document, name) for name in Report.model_fields})


def render_json(report: Report) -> str:
    return document(report).model_dump_json(indent=2) + "\n"


def json_schema() -> dict:
    schema = ReportDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
