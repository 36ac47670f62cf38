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

from ..core.errors import CheckerError, InputError, Problem
from ..core.memory import give_back
from ..inputs.config import NAMES as CONFIG_NAMES
from ..inputs.gate import is_stdin
from ..reports.summary import PlanResult, ReportRow, summary_csv, summary_html, summary_xlsx, worst_first
from ..reports.writing import OutputGuard, write_atomically

__all__ = ["PlanResult", "ReportRow", "check_all", "expand", "summary_csv", "summary_html", "summary_xlsx",
           "worst_first"]

#: what a folder given to the batch is read for: plan files and the documents a province sends
PLAN_SUFFIXES = (".yaml", ".yml")
FOLDER_SUFFIXES = (*PLAN_SUFFIXES, ".txt", ".docx", ".pdf", ".doc", ".odt")


def expand(paths: list[Path]) -> list[Path]:
    """Plans named on the command line; a folder stands for its plan files and documents (.txt,
    .docx, .pdf, .doc, .odt; not its configuration file) — a document beside a plan file of its name
    (ke-hoach.docx beside ke-hoach.yaml,
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
                if not entry.name.lower().endswith(FOLDER_SUFFIXES) or entry.name in CONFIG_NAMES:
                    continue  # a configuration file (.ctxh.yaml) is not a plan
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
        except CheckerError as exc:  # a defect: that plan's failure (exit 3), the batch goes on
            return PlanResult(path, problems=[Problem(str(path), None, None, "batch.internal",
                                                      {"detail": exc.render(self.options.lang)})], internal=True)
        except Exception as exc:
            return PlanResult(path, problems=[Problem(str(path), None, None, "batch.internal",
                                                      {"detail": f"{type(exc).__name__}: {exc}"})], internal=True)


_check: BatchCheck | None = None  # in a worker process: the check it runs
# On Linux a worker is a copy of this process (its modules already imported: no start-up per worker;
# the process has no threads to copy). Elsewhere fork is unsafe (macOS) or absent (Windows).
_START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"


def _start_worker(check: BatchCheck) -> None:
    global _check
    _check = check
    from multiprocessing import util

    from ..extract import sandbox
    sandbox.keep_readers()  # one reader for the worker's documents, not one process each
    util.Finalize(None, sandbox.end_readers, exitpriority=0)  # ended with the worker, not after it
    if sys.platform.startswith("linux"):  # the worker ends with the tool (its own children, the readers, with it)
        try:
            import ctypes
            import signal
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


_TRIM_EVERY = 64  # plans between two returns of freed memory to the system (each costs about a millisecond)
_checked = 0


def _check_in_worker(path: Path) -> PlanResult:
    global _checked
    result = _check(path)
    _checked += 1
    if _checked % _TRIM_EVERY == 0:
        give_back()  # a worker's size stays what one plan needs, not what the batch freed
    return result


def _died(path: Path) -> PlanResult:
    """A plan whose worker process died while checking it (a reader crashed in native code, the
    machine's memory ran out): that plan's failure, named; the others go on."""
    return PlanResult(path, problems=[Problem(str(path), None, None, "batch.worker_died", {})], internal=True)


def check_all(files: list[Path], check: BatchCheck, jobs: int = 1) -> Iterator[PlanResult]:
    """The result of each plan, in the order of ``files`` whatever the number of worker processes.

    With workers, at most two plans per worker are in flight (one checked, one ready), so a worker
    that dies names the few plans it may have been checking: each of them is checked again alone,
    and the one that kills its worker a second time is reported as that plan's failure."""
    if jobs <= 1 or len(files) < 2:
        yield from map(check, files)
        return
    jobs = min(jobs, len(files))
    for stream in (sys.stdout, sys.stderr):  # a forked worker would write what is still buffered again
        if stream is not None:
            stream.flush()
    results: dict[int, PlanResult] = {}
    queue = list(range(len(files)))[::-1]  # what is still to check, the next one last
    suspects: list[int] = []  # plans in flight when a worker died
    shown = 0
    while queue or suspects:
        if suspects:  # each alone in a pool of its own
            index = suspects.pop(0)
            done, _ = _run_pool(files, check, [index], 1)
            results[index] = done.get(index) or _died(files[index])
        else:
            done, lost = _run_pool(files, check, queue, jobs)
            results.update(done)
            suspects = sorted(lost)
            queue = [i for i in queue if i not in done and i not in lost]
        while shown in results:
            yield results.pop(shown)
            shown += 1


def _run_pool(files: list[Path], check: BatchCheck, queue: list[int], jobs: int) -> tuple[dict[int, PlanResult], set[int]]:
    """Check the plans of ``queue`` (taken from its end, which is updated) in a pool of ``jobs``
    workers until they are done or a worker dies: the results, and the plans in flight then."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context
    done: dict[int, PlanResult] = {}
    running: dict = {}
    pool = ProcessPoolExecutor(jobs, mp_context=get_context(_START_METHOD), initializer=_start_worker,
                               initargs=(check,))
    try:
        waiting = list(queue)
        while waiting or running:
            while waiting and len(running) < 2 * jobs:  # one plan running per worker, one ready for it
                try:
                    future = pool.submit(_check_in_worker, files[waiting[-1]])
                except BrokenProcessPool:  # a worker died between plans: the plans in flight (or the next) are suspects
                    _stop(pool)
                    return done, set(running.values()) or {waiting[-1]}
                running[future] = waiting.pop()
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                index = running.pop(future)
                try:
                    done[index] = future.result()
                except BrokenProcessPool:
                    _stop(pool)
                    return done, {index, *running.values()}
                except Exception as exc:  # a result that could not come back: that plan's failure
                    done[index] = PlanResult(files[index], problems=[Problem(
                        str(files[index]), None, None, "batch.internal", {"detail": f"{type(exc).__name__}: {exc}"})],
                        internal=True)
    except BaseException:  # Ctrl-C, a closed output: no worker outlives the tool
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    return done, set()


def _stop(pool) -> None:
    """End a pool's workers, a dead pool's survivors included (their readers end with them)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=True, cancel_futures=True)
    for process in processes:
        process.join(5)
