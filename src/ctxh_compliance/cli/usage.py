"""How the command line speaks about itself: its help page and its usage errors, in the user's language.

The command-line library writes its own texts ("Usage:", "Options:", "[default: …]", "No such option",
"Invalid value for …") as fixed English strings, not through a translation catalogue, so they cannot be
translated in place. This command class therefore writes the help page itself, from the parameters'
declarations and messages.yaml, and turns each usage error into a message of the catalogue by the error's
type (unknown option, option without its value, value not among the choices, …), never by its English text.

The language is known before the command line is parsed: ``--lang`` among the arguments, else the
configuration file's ``lang``, else Vietnamese.
"""

import difflib
import re
import sys
from collections.abc import Sequence
from typing import Any

from typer import _click
from typer.core import TyperCommand

from ..core.errors import InputError, Problem, shown
from ..core.i18n import catalogue, translate

#: subcommands, named by the first argument (``ctxh-check draft …``): name -> "module:typer app". Any
#: other first argument is a plan to check (a plan file named like a subcommand: ``./draft``).
SUBCOMMANDS = {"draft": "ctxh_compliance.cli.draft:app", "serve": "ctxh_compliance.cli.serve:app"}

EXIT_USAGE, EXIT_INTERNAL = 2, 3


def given_value(args: Sequence[str], names: Sequence[str]) -> str | None:
    """The last value given to an option named ``names`` among ``args`` (``--x v`` or ``--x=v``)."""
    value = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        for name in names:
            if arg == name and i + 1 < len(args):
                value = args[i + 1]
            elif arg.startswith(name + "="):
                value = arg[len(name) + 1:]
            elif len(name) == 2 and arg.startswith(name) and len(arg) > 2 and not arg.startswith("--"):
                value = arg[2:]  # -fhtml
    return value


def language_of(args: Sequence[str], configured: str | None = None) -> str:
    """The language of this run's messages: --lang, else the configuration file's, else Vietnamese."""
    lang = given_value(args, ["--lang"]) or configured or "vi"
    return lang if lang in ("vi", "en") else "vi"


def _text(key: str, lang: str, fallback: str | None = None, **params: Any) -> str | None:
    if key in catalogue():
        return translate(key, lang, **params)
    return fallback


class LocalCommand(TyperCommand):
    """The ``ctxh-check`` command: help and usage errors in the user's language, defaults from a
    configuration file (``config.py``). A subcommand is a subclass naming itself and its messages."""

    lang = "vi"
    prog = "ctxh-check"
    #: the catalogue's keys: the usage line's pieces, the command's help, each option's help (+ its name)
    pieces_key, help_key, option_keys = "usage.pieces", "help.command", "help."
    use_config = True

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        from ..inputs.config import find_settings
        args = list(sys.argv[1:] if args is None else args)
        self.raw_args = args  # as typed: "-o reports/" names a folder, which the parsed path no longer shows
        prog_name = self.prog  # also when run as python -m ctxh_compliance, or in-process
        try:
            settings = find_settings(args if self.use_config else ["--no-config"])
        except InputError as exc:
            return self._stop(exc.render(language_of(args)), EXIT_USAGE, standalone_mode)
        except Exception as exc:  # a defect: said plainly, exit 3, never a traceback
            message = translate("engine.unexpected", language_of(args), detail=f"{type(exc).__name__}: {exc}")
            return self._stop(message, EXIT_INTERNAL, standalone_mode)
        self.settings = settings  # the configuration file read: named in reports that use its ruleset
        self.lang = language_of(args, settings.values.get("lang"))
        if settings.values:
            extra["default_map"] = settings.values
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _click.exceptions.UsageError as exc:
            return self._stop(usage_error(exc, args, self.lang, prog_name), EXIT_USAGE, standalone_mode)
        except _click.exceptions.Abort:
            return self._stop("", 130, standalone_mode)
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code

    @staticmethod
    def _stop(message: str, code: int, standalone_mode: bool) -> int:
        if message:
            sys.stderr.write(message.rstrip("\n") + "\n")
        if standalone_mode:
            sys.exit(code)
        return code

    # --- the help page ---------------------------------------------------------------------------------
    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        lang = self.lang
        formatter.write_usage(ctx.command_path, translate(self.pieces_key, lang), prefix=translate("usage.prefix", lang))
        formatter.write_paragraph()
        formatter.indent()
        formatter.write_text(_text(self.help_key, lang, self.help or ""))
        formatter.dedent()
        arguments, options = [], []
        for param in self.get_params(ctx):
            row = self._help_row(param, ctx, lang)
            (arguments if param.param_type_name == "argument" else options).append(row)
        for heading, rows in (("usage.arguments", arguments), ("usage.options", options)):
            if rows:
                with formatter.section(translate(heading, lang)):
                    formatter.write_dl(rows)
        if ctx.command_path == "ctxh-check" and SUBCOMMANDS:
            with formatter.section(translate("usage.commands", lang)):
                formatter.write_dl([(f"ctxh-check {name}", translate(f"help.sub.{name}", lang)) for name in SUBCOMMANDS])

    def _help_row(self, param: Any, ctx: _click.Context, lang: str) -> tuple[str, str]:
        metavar = "" if getattr(param, "is_flag", False) else self._metavar(param, lang)
        if param.param_type_name == "argument":
            names = metavar
        else:
            opts = sorted([*param.opts, *param.secondary_opts], key=lambda o: o.startswith("--"))  # -r, --ruleset
            names = ", ".join(opts) + (f" {metavar}" if metavar else "")
        if param.name == "help":
            return "-h, --help", translate("help.help", lang)
        text = _text(f"{self.option_keys}{param.name}", lang, getattr(param, "help", None) or "") or ""
        default = self._default(param, ctx)
        if default:
            text = f"{text}  [{translate('usage.default', lang, value=default)}]"
        return names, text

    @staticmethod
    def _metavar(param: Any, lang: str) -> str:
        many = "..." if param.nargs != 1 else ""
        own = _text(f"metavar.{param.name}", lang)
        if own:
            return own + many
        descriptor = param.type_descriptor
        if descriptor.is_choice:
            return "|".join(str(getattr(c, "value", c)) for c in descriptor.choices or ())
        kind = "date" if descriptor.is_datetime else "file" if "Path" in str(descriptor.annotation) else "value"
        return translate(f"metavar.{kind}", lang) + many

    @staticmethod
    def _default(param: Any, ctx: _click.Context) -> str | None:
        if param.param_type_name != "option" or getattr(param, "is_flag", False):
            return None
        value = ctx.lookup_default(param.name) if ctx.default_map else None
        if value is None:
            value = param.default
        value = getattr(value, "value", value)
        return str(value) if isinstance(value, (str, int, float)) and str(value) else None


