"""Errors the library raises. Each carries located, translatable problems."""

import errno
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .i18n import field_label, translate

_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def shown(value: Any) -> Any:
    """Text as a message shows it: control and invisible characters (zero-width spaces, direction marks,
    a byte-order mark, a no-break space) written as escapes (``\\u200b``), so that a key that looks right
    but is not can be seen. Other values are returned as they are."""
    if not isinstance(value, str):
        return value
    if value.isprintable() and "\u00a0" not in value:
        return value
    out = []
    for char in value:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char == "\u00a0" or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") \
                or (unicodedata.category(char) == "Zs" and char != " "):
            out.append(f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)


class FieldPath(tuple):
    """Where a value is in a file (``("targets", 0, "value")``), shown as a label in the message's language:
    ``chỉ tiêu số 1 › giá trị`` (the labels are in messages.yaml)."""

    def show(self, lang: str) -> str:
        return field_label(self, lang)


def _said(value: Any, lang: str) -> Any:
    """A message parameter in ``lang``: labels and terms translated, invisible characters escaped, a list
    joined with "; "."""
    if isinstance(value, (FieldPath, Term)):
        return value.show(lang)
    if isinstance(value, list):
        return "; ".join(str(_said(item, lang)) for item in value)
    return shown(value)


class Term(str):
    """A message of the catalogue kept for its language: as a string it reads in Vietnamese, ``show(lang)``
    says it in ``lang`` (``value_kind.list``: "một danh sách" / "a list")."""

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, **params: Any) -> "Term":
        term = super().__new__(cls, translate(key, "vi", **{n: _said(v, "vi") for n, v in params.items()}))
        term.key, term.params = key, params
        return term

    def show(self, lang: str) -> str:
        return translate(self.key, lang, **{name: _said(value, lang) for name, value in self.params.items()})

    def __reduce__(self):
        """Pickled as its key and values (a worker process's result): read back, it is the same term."""
        return _term, (self.key, self.params)


def _term(key: str, params: dict[str, Any]) -> Term:
    return Term(key, **params)


#: operating-system errors by their number -> message key (the system's own text is English)
_OS_ERRORS = {
    errno.ENOENT: "os.not_found", errno.EACCES: "os.permission", errno.EPERM: "os.permission",
    errno.EISDIR: "os.is_directory", errno.ENOTDIR: "os.not_directory", errno.ENAMETOOLONG: "os.name_too_long",
    errno.ELOOP: "os.link_loop", errno.ENOSPC: "os.disk_full", errno.EROFS: "os.read_only", errno.EIO: "os.io",
    errno.EEXIST: "os.exists", errno.EDQUOT: "os.disk_full", errno.EFBIG: "os.too_big",
}


def os_problem(exc: OSError, file: str, writing: bool = False) -> "Problem":
    """An operating-system error on ``file`` as a message of the catalogue, chosen by its error number."""
    key = _OS_ERRORS.get(exc.errno or 0, "os.other")
    if writing and key == "os.permission":
        key = "os.permission_write"
    detail = Term(key, code=errno.errorcode.get(exc.errno or 0, str(exc.errno)))
    return Problem(file, None, None, "cli.cannot_write" if writing else "input.os_error", {"detail": detail})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, with where it is."""

    file: str
    line: int | None
    column: int | None
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def where(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def render(self, lang: str = "vi") -> str:
        params = {name: _said(value, lang) for name, value in self.params.items()}
        return f"{shown(self.where())}: {translate(self.key, lang, **params)}"


#: problems shown for one input; the rest are counted ("… và 7 lỗi khác")
MAX_SHOWN = 50


def render_problems(problems: list[Problem], lang: str = "vi") -> str:
    """The first MAX_SHOWN problems, one a line, then how many more there are."""
    lines = [p.render(lang) for p in problems[:MAX_SHOWN]]
    if len(problems) > MAX_SHOWN:
        lines.append(translate("gate.more_problems", lang, n=len(problems) - MAX_SHOWN))
    return "\n".join(lines)


class InputError(Exception):
    """A plan file (or a command-line input) that cannot be checked."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(render_problems(problems, "en"))

    def render(self, lang: str = "vi") -> str:
        return render_problems(self.problems, lang)

    def __reduce__(self):  # across processes: the problems, not the English text
        return type(self), (self.problems,)


class RulesetError(InputError):
    """A ruleset file that is broken: names the file and the rule."""


class CheckerError(Exception):
    """The rules engine failed while evaluating a rule (a defect, not bad input)."""

    def __init__(self, rule_id: str, detail: str):
        self.rule_id = rule_id
        self.detail = detail
        super().__init__(f"{rule_id}: {detail}")

    def __reduce__(self):
        return type(self), (self.rule_id, self.detail)

    def render(self, lang: str = "vi") -> str:
        return translate("engine.action_failed", lang, rule=self.rule_id, detail=self.detail)


class EngineUnavailable(CheckerError):
    """The rules engine (durable-rules, a C extension built at install time) cannot be loaded: the
    install is broken, not the plan. The message names the fix."""

    def __init__(self, detail: str):
        super().__init__("-", detail)

    def __reduce__(self):
        return type(self), (self.detail,)

    def render(self, lang: str = "vi") -> str:
        import sys
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        return translate("engine.unavailable", lang, detail=self.detail, python=version)
