"""Load a plan file: YAML with locations, then validation against the plan model.

Every problem becomes one located message; nothing is a traceback.
"""

import copy
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ValidationError

from ..core import blanks
from ..core.errors import FieldPath, InputError, Problem, Term
from ..core.regex import compile_once
from ..model.plan import Plan
from .yaml_source import STDIN, YAML11_BOOLS, Located, load_yaml, parse_yaml, read_stdin


class Locator(Protocol):
    """Where each value of a plan is in the user's own file: a YAML plan (``yaml_source.Located``:
    line and column) or a document (``document_input.DocumentSource``: line, paragraph, page)."""

    file: str

    def where(self, path: tuple) -> tuple[int | None, int | None]: ...

    def location(self, path: tuple) -> str: ...

    def problem(self, path: tuple, key: str, at_key: bool = False, **params: Any) -> Problem: ...


@dataclass
class LoadedPlan:
    """A validated plan and where each of its values is in the user's file."""

    plan: Plan
    source: Locator
    #: read from a document by the extractor (not a plan file a person wrote or checked): what the reader
    #: did not find may be there, written in a way it does not know
    from_document: bool = False

    @property
    def file(self) -> str:
        return self.source.file

    def location(self, *path: str | int) -> str:
        return self.source.location(path)

    def problem(self, path: tuple, key: str, **params: Any) -> Problem:
        return self.source.problem(path, key, **params)

    def reason(self, *path: str | int) -> str | None:
        """Why the reader guessed the value at ``path`` (a document read by the extractor), in Vietnamese; None for a
        plan file or a value read for sure."""
        said = getattr(self.source, "reason", None)
        return said(tuple(path)) if said is not None else None

    def blank(self, *path: str | int) -> bool:
        """The field at ``path`` was written only as a blank to fill ("…"), or a list there had such an item."""
        return tuple(path) in getattr(self.source, "blanks", ())


# pydantic error type -> message key in messages.yaml
_TYPES = {
    "missing": "plan.missing",
    "extra_forbidden": "plan.unknown_key",
    "int_type": "plan.expected_int", "int_parsing": "plan.expected_int", "int_from_float": "plan.expected_int",
    "int_parsing_size": "plan.number_too_large",
    "float_type": "plan.expected_number", "float_parsing": "plan.expected_number",
    "string_type": "plan.expected_text", "string_too_short": "plan.empty_text", "string_too_long": "plan.text_too_long",
    "bool_type": "plan.expected_bool", "bool_parsing": "plan.expected_bool",
    "date_type": "plan.expected_date", "date_parsing": "plan.expected_date", "date_from_datetime_parsing": "plan.expected_date",
    "date_from_datetime_inexact": "plan.expected_date",
    "list_type": "plan.expected_list", "too_short": "plan.list_too_short", "too_long": "plan.list_too_long",
    "model_type": "plan.expected_mapping", "model_attributes_type": "plan.expected_mapping", "dict_type": "plan.expected_mapping",
    "literal_error": "plan.expected_choice", "enum": "plan.expected_choice",
    "greater_than_equal": "plan.too_small", "less_than_equal": "plan.too_large",
    "greater_than": "plan.not_above", "less_than": "plan.not_below",
    "period_order": "plan.period_order",
    "percent_range": "plan.percent_range",
    "finite_number": "plan.not_finite",
    "json_invalid": "plan.bad_json", "json_type": "plan.bad_json",
}


def as_written(source: Any, path: tuple, value: Any) -> Any:
    """A value as the file writes it (``02021``, ``no``, ``2021.50``), not as the YAML reader made it; a
    list or a mapping by its kind."""
    written = getattr(source, "written", {}).get(tuple(path))
    if written is not None:
        return written
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return Term("value_kind.empty")
    if isinstance(value, list):
        return Term("value_kind.list")
    if isinstance(value, dict):
        return Term("value_kind.mapping")
    return value


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The pydantic model that owns the keys found at ``loc`` (list indices skipped)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    return annotation


def _plain(number: Any) -> Any:
    """2100.0 -> 2100, so messages show numbers as people write them."""
    return int(number) if isinstance(number, float) and number.is_integer() else number


def _field_name(loc: tuple) -> FieldPath:
    return FieldPath(loc)


def _value_path(error: dict) -> tuple:
    """The path of the value an error is about, without pydantic's validator steps."""
    return tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith("function-")))


