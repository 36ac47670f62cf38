"""Check many plans: one result per plan (a broken file is reported and the run goes on), and a
cross-province matrix of plans × rules, worst plans first. Time and memory grow linearly with the
number of plans: each keeps only a small row for the summary, and the plans may be checked by
worker processes (results in input order)."""

import csv
import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, Problem
from .findings import PlanSummary, Report, Verdict
from .input_gate import is_stdin
from .writing import OutputGuard, write_atomically


@dataclass
class ReportRow:
    """What a batch keeps of a plan's report once it is written: what the summary, the closing lines
    and the exit code read (the plan's summary, its overall verdict, each rule's verdict), with the
    methods of a Report they use. A few kilobytes, so ten thousand plans stay small."""

    plan: PlanSummary
    overall: Verdict
    verdicts: dict[str, Verdict]
    deciding: frozenset[Verdict]  # the verdicts of the findings that decide the conclusion

    @classmethod
    def of(cls, report: Report) -> "ReportRow":
        return cls(report.plan, report.overall, {sys.intern(k): v for k, v in report.rule_verdicts().items()},
                   frozenset(f.verdict for f in report.verified))

    def __setstate__(self, state: dict) -> None:
        """Unpickled from a worker process: one copy of each rule id for all the rows."""
        state["verdicts"] = {sys.intern(k): v for k, v in state["verdicts"].items()}
        self.__dict__.update(state)

    def rule_verdicts(self) -> dict[str, Verdict]:
        return self.verdicts

    def counts(self) -> dict[Verdict, int]:
        verdicts = list(self.verdicts.values())
        return {v: verdicts.count(v) for v in Verdict}

    def fails_on(self, verdicts: set[Verdict]) -> bool:
        return bool(self.deciding & verdicts)


@dataclass
class PlanResult:
    """One plan of a batch: its report (or the row kept of it), or the input problems that stopped it."""

    path: Path
    report: Report | ReportRow | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def rank(self) -> tuple:
        if self.report is None:
            return (-1, 0, 0, str(self.path))
        counts = self.report.counts()
        return (self.report.overall.rank, -counts[Verdict.FAIL], -counts[Verdict.NEEDS_REVIEW], str(self.path))


PLAN_SUFFIXES = (".yaml", ".yml")


def expand(paths: list[Path]) -> list[Path]:
    """Plan files named on the command line; a folder stands for its *.yaml/*.yml files. A link
    among them that leads nowhere (dangling, or a loop) is kept, so that the check reports it."""
    found: list[Path] = []
    for path in paths:
        try:
            is_folder = not is_stdin(path) and path.is_dir()
        except OSError:  # a name too long, a loop of links: the input gate names it
            is_folder = False
        if not is_folder:
            found.append(path)
            continue
        inside = []
        with os.scandir(path) as entries:
            for entry in entries:
                if not entry.name.lower().endswith(PLAN_SUFFIXES):
                    continue
                try:
                    regular = entry.is_file()
                except OSError:
                    regular = False
                if regular or entry.is_symlink():
                    inside.append(path / entry.name)
        if not inside:
            raise InputError([Problem(str(path), None, None, "batch.no_plans", {})])
        found += sorted(inside)
    return found


#: files a batch writes itself into the output folder: no plan's report may take their names
SUMMARY_FILES = ("summary.html", "summary.csv")


