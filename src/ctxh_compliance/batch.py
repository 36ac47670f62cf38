"""Check many plans: one result per plan (a broken file is reported and the run goes on), and a
cross-province matrix of plans × rules, worst plans first."""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError, Problem
from .findings import Report, Verdict


@dataclass
class PlanResult:
    """One plan of a batch: its report, or the input problems that stopped it."""

    path: Path
    report: Report | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def rank(self) -> tuple:
        if self.report is None:
            return (-1, 0, 0, str(self.path))
        counts = self.report.counts()
        return (self.report.overall.rank, -counts[Verdict.FAIL], -counts[Verdict.NEEDS_REVIEW], str(self.path))


#: what a folder given to the batch is read for: plan files and the documents a province sends
PLAN_SUFFIXES = (".yaml", ".yml")
FOLDER_SUFFIXES = (*PLAN_SUFFIXES, ".txt", ".docx", ".pdf")


def _in_folder(folder: Path) -> list[Path]:
    """The plans of a folder: plan files and documents (.txt, .docx, .pdf); a document beside a plan
    file of the same name (its checked-by-hand form, ke-hoach.yaml beside ke-hoach.docx) is left to it."""
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in FOLDER_SUFFIXES and p.is_file())
    planned = {p.stem.casefold() for p in files if p.suffix.lower() in PLAN_SUFFIXES}
    return [p for p in files if p.suffix.lower() in PLAN_SUFFIXES or p.stem.casefold() not in planned]


def expand(paths: list[Path]) -> list[Path]:
    """Plans named on the command line; a folder stands for its plan files and documents."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = _in_folder(path)
            if not inside:
                raise InputError([Problem(str(path), None, None, "batch.no_plans", {})])
            found += inside
        else:
            found.append(path)
    return found


#: files a batch writes itself into the output folder: no plan's report may take their names
SUMMARY_FILES = ("summary.html", "summary.csv")


def report_names(files: list[Path], suffix: str) -> dict[Path, str]:
    """One report file name per plan, never two alike (case-insensitively) and never a summary's:
    ``ke-hoach.html``; then ``ke-hoach.yml.html`` for a second suffix, ``<folder>-ke-hoach.html`` for
    a second folder, and a number only if all of those are taken. Stable for the same inputs."""
    taken = set(SUMMARY_FILES)
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
