"""Command line: ``ctxh-check plan.yaml``. A thin layer over the library API.

Exit codes: 0 no failure; 1 at least one finding with a --fail-on verdict (default: fail);
2 input or usage error (in a batch: at least one file could not be checked); 3 internal error.
"""

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path

import typer

from ..core.errors import CheckerError, InputError, Problem, os_problem
from ..core.i18n import translate
from ..extract.document import is_document
from ..model.findings import Report, Verdict
from ..reports.writing import OutputGuard, documents_beside, write_atomically
from .usage import SUBCOMMANDS, LocalCommand, language_of

# Modules that only some runs need (the extractor, the catalogue, batches, diffs, waivers, JSON)
# are imported where they are used: a plain check does not pay for them.

EXIT_OK, EXIT_FAIL, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
SUFFIXES = {"text": ".txt", "markdown": ".md", "html": ".html", "json": ".json"}
#: report file suffixes -> format (``-o report.html`` writes HTML unless --format says otherwise)
FORMAT_OF_SUFFIX = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
                    ".htm": "html", ".json": "json"}


class Format(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"


class Lang(str, Enum):
    vi = "vi"
    en = "en"


class Colour(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


app = typer.Typer(add_completion=False, no_args_is_help=False, rich_markup_mode=None,
                  context_settings={"help_option_names": ["-h", "--help"]})


def _version(ctx: typer.Context, shown: bool) -> None:
    """--version: the tool's version and each ruleset's identity (a digest of its files: two runs with the
    same digests applied the same rules), and the ruleset folder the run would use, with its own digest
    and path."""
    if not shown:
        return
    from importlib import metadata

    from ..rules.ruleset_loader import available_rulesets, fingerprint, load_ruleset
    try:
        version = metadata.version("ctxh-compliance")
    except metadata.PackageNotFoundError:
        version = "?"
    lines = [f"ctxh-check {version}"]
    for name in available_rulesets():
        rs = load_ruleset(name)
        lines.append(f"  {name}\t{rs.decision.number}\t{len(rs.rules)}\t{fingerprint(name)}")
    from .usage import given_value
    chosen = given_value(getattr(ctx.command, "raw_args", []), ["--ruleset", "-r"]) \
        or (ctx.default_map or {}).get("ruleset")
    if chosen and chosen not in available_rulesets():  # a ruleset folder, named on the line or by a configuration file
        try:
            rs = load_ruleset(chosen)
        except InputError as exc:
            sys.stderr.write(exc.render(language_of(getattr(ctx.command, "raw_args", []))) + "\n")
            raise typer.Exit(EXIT_INPUT) from None
        lines.append(f"  {rs.id}\t{rs.decision.number}\t{len(rs.rules)}\t{rs.fingerprint}\t{rs.folder}")
    sys.stdout.write("\n".join(lines) + "\n")
    raise typer.Exit(0)


def _fmt_for(output: Path | None, fmt: Format | None) -> str:
    """The report's format: --format, else the output file's suffix (checked by ``_check_suffix``), else text."""
    if fmt is not None:
        return fmt.value
    suffix = output.suffix.lower() if output is not None else ""
    return FORMAT_OF_SUFFIX.get(suffix, "text")


def _check_suffix(output: Path, fmt: Format | None) -> None:
    """A report file's suffix must name a report format (``-o x.pdf`` would be plain text in a .pdf), and the
    format chosen with --format when there is one."""
    suffix = output.suffix.lower()
    if suffix not in FORMAT_OF_SUFFIX:
        raise InputError([Problem(str(output), None, None, "cli.bad_suffix" if suffix else "cli.no_suffix",
                                  {"suffix": output.suffix, "allowed": ", ".join(FORMAT_OF_SUFFIX)})])
    if fmt is not None and FORMAT_OF_SUFFIX[suffix] != fmt.value:
        raise InputError([Problem(str(output), None, None, "cli.suffix_format",
                                  {"suffix": output.suffix, "fmt": fmt.value,
                                   "expected": ", ".join(s for s, f in FORMAT_OF_SUFFIX.items() if f == fmt.value)})])


def _emit(text: "str | Iterable[str]", output: Path | None, inputs: "list[Path] | OutputGuard") -> None:
    if output is None:
        if sys.stdout is None:  # started with standard output closed
            raise InputError([Problem("stdout", None, None, "cli.stdout_closed", {})])
        try:
            if isinstance(text, str):
                sys.stdout.write(text)
            else:  # a template's pieces
                sys.stdout.writelines(text)
            sys.stdout.flush()
        except BrokenPipeError:  # the reader went away (| head, | grep -q, quitting less): not an error
            _discard_stdout()
        except OSError as exc:  # a full disk behind a redirection
            raise InputError([os_problem(exc, "stdout", writing=True)]) from None
        return
    (inputs if isinstance(inputs, OutputGuard) else OutputGuard(inputs)).check(output)
    try:
        write_atomically(output, text)
    except OSError as exc:
        raise InputError([os_problem(exc, str(output), writing=True)]) from None


def _discard_stdout() -> None:
    """Send what is still to be written to standard output nowhere (its reader is gone)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


@dataclass
class RunOptions:
    """Everything a run needs besides the plan files: one object, built from the command line."""

    lang: str = "vi"
    ruleset: str | None = None
    fmt: Format | None = None
    output: Path | None = None
    colour: Colour = Colour.auto
    as_of: date | None = None
    chosen: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    fail_on: str = "fail"
    output_folder: bool = False  # -o names a folder ("dir/", or one that exists): the report goes inside
    waivers_file: Path | None = None
    diff: bool = False
    extract_only: bool = False
    list_rules: str | None = None
    explain: str | None = None
    catalogue: str | None = None
    schema: bool = False
    report_schema: bool = False
    list_rulesets: bool = False
    everything: bool = False
    annotate: bool = False
    jobs: int = 1
    config_file: Path | None = None  # the configuration file read (an input: never an output)
    ruleset_chosen: str | None = None  # where --ruleset came from: "--ruleset", or the configuration file
    # resolved by the run
    failing: set[Verdict] = field(default_factory=set)
    waivers: list = field(default_factory=list)
    matched_waivers: set[int] = field(default_factory=set)  # waivers whose plan was among those checked
    extraction: object = None  # the last document's extraction (what was read where), for --annotate

    def report_for(self, path: Path, guard: OutputGuard | None = None) -> Report:
        from ..rules.checker import check
        from ..rules.ruleset_loader import load_ruleset, select_ruleset
        from ..rules.selection import rule_patterns, select
        extracted = None
        if is_document(path):
            from ..extract.document import load_extraction
            loaded, extracted, extraction = load_extraction(path)
            if self.annotate:
                self.extraction = extraction
        else:
            from ..inputs.plan_loader import load_plan
            loaded = load_plan(path)
        if guard is not None:  # the document the plan was made from is an input too: never replaced
            guard.add_plan(path, loaded.plan.source.document if loaded.plan.source else None)
        if self.ruleset:
            rs, selected_by = load_ruleset(self.ruleset), None
        else:
            rs, selected_by = select_ruleset(loaded)
        known = {r.id for r in rs.rules}
        chosen = rule_patterns(self.chosen, known, "--select")
        skipped = rule_patterns(self.skipped, known, "--skip")
        report = select(check(loaded, rs, selected_by, self.as_of, self.ruleset_chosen), chosen, skipped)
        if extracted is not None:
            report = report.model_copy(update={"extraction": extracted})
        if self.waivers:
            from ..rules.waivers import apply_waivers, matches_plan
            self.matched_waivers.update(i for i, w in enumerate(self.waivers) if matches_plan(w, report))
            report = apply_waivers(report, self.waivers)
        return report

    def warn_unmatched_waivers(self) -> None:
        """A waiver whose plan was not among those checked: a warning naming it (a mistyped number or
        province would otherwise waive nothing, silently)."""
        for i, w in enumerate(self.waivers):
            if i not in self.matched_waivers:
                line, column = w.where
                sys.stderr.write(Problem(str(self.waivers_file), line, column, "waiver.unmatched",
                                         {"rule": w.rule}).render(self.lang) + "\n")

    def painted(self, fmt: str) -> bool:
        return fmt == "text" and self.output is None and (self.colour == Colour.always or (
            self.colour == Colour.auto and sys.stdout is not None and sys.stdout.isatty()
            and not os.environ.get("NO_COLOR")))


def _split(values: list[str]) -> list[str]:
    """``--select a,b --select c`` -> [a, b, c]."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@app.command(cls=LocalCommand, help="Kiểm tra kế hoạch công tác xã hội cấp tỉnh (YAML) theo quyết định quốc gia mà nó thực hiện. "
                  "Nhiều tệp hoặc một thư mục: kiểm tra từng kế hoạch và lập bảng tổng hợp. "
                  "Mã thoát: 0 không có KHÔNG ĐẠT; 1 có KHÔNG ĐẠT (hoặc kết luận chọn bằng --fail-on); "
                  "2 lỗi đầu vào; 3 lỗi nội bộ. Dự thảo kế hoạch để tỉnh điền: ctxh-check draft (xem ctxh-check draft -h).")
def main(
    ctx: typer.Context,
    plans: list[Path] | None = typer.Argument(None, help="Tệp kế hoạch (YAML), nhiều tệp hoặc thư mục",
                                                 show_default=False),
    ruleset: str | None = typer.Option(None, "--ruleset", "-r",
                                          help="Bộ quy tắc (tên hoặc thư mục); mặc định: theo căn cứ của kế hoạch"),
    fmt: Format | None = typer.Option(None, "--format", "-f",
                                         help="text (mặc định), markdown, html, json; mặc định theo đuôi của --output"),
    output: Path | None = typer.Option(None, "--output", "-o",
                                          help="Tệp báo cáo; với nhiều kế hoạch: thư mục nhận báo cáo và bảng tổng hợp"),
    lang: Lang = typer.Option(Lang.vi, "--lang", help="Ngôn ngữ báo cáo: vi hoặc en"),
    colour: Colour = typer.Option(Colour.auto, "--colour", "--color", help="Màu: auto (chỉ trên terminal), always, never"),
    as_of: datetime | None = typer.Option(None, "--as-of", formats=["%Y-%m-%d"],
                                             help="Xét kế hoạch tại ngày này (YYYY-MM-DD) cho các quy định thay đổi theo "
                                                  "thời gian; mặc định: ngày của kế hoạch, hoặc hôm nay nếu chưa có ngày"),
    chosen: list[str] = typer.Option([], "--select", help="Chỉ báo cáo các quy tắc này (mã, hoặc tiền tố như QD112-T*)"),
    skipped: list[str] = typer.Option([], "--skip", help="Bỏ qua các quy tắc này (mã hoặc tiền tố)"),
    fail_on: str = typer.Option("fail", "--fail-on",
                                help="Các kết luận làm mã thoát bằng 1, cách nhau dấu phẩy (ví dụ fail,needs_review)"),
    waivers: Path | None = typer.Option(None, "--waivers", help="Tệp miễn trừ (YAML)"),
    diff: bool = typer.Option(False, "--diff", help="So sánh hai bản kế hoạch (hoặc hai báo cáo JSON): cũ rồi mới"),
    extract_only: bool = typer.Option(False, "--extract",
                                      help="Trích kế hoạch từ văn bản (.txt, .docx, .pdf) thành tệp YAML, kèm vị trí và "
                                           "độ tin cậy của từng giá trị, rồi thoát (không kiểm tra)"),
    list_rules: str | None = typer.Option(None, "--list-rules", help="Liệt kê các quy tắc của một bộ quy tắc"),
    explain: str | None = typer.Option(None, "--explain", help="Giải thích một quy tắc theo mã"),
    catalogue: str | None = typer.Option(None, "--catalogue", help="Trang Markdown danh mục quy tắc của một bộ quy tắc"),
    schema: bool = typer.Option(False, "--schema", help="In JSON Schema của định dạng kế hoạch rồi thoát"),
    report_schema: bool = typer.Option(False, "--report-schema", help="In JSON Schema của báo cáo JSON rồi thoát"),
    list_rulesets: bool = typer.Option(False, "--list-rulesets", help="Liệt kê các bộ quy tắc có sẵn rồi thoát"),
    everything: bool = typer.Option(False, "--all", help="Báo cáo trên terminal (text) in cả các quy tắc đạt và không áp dụng; "
                                                      "mặc định chỉ in các vấn đề và số lượng"),
    annotate: bool = typer.Option(False, "--annotate",
                                  help="Ghi góp ý vào bản sao văn bản Word (.docx) của kế hoạch: mỗi vấn đề một ghi chú "
                                       "(comment) trên đoạn văn của nó, một ghi chú tổng hợp ở tên kế hoạch; "
                                       "-o tên tệp .docx của bản sao"),
    jobs: int = typer.Option(1, "--jobs", "-j", min=0,
                             help="Số tiến trình kiểm tra song song khi có nhiều kế hoạch (0: theo số lõi CPU)"),
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                 help="In phiên bản của công cụ và của từng bộ quy tắc rồi thoát"),
    config: Path | None = typer.Option(None, "--config", help="Tệp cấu hình (thay cho ctxh.toml/.ctxh.yaml tìm thấy)"),
    no_config: bool = typer.Option(False, "--no-config", help="Không đọc tệp cấu hình nào"),
) -> None:
    options = RunOptions(
        lang=lang.value, ruleset=ruleset, fmt=fmt, output=output, colour=colour,
        as_of=as_of.date() if as_of else None, chosen=_split(chosen), skipped=_split(skipped), fail_on=fail_on,
        waivers_file=waivers, diff=diff, extract_only=extract_only, list_rules=list_rules, explain=explain,
        catalogue=catalogue, schema=schema, report_schema=report_schema, list_rulesets=list_rulesets,
        everything=everything, annotate=annotate, jobs=jobs or os.cpu_count() or 1)
    settings = getattr(ctx.command, "settings", None)
    options.config_file = settings.file if settings is not None else None
    if ruleset:
        options.ruleset_chosen = str(options.config_file) if _from_config(ctx, "ruleset") else "--ruleset"
    if _from_config(ctx, "output") and (schema or report_schema or list_rulesets or list_rules or catalogue or explain
                                        or extract_only or diff):
        options.output = None  # the configuration file's output is where reports go, not listings
    options.output_folder = options.output is not None and (options.output.is_dir() or _names_folder(ctx))
    try:
        code = _run(plans or [], options)
    except InputError as exc:
        sys.stderr.write(exc.render(options.lang) + "\n")
        code = EXIT_INPUT
    except CheckerError as exc:
        sys.stderr.write(exc.render(options.lang) + "\n")
        code = EXIT_INTERNAL
    except Exception as exc:  # a defect: say so plainly, never with exit code 1 ("failures found")
        sys.stderr.write(translate("engine.unexpected", options.lang, detail=f"{type(exc).__name__}: {exc}") + "\n")
        code = EXIT_INTERNAL
    raise typer.Exit(code)


