"""``ctxh-check draft``: write a plan skeleton (Word, Markdown or a plan file) for a province and period."""

import re
import sys
from enum import Enum
from pathlib import Path

import typer

from ..core.errors import InputError, Problem
from ..core.i18n import translate
from .usage import LocalCommand

SUFFIX_FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md", ".yaml": "yaml", ".yml": "yaml"}


class Kind(str, Enum):
    phase = "phase"
    annual = "annual"
    programme = "programme"


class Lang(str, Enum):
    vi = "vi"
    en = "en"


class DraftCommand(LocalCommand):
    """``ctxh-check draft``: help and usage errors from the same catalogue as the main command's."""

    prog = "ctxh-check draft"
    pieces_key, help_key, option_keys = "usage.draft_pieces", "help.draft.command", "help.draft."
    use_config = False  # the configuration file's settings are the check's (its output is a report)


app = typer.Typer(add_completion=False, rich_markup_mode=None, context_settings={"help_option_names": ["-h", "--help"]})


def parse_period(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*", text)
    if not match:
        raise InputError([Problem("--period", None, None, "draft.bad_period", {"period": text})])
    start = int(match.group(1))
    return start, int(match.group(2) or start)


@app.command(cls=DraftCommand)  # its help and its options' are in messages.yaml (help.draft.*)
def draft(
    province: str = typer.Option(..., "--province", "-p", help="Tỉnh, thành phố (tên hiện nay), ví dụ \"Lào Cai\""),
    period: str = typer.Option(..., "--period", help="Thời kỳ: 2026-2030, hoặc một năm (2027) cho kế hoạch năm"),
    kind: Kind | None = typer.Option(None, "--kind", help="phase, annual hoặc programme; mặc định theo thời kỳ"),
    ruleset: str | None = typer.Option(None, "--ruleset", "-r", help="Bộ quy tắc; mặc định: chương trình chứa thời kỳ"),
    output: Path = typer.Option(..., "--output", "-o", help="Tệp dự thảo: du-thao.docx, du-thao.md hoặc du-thao.yaml"),
    lang: Lang = typer.Option(Lang.vi, "--lang", help="Ngôn ngữ của thông báo: vi hoặc en"),
) -> None:
    try:
        fmt = SUFFIX_FORMATS.get(output.suffix.lower())
        if fmt is None:
            raise InputError([Problem(str(output), None, None, "draft.bad_suffix",
                                      {"suffixes": ", ".join(SUFFIX_FORMATS)})])
        start, end = parse_period(period)
        from ..reports.writing import OutputGuard, write_atomically
        from ..rules.ruleset_loader import available_rulesets, ruleset_files
        # what the draft is made from is never its output (draft -r rs -o rs/decision.yaml)
        guard = OutputGuard(p for name in [*available_rulesets(), *([ruleset] if ruleset else [])]
                            for p in ruleset_files(name))
        guard.check(output)
        from ..draft import write_draft
        data = write_draft(province, start, end, kind.value if kind else None, ruleset, fmt)
        try:
            write_atomically(output, data)
        except OSError as exc:
            raise InputError([Problem(str(output), None, None, "cli.cannot_write",
                                      {"detail": exc.strerror or exc})]) from None
    except InputError as exc:
        sys.stderr.write(exc.render(lang.value) + "\n")
        raise typer.Exit(2) from None
    except Exception as exc:  # a defect: said plainly, exit 3
        sys.stderr.write(translate("engine.unexpected", lang.value, detail=f"{type(exc).__name__}: {exc}") + "\n")
        raise typer.Exit(3) from None
    key = "draft.written_text" if fmt == "md" else "draft.written"
    sys.stderr.write(translate(key, lang.value, file=str(output)) + "\n")