def _problem(source: Located, error: dict, model: type[BaseModel] = Plan) -> Problem:
    loc = tuple(p for p in error["loc"] if not isinstance(p, str) or p not in ("function-after",))
    kind = error["type"]
    key = _TYPES.get(kind, "plan.invalid")
    ctx = error.get("ctx") or {}
    params: dict[str, Any] = {"field": _field_name(loc), "detail": error.get("msg", ""),
                              "value": as_written(source, _value_path(error), error.get("input"))}
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        params.update(field=_field_name(loc[:-1]), name=str(loc[-1]),
                      allowed=", ".join(owner.model_fields) if owner else "")
        return source.problem(loc, key if owner else "plan.unknown_key_here", at_key=True, **params)
    elif kind == "missing":
        params["name"] = str(loc[-1])
        source_path = loc[:-1]
        line, column = source.where(source_path)
        return Problem(source.file, line, column, key, params)
    elif kind in ("literal_error", "enum"):
        params["expected"] = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", "")))) or ctx.get("expected", "")
    elif kind in ("greater_than_equal", "greater_than"):
        params["limit"] = _plain(ctx.get("ge", ctx.get("gt")))
    elif kind in ("less_than_equal", "less_than"):
        params["limit"] = _plain(ctx.get("le", ctx.get("lt")))
    elif kind in ("too_short", "too_long", "string_too_short", "string_too_long"):
        params["limit"] = ctx.get("min_length", ctx.get("max_length"))
    elif kind == "period_order":
        params.update(start=ctx.get("start"), end=ctx.get("end"))
        loc = loc + ("end",)
    elif kind == "percent_range":
        params["value"] = _plain(ctx.get("value"))
    return source.problem(loc, key, **params)


class _Unlocated:
    """A locator for values that have no place in a file (a plan extracted from a document)."""

    file = ""
    written: dict = {}

    def where(self, path: tuple) -> tuple[None, None]:
        return None, None

    def problem(self, path: tuple, key: str, at_key: bool = False, **params: Any) -> Problem:
        return Problem(self.file, None, None, key, params)


def error_message(error: dict, model: type[BaseModel] = Plan) -> Term:
    """A validation error as a message of the catalogue (Vietnamese as a string, any language with show())."""
    problem = _problem(_Unlocated(), error, model)
    return Term(problem.key, **problem.params)


def _leaf_types(annotation: Any) -> set[Any]:
    """What an annotation accepts: ``int | None`` -> {int, NoneType}; Literal["a"] -> {str}; list[str] stays."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _leaf_types(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return set().union(*(_leaf_types(arg) for arg in typing.get_args(annotation)))
    if origin is Literal:
        return {type(arg) for arg in typing.get_args(annotation)}
    return {annotation}


def _types_at(model: type[BaseModel], loc: tuple) -> set[Any]:
    """What the model accepts at ``loc`` (empty when ``loc`` is not in the model)."""
    current: set[Any] = {model}
    for part in loc:
        following: set[Any] = set()
        for option in current:
            if isinstance(part, int):
                if typing.get_origin(option) is list:
                    following |= _leaf_types(typing.get_args(option)[0])
            elif isinstance(option, type) and issubclass(option, BaseModel) and part in option.model_fields:
                following |= _leaf_types(option.model_fields[part].annotation)
        current = following
    return current


def ambiguity_problems(source: Any, model: type[BaseModel]) -> tuple[list[Problem], set[tuple]]:
    """Values written so that YAML 1.1 reads them as a number or true/false and YAML 1.2 as text
    (``1:30``, ``0x3C``, ``1_000``, ``02021``, ``yes``…; see yaml_source): where the model expects
    text they stay the text written; where it expects a number or true/false they are refused,
    saying how to write them — never a silent change of meaning. Also the paths refused."""
    ambiguous = getattr(source, "ambiguous", None)
    if not ambiguous:
        return [], set()
    problems, refused = [], set()
    for path, written in ambiguous.items():
        accepted = _types_at(model, path)
        wanted = {bool} if written.lower() in YAML11_BOOLS else {int, float}
        if accepted & wanted and str not in accepted:
            problems.append(source.ambiguity(path, _field_name(path)))
            refused.add(path)
    return problems, refused


def without(data: Any, paths: set[tuple]) -> Any:
    """A copy of ``data`` with the values at ``paths`` set to None (``data`` itself when there are none),
    so that no check runs on a value whose meaning was not clear (a percentage "1_000" is not "over 100")."""
    if not paths:
        return data
    data = copy.deepcopy(data)
    for path in paths:
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        parent[path[-1]] = None
    return data


def is_blank(value: Any) -> bool:
    """A text that is only a blank to fill ("…", "...", "[…]", "(điền)", "___", "", "… đồng"), optionally after the
    word that opens a body's name ("Sở …", "UBND …": the name itself left to fill); core/blanks.yaml."""
    return isinstance(value, str) and compile_once(blanks.only_blank(), re.IGNORECASE).fullmatch(value) is not None