def _from_config(ctx: typer.Context, name: str) -> bool:
    """Whether the parameter's value is the configuration file's (not given on the command line)."""
    from typer._click.core import ParameterSource
    return ctx.get_parameter_source(name) is ParameterSource.DEFAULT_MAP


def _names_folder(ctx: typer.Context) -> bool:
    """Whether --output (as typed, or as the configuration file gives it) ends with a slash: a folder."""
    from .usage import given_value
    typed = given_value(getattr(ctx.command, "raw_args", []), ["--output", "-o"])
    if typed is None:
        typed = str((ctx.default_map or {}).get("output", ""))
    return typed.endswith(("/", os.sep))


def _run(plans: list[Path], o: RunOptions) -> int:
    """What the command line asks for, in order: a listing or schema, an extraction, a diff, checks."""
    if o.schema or o.report_schema:
        import json
        if o.schema:
            from ..model.plan import Plan
            data = Plan.model_json_schema()
        else:
            from ..reports.report_json import json_schema
            data = json_schema()
        _emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", o.output, [])
        return EXIT_OK
    if o.list_rulesets:
        from ..rules.ruleset_loader import available_rulesets, load_ruleset
        rows = [translate("cli.rulesets_header", o.lang)]
        for name in available_rulesets():
            rs = load_ruleset(name)
            rows.append(f"{name}\t{rs.decision.number}\t{len(rs.rules)}\t{getattr(rs.decision.title, o.lang)}")
        _emit("\n".join(rows) + "\n", o.output, [])
        return EXIT_OK
    if o.list_rules or o.catalogue:
        from ..reports.catalogue import render_catalogue
        from ..rules.ruleset_loader import load_ruleset
        rs = load_ruleset(o.list_rules or o.catalogue)
        guard = _guard(RunOptions(ruleset=o.list_rules or o.catalogue, config_file=o.config_file), [])
        _emit(render_catalogue(rs, o.lang, "list" if o.list_rules else "markdown"), o.output, guard)
        return EXIT_OK
    if o.explain:
        from ..reports.catalogue import render_explanation
        _emit(render_explanation(o.explain, o.lang), o.output, [])
        return EXIT_OK
    if not plans:
        raise InputError([Problem("ctxh-check", None, None, "cli.no_plan", {})])
    _stdin_once(plans, o)
    if o.extract_only:
        return _extract(plans, o)

    from ..rules.selection import parse_fail_on
    o.failing = parse_fail_on(o.fail_on.lower())
    if o.waivers_file:
        from ..rules.ruleset_loader import available_rulesets, load_ruleset
        from ..rules.waivers import load_waivers
        known = {r.id for name in available_rulesets() for r in load_ruleset(name).rules}
        if o.ruleset:
            known |= {r.id for r in load_ruleset(o.ruleset).rules}
        o.waivers = load_waivers(o.waivers_file, known)
    if o.diff:
        return _diff(plans, o)
    if o.annotate:
        return _annotate(plans, o)
    from ..inputs.gate import is_stdin
    if len(plans) == 1 and (is_stdin(plans[0]) or not _is_folder(plans[0])):
        files = plans  # one plan: the batch module is not needed
    else:
        from .batch import expand
        files = expand(plans)
    if len(files) == 1:
        code = _single(files[0], o)
    else:
        code = _batch(files, o)
    o.warn_unmatched_waivers()
    return code


