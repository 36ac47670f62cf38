"""The batch summary a ministry reads: one row per plan, then the plans × rules matrix by ruleset and
section, as an HTML page and a CSV file. What a batch keeps of each plan is a small row (ReportRow), so
ten thousand plans stay small."""

import csv
import datetime as dt
import io
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import Problem
from ..core.i18n import translate
from ..model.findings import Report, Verdict
from .escaping import csv_cell

_SENT: dict[str, set[str]] = {}  # in a worker process: the rules whose titles it has sent, per ruleset
_RULES: dict[str, dict] = {}  # ruleset -> rule id -> (section, title), shared by every row


_RULE_IDS: dict[tuple[str, ...], tuple[str, ...]] = {}  # one copy of each list of rule ids, shared by the rows
_CODES = {verdict: str(i) for i, verdict in enumerate(Verdict)}
_VERDICTS = {code: verdict for verdict, code in _CODES.items()}


def _shared_ids(ids: Iterable[str]) -> tuple[str, ...]:
    ids = tuple(ids)
    return _RULE_IDS.setdefault(ids, tuple(sys.intern(i) for i in ids))


@dataclass(frozen=True, slots=True)
class RowPlan:
    """What the summary shows of a plan: its province, số hiệu, title and date."""

    province: str
    number: str | None
    title: str
    date: str | None


_DECIDING: dict[frozenset, frozenset] = {}  # one copy of each set of deciding verdicts


@dataclass
class ReportRow:
    """What a batch keeps of a plan's report once it is written: what the summary, the closing lines
    and the exit code read (the plan's summary, its overall verdict, each rule's verdict), with the
    methods of a Report they use. Under a kilobyte beside the plan's summary, so ten thousand plans
    stay small: the rule ids are one tuple shared by the rows that have them, each rule's verdict one
    character of a string in that order."""

    plan: RowPlan
    overall: Verdict
    rule_ids: tuple[str, ...]
    codes: str  # the verdict of each rule of rule_ids, one character each (_CODES)
    deciding: frozenset[Verdict]  # the verdicts of the findings that decide the conclusion
    ruleset: str = ""  # its name, and its folder when it is not a bundled one (two such are two rulesets)
    decision: str = ""
    rules: dict = field(default_factory=dict)  # rule id -> (section, title): one dict per ruleset, shared
    version: str = ""  # the fingerprint of the ruleset's files

    @classmethod
    def of(cls, report: Report) -> "ReportRow":
        ruleset = report.ruleset + (f" — {report.ruleset_folder}" if report.ruleset_folder else "")
        rules = _RULES.get(ruleset)
        if rules is None:
            rules = _RULES.setdefault(ruleset, {})
        for finding in report.findings:  # the summary's columns: each rule's section and title
            if finding.rule_id not in rules:
                rules[sys.intern(finding.rule_id)] = (finding.section, finding.title)
        verdicts = report.rule_verdicts()
        plan = report.plan
        deciding = frozenset(f.verdict for f in report.verified)
        return cls(RowPlan(plan.province, plan.number, plan.title, plan.date), report.overall, _shared_ids(verdicts),
                   "".join(_CODES[v] for v in verdicts.values()), _DECIDING.setdefault(deciding, deciding),
                   sys.intern(ruleset), sys.intern(report.decision), rules, report.ruleset_fingerprint or "")

    def __getstate__(self) -> dict:
        """Sent from a worker process: the titles of the rules this process has not sent yet (the
        first plan of a ruleset carries them, the others only their verdicts)."""
        sent = _SENT.setdefault(self.ruleset, set())
        fresh = {rule_id: info for rule_id, info in self.rules.items() if rule_id not in sent}
        sent.update(fresh)
        return {**self.__dict__, "rules": fresh}

    def __setstate__(self, state: dict) -> None:
        """Unpickled from a worker process: one copy of each list of rule ids and of each ruleset's
        rules for all the rows."""
        state["rule_ids"] = _shared_ids(state["rule_ids"])
        state["deciding"] = _DECIDING.setdefault(state["deciding"], state["deciding"])
        state["ruleset"], state["decision"] = sys.intern(state["ruleset"]), sys.intern(state["decision"])
        shared = _RULES.setdefault(state.get("ruleset", ""), {})
        for rule_id, info in state.get("rules", {}).items():
            shared.setdefault(sys.intern(rule_id), info)
        state["rules"] = shared
        self.__dict__.update(state)

    def rule_verdicts(self) -> dict[str, Verdict]:
        return {rule_id: _VERDICTS[code] for rule_id, code in zip(self.rule_ids, self.codes, strict=True)}

    def counts(self) -> dict[Verdict, int]:
        return {v: self.codes.count(_CODES[v]) for v in Verdict}

    def fails_on(self, verdicts: set[Verdict]) -> bool:
        return bool(self.deciding & verdicts)


