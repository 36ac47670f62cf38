"""Check many plans: one result per plan (a broken file is reported and the run goes on), worst plans
first in the summary (reports/summary.py). Time and memory grow linearly with the number of plans: each
keeps only a small row for the summary, and the plans may be checked by worker processes (results in
input order)."""

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import InputError, Problem
from ..inputs.gate import is_stdin
from ..reports.summary import PlanResult, ReportRow, summary_csv, summary_html, summary_xlsx, worst_first
from ..reports.writing import OutputGuard, write_atomically

__all__ = ["PlanResult", "ReportRow", "check_all", "expand", "summary_csv", "summary_html", "summary_xlsx",
           "worst_first"]

#: what a folder given to the batch is read for: plan files and the documents a province sends
PLAN_SUFFIXES = (".yaml", ".yml")
FOLDER_SUFFIXES = (*PLAN_SUFFIXES, ".txt", ".docx", ".pdf")


def expand(paths: list[Path]) -> list[Path]:
    """Plans named on the command line; a folder stands for its plan files and documents (.txt,
    .docx, .pdf) — a document beside a plan file of its name (ke-hoach.docx beside ke-hoach.yaml,
    its checked-by-hand form) is left to that file. A link among them that leads nowhere (dangling,
    or a loop) is kept, so that the check reports it."""
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
                if not entry.name.lower().endswith(FOLDER_SUFFIXES):
                    continue
                try:
                    regular = entry.is_file()
                except OSError:
                    regular = False
                if regular or entry.is_symlink():
                    inside.append(path / entry.name)
        if not inside:
            raise InputError([Problem(str(path), None, None, "batch.no_plans", {})])
        planned = {p.stem.casefold() for p in inside if p.suffix.lower() in PLAN_SUFFIXES}
        found += sorted(p for p in inside if p.suffix.lower() in PLAN_SUFFIXES or p.stem.casefold() not in planned)
    return found


#: files a batch writes itself into the output folder: no plan's report may take their names
SUMMARY_FILES = ("summary.html", "summary.xlsx", "summary.csv")


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
        from ..reports.report import render
        try:
            report = self.options.report_for(path, self.guard)
            if self.folder is not None:
                output = self.folder / self.names[path]
                self.guard.check(output)
                try:
                    write_atomically(output, render(report, self.fmt, self.options.lang,
                                                    everything=self.options.everything))
                except OSError as exc:
                    raise InputError([Problem(str(output), None, None, "cli.cannot_write",
                                              {"detail": exc.strerror or exc})]) from None
            return PlanResult(path, ReportRow.of(report))
        except InputError as exc:
            return PlanResult(path, problems=exc.problems)


_check: BatchCheck | None = None  # in a worker process: the check it runs
# On Linux a worker is a copy of this process (its modules already imported: no start-up per worker;
# the process has no threads to copy). Elsewhere fork is unsafe (macOS) or absent (Windows).
_START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"


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
    for stream in (sys.stdout, sys.stderr):  # a forked worker would write what is still buffered again
        if stream is not None:
            stream.flush()
    with ProcessPoolExecutor(jobs, mp_context=get_context(_START_METHOD), initializer=_start_worker,
                             initargs=(check,)) as pool:
        yield from pool.map(_check_in_worker, files, chunksize=max(1, min(64, len(files) // (jobs * 8))))
