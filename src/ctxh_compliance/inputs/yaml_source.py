"""Read a YAML file safely and remember where each value came from (line and column).

The loader reads through the input gate (input_gate: size, kind of file, encoding, characters)
and refuses, with a located message: YAML syntax errors, duplicate keys, anchors/aliases (a
"billion laughs" document cannot expand), empty documents, and — counted on the parser's events
as the data is built from them, in one pass, so that nothing past a limit is ever built — nesting
deeper than MAX_DEPTH, more than MAX_ITEMS entries in a list
or mapping, MAX_NODES values, MAX_STRING characters in a value, MAX_DIGITS digits in a number.
Text is normalised to Unicode NFC.

Values are read by the YAML 1.2 core rules, numbers as written: ``true``/``false`` are the only
booleans, whole numbers are decimal without a leading zero, and dates (``2026-03-25``) stay dates.
A plain value that YAML 1.1 (PyYAML's default) reads otherwise — ``1:30`` (base 60: 90), ``02021``
(octal), ``0x3C``, ``1_000``, ``yes``/``no``/``on``/``off``/``y``/``n`` — is kept as the text
written and listed in ``Located.ambiguous``; the plan loader then accepts it where text is
expected and refuses it, saying how to write it, where a number or true/false is expected.
"""

import copy
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core.errors import InputError, Problem
from ..core.regex import compile_once
from ..core.text import nfc
from . import gate as input_gate

MAX_BYTES = input_gate.MAX_BYTES
STDIN = "<stdin>"  # how messages name a plan read from standard input
# libyaml's loader when PyYAML was built with it (same nodes and marks, several times faster)
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 50

