"""Waivers: a reviewer accepts a deviation. Waived findings stay visible, marked with the reason.

Waiver file (YAML)::

    waivers:
      - rule: QD112-T01            # rule id (required)
        plan: "80/KH-UBND"         # the plan's số hiệu or its file name (required)
        reason: "Tỉnh miền núi, Bộ đồng ý lộ trình riêng"   # required, not empty
        by: "Nguyễn Văn A, Cục Bảo trợ xã hội"               # required
        date: 2026-04-01                                     # required
        aspect: population         # optional: only the population finding
"""

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import InputError
from .findings import Report, Waiver
from .plan_loader import _problem
from .yaml_source import load_yaml


class WaiverEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    rule: str = Field(min_length=1)
    plan: str = Field(min_length=1, description="Số hiệu của kế hoạch hoặc tên tệp")
    reason: str = Field(min_length=1)
    by: str = Field(min_length=1)
    date: dt.date
    aspect: Literal["value", "population"] | None = None


class WaiverFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    waivers: list[WaiverEntry]


def load_waivers(path: Path | str, known_rules: set[str]) -> list[WaiverEntry]:
    """Read and validate a waiver file; a waiver for a rule that does not exist is an error."""
    source = load_yaml(path)
    try:
        parsed = WaiverFile.model_validate(source.data)
    except ValidationError as exc:
        raise InputError([_problem(source, error, WaiverFile) for error in exc.errors()]) from None
    problems = [source.problem(("waivers", i, "rule"), "waiver.unknown_rule", rule=w.rule)
                for i, w in enumerate(parsed.waivers) if w.rule not in known_rules]
    if problems:
        raise InputError(problems)
    return parsed.waivers


def _matches_plan(entry: WaiverEntry, report: Report) -> bool:
    return entry.plan in (report.plan.number, Path(report.plan.file).name, report.plan.file)


def apply_waivers(report: Report, waivers: list[WaiverEntry]) -> Report:
    """Mark waived findings; list the waivers for this plan that match nothing as stale."""
    mine = [w for w in waivers if _matches_plan(w, report)]
    used: set[int] = set()
    findings = []
    for finding in report.findings:
        for i, w in enumerate(mine):
            if w.rule == finding.rule_id and (w.aspect is None or w.aspect == finding.aspect) \
                    and finding.verdict.value in ("fail", "needs_review", "warning"):
                finding = finding.model_copy(update={"waiver": Waiver(reason=w.reason, by=w.by,
                                                                      date=w.date.isoformat())})
                used.add(i)
                break
        findings.append(finding)
    stale = [w.rule for i, w in enumerate(mine) if i not in used]
    return report.model_copy(update={"findings": findings, "stale_waivers": stale})