def report_names(files: list[Path], suffix: str, taken: Iterable[str] = ()) -> dict[Path, str]:
    """One report file name per plan, never two alike (case-insensitively), never a summary's and
    never one of ``taken`` (the inputs already in the output folder): ``ke-hoach.html``; then
    ``ke-hoach.yml.html`` for a second suffix, ``<folder>-ke-hoach.html`` for a second folder, and a
    number only if all of those are taken. Stable for the same inputs."""
    taken = {name.casefold() for name in (*SUMMARY_FILES, *taken)}
    folders = {}  # a plain name already given -> the folder of the plan that has it
    names: dict[Path, str] = {}
    for path in files:
        kind = path.suffix.lstrip(".")
        by_kind, by_folder = f"{path.stem}.{kind}", f"{path.parent.name}-{path.stem}"
        # a namesake in the same folder differs by its suffix (x.yaml, x.yml); in another folder, by its folder
        same_folder = folders.get((path.stem + suffix).casefold()) == path.parent
        candidates = [path.stem, *((by_kind, by_folder) if same_folder else (by_folder, by_kind)),
                      f"{path.parent.name}-{path.stem}.{kind}"]
        name = next((c + suffix for c in candidates if (c + suffix).casefold() not in taken), None)
        number = 2
        while name is None or name.casefold() in taken:
            name, number = f"{path.stem}-{number}{suffix}", number + 1
        taken.add(name.casefold())
        folders.setdefault((path.stem + suffix).casefold(), path.parent)
        names[path] = name
    return names


@dataclass
class BatchCheck:
    """Check one plan of a batch and write its report: what each worker process runs."""

    options: Any  # cli.RunOptions
    folder: Path | None
    fmt: str
    names: dict[Path, str]
    guard: OutputGuard

    def __call__(self, path: Path) -> PlanResult:
        from .report import render
        try:
            report = self.options.report_for(path, self.guard)
            if self.folder is not None:
                output = self.folder / self.names[path]
                self.guard.check(output)
                try:
                    write_atomically(output, render(report, self.fmt, self.options.lang))
                except OSError as exc:
                    raise InputError([Problem(str(output), None, None, "cli.cannot_write",
                                              {"detail": exc.strerror or exc})]) from None
            return PlanResult(path, ReportRow.of(report))
        except InputError as exc:
            return PlanResult(path, problems=exc.problems)


_check: BatchCheck | None = None  # in a worker process: the check it runs


def _start_worker(check: BatchCheck) -> None:
    global _check
    _check = check


def _check_in_worker(path: Path) -> PlanResult:
    return _check(path)


def check_all(files: list[Path], check: BatchCheck, jobs: int = 1) -> Iterator[PlanResult]:
    """The result of each plan, in the order of ``files`` whatever the number of worker processes."""
    if jobs <= 1 or len(files) < 2:
        yield from map(check, files)
        return
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context
    jobs = min(jobs, len(files))
    with ProcessPoolExecutor(jobs, mp_context=get_context("spawn"), initializer=_start_worker,
                             initargs=(check,)) as pool:
        yield from pool.map(_check_in_worker, files, chunksize=max(1, min(64, len(files) // (jobs * 8))))


def worst_first(outcomes: list[PlanResult]) -> list[PlanResult]:
    return sorted(outcomes, key=lambda o: o.rank)


def matrix(outcomes: list[PlanResult]) -> tuple[list[str], list[tuple[PlanResult, dict[str, str]]]]:
    """Rule ids (columns) and, per plan (rows, worst first), its verdict for each rule."""
    rule_ids = sorted({rid for o in outcomes if o.report for rid in o.report.rule_verdicts()})
    rows = []
    for outcome in worst_first(outcomes):
        verdicts = outcome.report.rule_verdicts() if outcome.report else {}
        rows.append((outcome, {rid: verdicts[rid].value for rid in verdicts}))
    return rule_ids, rows


def summary_csv(outcomes: list[PlanResult], labels: dict[str, str]) -> str:
    """CSV for Excel: UTF-8 with BOM so Vietnamese text opens correctly."""
    rule_ids, rows = matrix(outcomes)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([labels["plan"], labels["province"], labels["overall"], *rule_ids])
    for outcome, verdicts in rows:
        if outcome.report is None:
            writer.writerow([str(outcome.path), "", labels["error"], *["" for _ in rule_ids]])
            continue
        writer.writerow([outcome.report.plan.number or str(outcome.path), outcome.report.plan.province,
                         outcome.report.overall.value, *[verdicts.get(rid, "") for rid in rule_ids]])
    return "\ufeff" + buffer.getvalue()
