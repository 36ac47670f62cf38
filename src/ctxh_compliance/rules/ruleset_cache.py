"""Validated rulesets kept between runs, so that a check does not parse and validate every
ruleset file each time it starts.

An entry is keyed by the bytes of the ruleset's YAML files, by the version on disk (size and
modification time) of every module of the package, which define and check the ruleset model, and by
the versions of Python and pydantic: an edited rule or module is validated again. An entry that cannot be read or written is
ignored (the ruleset is then validated as usual); an entry not owned by the user, or writable by
others, is never loaded (unpickling runs code); older entries of the same ruleset are removed when
a new one is written. ``CTXH_CACHE_DIR=`` (empty) turns the cache off.
"""

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

import pydantic

from ..core.resources import cache_dir

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


def _key(name: str, files: list[Path]) -> str:
    """The ruleset files by content (the data a reviewer edits), the code by version."""
    digest = hashlib.sha256(f"{_code_version()}|{name}".encode())
    for path in files:
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def cached(name: str, files: list[Path], build: Callable[[], T]) -> T:
    """``build()``, or the value it gave last time for the same ``files``."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        entry = folder / f"{name}-{_key(name, files)}.pickle"
    except OSError:
        return build()
    try:
        with open(entry, "rb") as handle:
            status = os.fstat(handle.fileno())
            if status.st_uid == os.getuid() and not status.st_mode & 0o022:
                return pickle.load(handle)
    except Exception:  # absent, unreadable or from another version: build it again
        pass
    value = build()
    for old in folder.glob(f"{name}-*.pickle"):
        if old != entry:
            try:
                old.unlink()
            except OSError:
                pass
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{entry.name}.", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
    except Exception:
        try:
            os.unlink(temporary)
        except Exception:
            pass
    return value
