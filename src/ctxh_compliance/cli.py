"""Command line: ``ctxh-check plan.yaml``. A thin layer over the library API.

Exit codes: 0 no failure; 1 at least one finding is ``fail``; 2 input or usage error;
3 internal error of the rules engine.
"""

import json
import os
import sys
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .checker import check
from .errors import CheckerError, InputError, Problem
from .i18n import translate
from .plan_loader import load_plan
from .plan_model import Plan
from .report import render
from .ruleset_loader import available_rulesets, load_ruleset, select_ruleset
from .writing import write_atomically

EXIT_OK, EXIT_FAIL, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


class Format(str, Enum):
    text = "text"
    markdown = "markdown"


class Lang(str, Enum):
    vi = "vi"
    en = "en"


class Colour(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


app = typer.Typer(add_completion=False, no_args_is_help=False, rich_markup_mode=None)


def _fmt_for(output: Path | None, fmt: Format | None) -> Format:
    if fmt is not None:
        return fmt
    if output is not None and output.suffix.lower() in (".md", ".markdown"):
        return Format.markdown
    return Format.text


def _emit(text: str, output: Path | None, plan_path: Path | None, lang: str) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    if plan_path is not None and output.resolve() == plan_path.resolve():
        raise InputError([Problem(str(output), None, None, "cli.output_is_input", {})])
    try:
        write_atomically(output, text)
    except OSError as exc:
        raise InputError([Problem(str(output), None, None, "cli.cannot_write", {"detail": exc.strerror or exc})])


@app.command(help="Kiểm tra một kế hoạch công tác xã hội cấp tỉnh (YAML) theo quyết định quốc gia mà nó thực hiện. "
                  "Mã thoát: 0 không có KHÔNG ĐẠT; 1 có KHÔNG ĐẠT; 2 lỗi đầu vào; 3 lỗi nội bộ.")
def main(
    plan: Optional[Path] = typer.Argument(None, help="Tệp kế hoạch (YAML)", show_default=False),
    ruleset: Optional[str] = typer.Option(None, "--ruleset", "-r",
                                          help="Bộ quy tắc (tên hoặc thư mục); mặc định: theo căn cứ của kế hoạch"),
    fmt: Optional[Format] = typer.Option(None, "--format", "-f", help="text (mặc định) hoặc markdown"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Ghi báo cáo vào tệp thay vì màn hình"),
    lang: Lang = typer.Option(Lang.vi, "--lang", help="Ngôn ngữ báo cáo: vi hoặc en"),
    colour: Colour = typer.Option(Colour.auto, "--colour", "--color", help="Màu: auto (chỉ trên terminal), always, never"),
    as_of: Optional[datetime] = typer.Option(None, "--as-of", formats=["%Y-%m-%d"],
                                             help="Xét kế hoạch tại ngày này (YYYY-MM-DD) cho các quy định thay đổi theo thời gian; "
                                                  "mặc định: ngày của kế hoạch, hoặc hôm nay nếu chưa có ngày"),
    schema: bool = typer.Option(False, "--schema", help="In JSON Schema của định dạng kế hoạch rồi thoát"),
    list_rulesets: bool = typer.Option(False, "--list-rulesets", help="Liệt kê các bộ quy tắc có sẵn rồi thoát"),
) -> None:
    code = _run(plan, ruleset, fmt, output, lang.value, colour, schema, list_rulesets,
                as_of.date() if as_of else None)
    raise typer.Exit(code)


def _run(plan_path, ruleset_name, fmt, output, lang, colour, schema, list_rulesets, as_of=None) -> int:
    try:
        if schema:
            _emit(json.dumps(Plan.model_json_schema(), ensure_ascii=False, indent=2) + "\n", output, None, lang)
            return EXIT_OK
        if list_rulesets:
            lines = []
            for name in available_rulesets():
                rs = load_ruleset(name)
                lines.append(f"{name}\t{rs.decision.number}\t{len(rs.rules)}\t{getattr(rs.decision.title, lang)}")
            header = translate("cli.rulesets_header", lang)
            _emit(header + "\n" + "\n".join(lines) + "\n", output, None, lang)
            return EXIT_OK
        if plan_path is None:
            raise InputError([Problem("ctxh-check", None, None, "cli.no_plan", {})])
        loaded = load_plan(plan_path)
        if ruleset_name:
            rs, selected_by = load_ruleset(ruleset_name), None
        else:
            rs, selected_by = select_ruleset(loaded)
        report = check(loaded, rs, selected_by, as_of)
        chosen = _fmt_for(output, fmt)
        painted = output is None and (colour == Colour.always or (
            colour == Colour.auto and sys.stdout.isatty() and not os.environ.get("NO_COLOR")))
        _emit(render(report, chosen.value, lang, painted), output, plan_path, lang)
        return EXIT_FAIL if report.has_failure else EXIT_OK
    except InputError as exc:
        sys.stderr.write(exc.render(lang) + "\n")
        return EXIT_INPUT
    except CheckerError as exc:
        sys.stderr.write(exc.render(lang) + "\n")
        return EXIT_INTERNAL
    except Exception as exc:  # a defect: say so plainly, never with exit code 1 ("failures found")
        sys.stderr.write(translate("engine.unexpected", lang, detail=f"{type(exc).__name__}: {exc}") + "\n")
        return EXIT_INTERNAL


def run() -> None:
    """Console-script entry point."""
    app(prog_name="ctxh-check")
