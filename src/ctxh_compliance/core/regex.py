"""Regular expressions compiled once, not in every run: ``compile_once`` is ``re.compile``, with what
Python's regular-expression compiler made of each pattern (the code its matcher runs) kept between
runs (``cache.py``), keyed by the version of Python that made it. A pattern is then built from its kept
code in microseconds rather than parsed and compiled again (the package compiles some 400 patterns, about
a tenth of a document's check). The pattern built is the one ``re.compile`` builds: equal to it (same
pattern, flags and code). Anything unexpected (another Python's compiler, a damaged entry) falls back to
``re.compile``. Only the command line writes what it compiled (``save``, at its end).
"""

import re
import sys

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # another Python: every pattern is compiled by re
    _sre = None

_kept: dict[tuple[str, int], tuple] | None = None  # (pattern, flags) -> what _sre.compile takes after the pattern
_used: set[tuple[str, int]] = set()
_new = False
_MOST = 4_000  # kept entries; past that only those of the last run are kept (patterns made from data come and go)


def _version() -> str:
    return f"{sys.version}|{getattr(_sre, 'MAGIC', '')}|{getattr(_sre, 'CODESIZE', '')}"


def _load() -> dict:
    from .cache import load
    kept = load("regex", _version())
    return kept if isinstance(kept, dict) else {}


def _code(pattern: str, flags: int) -> tuple | None:
    """What re's compiler passes to _sre.compile for ``pattern`` (as ``re._compiler.compile`` does), or
    None when it cannot be made here (re.compile then compiles it, or says what is wrong with it)."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]  # plain numbers: kept as they are
        groupindex = parsed.state.groupdict
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        return flags | parsed.state.flags, code, parsed.state.groups - 1, dict(groupindex), tuple(indexgroup)
    except Exception:
        return None


def compile_once(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, built from the code kept from an earlier run when there is some."""
    global _kept, _new
    flags = int(flags)
    if _sre is None or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    if _kept is None:
        _kept = _load()
    key = (pattern, flags)
    made = _kept.get(key)
    if made is not None:
        try:
            compiled = _sre.compile(pattern, *made)
            _used.add(key)
            return compiled
        except Exception:
            pass
    made = _code(pattern, flags)
    if made is None:
        return re.compile(pattern, flags)
    compiled = _sre.compile(pattern, *made)
    _kept[key] = made
    _used.add(key)
    _new = True
    return compiled


def save() -> None:
    """Keep what this run compiled for the next runs (nothing is written when nothing is new)."""
    global _new
    if not _new or _kept is None:
        return
    from .cache import store
    kept = _load()
    kept.update(_kept)
    if len(kept) > _MOST:
        kept = {key: value for key, value in _kept.items() if key in _used}
    store("regex", _version(), kept)
    _new = False
