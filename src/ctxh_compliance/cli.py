"""Command line: ``ctxh-check plan.yaml``. A thin layer over the library API.

Exit codes: 0 no failure; 1 at least one finding with a --fail-on verdict (default: fail);
2 input or usage error (in a batch: at least one file could not be checked); 3 internal error.
"""

import json
import os
import sys
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from . import batch as batch_module
from .catalogue import render_catalogue, render_explanation
from .checker import check
from .diff import compare, load_json_report
from .document_input import is_document, load_document
from .errors import CheckerError, InputError, Problem
from .extract import extract
from .findings import Report, Verdict
from .i18n import translate
from .plan_loader import load_plan
from .plan_model import Plan
from .report import environment, render
from .report_json import json_schema
from .ruleset_loader import available_rulesets, load_ruleset, select_ruleset
from .selection import check_patterns, parse_fail_on, select
from .waivers import apply_waivers, load_waivers
from .writing import write_atomically

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


app = typer.Typer(add_completion=False, no_args_is_help=False, rich_markup_mode=None)


def _fmt_for(output: Path | None, fmt: Format | None) -> str:
    if fmt is not None:
        return fmt.value
    suffix = output.suffix.lower() if output is not None else ""
    return {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".json": "json"}.get(
        suffix, "text")


def _emit(text: str, output: Path | None, inputs: list[Path]) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    if any(output.resolve() == p.resolve() for p in inputs if p.exists()):
        raise InputError([Problem(str(output), None, None, "cli.output_is_input", {})])
    try:
        write_atomically(output, text)
    except OSError as exc:
        raise InputError([Problem(str(output), None, None, "cli.cannot_write", {"detail": exc.strerror or exc})])


class Options:
    """Everything a run needs besides the plan files."""

    def __init__(self, ruleset, fmt, output, lang, colour, as_of, chosen, skipped, fail_on, waivers):
        self.ruleset, self.fmt, self.output, self.lang = ruleset, fmt, output, lang
        self.colour, self.as_of, self.chosen, self.skipped = colour, as_of, chosen, skipped
        self.fail_on, self.waivers = fail_on, waivers

    def report_for(self, path: Path) -> Report:
        extracted = None
        if is_document(path):
            loaded, extracted = load_document(path)
        else:
            loaded = load_plan(path)
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
        return apply_waivers(report, self.waivers) if self.waivers else report

    def painted(self, fmt: str) -> bool:
        return fmt == "text" and self.output is None and (self.colour == Colour.always or (
            self.colour == Colour.auto and sys.stdout.isatty() and not os.environ.get("NO_COLOR")))


@app.command(help="Kiểm tra kế hoạch công tác xã hội cấp tỉnh (YAML) theo quyết định quốc gia mà nó thực hiện. "
                  "Nhiều tệp hoặc một thư mục: kiểm tra từng kế hoạch và lập bảng tổng hợp. "
                  "Mã thoát: 0 không có KHÔNG ĐẠT; 1 có KHÔNG ĐẠT (hoặc kết luận chọn bằng --fail-on); "
                  "2 lỗi đầu vào; 3 lỗi nội bộ.")