def _stdin_once(plans: list[Path], o: RunOptions) -> None:
    """Standard input is read once per run: named twice (``--diff - -``, ``- --waivers -``), the run
    is refused before anything is read."""
    from ..inputs.gate import is_stdin
    as_plans = sum(is_stdin(p) for p in plans)
    uses = ([translate("cli.stdin_use_plan", o.lang) if as_plans == 1 else translate("cli.stdin_use_plans", o.lang, n=as_plans)]
            if as_plans else [])
    if o.waivers_file is not None and is_stdin(o.waivers_file):
        uses.append("--waivers")
    if as_plans > 1 or len(uses) > 1:
        raise InputError([Problem("-", None, None, "cli.stdin_once", {"uses": ", ".join(uses)})])


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long, a loop of links: not a folder; writing the file will say why
        return False


def _guard(o: RunOptions, files: list[Path]) -> OutputGuard:
    """Every input of the run: no output may replace one."""
    from ..rules.ruleset_loader import available_rulesets, ruleset_files
    guard = OutputGuard()
    for path in files:
        guard.add_plan(path)
    if o.waivers_file is not None:
        guard.add([o.waivers_file])
    if o.config_file is not None:
        guard.add([o.config_file])
    names = [*available_rulesets(), *([o.ruleset] if o.ruleset else [])]
    guard.add(p for name in names for p in ruleset_files(name))  # the folder is checked, never walked
    return guard


