"""Errors the library raises. Each carries located, translatable problems."""

from dataclasses import dataclass, field
from typing import Any

from .i18n import translate


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
        return f"{self.where()}: {translate(self.key, lang, **self.params)}"


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


class RulesetError(InputError):
    """A ruleset file that is broken: names the file and the rule."""


class CheckerError(Exception):
    """The rules engine failed while evaluating a rule (a defect, not bad input)."""

    def __init__(self, rule_id: str, detail: str):
        self.rule_id = rule_id
        self.detail = detail
        super().__init__(f"{rule_id}: {detail}")

    def render(self, lang: str = "vi") -> str:
        return translate("engine.action_failed", lang, rule=self.rule_id, detail=self.detail)


class EngineUnavailable(CheckerError):
    """The rules engine (durable-rules, a C extension built at install time) cannot be loaded: the
    install is broken, not the plan. The message names the fix."""

    def __init__(self, detail: str):
        super().__init__("-", detail)

    def render(self, lang: str = "vi") -> str:
        import sys
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        return translate("engine.unavailable", lang, detail=self.detail, python=version)