@dataclass
class PlanResult:
    """One plan of a batch: its report (or the row kept of it), or the input problems that stopped it."""

    path: Path
    report: Report | ReportRow | None = None
    problems: list[Problem] = field(default_factory=list)
    internal: bool = False  # stopped by a defect of the tool or a worker that died, not by its input

    @property
    def rank(self) -> tuple:
        if self.report is None:
            return (-1, 0, 0, str(self.path))
        counts = self.report.counts()
        return (self.report.overall.rank, -counts[Verdict.FAIL], -counts[Verdict.NEEDS_REVIEW], str(self.path))



def worst_first(outcomes: list[PlanResult]) -> list[PlanResult]:
    return sorted(outcomes, key=lambda o: o.rank)


class Rows:
    """Each plan with its verdict for each rule (``{rule id: "fail"}``), made as the rows are read
    and read as often as needed: ten thousand plans never hold ten thousand such tables at once."""

    def __init__(self, outcomes: list[PlanResult]):
        self.outcomes = outcomes

    def __len__(self) -> int:
        return len(self.outcomes)

    def __iter__(self) -> Iterator[tuple[PlanResult, dict[str, str]]]:
        for outcome in self.outcomes:
            verdicts = outcome.report.rule_verdicts() if outcome.report else {}
            yield outcome, {rid: verdict.value for rid, verdict in verdicts.items()}


def matrix(outcomes: list[PlanResult]) -> tuple[list[str], Rows]:
    """Rule ids (columns) and, per plan (rows, worst first), its verdict for each rule."""
    rule_ids = sorted({rid for o in outcomes if o.report for rid in o.report.rule_ids})
    return rule_ids, Rows(worst_first(outcomes))


def fail_counts(outcomes: list[PlanResult]) -> dict[str, int]:
    """Per rule, how many plans end with KHÔNG ĐẠT for it."""
    counts: dict[str, int] = {}
    for outcome in outcomes:
        for rule_id, verdict in (outcome.report.rule_verdicts() if outcome.report else {}).items():
            counts[rule_id] = counts.get(rule_id, 0) + (verdict == Verdict.FAIL)
    return counts


def plan_label(outcome: PlanResult) -> str:
    """What names a plan in a summary: its số hiệu, or its file name when it has none."""
    number = outcome.report.plan.number if outcome.report else None
    return number or outcome.path.name


#: the longest column heading of the matrix; the whole title is in the legend
SHORT_TITLE = 64
#: the most rule columns in one matrix table (a wider section is cut into parts): fits A4 landscape
COLUMNS_PER_TABLE = 9


def short_title(title: str, limit: int = SHORT_TITLE) -> str:
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0].rstrip(" ,;:(") + " …"


@dataclass
class RuleColumn:
    rule_id: str
    title: str
    short: str
    fails: int


@dataclass
class MatrixTable:
    """One table of the summary: the plans checked against one ruleset, the rules of one section."""

    decision: str
    ruleset: str
    section: str
    part: int
    parts: int
    columns: list[RuleColumn]
    rows: Rows