def _single(path: Path, o: RunOptions) -> int:
    from ..reports.report import render
    guard = _guard(o, [path])
    output = o.output
    if output is not None and o.output_folder:
        fmt = _fmt_for(None, o.fmt)
        name = "stdin" if str(path) == "-" else path.stem
        output = output / f"{name}{SUFFIXES[fmt]}"
    elif output is not None:
        guard.check(output)  # never in place of an input of the run, a link, a device (said first)
        _check_suffix(output, o.fmt)
        fmt = _fmt_for(output, o.fmt)
    else:
        fmt = _fmt_for(None, o.fmt)
    if output is not None:
        guard.check(output)  # before any work
    report = o.report_for(path, guard)
    if output is not None and o.output_folder:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError([os_problem(exc, str(output.parent), writing=True)]) from None
    _emit(render(report, fmt, o.lang, o.painted(fmt) and output is None, o.everything), output, guard)
    return EXIT_FAIL if report.fails_on(o.failing) else EXIT_OK


def _batch(files: list[Path], o: RunOptions) -> int:
    from . import batch
    folder = o.output
    if folder is not None and ((((folder.exists() or folder.is_symlink()) and not _is_folder(folder)))
                               or (not o.output_folder and folder.suffix.lower() in FORMAT_OF_SUFFIX)):
        raise InputError([Problem(str(folder), None, None, "batch.output_folder", {})])  # -o report.html
    if folder is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError([os_problem(exc, str(folder), writing=True)]) from None
    fmt = _fmt_for(None, o.fmt)
    guard = _guard(o, files)
    inside = os.path.realpath(folder) if folder is not None else None
    # one file per plan: none overwrites another, nor an input or a plan's document in the output folder
    taken = [os.path.basename(p) for p in guard.paths if os.path.dirname(p) == inside]
    names = batch.report_names(files, SUFFIXES[fmt], taken + (documents_beside(files, folder) if folder else []))
    check = batch.BatchCheck(o, folder, fmt, names, guard)
    results: list[batch.PlanResult] = []
    if Path("-") in names and f"stdin{SUFFIXES[fmt]}" not in names.values():
        names[Path("-")] = f"stdin{SUFFIXES[fmt]}"  # the plan read from standard input
    show_bar = sys.stderr.isatty()
    with typer.progressbar(batch.check_all(files, check, o.jobs), length=len(files),
                           label=translate("batch.progress", o.lang), file=sys.stderr, hidden=not show_bar) as bar:
        results.extend(bar)
    # a check's own report saved beside the plans is left out of the batch, said so once, and fails nothing
    skipped = [r for r in results if r.problems and all(p.key == "extract.own_report" for p in r.problems)]
    results = [r for r in results if r not in skipped]
    if skipped and not results:  # reports only: nothing to sum up
        raise InputError([Problem(str(r.path), None, None, "extract.own_report", r.problems[0].params) for r in skipped])
    for result in results:
        if result.problems:
            sys.stderr.write(_problems(result.problems, o.lang) + "\n")
    links = {r.path: names[r.path] for r in results if r.report is not None} if folder is not None else {}
    if folder is not None:
        _emit(batch.summary_csv(results, o.lang), folder / "summary.csv", guard)
        _emit(batch.summary_html(results, links, o.lang), folder / "summary.html", guard)
        _emit(batch.summary_xlsx(results, o.lang), folder / "summary.xlsx", guard)
    from ..reports.escaping import term
    if folder is not None:  # the batch says what it wrote, where
        sys.stderr.write(translate("batch.wrote", o.lang, n=len(links), folder=term(str(folder)),
                                   files=", ".join(batch.SUMMARY_FILES)) + "\n")
    lines = [f"{term(_shown_path(r.path))}: {translate('batch.skipped_report', o.lang)}" for r in skipped]
    for result in batch.worst_first(results):
        if result.report is None:
            lines.append(f"{term(_shown_path(result.path))}: {translate('batch.error', o.lang)}")
            continue
        counts = result.report.counts()
        lines.append(translate("batch.line", o.lang, file=term(_shown_path(result.path)),
                               overall=translate(f"verdict.{result.report.overall.value}", o.lang),
                               fail=counts[Verdict.FAIL], review=counts[Verdict.NEEDS_REVIEW]))
    _emit("\n".join(lines) + "\n", None, [])
    if any(r.internal for r in results):
        return EXIT_INTERNAL
    if any(r.report is None for r in results):
        return EXIT_INPUT
    return EXIT_FAIL if any(r.report.fails_on(o.failing) for r in results) else EXIT_OK


