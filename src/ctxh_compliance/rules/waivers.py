"""Waivers: a reviewer accepts a deviation. Waived findings stay visible, marked with the reason.

A waiver names the plan it is for by its number AND its province, or by its file — never by the
number alone: two provinces may well both have a "Kế hoạch số 80/KH-UBND". Waiver file (YAML)::

    waivers:
      - rule: QD112-T01            # rule id (required)
        plan: "80/KH-UBND"         # the plan's số hiệu ...
        province: "Lạng Sơn"       # ... and its province (required with plan)
        # file: lang-son-2021.yaml # or instead: the plan's file (name, or path ending)
        reason: "Tỉnh miền núi, Bộ đồng ý lộ trình riêng"   # required, not empty
        by: "Nguyễn Văn A, Cục Bảo trợ xã hội"               # required
        date: 2026-04-01                                     # required
        aspect: population         # optional: only the population finding

Every plan criterion given must match; numbers, provinces ("Tỉnh Lạng Sơn" = "Lạng Sơn") and file
names are compared in folded form (text.fold_number, fold_place, fold). For compatibility,
``plan:`` holding a file name (``plan: lang-son.yaml``) is read as ``file:``.
"""

import datetime as dt
from pathlib import Path, PurePath
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from ..core.errors import InputError
from ..core.text import fold, fold_number, fold_place
from ..inputs.plan_loader import _problem, ambiguity_problems
from ..inputs.yaml_source import load_yaml
from ..model.findings import Report, Waiver

# a plan file, not a số hiệu: what ctxh-check reads
_PLAN_FILE_SUFFIXES = (".yaml", ".yml", ".txt", ".docx", ".pdf", ".doc", ".odt")


class WaiverEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    rule: str = Field(min_length=1)
    plan: str | None = Field(None, min_length=1, description="Số hiệu của kế hoạch (kèm province)")
    province: str | None = Field(None, min_length=1, description="Tỉnh, thành phố của kế hoạch")
    file: str | None = Field(None, min_length=1, description="Tệp kế hoạch: tên tệp hoặc phần cuối đường dẫn")
    reason: str = Field(min_length=1)
    by: str = Field(min_length=1)
    date: dt.date
    aspect: Literal["value", "population"] | None = None
    _where: tuple[int | None, int | None] = PrivateAttr(default=(None, None))

    @property
    def where(self) -> tuple[int | None, int | None]:
        """Line and column of the waiver in its file."""
        return self._where

    @property
    def plan_file(self) -> str | None:
        """The plan file the waiver names: ``file:``, or a ``plan:`` that is a file name."""
        if self.file:
            return self.file
        if self.plan and self.plan.lower().endswith(_PLAN_FILE_SUFFIXES):
            return self.plan
        return None

    @property
    def plan_number(self) -> str | None:
        return self.plan if self.plan and self.plan_file != self.plan else None


class WaiverFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    waivers: list[WaiverEntry]


def load_waivers(path: Path | str, known_rules: set[str]) -> list[WaiverEntry]:
    """Read and validate a waiver file. Errors: a waiver for a rule that does not exist, one that
    names no plan, and one that names a plan by its number without the province."""
    source = load_yaml(path)
    problems, _ = ambiguity_problems(source, WaiverFile)
    try:
        parsed = WaiverFile.model_validate(source.data)
    except ValidationError as exc:
        raise InputError(problems + [_problem(source, error, WaiverFile) for error in exc.errors()]) from None
    for i, w in enumerate(parsed.waivers):
        w._where = source.where(("waivers", i))
        if w.rule not in known_rules:
            problems.append(source.problem(("waivers", i, "rule"), "waiver.unknown_rule", rule=w.rule))
        if w.plan_number is None and w.plan_file is None:
            problems.append(source.problem(("waivers", i), "waiver.no_plan", rule=w.rule))
        elif w.plan_number is not None and w.province is None:
            problems.append(source.problem(("waivers", i, "plan"), "waiver.missing_province", plan=w.plan_number))
    if problems:
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise InputError(problems)
    return parsed.waivers


def _same_file(named: str, plan_file: str) -> bool:
    """``named`` is the plan's file name, or the end of its path (``ke-hoach/lang-son.yaml``)."""
    wanted = [fold(part) for part in PurePath(named.replace("\\", "/")).parts if part not in (".", "/")]
    actual = [fold(part) for part in PurePath(plan_file.replace("\\", "/")).parts]
    return bool(wanted) and actual[-len(wanted):] == wanted


def matches_plan(entry: WaiverEntry, report: Report) -> bool:
    """Whether the waiver is for this plan: every criterion it gives (number, province, file) matches."""
    plan = report.plan
    if entry.plan_number is not None and (plan.number is None
                                          or fold_number(entry.plan_number) != fold_number(plan.number)):
        return False
    if entry.province is not None and fold_place(entry.province) != fold_place(plan.province):
        return False
    if entry.plan_file is not None and not _same_file(entry.plan_file, plan.file):
        return False
    return True


def apply_waivers(report: Report, waivers: list[WaiverEntry]) -> Report:
    """Mark waived findings; list the waivers for this plan that match nothing as stale."""
    mine = [w for w in waivers if matches_plan(w, report)]
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
