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

from .document_input import is_document
from .errors import CheckerError, InputError, Problem
from .findings import Report, Verdict
from .i18n import translate
from .writing import OutputGuard, documents_beside, write_atomically

# Modules that only some runs need (the extractor, the catalogue, batches, diffs, waivers, JSON)
# are imported where they are used: a plain check does not pay for them.

EXIT_OK, EXIT_FAIL, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
SUFFIXES = {"text": ".txt", "markdown": ".md", "html": ".html", "json": ".json"}


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


def _version(shown: bool) -> None:
    """--version: the tool's version and each ruleset's identity (a digest of its files: two runs with the
    same digests applied the same rules)."""
    if not shown:
        return
    from importlib import metadata

    from .ruleset_loader import available_rulesets, fingerprint, load_ruleset
    try:
        version = metadata.version("ctxh-compliance")
    except metadata.PackageNotFoundError:
        version = "?"
    lines = [f"ctxh-check {version}"]
    for name in available_rulesets():
        rs = load_ruleset(name)
        lines.append(f"  {name}\t{rs.decision.number}\t{len(rs.rules)}\t{fingerprint(name)}")
    sys.stdout.write("\n".join(lines) + "\n")
    raise typer.Exit(0)


def _fmt_for(output: Path | None, fmt: Format | None) -> str:
    if fmt is not None:
        return fmt.value
    suffix = output.suffix.lower() if output is not None else ""
    return {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".json": "json"}.get(
        suffix, "text")


def _emit(text: "str | Iterable[str]", output: Path | None, inputs: "list[Path] | OutputGuard") -> None:
    if output is None:
        if sys.stdout is None:  # started with standard output closed
            raise InputError([Problem("stdout", None, None, "cli.stdout_closed", {})])
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:  # the reader went away (| head, | grep -q, quitting less): not an error
            _discard_stdout()
        except OSError as exc:  # a full disk behind a redirection
            raise InputError([Problem("stdout", None, None, "cli.cannot_write",
                                      {"detail": exc.strerror or exc})]) from None
        return
    (inputs if isinstance(inputs, OutputGuard) else OutputGuard(inputs)).check(output)
    try:
        write_atomically(output, text)
    except OSError as exc:
        raise InputError([Problem(str(output), None, None, "cli.cannot_write", {"detail": exc.strerror or exc})]) from None


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
    waivers_file: Path | None = None
    diff: bool = False
    extract_only: bool = False
    list_rules: str | None = None
    explain: str | None = None
    catalogue: str | None = None
    schema: bool = False
    report_schema: bool = False
    list_rulesets: bool = False
    jobs: int = 1
    # resolved by the run
    failing: set[Verdict] = field(default_factory=set)
    waivers: list = field(default_factory=list)

    def report_for(self, path: Path, guard: OutputGuard | None = None) -> Report:
        from .checker import check
        from .ruleset_loader import load_ruleset, select_ruleset
        from .selection import check_patterns, select
        extracted = None
        if is_document(path):
            from .document_input import load_document
            loaded, extracted = load_document(path)
        else:
            from .plan_loader import load_plan
            loaded = load_plan(path)
        if guard is not None:  # the document the plan was made from is an input too: never replaced
            guard.add_plan(path, loaded.plan.source.document if loaded.plan.source else None)
        if self.ruleset:
            rs, selected_by = load_ruleset(self.ruleset), None
        else:
            rs, selected_by = select_ruleset(loaded)
        known = {r.id for r in rs.rules}
        check_patterns(self.chosen, known, "--select")
        check_patterns(self.skipped, known, "--skip")
        report = select(check(loaded, rs, selected_by, self.as_of), self.chosen, self.skipped)
        if extracted is not None:
            report = report.model_copy(update={"extraction": extracted})
        if self.waivers:
            from .waivers import apply_waivers
            report = apply_waivers(report, self.waivers)
        return report

    def painted(self, fmt: str) -> bool:
        return fmt == "text" and self.output is None and (self.colour == Colour.always or (
            self.colour == Colour.auto and sys.stdout is not None and sys.stdout.isatty()
            and not os.environ.get("NO_COLOR")))