def _shown_path(path: Path) -> str:
    """A plan's file as messages name it (``-`` is ``<stdin>``)."""
    from ..inputs.yaml_source import STDIN
    return STDIN if str(path) == "-" else str(path)


def _problems(problems: list[Problem], lang: str) -> str:
    from ..core.errors import render_problems
    return render_problems(problems, lang)


def _extract(paths: list[Path], o: RunOptions) -> int:
    from ..extract import extract
    if len(paths) != 1:
        raise InputError([Problem("--extract", None, None, "diff.needs_one", {})])
    extraction = extract(paths[0])
    _emit(extraction.to_yaml(), o.output, _guard(o, paths))
    if extraction.missing:
        sys.stderr.write(f"{paths[0]}: {translate('extract.missing_list', o.lang, items=', '.join(extraction.missing))}\n")
    if not extraction.valid:
        detail = translate("extract.invalid", o.lang, errors="; ".join(e.show(o.lang) for e in extraction.errors),
                           missing=", ".join(extraction.missing))
        sys.stderr.write(f"{paths[0]}: {detail}\n")
        return EXIT_INPUT
    return EXIT_OK


def _annotate(paths: list[Path], o: RunOptions) -> int:
    """``ctxh-check ke-hoach.docx --annotate -o ke-hoach-gop-y.docx``: the check, and a copy of the
    user's .docx with the review as Word comments (the findings to act on; all of them with --all)."""
    from ..extract.document import places
    from ..reports.annotate import annotate
    from ..reports.report import PROBLEMS, render
    from ..rules.ruleset_loader import available_rulesets, fingerprint
    if len(paths) != 1 or str(paths[0]) == "-" or _is_folder(paths[0]):
        raise InputError([Problem("--annotate", None, None, "annotate.one_plan", {})])
    path = paths[0]
    if path.suffix.lower() != ".docx":
        raise InputError([Problem(str(path), None, None, "annotate.not_docx", {"kind": path.suffix or path.name})])
    if o.output is None or o.output_folder or o.output.suffix.lower() != ".docx":
        raise InputError([Problem(str(o.output or "--annotate"), None, None, "annotate.output_docx", {})])
    guard = _guard(o, [path])
    guard.check(o.output)  # never in place of the user's file, before any work
    report = o.report_for(path, guard)
    chosen = [f for f in report.findings if o.everything or (f.verdict in PROBLEMS and f.waiver is None)]
    stamp = fingerprint(report.ruleset) if report.ruleset in available_rulesets() else "-"
    data, placed = annotate(report, path, chosen, places(report, o.extraction), o.lang, stamp)
    _emit(data, o.output, guard)
    _emit(render(report, "text", o.lang, o.painted("text"), o.everything), None, [])
    sys.stderr.write(translate("annotate.written", o.lang, output=o.output, placed=placed) + "\n")
    return EXIT_FAIL if report.fails_on(o.failing) else EXIT_OK


