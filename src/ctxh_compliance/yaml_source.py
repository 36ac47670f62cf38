"""Read a YAML file safely and remember where each value came from (line and column).

The loader refuses, with a located message: files over the size limit, bytes that are
not UTF-8, YAML syntax errors, duplicate keys, anchors/aliases (a "billion laughs"
document cannot expand), nesting deeper than the limit, and empty documents. Text is
normalised to Unicode NFC.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import re

import yaml

from .errors import InputError, Problem
from .text import nfc

MAX_BYTES = 5 * 1024 * 1024
# libyaml's loader when PyYAML was built with it (same nodes and marks, several times faster)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 50

Path_ = tuple[str | int, ...]


@dataclass
class Located:
    """Parsed data plus a map from each value's path to its (line, column), 1-based."""

    file: str
    data: Any
    marks: dict[Path_, tuple[int, int]]
    key_marks: dict[Path_, tuple[int, int]]

    def where(self, path: Path_) -> tuple[int | None, int | None]:
        """Line and column of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (None, None))

    def location(self, path: Path_) -> str:
        """``file:line:column`` of ``path`` (or of its nearest located ancestor), else the file."""
        line, column = self.where(path)
        return self.file if line is None else f"{self.file}:{line}:{column}"

    def problem(self, path: Path_, key: str, at_key: bool = False, **params: Any) -> Problem:
        """A problem at ``path``: at its value, or at its key when ``at_key`` (an unknown key)."""
        line, column = self.key_marks.get(tuple(path)) if at_key and tuple(path) in self.key_marks \
            else self.where(path)
        return Problem(self.file, line, column, key, params)


def _fail(file: str, key: str, line: int | None = None, column: int | None = None, **params: Any):
    raise InputError([Problem(file, line, column, key, params)])


def read_text(path: Path, display: str) -> str:
    """Bytes of ``path`` as NFC text, or an InputError saying why not."""
    if not path.exists():
        _fail(display, "input.missing_file")
    if path.is_dir():
        _fail(display, "input.is_directory")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            _fail(display, "input.too_large", size=size, limit=MAX_BYTES)
        raw = path.read_bytes()
    except PermissionError:
        _fail(display, "input.unreadable")
    except OSError as exc:
        _fail(display, "input.os_error", detail=exc.strerror or str(exc))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        _fail(display, "input.utf16")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw[:8192]:
        _fail(display, "input.binary")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1  # characters, not bytes
        _fail(display, "input.not_utf8", line, column, byte=f"0x{raw[exc.start]:02x}")
    if "\x00" in text:
        _fail(display, "input.binary")
    return nfc(text)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, file: str, loader: yaml.BaseLoader, allow_aliases: bool):
        self.file = file
        self.loader = loader
        self.allow_aliases = allow_aliases
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.key_marks: dict[Path_, tuple[int, int]] = {}

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        if depth > MAX_DEPTH:
            _fail(self.file, "yaml.too_deep", *_mark(node), limit=MAX_DEPTH)
        if not self.allow_aliases:
            if node in self._seen:
                _fail(self.file, "yaml.alias", *_mark(node))
            self._seen.add(node)
        self.marks.setdefault(path, _mark(node))
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    _fail(self.file, "yaml.complex_key", *_mark(key_node))
                if key_node.tag == "tag:yaml.org,2002:merge" and not self.allow_aliases:
                    _fail(self.file, "yaml.alias", *_mark(key_node))
                key = str(key_node.value)  # keys are read as written ("2025", not 2025)
                if key in result:
                    _fail(self.file, "yaml.duplicate_key", *_mark(key_node), name=key)
                self.marks[path + (key,)] = _mark(value_node)
                self.key_marks[path + (key,)] = _mark(key_node)
                result[key] = self.build(value_node, path + (key,), depth + 1)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        try:
            value = self.loader.construct_object(node)
        except (ValueError, OverflowError) as exc:  # 2026-13-45, 2021-02-29
            _fail(self.file, "yaml.bad_value", *_mark(node), detail=f"{node.value!r}: {exc}")
        return nfc(value) if isinstance(value, str) else value

    def run(self, root: yaml.Node) -> Any:
        self._seen: set[yaml.Node] = set()
        return self.build(root, (), 0)


_OPENERS = {"[": "]", "{": "}"}
_SPECIAL = re.compile(r"[\[\]{}\"'#]")


def _nesting_guard(text: str, display: str) -> None:
    """Refuse deep nesting before parsing: libyaml recurses in C and can crash on it.

    Counts flow brackets outside quotes, and block nesting by indentation and by "- " runs.
    """
    depth, quote = 0, None
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        dashes = len(re.match(r"(?:[-?] +)*", stripped).group(0).split())
        if indent // 2 + dashes > MAX_DEPTH * 2:
            _fail(display, "yaml.too_deep", number, 1, limit=MAX_DEPTH)
        if not depth and "[" not in line and "{" not in line:
            continue  # the common case: a block-style line, nothing to count
        for match in _SPECIAL.finditer(line):
            char, column = match.group(0), match.start() + 1
            if quote:
                if char == quote:
                    quote = None
            elif char in "\"'" and depth:
                quote = char
            elif char == "#" and (column == 1 or line[column - 2] == " "):
                break
            elif char in _OPENERS:
                depth += 1
                if depth > MAX_DEPTH:
                    _fail(display, "yaml.too_deep", number, column, limit=MAX_DEPTH)
            elif char in "]}":
                depth = max(0, depth - 1)


def parse_yaml(text: str, display: str, allow_aliases: bool = False) -> Located:
    """Parse one YAML document; every failure is an InputError with a location.

    Plan files may not use anchors and aliases (so a "billion laughs" document cannot
    expand); the bundled rulesets, which are trusted, may.
    """
    if "\t" in text:
        for number, line in enumerate(text.splitlines(), 1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                _fail(display, "yaml.tab", number, len(line) - len(stripped) + 1)
    if not allow_aliases:  # plan files; the bundled rulesets are trusted
        _nesting_guard(text, display)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            _fail(display, "input.empty")
        builder = _Builder(display, loader, allow_aliases)
        data = builder.run(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        _fail(display, "yaml.syntax", line, column, detail=exc.problem or str(exc))
    except yaml.YAMLError as exc:
        _fail(display, "yaml.syntax", detail=str(exc))
    except RecursionError:
        _fail(display, "yaml.too_deep", limit=MAX_DEPTH)
    finally:
        loader.dispose()
    return Located(display, data, builder.marks, builder.key_marks)


def load_yaml(path: Path | str, display: str | None = None, allow_aliases: bool = False) -> Located:
    path = Path(path)
    shown = display or str(path)
    return parse_yaml(read_text(path, shown), shown, allow_aliases)