def main(
    plans: Optional[list[Path]] = typer.Argument(None, help="Tệp kế hoạch (YAML), nhiều tệp hoặc thư mục",
                                                 show_default=False),
    ruleset: Optional[str] = typer.Option(None, "--ruleset", "-r",
                                          help="Bộ quy tắc (tên hoặc thư mục); mặc định: theo căn cứ của kế hoạch"),
    fmt: Optional[Format] = typer.Option(None, "--format", "-f",
                                         help="text (mặc định), markdown, html, json; mặc định theo đuôi của --output"),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Tệp báo cáo; với nhiều kế hoạch: thư mục nhận báo cáo và bảng tổng hợp"),
    lang: Lang = typer.Option(Lang.vi, "--lang", help="Ngôn ngữ báo cáo: vi hoặc en"),
    colour: Colour = typer.Option(Colour.auto, "--colour", "--color", help="Màu: auto (chỉ trên terminal), always, never"),
    as_of: Optional[datetime] = typer.Option(None, "--as-of", formats=["%Y-%m-%d"],
                                             help="Xét kế hoạch tại ngày này (YYYY-MM-DD) cho các quy định thay đổi theo "
                                                  "thời gian; mặc định: ngày của kế hoạch, hoặc hôm nay nếu chưa có ngày"),
    chosen: list[str] = typer.Option([], "--select", help="Chỉ báo cáo các quy tắc này (mã, hoặc tiền tố như QD112-T*)"),
    skipped: list[str] = typer.Option([], "--skip", help="Bỏ qua các quy tắc này (mã hoặc tiền tố)"),
    fail_on: str = typer.Option("fail", "--fail-on",
                                help="Các kết luận làm mã thoát bằng 1, cách nhau dấu phẩy (ví dụ fail,needs_review)"),
    waivers: Optional[Path] = typer.Option(None, "--waivers", help="Tệp miễn trừ (YAML)"),
    diff: bool = typer.Option(False, "--diff", help="So sánh hai bản kế hoạch (hoặc hai báo cáo JSON): cũ rồi mới"),
    extract_only: bool = typer.Option(False, "--extract",
                                      help="Trích kế hoạch từ văn bản (.txt, .docx, .pdf) thành tệp YAML, kèm vị trí và "
                                           "độ tin cậy của từng giá trị, rồi thoát (không kiểm tra)"),
    list_rules: Optional[str] = typer.Option(None, "--list-rules", help="Liệt kê các quy tắc của một bộ quy tắc"),
    explain: Optional[str] = typer.Option(None, "--explain", help="Giải thích một quy tắc theo mã"),
    catalogue: Optional[str] = typer.Option(None, "--catalogue", help="Trang Markdown danh mục quy tắc của một bộ quy tắc"),
    schema: bool = typer.Option(False, "--schema", help="In JSON Schema của định dạng kế hoạch rồi thoát"),
    report_schema: bool = typer.Option(False, "--report-schema", help="In JSON Schema của báo cáo JSON rồi thoát"),
    list_rulesets: bool = typer.Option(False, "--list-rulesets", help="Liệt kê các bộ quy tắc có sẵn rồi thoát"),
) -> None:
    lang_code = lang.value
    try:
        code = _run(plans or [], lang_code, ruleset=ruleset, fmt=fmt, output=output, colour=colour,
                    as_of=as_of.date() if as_of else None, chosen=chosen, skipped=skipped, fail_on=fail_on,
                    waivers=waivers, diff=diff, extract_only=extract_only, list_rules=list_rules, explain=explain, catalogue=catalogue,
                    schema=schema, report_schema=report_schema, list_rulesets=list_rulesets)
    except InputError as exc:
        sys.stderr.write(exc.render(lang_code) + "\n")
        code = EXIT_INPUT
    except CheckerError as exc:
        sys.stderr.write(exc.render(lang_code) + "\n")
        code = EXIT_INTERNAL
    except Exception as exc:  # a defect: say so plainly, never with exit code 1 ("failures found")
        sys.stderr.write(translate("engine.unexpected", lang_code, detail=f"{type(exc).__name__}: {exc}") + "\n")
        code = EXIT_INTERNAL
    raise typer.Exit(code)


def _run(plans: list[Path], lang: str, **o) -> int:
    output = o["output"]
    if o["schema"] or o["report_schema"]:
        data = Plan.model_json_schema() if o["schema"] else json_schema()
        _emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output, [])
        return EXIT_OK
    if o["list_rulesets"]:
        rows = [translate("cli.rulesets_header", lang)]
        for name in available_rulesets():
            rs = load_ruleset(name)
            rows.append(f"{name}\t{rs.decision.number}\t{len(rs.rules)}\t{getattr(rs.decision.title, lang)}")
        _emit("\n".join(rows) + "\n", output, [])
        return EXIT_OK
    if o["list_rules"] or o["catalogue"]:
        rs = load_ruleset(o["list_rules"] or o["catalogue"])
        _emit(render_catalogue(rs, lang, "list" if o["list_rules"] else "markdown"), output, [])
        return EXIT_OK
    if o["explain"]:
        _emit(render_explanation(o["explain"], lang), output, [])
        return EXIT_OK
    if not plans:
        raise InputError([Problem("ctxh-check", None, None, "cli.no_plan", {})])
    if o["extract_only"]:
        return _extract(plans, output, lang)

    options = Options(o["ruleset"], o["fmt"], output, lang, o["colour"], o["as_of"], o["chosen"], o["skipped"],
                      parse_fail_on(o["fail_on"]), None)
    if o["waivers"]:
        known = {r.id for name in available_rulesets() for r in load_ruleset(name).rules}
        if o["ruleset"]:
            known |= {r.id for r in load_ruleset(o["ruleset"]).rules}
        options.waivers = load_waivers(o["waivers"], known)
    if o["diff"]:
        return _diff(plans, options)
    files = batch_module.expand(plans)
    if len(files) == 1 and not (output is not None and output.is_dir()):
        return _single(files[0], options)
    return _batch(files, options)