def _diff(paths: list[Path], o: RunOptions) -> int:
    from ..reports.diff import compare
    from ..reports.report import environment
    from ..reports.report_json import read_report
    if len(paths) != 2:
        raise InputError([Problem("--diff", None, None, "diff.needs_two", {})])
    if o.output is not None:
        _check_suffix(o.output, None)
    old, new = (read_report(p) if p.suffix.lower() == ".json" else o.report_for(p) for p in paths)
    groups = compare(old, new)
    text = environment(o.lang, False, escape="term").get_template("diff.txt.j2").render(old=old, new=new, groups=groups)
    _emit(text, o.output, _guard(o, paths))
    return EXIT_FAIL if new.fails_on(o.failing) else EXIT_OK


def main_entry() -> int:
    """Run the command line; return its exit code (``__main__.run`` is the console script)."""
    args = sys.argv[1:]
    command, prog = app, "ctxh-check"
    if args and args[0] in SUBCOMMANDS:
        from importlib import import_module
        module, _, name = SUBCOMMANDS[args[0]].partition(":")
        command, prog, args = getattr(import_module(module), name), f"ctxh-check {args[0]}", args[1:]
        if not isinstance(command, typer.Typer):  # a plain entry point (the web server): main(argv) -> code
            return command(args)
    try:
        command(args=args, prog_name=prog)
    except SystemExit as exit:
        return exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 2)
    return 0