_GONE = object()


@dataclass
class _Blanks:
    """What ``_clean`` left out: paths (as written) of values taken as absent, and for each list the
    new index of each item kept."""

    dropped: set = field(default_factory=set)
    moves: dict = field(default_factory=dict)


def _model_of(annotation: Any) -> Any:
    """The plan model a field holds (itself, in a list, or optional), else None."""
    inner = _inner_model(annotation)
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def _clean(model: type[BaseModel], data: dict, path: tuple, seen: _Blanks, may_vanish: bool) -> Any:
    """``data`` without its blanks: a blank text, an empty mapping and an item left without what it
    must have are absent (an optional value is left out, a list drops the item). A mapping left with
    nothing but its quote (or empty lists) is absent too, and so is a line whose value (``BLANK_VOIDS``) is a blank."""
    out: dict = {}
    lost = False
    for key, value in data.items():
        field_info = model.model_fields.get(key) if isinstance(key, str) else None
        if field_info is None:
            out[key] = value
            continue
        inner = _model_of(field_info.annotation)
        here = (*path, key)
        if is_blank(value) or (isinstance(value, dict) and not value):
            seen.dropped.add(here)
            lost = lost or field_info.is_required() or key in getattr(model, "BLANK_VOIDS", ())
            continue
        if isinstance(value, dict) and inner is not None:
            value = _clean(inner, value, here, seen, may_vanish=not field_info.is_required())
            if value is _GONE:
                seen.dropped.add(here)
                lost = lost or field_info.is_required()
                continue
        elif isinstance(value, list):
            kept, moves = [], {}
            for index, item in enumerate(value):
                if isinstance(item, dict) and inner is not None:
                      item = _clean(inner, item, (*here, index), seen, may_vanish=True) if item else _GONE
                elif is_blank(item):
                      item = _GONE
                if item is _GONE:
                      seen.dropped.add((*here, index))
                      continue
                moves[index] = len(kept)
                kept.append(item)
            seen.moves[here] = moves
            value = kept
        out[key] = value
    if may_vanish and (lost or not {key for key, value in out.items() if key != "quote" and value != []}):
        return _GONE
    return out


def without_blanks(source: Located) -> Located:
    """The plan file with every blank taken as absent (see ``_clean``), each remaining value still at
    its place in the file. One rule for the whole plan: a lead, a body, a value or a part that is only
    a blank to fill ("…", "(điền)", "") or empty (``budget: {}``) was not written."""
    seen = _Blanks()
    data = _clean(Plan, source.data, (), seen, may_vanish=False)
    if not seen.dropped:
        return source

    def moved(old: tuple) -> tuple | None:
        new: list = []
        for depth, part in enumerate(old):
            if old[:depth + 1] in seen.dropped:
                return None
            moves = seen.moves.get(old[:depth])
            new.append(moves.get(part) if moves is not None and isinstance(part, int) else part)
        return tuple(new)

    def remap(marks: dict) -> dict:
        return {new: value for old, value in marks.items() if (new := moved(old)) is not None}

    def holder(old: tuple) -> tuple | None:
        """The field that held the blank at ``old``: the list for an item, the field itself otherwise."""
        field_path = old[:-1] if old and isinstance(old[-1], int) else old
        parent = moved(field_path[:-1]) if field_path else ()
        return None if parent is None or not field_path else (*parent, field_path[-1])
    blanks = frozenset(h for old in seen.dropped if (h := holder(old)) is not None)
    return Located(source.file, data, remap(source.marks), remap(source.key_marks), remap(source.ambiguous),
                   remap(source.written), blanks)


_KINDS = {list: "list", type(None): "empty", int: "number", float: "number", bool: "bool"}


def validate_plan(source: Located) -> LoadedPlan:
    if not isinstance(source.data, dict):
        found = Term(f"value_kind.{_KINDS.get(type(source.data), 'text')}")
        raise InputError([source.problem((), "plan.not_mapping", found=found)])
    source = without_blanks(source)
    problems, refused = ambiguity_problems(source, Plan)
    try:
        plan = Plan.model_validate(without(source.data, refused))
    except ValidationError as exc:
        problems += [_problem(source, error) for error in exc.errors() if _value_path(error) not in refused]
    if problems:
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise InputError(problems) from None
    return LoadedPlan(plan, source)


def load_plan(path: Path | str, display: str | None = None) -> LoadedPlan:
    """Read and validate a plan file (``-``: standard input); raise InputError with located problems."""
    if str(path) == "-":
        return validate_plan(parse_yaml(read_stdin(), STDIN, gated=True))  # read through the gate
    return validate_plan(load_yaml(path, display))