def _names(param: Any) -> str:
    if param is None:
        return "ctxh-check"
    if param.param_type_name == "argument":
        return translate("metavar.plans", "vi") if param.name == "plans" else param.name
    return "/".join(param.opts)


def usage_error(exc: _click.exceptions.UsageError, args: Sequence[str], lang: str, prog: str = "ctxh-check") -> str:
    """A usage error as a message of the catalogue, chosen by the error's type, with the way to the help page."""
    exceptions = _click.exceptions
    where, key, params = prog, "usage.other", {"detail": exc.format_message()}
    if isinstance(exc, exceptions.NoSuchOption):
        where, key, params = exc.option_name, "usage.no_such_option", {}
        known = [o for p in (exc.ctx.command.get_params(exc.ctx) if exc.ctx else []) for o in (*p.opts, *p.secondary_opts)
                 if o.startswith("-")]
        near = difflib.get_close_matches(exc.option_name.split("=")[0], known, n=1, cutoff=0.6)
        if near:
            key, params = "usage.no_such_option_near", {"near": near[0]}
    elif isinstance(exc, exceptions.BadOptionUsage):
        where = exc.option_name
        key = "usage.takes_no_value" if "does not take" in exc.message else "usage.needs_value"
        params = {}
    elif isinstance(exc, exceptions.MissingParameter):
        where, key, params = _names(exc.param), "usage.missing", {}
    elif isinstance(exc, exceptions.BadParameter):
        param = exc.param
        where = _names(param)
        value = given_value(args, [*param.opts, *param.secondary_opts]) if param is not None else None
        params = {"value": "" if value is None else value}
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is not None and descriptor.is_choice:
            key = "usage.bad_choice"
            params["choices"] = ", ".join(str(getattr(c, "value", c)) for c in descriptor.choices or ())
        elif descriptor is not None and descriptor.is_datetime:
            key = "usage.bad_date"
        else:
            key = "usage.bad_value"
    else:
        extra = re.search(r"\((.*)\)\s*$", exc.message) if "unexpected extra" in exc.message else None
        if extra:
            key, params = "usage.extra_args", {"args": extra.group(1)}
    lines = [Problem(shown(where), None, None, key, params).render(lang),
             translate("usage.see_help", lang, command=prog)]
    return "\n".join(lines)