_T = "tag:yaml.org,2002:"
# a plain value that YAML 1.1 and YAML 1.2 (or a reader and its writer) may read differently
AMBIGUOUS_TAG = "tag:ctxh-compliance,2026:ambiguous"
_STRICT_INT = compile_once(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_STRICT_FLOAT = compile_once(r"[-+]?(?:(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)\Z")
_SPECIAL_FLOAT = {".inf": float("inf"), ".Inf": float("inf"), ".INF": float("inf"),
                  "+.inf": float("inf"), "+.Inf": float("inf"), "+.INF": float("inf"),
                  "-.inf": float("-inf"), "-.Inf": float("-inf"), "-.INF": float("-inf"),
                  ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan")}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_DIGITS = list("-+0123456789")


class _Loader(_BaseLoader):
    """The C (libyaml) loader with the YAML 1.2 core schema's implicit types, numbers as written.

    Resolvers are tried in order and the first match wins, so the last one, the catch-all of
    every plain value YAML 1.1 reads as a number or a boolean, only sees what the strict ones left.
    """

    yaml_implicit_resolvers: dict = {}
    yaml_constructors = dict(_BaseLoader.yaml_constructors)

    def _strict_int(self, node: yaml.ScalarNode) -> int:
        text = self.construct_scalar(node)
        if not _STRICT_INT.match(text):
            raise ValueError("not a decimal whole number")
        return int(text)

    def _strict_float(self, node: yaml.ScalarNode) -> float:
        text = self.construct_scalar(node)
        if text in _SPECIAL_FLOAT:
            return _SPECIAL_FLOAT[text]
        if not (_STRICT_FLOAT.match(text) or _STRICT_INT.match(text)):
            raise ValueError("not a decimal number")
        return float(text)

    def _strict_bool(self, node: yaml.ScalarNode) -> bool:
        text = self.construct_scalar(node)
        if text not in _BOOLS:
            raise ValueError("not true or false")
        return _BOOLS[text]


_Loader.add_constructor(_T + "int", _Loader._strict_int)  # also for explicit tags: !!int 0x3C is refused
_Loader.add_constructor(_T + "float", _Loader._strict_float)
_Loader.add_constructor(_T + "bool", _Loader._strict_bool)
_YAML11_TIMESTAMP = next(regexp for tag, regexp in yaml.resolver.Resolver.yaml_implicit_resolvers["2"]
                         if tag == _T + "timestamp")
for _tag, _regexp, _first in (
    (_T + "null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    (_T + "bool", r"true|True|TRUE|false|False|FALSE", list("tTfF")),
    (_T + "int", _STRICT_INT.pattern[:-2], _DIGITS),
    (_T + "float", _STRICT_FLOAT.pattern[:-2] + r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)", _DIGITS + ["."]),
    (_T + "timestamp", _YAML11_TIMESTAMP, list("0123456789")),  # dates stay dates, as in YAML 1.1
    (_T + "merge", r"<<", ["<"]),  # only so that a plan file's merge key is refused
    # what YAML 1.1 reads as a boolean (with the y/n of its specification) or a number, the 0o octal of
    # YAML 1.2 and whole numbers with a leading zero: only the forms the strict rules above left
    (AMBIGUOUS_TAG, r"yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N"
                    r"|[-+]?0b[0-1_]+|[-+]?0x[0-9a-fA-F_]+|0o[0-7]+|[-+]?0[0-9_]+|[-+]?[1-9][0-9_]*"
                    r"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*"
                    r"|[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?",
     list("yYnNoO.") + _DIGITS),
):
    _Loader.add_implicit_resolver(_tag, _regexp if isinstance(_regexp, re.Pattern) else compile_once(rf"^(?:{_regexp})$"),
                                  _first)

Path_ = tuple[str | int, ...]


@dataclass
class Located:
    """Parsed data plus a map from each value's path to its (line, column), 1-based."""

    file: str
    data: Any
    marks: dict[Path_, tuple[int, int]]
    key_marks: dict[Path_, tuple[int, int]]
    # plain values kept as the text written that YAML 1.1 reads as a number or a boolean (see above)
    ambiguous: dict[Path_, str] = field(default_factory=dict)
    # each scalar as written in the file ("02021", "no", "2021.50"), for messages about its value
    written: dict[Path_, str] = field(default_factory=dict)
    # the fields that held only a blank to fill ("…", "(điền)") before blanks were taken as absent, by
    # their path in the cleaned data (a list's path when one of its items was a blank)
    blanks: frozenset = frozenset()

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

    def ambiguity(self, path: Path_, field_name: str) -> Problem:
        """The problem of the ambiguous value at ``path`` where a number or true/false is expected."""
        key, params = describe_ambiguous(self.ambiguous[tuple(path)])
        return self.problem(path, key, field=field_name, **params)


YAML11_BOOLS = {"yes": "true", "on": "true", "y": "true", "no": "false", "off": "false", "n": "false"}


def _number(value: int | float) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def describe_ambiguous(written: str) -> tuple[str, dict[str, Any]]:
    """Message key and parameters for a plain value YAML 1.1 reads differently than YAML 1.2 core:
    how each reads it and how to write it so that only one reading is possible."""
    params: dict[str, Any] = {"written": written}
    if written.lower() in YAML11_BOOLS:
        return "yaml.ambiguous_bool", {**params, "value": YAML11_BOOLS[written.lower()]}
    sign, digits = (-1, written[1:]) if written[0] == "-" else (1, written.lstrip("+"))
    plain = digits.replace("_", "")
    try:
        if digits.startswith("0o"):
            return "yaml.ambiguous_octal_prefix", {**params, "value": sign * int(plain[2:], 8)}
        if digits.startswith("0x"):
            return "yaml.ambiguous_hex", {**params, "value": sign * int(plain[2:], 16)}
        if digits.startswith("0b"):
            return "yaml.ambiguous_binary", {**params, "value": sign * int(plain[2:], 2)}
        if ":" in plain:  # base 60: 1:30 is 1 * 60 + 30
            whole, _, fraction = plain.partition(".")
            value: float = 0
            for part in whole.split(":"):
                value = value * 60 + int(part)
            if fraction:
                value += float(f"0.{fraction}")
            return "yaml.ambiguous_base60", {**params, "value": _number(sign * value)}
        if "_" in digits:
            number = float(plain) if "." in plain or "e" in plain.lower() else int(plain)
            return "yaml.ambiguous_digit_group", {**params, "value": _number(sign * number)}
        # a leading zero: octal for YAML 1.1 when its digits allow, decimal for YAML 1.2
        if all(c in "01234567" for c in plain):
            return "yaml.ambiguous_octal", {**params, "value": sign * int(plain), "octal": sign * int(plain, 8)}
        return "yaml.ambiguous_leading_zero", {**params, "value": sign * int(plain)}
    except ValueError:  # "0x_": digits missing
        return "yaml.ambiguous_number", params


def _fail(file: str, key: str, line: int | None = None, column: int | None = None, **params: Any):
    raise InputError([Problem(file, line, column, key, params)])


def read_text(path: Path | str, display: str) -> str:
    """The text of ``path`` through the input gate (input_gate: size, kind of file, encoding,
    characters), normalised to NFC; or an InputError saying why not."""
    return nfc(input_gate.read_text(path, display))


def read_stdin(display: str = STDIN) -> str:
    """The plan piped to standard input (``ctxh-check - < plan.yaml``), through the same gate as a
    file; a terminal on standard input is told, not waited on."""
    stream = sys.stdin
    if stream is None:
        _fail(display, "input.stdin_closed")
    if stream.isatty():
        _fail(display, "input.stdin_tty")
    return nfc(input_gate.read_text("-", display))


def decode(raw: bytes, display: str) -> str:
    """File bytes as NFC text (input_gate.decode: UTF-8 only, no binary data or control characters)."""
    return nfc(input_gate.decode(raw, display))


def _at(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


MAX_ITEMS = 1_000      # entries of one list or mapping
MAX_NODES = 20_000     # values in one file
MAX_STRING = 10_000    # characters of one value
MAX_DIGITS = 30        # digits of one number
_NUMBER_LIKE = compile_once(r"[-+]?(?:[0-9][0-9_,.]*|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?")
_STR = _T + "str"
_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_SEQUENCE, _MAPPING = yaml.SequenceStartEvent, yaml.MappingStartEvent
_COLLECTION_END = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class _PythonLoader(yaml.SafeLoader):
    """PyYAML's own parser: it hands out events as it goes, where libyaml 0.2.6 scans a flow
    collection's whole depth first (and stops at its own limit of 1,000 levels)."""


class _Reader:
    """Builds the data from the parser's events in one pass, with the line and column of every
    value, and refuses, as it goes and before anything large is built, what no plan needs: nesting
    deeper than MAX_DEPTH, more than MAX_ITEMS entries in a list or mapping, MAX_NODES values,
    MAX_STRING characters in a value, MAX_DIGITS digits in a number, aliases and merge keys (unless
    ``allow_aliases``: the bundled rulesets), duplicate and complex keys."""

    def __init__(self, file: str, loader: yaml.BaseLoader, allow_aliases: bool):
        self.file = file
        self.loader = loader
        self.next_event = loader.get_event
        self.allow_aliases = allow_aliases
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.key_marks: dict[Path_, tuple[int, int]] = {}
        self.ambiguous: dict[Path_, str] = {}
        self.written: dict[Path_, str] = {}
        self.anchors: dict[str, Any] = {}
        self.anchor_marks: dict[str, tuple[int, int]] = {}
        self.anchor_sizes: dict[str, int] = {}
        self.nodes = 0

    def document(self) -> tuple[bool, Any]:
        """(whether the stream holds a document, its data); a second document is a syntax error."""
        next_event = self.next_event
        next_event()  # stream start
        event = next_event()
        if isinstance(event, yaml.StreamEndEvent):
            return False, None
        data = self.value(next_event(), (), 0)
        next_event()  # document end
        event = next_event()
        if not isinstance(event, yaml.StreamEndEvent):
            raise yaml.composer.ComposerError("expected a single document in the stream", None,
                                              "but found another document", event.start_mark)
        return True, data

    def _count(self, event: yaml.Event) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            _fail(self.file, "gate.too_many_values", *_at(event), limit=MAX_NODES)

    def value(self, event: yaml.Event, path: Path_, depth: int) -> Any:
        self._count(event)
        before = self.nodes
        kind = type(event)
        mark = event.start_mark.line + 1, event.start_mark.column + 1
        self.marks.setdefault(path, mark)
        if kind is _SCALAR:
            value = self.scalar(event, path, mark)
        elif depth >= MAX_DEPTH and kind in (_MAPPING, _SEQUENCE):  # the collection one level too deep
            _fail(self.file, "yaml.too_deep", *mark, limit=MAX_DEPTH)
        elif kind is _MAPPING:
            value = self.mapping(path, depth)
        elif kind is _SEQUENCE:
            value = self.sequence(path, depth)
        else:  # an alias: refused in a plan file where its anchor is (the value written twice)
            if not self.allow_aliases or event.anchor not in self.anchors:
                _fail(self.file, "yaml.alias", *self.anchor_marks.get(event.anchor, mark))
            # an alias counts the values it repeats: an alias bomb stops at MAX_NODES, before it is copied
            self.nodes += self.anchor_sizes[event.anchor]
            if self.nodes > MAX_NODES:
                _fail(self.file, "gate.too_many_values", *mark, limit=MAX_NODES)
            return copy.deepcopy(self.anchors[event.anchor])
        if event.anchor is not None:
            self.anchor_marks[event.anchor] = mark
            if self.allow_aliases:
                self.anchors[event.anchor] = value
                self.anchor_sizes[event.anchor] = self.nodes - before + 1  # itself and what it holds
        return value

    def mapping(self, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        while (event := self._entry(yaml.MappingEndEvent, len(result))) is not None:
            if type(event) is not _SCALAR:
                _fail(self.file, "yaml.complex_key", *_at(event))
            self._count(event)
            key_mark = _at(event)
            if event.value == "<<" and not self.allow_aliases and self._tag(event) == _T + "merge":
                _fail(self.file, "yaml.alias", *key_mark)
            key = event.value  # keys are read as written ("2025", not 2025)
            if key in result:
                _fail(self.file, "yaml.duplicate_key", *key_mark, name=key)
            event = self.next_event()
            at = path + (key,)
            self.marks[at] = _at(event)
            self.key_marks[at] = key_mark
            result[key] = self.value(event, at, depth + 1)
        return result

    def sequence(self, path: Path_, depth: int) -> list[Any]:
        result: list[Any] = []
        while (event := self._entry(yaml.SequenceEndEvent, len(result))) is not None:
            result.append(self.value(event, path + (len(result),), depth + 1))
        return result

    def _entry(self, end: type, held: int) -> yaml.Event | None:
        """The next entry of a collection that holds ``held`` so far, or None at its end."""
        event = self.next_event()
        if type(event) is end:
            return None
        if held >= MAX_ITEMS:
            _fail(self.file, "gate.too_many_items", *_at(event), limit=MAX_ITEMS)
        return event

    def _tag(self, event: yaml.ScalarEvent) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            value = event.value
            if not event.implicit[0] or value and value[0] not in _Loader.yaml_implicit_resolvers:
                return _STR  # quoted or block text, or a plain value no implicit type can start with
            tag = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
        return tag

    def scalar(self, event: yaml.ScalarEvent, path: Path_, mark: tuple[int, int]) -> Any:
        text = event.value
        if len(text) > MAX_DIGITS and (len(text) > MAX_STRING or _NUMBER_LIKE.fullmatch(text)):
            if len(text) > MAX_STRING:
                _fail(self.file, "gate.string_too_long", *mark, length=len(text), limit=MAX_STRING)
            digits = sum(c.isdigit() for c in re.split("[eE]", text)[0])
            if digits > MAX_DIGITS:
                _fail(self.file, "gate.too_many_digits", *mark, digits=digits, limit=MAX_DIGITS)
        self.written[path] = text
        tag = self._tag(event)
        if tag == _STR:
            return nfc(text)
        if tag == AMBIGUOUS_TAG:  # kept as written; the plan loader decides (see the module's notes)
            self.ambiguous[path] = text
            return text
        if tag == _T + "merge":  # "<<" as a value, not a key: text
            return text
        node = yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, event.style)
        try:
            value = self.loader.construct_object(node)
        # 2026-13-45, 2021-02-29, !!int 0x3C; PyYAML's own readers fail otherwise on a value that their
        # tag does not fit (!!timestamp 2021: AttributeError): a bad value, never a defect of the tool
        except (ValueError, OverflowError, AttributeError, TypeError, IndexError, KeyError) as exc:
            key = "yaml.bad_date" if tag == _T + "timestamp" else \
                "yaml.number_too_large" if isinstance(exc, OverflowError) else "yaml.bad_tagged_value"
            _fail(self.file, key, *mark, value=text, tag=tag.replace(_T, "!!"), detail=str(exc))
        return nfc(value) if isinstance(value, str) else value


def _located_depth(text: str, display: str) -> None:
    """libyaml stopped at its own nesting depth before handing out an event: read again with
    PyYAML's parser, event by event, so that the message names this tool's limit at the level
    that passes it."""
    loader = _PythonLoader(text)
    depth = 0
    try:
        while True:
            event = loader.get_event()
            if isinstance(event, (_SEQUENCE, _MAPPING)):
                depth += 1
                if depth > MAX_DEPTH:
                    _fail(display, "yaml.too_deep", *_at(event), limit=MAX_DEPTH)
            elif isinstance(event, _COLLECTION_END):
                depth -= 1
            elif isinstance(event, yaml.StreamEndEvent):
                return
    finally:
        loader.dispose()


def _syntax_key(problem: str, context: str) -> str:
    """The kind of a YAML syntax error, from the parser's problem and context (PyYAML has no codes)."""
    kinds = (
        ("end of stream", "yaml.unclosed_quote" if "quoted" in context else "yaml.unexpected_end"),
        ("mapping values are not allowed", "yaml.stray_colon"),
        ("expected ',' or '}'", "yaml.unclosed_brace"),
        ("expected ',' or ']'", "yaml.unclosed_bracket"),
        ("another document", "yaml.two_documents"),
        ("document start", "yaml.two_documents"),
        ("block sequence entries are not allowed", "yaml.stray_dash"),
        ("could not find expected ':'", "yaml.missing_colon"),
        ("expected key", "yaml.indentation"),
        ("<block end>", "yaml.indentation"),
        ("expected '-' indicator", "yaml.indentation"),
        ("cannot start any token", "yaml.bad_start"),
        ("escape", "yaml.bad_escape"),
        ("tab", "yaml.tab"),
        ("tag", "yaml.tag"),
        ("constructor", "yaml.tag"),
        ("anchor", "yaml.alias"),
        ("alias", "yaml.alias"),
        ("node content", "yaml.missing_value"),
        ("comment or line break", "yaml.trailing_text"),
    )
    for words, key in kinds:
        if words in problem:
            return key
    return "yaml.syntax"


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    """A YAML syntax error as a message of the catalogue, at its line and column."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    opened = exc.context_mark.line + 1 if exc.context_mark else line
    lines = text.split("\n")
    char = lines[line - 1][column - 1: column] if line and line <= len(lines) else ""
    key = _syntax_key(exc.problem or "", exc.context or "")
    if key == "yaml.missing_value" and mark is not None and mark.index >= len(text.rstrip()):
        key = "yaml.unexpected_end"  # "x: [" and nothing after: the file ends too soon
    return Problem(display, line, column, key, {"detail": exc.problem or str(exc), "opened": opened, "char": char})


def parse_yaml(text: str, display: str, allow_aliases: bool = False, gated: bool = False) -> Located:
    """Parse one YAML document; every failure is an InputError with a location.

    Plan files may not use anchors and aliases (so a "billion laughs" document cannot
    expand); the bundled rulesets, which are trusted, may.
    """
    if "\t" in text:
        for number, line in enumerate(text.split("\n"), 1):
            stripped = line.lstrip(" ")
            if stripped.startswith("\t"):
                _fail(display, "yaml.tab", number, len(line) - len(stripped) + 1)
    if not allow_aliases and not gated:  # plan files not read through the gate; the bundled rulesets are trusted
        input_gate.check_characters(text, display)
    loader = _Loader(text)
    reader = _Reader(display, loader, allow_aliases)
    try:
        found, data = reader.document()
        if not found:
            _fail(display, "input.empty")
    except yaml.YAMLError as exc:
        if "nesting depth" in str(getattr(exc, "problem", "") or ""):  # libyaml stopped at its own depth
            _located_depth(text, display)
        if isinstance(exc, yaml.reader.ReaderError):  # a control character: where (libyaml counts bytes), which
            before = text.encode("utf-8")[: exc.position].decode("utf-8", "replace")
            line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
            char = exc.character if isinstance(exc.character, str) else chr(exc.character)
            _fail(display, "yaml.control_character", line, column, char=char, code=f"U+{ord(char):04X}")
        if isinstance(exc, yaml.MarkedYAMLError):
            raise InputError([syntax_problem(exc, text, display)]) from None
        _fail(display, "yaml.syntax", detail=str(exc))
    except RecursionError:
        _fail(display, "yaml.too_deep", limit=MAX_DEPTH)
    finally:
        loader.dispose()
    return Located(display, data, reader.marks, reader.key_marks, reader.ambiguous, reader.written)


def load_yaml(path: Path | str, display: str | None = None, allow_aliases: bool = False) -> Located:
    path = Path(path)
    shown = display or str(path)
    return parse_yaml(read_text(path, shown), shown, allow_aliases, gated=True)  # read_text checked its characters