def matrix_tables(outcomes: list[PlanResult], lang: str) -> list[MatrixTable]:
    """The matrix cut to fit a page: one table per ruleset and section (a section with many rules in
    parts), each with the plans of that ruleset as rows, worst first."""
    from .report import SECTION_ORDER
    checked = [o for o in worst_first(outcomes) if o.report is not None]
    tables = []
    for ruleset in sorted({o.report.ruleset for o in checked}):
        plans = [o for o in checked if o.report.ruleset == ruleset]
        rows = Rows(plans)
        fails = fail_counts(plans)
        titles: dict[str, tuple[str, str]] = {}
        for rules in {id(o.report.rules): o.report.rules for o in plans}.values():  # the rows share one
            for rule_id, (section, title) in rules.items():
                titles.setdefault(rule_id, (section, title.get(lang)))
        for section in SECTION_ORDER:
            ids = sorted(rid for rid, (sec, _) in titles.items() if sec == section)
            if not ids:
                continue
            parts = -(-len(ids) // COLUMNS_PER_TABLE)
            size = -(-len(ids) // parts)
            for part in range(parts):
                chunk = ids[part * size:(part + 1) * size]
                columns = [RuleColumn(rid, titles[rid][1], short_title(titles[rid][1]), fails.get(rid, 0)) for rid in chunk]
                tables.append(MatrixTable(plans[0].report.decision, ruleset, section, part + 1, parts, columns, rows))
    return tables


def _verdict_word(value: str | None, lang: str) -> str:
    return translate(f"verdict.{value}", lang) if value else ""


def summary_csv(outcomes: list[PlanResult], lang: str = "vi") -> Iterator[str]:
    """CSV for Excel: UTF-8 with BOM so Vietnamese text opens correctly; verdicts in words of the
    report language; each plan named as in summary.html (province, số hiệu or file name); a last
    row with how many plans fail each rule. No cell can start a formula. Its text a row at a time, as
    it is written (ten thousand plans are never held whole in memory)."""
    from .report import show_date
    rule_ids, rows = matrix(outcomes)
    fails = fail_counts(outcomes)
    counted = [v for v in Verdict]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def row(cells: list) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([csv_cell(c) for c in cells])
        return buffer.getvalue()

    t = lambda key, **params: translate(key, lang, **params)  # noqa: E731
    yield "\ufeff" + row([t("batch.province"), t("batch.plan"), t("report.date"), t("batch.decision"), t("batch.overall"),
                          *[t(f"verdict.{v.value}") for v in counted], *rule_ids])
    for outcome, verdicts in rows:
        if outcome.report is None:
            yield row(["", plan_label(outcome), "", "", t("batch.error"), *["" for _ in counted], *["" for _ in rule_ids]])
            continue
        report, counts = outcome.report, outcome.report.counts()
        dated = show_date(report.plan.date, lang) if report.plan.date else ""
        yield row([report.plan.province, plan_label(outcome), dated, report.decision,
                   _verdict_word(report.overall.value, lang), *[counts[v] for v in counted],
                   *[_verdict_word(verdicts.get(rid), lang) for rid in rule_ids]])
    yield row(["", t("batch.fails_per_rule"), "", "", "", *["" for _ in counted], *[fails.get(rid, "") for rid in rule_ids]])


def summary_html(outcomes: list[PlanResult], links: dict[Path, str], lang: str = "vi") -> Iterator[str]:
    """The summary page for a ministry: one row per plan, then the plans × rules matrix by ruleset and
    section (readable rule names, the rule id in small print and in the legend), printable on A4
    landscape without losing a column. Its text in pieces, as it is written (ten thousand plans make
    tens of megabytes)."""
    from ..core.clock import today
    from .report import _ruleset_version, _tool_version, environment
    tables = matrix_tables(outcomes, lang)
    legend: dict[str, list[RuleColumn]] = {}
    for table in tables:
        version = next((o.report.version for o in table.rows.outcomes if getattr(o.report, "version", "")), "")
        heading = translate("batch.legend_heading", lang, decision=table.decision, ruleset=table.ruleset,
                            version=version or _ruleset_version(table.ruleset))
        legend.setdefault(heading, []).extend(table.columns)
    return environment(lang, False, html=True).get_template("summary.html.j2").generate(
        plans=worst_first(outcomes), tables=tables, legend=legend, links=links, label=plan_label,
        checked=today(), tool=_tool_version(), Verdict=Verdict)


#: the fill of a verdict's cell in summary.xlsx (the colours of the reports)
_FILLS = {"fail": "F8D0D0", "needs_review": "FBE8B0", "warning": "EAD8F2", "pass": "D4EFD4", "not_applicable": "F3F3F3",
          "error": "000000"}


def _as_date(value: str | None) -> "dt.date | str":
    """A plan's date as a date when it is one (``2022-04-15``); a date only partly written stays text."""
    try:
        return dt.date.fromisoformat(value) if value else ""
    except ValueError:
        return value


def summary_xlsx(outcomes: list[PlanResult], lang: str = "vi") -> bytes:
    """The summary as an Excel workbook for a ministry: a sheet of plans (one row per plan, worst first,
    the file name always shown so that two versions of one plan are told apart), a sheet of the plan ×
    rule matrix, a sheet of the rules; headers frozen, filters on, verdicts coloured, dates as dates.
    Written by openpyxl in write-only mode: rows are streamed, ten thousand plans stay small."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    t = lambda key, **params: translate(key, lang, **params)  # noqa: E731
    workbook = Workbook(write_only=True)
    bold, white = Font(bold=True), Font(bold=True, color="FFFFFF")
    fills = {name: PatternFill("solid", fgColor=colour) for name, colour in _FILLS.items()}
    header_fill = PatternFill("solid", fgColor="EEEEEE")

    def sheet(title: str, headings: list[str], widths: list[int], fit: bool = True):
        ws = workbook.create_sheet(title)
        ws.freeze_panes = "A2"
        # printed: A4 landscape, the header row on every page; as wide as the page (not the matrix: too wide)
        ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", "9"  # 9: A4
        ws.sheet_properties.pageSetUpPr.fitToPage = fit
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.print_title_rows = "1:1"
        for number, width in enumerate(widths, 1):
            ws.column_dimensions[_column(number)].width = width
        cells = []
        for heading in headings:
            cell = WriteOnlyCell(ws, value=xlsx_text(heading))
            cell.font, cell.fill, cell.alignment = bold, header_fill, Alignment(wrap_text=True, vertical="top")
            cells.append(cell)
        ws.append(cells)
        return ws

    def filters(ws, columns: int, rows: int) -> None:
        ws.auto_filter.ref = f"A1:{_column(max(columns, 1))}{rows + 1}"  # written when the workbook is saved

    def verdict_cell(ws, value: str | None, word: str | None = None):
        cell = WriteOnlyCell(ws, value=xlsx_text(word if word is not None else _verdict_word(value, lang)))
        cell.data_type = "s"
        if value in fills:
            cell.fill = fills[value]
            cell.font = white if value == "error" else Font()
        return cell

    def date_cell(ws, value: str | None):
        day = _as_date(value)
        cell = WriteOnlyCell(ws, value=day if isinstance(day, dt.date) else xlsx_text(day))
        if isinstance(day, dt.date):
            cell.number_format = "DD/MM/YYYY"
        else:
            cell.data_type = "s"
        return cell

    counted = list(Verdict)
    ordered = worst_first(outcomes)
    plans = sheet(t("batch.xlsx_plans"),
                  [t("batch.province"), t("batch.plan"), t("batch.xlsx_plan_title"), t("report.date"), t("report.file"),
                   t("batch.decision"), t("batch.overall"), *[t(f"verdict.{v.value}") for v in counted]],
                  [14, 16, 50, 11, 32, 13, 15, *[15 for _ in counted]])
    for outcome in ordered:
        report = outcome.report
        if report is None:
            plans.append(_texts(plans, ["", xlsx_text(plan_label(outcome)), "", "", xlsx_text(outcome.path.name), "",
                                        verdict_cell(plans, "error", t("batch.error"))]))
            continue
        counts = report.counts()
        plans.append(_texts(plans, [xlsx_text(report.plan.province), xlsx_text(plan_label(outcome)),
                                    xlsx_text(report.plan.title), date_cell(plans, report.plan.date),
                                    xlsx_text(outcome.path.name), xlsx_text(report.decision),
                                    verdict_cell(plans, report.overall.value), *[counts[v] for v in counted]]))

    filters(plans, 7 + len(counted), len(ordered))

    rule_ids, rows = matrix(outcomes)
    grid = sheet(t("batch.xlsx_matrix"), [t("batch.province"), t("batch.plan"), t("report.file"), *rule_ids],
                 [16, 18, 30, *[15 for _ in rule_ids]], fit=False)
    for outcome, verdicts in rows:
        label = [xlsx_text(outcome.report.plan.province if outcome.report else ""), xlsx_text(plan_label(outcome)),
                 xlsx_text(outcome.path.name)]
        if outcome.report is None:
            grid.append(_texts(grid, [*label, verdict_cell(grid, "error", t("batch.error"))]))
            continue
        grid.append(_texts(grid, [*label, *[verdict_cell(grid, verdicts.get(rid)) for rid in rule_ids]]))
    filters(grid, 3 + len(rule_ids), len(rows))
    fails = fail_counts(outcomes)
    grid.append(_texts(grid, ["", xlsx_text(t("batch.fails_per_rule")), "", *[fails.get(rid, 0) for rid in rule_ids]]))

    rules = sheet(t("batch.xlsx_rules"), [t("report.rule"), t("batch.xlsx_ruleset"), t("batch.decision"),
                                          t("batch.xlsx_section"), t("batch.xlsx_title"), t("batch.fails_per_rule")],
                  [14, 14, 14, 24, 80, 14])
    listed = 0
    for table in matrix_tables(outcomes, lang):
        for column in table.columns:
            rules.append(_texts(rules, [column.rule_id, table.ruleset, xlsx_text(table.decision),
                                        xlsx_text(t(f"section.{table.section}")), xlsx_text(column.title), column.fails]))
            listed += 1
    filters(rules, 6, listed)
    from ..core.clock import today
    checked = dt.datetime.combine(today(), dt.time())
    workbook.properties.created, workbook.properties.creator = checked, "ctxh-check"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _same_bytes(buffer.getvalue(), checked.strftime("%Y-%m-%dT%H:%M:%SZ"))


def _same_bytes(archive: bytes, checked: str) -> bytes:
    """The same plans give the same file: the writer dates each member, and the workbook's "modified",
    with the time of writing; here they are the day of the check."""
    import re
    import zipfile
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + checked.encode(), data)
            target.writestr(zipfile.ZipInfo(member.filename, (1980, 1, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _column(number: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(number)


def xlsx_text(value: object) -> object:
    """Text as a workbook can hold it (no control characters); every text cell is written as text, never
    as a formula (see ``_texts``)."""
    if not isinstance(value, str):
        return value
    return "".join(ch for ch in value if ch in "\t\n" or ord(ch) >= 32)


def _texts(ws, values: list) -> list:
    """A row whose strings are text cells: a plan's "=…" is shown as written, never computed."""
    from openpyxl.cell import WriteOnlyCell
    row = []
    for value in values:
        if isinstance(value, str):
            value = WriteOnlyCell(ws, value=value)
            value.data_type = "s"
        row.append(value)
    return row
