"""The one gate every input passes before it is parsed: a plan, a waiver file, a JSON report, a
document, standard input.

Refused, each with a message naming the file (and the line and column when there is one):
a path that is not a regular file (a folder, a FIFO, a device, a socket; standard input is read
when it is named ``-`` or ``/dev/stdin``), a dangling link or a loop of links, a name the system
cannot take (over 255 bytes), more than the size limit (read in chunks and stopped there: a file
that grows, ``/dev/zero`` or a pipe never fills the memory), UTF-16, bytes that are not UTF-8, NUL
and other control characters (a tab and the line ends excepted), and runs of more than
``MAX_COMBINING`` combining marks (no script needs them; normalising them takes quadratic time).

Line ends are made ``\\n`` (CRLF and a lone CR alike), so every line number counts the lines an
editor shows.
"""

import errno
import os
import re
import stat
import sys
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from ..core.errors import InputError, Problem
from ..core.regex import compile_once

MAX_BYTES = 5 * 1024 * 1024
MAX_DOCUMENT_BYTES = 4 * MAX_BYTES  # a .docx or .pdf: compressed, so its text is smaller still
MAX_COMBINING = 10
STDIN_NAMES = ("-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0")
_CHUNK = 1 << 16

# C0 controls but tab and line ends, DEL, C1 controls (NEL among them), and the Unicode line and
# paragraph separators, which YAML counts as line ends and editors do not
_CONTROL = compile_once("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
# a cheap first look: runs of characters from U+0300 up, where every combining mark is
_MAYBE_COMBINING = compile_once(f"[\u0300-\U0010ffff]{{{MAX_COMBINING + 1},}}")


def _fail(display: str, key: str, line: int | None = None, column: int | None = None, **params: Any):
    raise InputError([Problem(display, line, column, key, params)])


def is_stdin(path: Path | str) -> bool:
    return str(path) in STDIN_NAMES


def check_path(path: Path, display: str) -> os.stat_result:
    """The status of ``path`` when it is a regular file that can be opened; else an InputError."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            _fail(display, "gate.dangling_link", target=os.readlink(path))
        _fail(display, "input.missing_file")
    except NotADirectoryError:
        _fail(display, "input.missing_file")
    except PermissionError:
        _fail(display, "input.unreadable")
    except OSError as exc:
        _os_error(exc, display)
    if stat.S_ISDIR(status.st_mode):
        _fail(display, "input.is_directory")
    if not stat.S_ISREG(status.st_mode):
        _fail(display, "gate.not_regular", kind=file_kind(status.st_mode))
    return status


def _os_error(exc: OSError, display: str):
    if exc.errno == errno.ENAMETOOLONG:
        _fail(display, "gate.name_too_long", size=len(os.fsencode(display)))
    if exc.errno == errno.ELOOP:
        _fail(display, "gate.link_loop")
    from ..core.errors import os_problem  # the catalogue's message for the error number, never the system's English
    raise InputError([os_problem(exc, display)]) from None


def file_kind(mode: int):
    """What a file that is not a regular file is, in the message's language (a catalogue term)."""
    from ..core.errors import Term
    for test, name in ((stat.S_ISLNK, "link"), (stat.S_ISDIR, "folder"), (stat.S_ISFIFO, "fifo"),
                       (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device")):
        if test(mode):
            return Term(f"file_kind.{name}")
    return Term("file_kind.other")


def _read_capped(stream: BinaryIO, limit: int, display: str) -> bytes:
    parts, size = [], 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            _fail(display, "gate.too_large_stream", limit=limit)


def _open(path: Path) -> BinaryIO:
    """Opened without waiting: a path made a FIFO after it was checked does not block the run."""
    return os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb")


#: standard input as it was read (the stream, its bytes): it can be read only once, so a second
#: reader of the same run (a document's text read again by its reader) is given the same bytes
_stdin_read: tuple[Any, bytes] | None = None


def read_bytes(path: Path | str, display: str, limit: int | None = None) -> bytes:
    """The bytes of ``path`` (or of standard input), never more than ``limit`` (default MAX_BYTES)."""
    global _stdin_read
    limit = MAX_BYTES if limit is None else limit
    if is_stdin(path):
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            _fail(display, "gate.stdin_closed")
        if _stdin_read is None or _stdin_read[0] is not stream:
            _stdin_read = (stream, _read_capped(stream, limit, display))
        data = _stdin_read[1]
        if len(data) > limit:
            _fail(display, "gate.too_large_stream", limit=limit)
        return data
    path = Path(path)
    status = check_path(path, display)
    if status.st_size > limit:
        _fail(display, "input.too_large", size=status.st_size, limit=limit)
    try:
        with _open(path) as stream:
            mode = os.fstat(stream.fileno()).st_mode
            if not stat.S_ISREG(mode):
                _fail(display, "gate.not_regular", kind=file_kind(mode))
            return _read_capped(stream, limit, display)
    except PermissionError:
        _fail(display, "input.unreadable")
    except OSError as exc:
        _os_error(exc, display)


def _line_column(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


@cache
def _combining_run() -> re.Pattern:
    """Runs of more than MAX_COMBINING combining marks (canonical combining class not 0)."""
    ranges, start, previous = [], None, None
    for code in range(0x300, 0x110000):
        if unicodedata.combining(chr(code)):
            if start is None or code != previous + 1:
                if start is not None:
                    ranges.append((start, previous))
                start = code
            previous = code
    ranges.append((start, previous))
    members = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b != a else "") for a, b in ranges)
    return compile_once(f"[{members}]{{{MAX_COMBINING + 1},}}")


def decode(raw: bytes, display: str) -> str:
    """UTF-8 bytes as text with ``\\n`` line ends (not yet normalised), or an InputError naming why not."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        _fail(display, "input.utf32")
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
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_characters(text, display)
    return text


def check_characters(text: str, display: str) -> None:
    """Refuse control characters and long runs of combining marks, at their line and column."""
    found = _CONTROL.search(text)
    if found:
        _fail(display, "gate.control_character", *_line_column(text, found.start()),
              code=f"U+{ord(found.group()):04X}")
    check_combining(text, display)


def check_combining(text: str, display: str, located: bool = True) -> None:
    """Refuse a run of more than MAX_COMBINING combining marks (at its line and column when ``located``)."""
    if _MAYBE_COMBINING.search(text):
        found = _combining_run().search(text)
        if found:
            where = _line_column(text, found.start()) if located else (None, None)
            _fail(display, "gate.combining_run", *where, count=len(found.group()), limit=MAX_COMBINING)


def read_text(path: Path | str, display: str, limit: int | None = None) -> str:
    """The text of ``path`` (or of standard input) through the gate, not yet normalised."""
    return decode(read_bytes(path, display, limit), display)
