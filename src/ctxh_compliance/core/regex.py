"""Regular expressions compiled once, not in every run: ``compile_once`` is ``re.compile``, with what
Python's regular-expression compiler made of each pattern (the code its matcher runs) kept between
runs (``cache.py``), keyed by the version of Python that made it. A pattern is then built from its kept
code in microseconds rather than parsed and compiled again (the package compiles some 400 patterns, about
a tenth of a document's check). The pattern built is the one ``re.compile`` builds: equal to it (same
pattern, flags and code). Anything unexpected (another Python's compiler, a damaged entry) falls back to
``re.compile``. Only the command line writes what it compiled (``save``, at its end). Each pattern's code
is kept as the bytes of an array of code words, so that loading the kept patterns is reading a few
strings (0.3 ms), not building a number object for each word (30 ms for a document's 400 patterns).
"""

import re
import sys
from array import array

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # another Python: every pattern is compiled by re
    _sre = None

_kept: dict[tuple[str, int], tuple] | None = None  # (pattern, flags) -> what _sre.compile takes after the pattern
_used: set[tuple[str, int]] = set()
_new = False
_MOST = 4_000  # kept entries; past that only those of the last run are kept (patterns made from data come and go)


_WORD = "I" if _sre is not None and array("I").itemsize == _sre.CODESIZE else None  # a code word, as array keeps it


def _version() -> str:
    return f"{sys.version}|{getattr(_sre, 'MAGIC', '')}|{getattr(_sre, 'CODESIZE', '')}|{_WORD}"


def _packed(made: tuple) -> tuple:
    """An entry as it is kept on disk: its code as the bytes of an array of code words (loaded in one
    piece, not as one object per word)."""
    flags, code, *rest = made
    return (flags, array(_WORD, code).tobytes(), *rest) if _WORD and isinstance(code, list) else made


def _unpacked(made: tuple) -> tuple:
    """An entry as ``_sre.compile`` takes it: its code as a list of numbers."""
    flags, code, *rest = made
    if isinstance(code, bytes):
        words = array(_WORD)
        words.frombytes(code)
        return (flags, words.tolist(), *rest)
    return made


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
            compiled = _sre.compile(pattern, *_unpacked(made))
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
    store("regex", _version(), {key: _packed(made) for key, made in kept.items()})
    _new = False
