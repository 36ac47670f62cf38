"""Validated rulesets kept between runs, so that a check does not parse and validate every
ruleset file each time it starts.

An entry is keyed by the bytes of every file it was built from (the ruleset's YAML files and the
modules that define the ruleset model) and by the versions of Python and pydantic: an edited rule
or model is validated again. An entry that cannot be read or written is ignored (the ruleset is
then validated as usual); ``CTXH_CACHE_DIR=`` (empty) turns the cache off.
"""

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pydantic

from .resources import cache_dir

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parent
#: the modules whose classes a cached ruleset is made of
_MODEL_SOURCES = sorted([_PACKAGE / "ruleset_model.py", _PACKAGE / "localized.py", _PACKAGE / "plan_model.py",
                         *(_PACKAGE / "kinds").glob("*.py")])


def _key(name: str, files: list[Path]) -> str:
    digest = hashlib.sha256(f"{sys.version}|{pydantic.VERSION}|{name}".encode())
    for path in [*files, *_MODEL_SOURCES]:
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
            return pickle.load(handle)
    except Exception:  # absent, unreadable or from another version: build it again
        pass
    value = build()
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