@app.command(help="Kiểm tra kế hoạch công tác xã hội cấp tỉnh (YAML) theo quyết định quốc gia mà nó thực hiện. "
                  "Nhiều tệp hoặc một thư mục: kiểm tra từng kế hoạch và lập bảng tổng hợp. "
                  "Mã thoát: 0 không có KHÔNG ĐẠT; 1 có KHÔNG ĐẠT (hoặc kết luận chọn bằng --fail-on); "
                  "2 lỗi đầu vào; 3 lỗi nội bộ.")
def main(
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
    jobs: int = typer.Option(1, "--jobs", "-j", min=0,
                             help="Số tiến trình kiểm tra song song khi có nhiều kế hoạch (0: theo số lõi CPU)"),
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                 help="In phiên bản của công cụ và của từng bộ quy tắc rồi thoát"),
) -> None:
    options = RunOptions(
        lang=lang.value, ruleset=ruleset, fmt=fmt, output=output, colour=colour,
        as_of=as_of.date() if as_of else None, chosen=chosen, skipped=skipped, fail_on=fail_on,
        waivers_file=waivers, diff=diff, extract_only=extract_only, list_rules=list_rules, explain=explain,
        catalogue=catalogue, schema=schema, report_schema=report_schema, list_rulesets=list_rulesets,
        jobs=jobs or os.cpu_count() or 1)
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


def _run(plans: list[Path], o: RunOptions) -> int:
    """What the command line asks for, in order: a listing or schema, an extraction, a diff, checks."""
    if o.schema or o.report_schema:
        import json
        if o.schema:
            from .plan_model import Plan
            data = Plan.model_json_schema()
        else:
            from .report_json import json_schema
            data = json_schema()
        _emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", o.output, [])
        return EXIT_OK
    if o.list_rulesets:
        from .ruleset_loader import available_rulesets, load_ruleset
        rows = [translate("cli.rulesets_header", o.lang)]
        for name in available_rulesets():
            rs = load_ruleset(name)
            rows.append(f"{name}\t{rs.decision.number}\t{len(rs.rules)}\t{getattr(rs.decision.title, o.lang)}")
        _emit("\n".join(rows) + "\n", o.output, [])
        return EXIT_OK
    if o.list_rules or o.catalogue:
        from .catalogue import render_catalogue
        from .ruleset_loader import load_ruleset
        rs = load_ruleset(o.list_rules or o.catalogue)
        _emit(render_catalogue(rs, o.lang, "list" if o.list_rules else "markdown"), o.output, [])
        return EXIT_OK
    if o.explain:
        from .catalogue import render_explanation
        _emit(render_explanation(o.explain, o.lang), o.output, [])
        return EXIT_OK
    if not plans:
        raise InputError([Problem("ctxh-check", None, None, "cli.no_plan", {})])
    if o.extract_only:
        return _extract(plans, o)

    from .selection import parse_fail_on
    o.failing = parse_fail_on(o.fail_on)
    if o.waivers_file:
        from .ruleset_loader import available_rulesets, load_ruleset
        from .waivers import load_waivers
        known = {r.id for name in available_rulesets() for r in load_ruleset(name).rules}
        if o.ruleset:
            known |= {r.id for r in load_ruleset(o.ruleset).rules}
        o.waivers = load_waivers(o.waivers_file, known)
    if o.diff:
        return _diff(plans, o)
    from .batch import expand
    files = expand(plans)
    if len(files) == 1 and not (o.output is not None and _is_folder(o.output)):
        return _single(files[0], o)
    return _batch(files, o)


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long, a loop of links: not a folder; writing the file will say why
        return False


def _guard(o: RunOptions, files: list[Path]) -> OutputGuard:
    """Every input of the run: no output may replace one."""
    from .ruleset_loader import rulesets_root
    guard = OutputGuard()
    for path in files:
        guard.add_plan(path)
    if o.waivers_file is not None:
        guard.add([o.waivers_file])
    folders = [rulesets_root()] + ([Path(o.ruleset)] if o.ruleset and _is_folder(Path(o.ruleset)) else [])
    guard.add(p for folder in folders for p in folder.rglob("*"))
    return guard


def _single(path: Path, o: RunOptions) -> int:
    from .report import render
    guard = _guard(o, [path])
    report = o.report_for(path, guard)
    fmt = _fmt_for(o.output, o.fmt)
    _emit(render(report, fmt, o.lang, o.painted(fmt)), o.output, guard)
    return EXIT_FAIL if report.fails_on(o.failing) else EXIT_OK


