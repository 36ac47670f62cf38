"""Values kept between runs, so that a run does not parse again what it parsed last time (a validated
ruleset, the message catalogue): only to be faster.

An entry is keyed by the bytes of the files it was built from and by the version of the code that
built it. An entry that cannot be read or written is ignored (the value is then built as usual); an
entry not owned by the user, or writable by others, is never loaded (unpickling runs code); older
entries of the same name are removed when a new one is written. ``CTXH_CACHE_DIR=`` (empty) turns
the cache off.
"""

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .resources import cache_dir

T = TypeVar("T")


def _key(name: str, files: list[Path], version: str) -> str:
    """The files by content, the code that reads them by ``version``."""
    digest = hashlib.sha256(f"{version}|{name}".encode())
    for path in files:
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def cached(name: str, files: list[Path], build: Callable[[], T], version: str = "") -> T:
    """``build()``, or the value it gave last time for the same ``files`` read by the same ``version`` of
    the code."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        entry = folder / f"{name}-{_key(name, files, version)}.pickle"
    except OSError:
        return build()
    found = _read(entry)
    if found is not _ABSENT:
        return found
    value = build()
    _write(folder, name, entry, value)
    return value


def load(name: str, version: str) -> object:
    """The value stored under ``name`` by the same ``version`` of the code (``store``), or None."""
    folder = cache_dir()
    if folder is None:
        return None
    found = _read(folder / f"{name}-{_key(name, [], version)}.pickle")
    return None if found is _ABSENT else found


def store(name: str, version: str, value: object) -> None:
    """Keep ``value`` under ``name`` for the same ``version`` of the code (in place of any other version's)."""
    folder = cache_dir()
    if folder is not None:
        _write(folder, name, folder / f"{name}-{_key(name, [], version)}.pickle", value)


_ABSENT = object()


def _read(entry: Path) -> object:
    try:
        with open(entry, "rb") as handle:
            status = os.fstat(handle.fileno())
            if status.st_uid == os.getuid() and not status.st_mode & 0o022:
                return pickle.load(handle)
    except Exception:  # absent, unreadable or from another version: built again
        pass
    return _ABSENT


def _write(folder: Path, name: str, entry: Path, value: object) -> None:
    for old in folder.glob(f"{name}-*.pickle"):
        if old != entry:
            try:
                old.unlink()
            except OSError:
                pass
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{entry.name}.", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
    except Exception:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except Exception:
                pass
