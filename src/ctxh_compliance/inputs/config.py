"""The configuration file: settings a reviewer would otherwise repeat on every run.

``ctxh.toml`` or ``.ctxh.yaml`` in the working folder or the nearest parent folder that has one (the
search stops at a folder holding ``.git`` and at the filesystem root); ``--config FILE`` names one,
``--no-config`` ignores them. Keys (top level)::

    ruleset = "qd112_2021"          # a ruleset's name, or a folder (relative to this file)
    waivers = "mien-tru.yaml"       # relative to this file
    fail-on = "fail,needs_review"   # or a list: ["fail", "needs_review"]
    lang = "vi"
    format = "html"
    output = "bao-cao/"             # relative to this file; a trailing "/" means a folder

What the command line gives wins over the file.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import InputError, Problem
from ..core.regex import compile_once

NAMES = ("ctxh.toml", ".ctxh.yaml")
#: key in the file -> parameter of the command
KEYS = {"ruleset": "ruleset", "waivers": "waivers", "fail-on": "fail_on", "lang": "lang", "format": "fmt",
        "output": "output"}
CHOICES = {"lang": ("vi", "en"), "format": ("text", "markdown", "html", "json")}
VERDICTS = ("fail", "needs_review", "warning", "pass", "not_applicable")


@dataclass
class Settings:
    """The configuration file used (if any) and the defaults it gives, by the command's parameter names."""

    file: Path | None = None
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def output_is_folder(self) -> bool:
        return str(self.values.get("output", "")).endswith("/")


def _option_value(args: Sequence[str], name: str) -> str | None:
    value = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == name and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith(name + "="):
            value = arg[len(name) + 1:]
    return value


def discover(start: Path) -> Path | None:
    """The configuration file of ``start`` or of its nearest parent folder that has one (whatever
    it is: the input gate says what is wrong with one that is not a regular file)."""
    import os
    for folder in (start, *start.parents):
        for name in NAMES:
            candidate = folder / name
            if os.path.lexists(candidate):
                return candidate
        if (folder / ".git").exists():
            return None
    return None


def find_settings(args: Sequence[str], cwd: Path | None = None) -> Settings:
    """The settings for a run with these arguments (``--config``, ``--no-config``)."""
    import os
    before = list(args[: args.index("--")]) if "--" in args else list(args)
    if "--no-config" in before:
        return Settings()
    named = _option_value(before, "--config")
    if named is not None:
        path = Path(named)
        if not os.path.lexists(path):
            raise InputError([Problem(named, None, None, "config.not_found")])
    else:
        path = discover((cwd or Path.cwd()).absolute())
        if path is None:
            return Settings()
    return read_settings(path)


#: how deep arrays and inline tables may nest in a configuration file (as in a plan file)
MAX_DEPTH = 50


def _too_deep(text: str) -> tuple[int, int] | None:
    """The line and column where the brackets of ``text`` (TOML) nest deeper than MAX_DEPTH, read
    outside strings and comments; tomllib itself would recurse into them."""
    depth, i, n = 0, 0, len(text)
    while i < n:
        char = text[i]
        if char == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith(('"""', "'''"), i):
            end = text.find(text[i:i + 3], i + 3)
            i = n if end < 0 else end + 3
            continue
        elif char in "\"'":
            j = i + 1
            while j < n and text[j] not in (char, "\n"):
                j += 2 if char == '"' and text[j] == "\\" else 1
            i = j
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, i) + 1
                return line, i - (text.rfind("\n", 0, i) + 1) + 1
        elif char in "]}":
            depth = max(0, depth - 1)
        i += 1
    return None


def _toml_line(text: str, key: str) -> int | None:
    pattern = compile_once(rf"""^\s*["']?{re.escape(key)}["']?\s*=""")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return None


def read_settings(path: Path) -> Settings:
    """Read and check a configuration file; every problem names the file and the line."""
    display = str(path)
    if path.suffix.lower() == ".toml":
        import tomllib

        from .gate import read_text
        text = read_text(path, display)  # the input gate: a regular file, its size, UTF-8, its characters
        deep = _too_deep(text)
        if deep is not None:
            raise InputError([Problem(display, *deep, "yaml.too_deep", {"limit": MAX_DEPTH})])
        try:
            data = tomllib.loads(text)
        except RecursionError:
            raise InputError([Problem(display, None, None, "yaml.too_deep", {"limit": MAX_DEPTH})]) from None
        except tomllib.TOMLDecodeError as exc:
            where = re.search(r"at line (\d+), column (\d+)", str(exc))
            line, column = (int(where.group(1)), int(where.group(2))) if where else (None, None)
            raise InputError([Problem(display, line, column, "config.syntax")]) from None

        def at(key: str) -> tuple[int | None, int | None]:
            return _toml_line(text, key), None
    else:
        from .yaml_source import load_yaml
        source = load_yaml(path)
        data = source.data
        if not isinstance(data, dict):
            raise InputError([Problem(display, 1, 1, "config.not_mapping")])

        def at(key: str) -> tuple[int | None, int | None]:
            return source.key_marks.get((key,), (None, None))

    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for key, value in data.items():
        line, column = at(key)
        if key not in KEYS:
            problems.append(Problem(display, line, column, "config.unknown_key",
                                    {"name": key, "allowed": ", ".join(KEYS)}))
            continue
        if key == "fail-on" and isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(display, line, column, "config.not_text", {"name": key, "value": value}))
            continue
        value = value.strip()
        if key in CHOICES and value not in CHOICES[key]:
            problems.append(Problem(display, line, column, "config.bad_choice",
                                    {"name": key, "value": value, "choices": ", ".join(CHOICES[key])}))
            continue
        if key == "fail-on":
            wrong = [part.strip() for part in value.split(",") if part.strip() not in VERDICTS]
            if wrong:
                problems.append(Problem(display, line, column, "config.bad_choice",
                                        {"name": key, "value": ", ".join(wrong), "choices": ", ".join(VERDICTS)}))
                continue
        if key in ("waivers", "output") or (key == "ruleset" and ("/" in value or (path.parent / value).is_dir())):
            folder = value.endswith("/")
            value = str((path.parent / value).absolute()) + ("/" if folder else "")
        values[KEYS[key]] = value
    if problems:
        raise InputError(problems)
    return Settings(path, values)
