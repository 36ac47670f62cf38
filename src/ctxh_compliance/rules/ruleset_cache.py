"""Validated rulesets kept between runs (``core.cache``), so that a check does not parse and validate
every ruleset file each time it starts.

An entry is keyed by the bytes of the ruleset's YAML files, by the version on disk (size and
modification time) of every module of the package, which define and check the ruleset model, and by
the versions of Python and pydantic: an edited rule or module is validated again.
"""

import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

import pydantic

from ..core import cache as _cache

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parents[1]  # the whole package (this file is in rules/)
#: the modules that build and check a ruleset (all of the package: small, and read once per run)
_MODEL_SOURCES = sorted(_PACKAGE.rglob("*.py"))


@cache
def _code_version() -> str:
    """The package's modules as they are on disk (path, size, modification time), Python and pydantic."""
    parts = [sys.version, pydantic.VERSION]
    for path in _MODEL_SOURCES:
        status = path.stat()
        parts.append(f"{path}|{status.st_size}|{status.st_mtime_ns}")
    return "\n".join(parts)


def cached(name: str, files: list[Path], build: Callable[[], T], also: str = "") -> T:
    """``build()``, or the value it gave last time for the same ruleset files and the same code (and the
    same ``also``: whatever else the value depends on)."""
    return _cache.cached(name, files, build, f"{_code_version()}|{also}")