def _single(path: Path, options: Options) -> int:
    report = options.report_for(path)
    fmt = _fmt_for(options.output, options.fmt)
    _emit(render(report, fmt, options.lang, options.painted(fmt)), options.output, [path])
    return EXIT_FAIL if report.fails_on(options.fail_on) else EXIT_OK


def _batch(files: list[Path], options: Options) -> int:
    folder = options.output
    if folder is not None and folder.exists() and not folder.is_dir():
        raise InputError([Problem(str(folder), None, None, "batch.output_folder", {})])
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    fmt = _fmt_for(None, options.fmt)
    outcomes: list[batch_module.Outcome] = []
    links: dict[Path, str] = {}
    show_bar = sys.stderr.isatty()
    with typer.progressbar(files, label=translate("batch.progress", options.lang), file=sys.stderr,
                           hidden=not show_bar) as bar:
        for path in bar:
            try:
                report = options.report_for(path)
                outcomes.append(batch_module.Outcome(path, report))
                if folder is not None:
                    name = path.stem + SUFFIXES[fmt]
                    _emit(render(report, fmt, options.lang), folder / name, files)
                    links[path] = name
            except InputError as exc:
                outcomes.append(batch_module.Outcome(path, problems=exc.problems))
    for outcome in outcomes:
        if outcome.problems:
            sys.stderr.write("\n".join(p.render(options.lang) for p in outcome.problems) + "\n")
    if folder is not None:
        labels = {key: translate(f"batch.{key}", options.lang) for key in ("plan", "province", "overall", "error")}
        _emit(batch_module.summary_csv(outcomes, labels), folder / "summary.csv", files)
        rule_ids, rows = batch_module.matrix(outcomes)
        html = environment(options.lang, False, html=True).get_template("summary.html.j2").render(
            rule_ids=rule_ids, rows=rows, links=links)
        _emit(html, folder / "summary.html", files)
    lines = []
    for outcome in batch_module.worst_first(outcomes):
        if outcome.report is None:
            lines.append(f"{outcome.path}: {translate('batch.error', options.lang)}")
            continue
        counts = outcome.report.counts()
        lines.append(translate("batch.line", options.lang, file=outcome.path,
                               overall=translate(f"verdict.{outcome.report.overall.value}", options.lang),
                               fail=counts[Verdict.FAIL], review=counts[Verdict.NEEDS_REVIEW]))
    sys.stdout.write("\n".join(lines) + "\n")
    if any(o.report is None for o in outcomes):
        return EXIT_INPUT
    return EXIT_FAIL if any(o.report.fails_on(options.fail_on) for o in outcomes) else EXIT_OK


def _extract(paths: list[Path], output: Path | None, lang: str) -> int:
    if len(paths) != 1:
        raise InputError([Problem("--extract", None, None, "diff.needs_one", {})])
    extraction = extract(paths[0])
    _emit(extraction.to_yaml(), output, paths)
    if extraction.missing:
        sys.stderr.write(f"{paths[0]}: {translate('extract.missing_list', lang, items=', '.join(extraction.missing))}\n")
    if not extraction.valid:
        sys.stderr.write(f"{paths[0]}: {translate('extract.invalid', lang, errors='; '.join(extraction.errors), missing=', '.join(extraction.missing))}\n")
        return EXIT_INPUT
    return EXIT_OK


def _diff(paths: list[Path], options: Options) -> int:
    if len(paths) != 2:
        raise InputError([Problem("--diff", None, None, "diff.needs_two", {})])
    old, new = (load_json_report(p) if p.suffix.lower() == ".json" else options.report_for(p) for p in paths)
    groups = compare(old, new)
    text = environment(options.lang, False).get_template("diff.txt.j2").render(old=old, new=new, groups=groups)
    _emit(text, options.output, paths)
    return EXIT_FAIL if new.fails_on(options.fail_on) else EXIT_OK


def run() -> None:
    """Console-script entry point."""
    app(prog_name="ctxh-check")