def _batch(files: list[Path], o: RunOptions) -> int:
    from . import batch
    from .report import environment
    folder = o.output
    if folder is not None and (folder.exists() or folder.is_symlink()) and not _is_folder(folder):
        raise InputError([Problem(str(folder), None, None, "batch.output_folder", {})])
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    fmt = _fmt_for(None, o.fmt)
    guard = _guard(o, files)
    inside = os.path.realpath(folder) if folder is not None else None
    # one file per plan: none overwrites another, nor an input or a plan's document in the output folder
    taken = [os.path.basename(p) for p in guard.paths if os.path.dirname(p) == inside]
    names = batch.report_names(files, SUFFIXES[fmt], taken + (documents_beside(files, folder) if folder else []))
    check = batch.BatchCheck(o, folder, fmt, names, guard)
    results: list[batch.PlanResult] = []
    show_bar = sys.stderr.isatty()
    with typer.progressbar(batch.check_all(files, check, o.jobs), length=len(files),
                           label=translate("batch.progress", o.lang), file=sys.stderr, hidden=not show_bar) as bar:
        results.extend(bar)
    for result in results:
        if result.problems:
            sys.stderr.write(_problems(result.problems, o.lang) + "\n")
    links = {r.path: names[r.path] for r in results if r.report is not None} if folder is not None else {}
    if folder is not None:
        labels = {key: translate(f"batch.{key}", o.lang) for key in ("plan", "province", "overall", "error")}
        _emit(batch.summary_csv(results, labels), folder / "summary.csv", guard)
        rule_ids, rows = batch.matrix(results)
        html = environment(o.lang, False, html=True).get_template("summary.html.j2").generate(
            rule_ids=rule_ids, rows=rows, links=links)  # written piece by piece
        _emit(html, folder / "summary.html", guard)
    lines = []
    for result in batch.worst_first(results):
        if result.report is None:
            lines.append(f"{result.path}: {translate('batch.error', o.lang)}")
            continue
        counts = result.report.counts()
        lines.append(translate("batch.line", o.lang, file=result.path,
                               overall=translate(f"verdict.{result.report.overall.value}", o.lang),
                               fail=counts[Verdict.FAIL], review=counts[Verdict.NEEDS_REVIEW]))
    _emit("\n".join(lines) + "\n", None, [])
    if any(r.report is None for r in results):
        return EXIT_INPUT
    return EXIT_FAIL if any(r.report.fails_on(o.failing) for r in results) else EXIT_OK


def _problems(problems: list[Problem], lang: str) -> str:
    from .errors import render_problems
    return render_problems(problems, lang)


def _extract(paths: list[Path], o: RunOptions) -> int:
    from .extract import extract
    if len(paths) != 1:
        raise InputError([Problem("--extract", None, None, "diff.needs_one", {})])
    extraction = extract(paths[0])
    _emit(extraction.to_yaml(), o.output, _guard(o, paths))
    if extraction.missing:
        sys.stderr.write(f"{paths[0]}: {translate('extract.missing_list', o.lang, items=', '.join(extraction.missing))}\n")
    if not extraction.valid:
        detail = translate("extract.invalid", o.lang, errors="; ".join(extraction.errors),
                           missing=", ".join(extraction.missing))
        sys.stderr.write(f"{paths[0]}: {detail}\n")
        return EXIT_INPUT
    return EXIT_OK


def _diff(paths: list[Path], o: RunOptions) -> int:
    from .diff import compare
    from .report import environment
    from .report_json import read_report
    if len(paths) != 2:
        raise InputError([Problem("--diff", None, None, "diff.needs_two", {})])
    old, new = (read_report(p) if p.suffix.lower() == ".json" else o.report_for(p) for p in paths)
    groups = compare(old, new)
    text = environment(o.lang, False).get_template("diff.txt.j2").render(old=old, new=new, groups=groups)
    _emit(text, o.output, _guard(o, paths))
    return EXIT_FAIL if new.fails_on(o.failing) else EXIT_OK


def main_entry() -> int:
    """Run the command line; return its exit code (``__main__.run`` is the console script)."""
    try:
        app(prog_name="ctxh-check")
    except SystemExit as exit:
        return exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 2)
    return 0

