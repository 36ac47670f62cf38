"""Read a plan document within limits: ``read_document`` as in ``reader``, but a .docx or .pdf is
opened in a child process that may use at most ``LIMIT_SECONDS`` of processor time and
``LIMIT_MEMORY`` bytes of memory, after checks that refuse a zip bomb before it is unpacked (the
number of members of a .docx, their unpacked size and their compression ratio) and a PDF of more
than ``MAX_PAGES`` pages. A document over a limit is an input error naming the limit, never a
machine out of memory. The text of any document (.txt included) is limited to
``MAX_CHARS`` characters, and goes through the input gate's character checks.
"""

import dataclasses
import json
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

from ..core.errors import InputError, Problem
from ..inputs import gate as input_gate
from . import office
from .paragraphs import Para, Paras

LIMIT_SECONDS = 3
LIMIT_MEMORY = 440 * 1024 * 1024  # address space, which is more than the memory actually used
MAX_MEMBERS = 1_000
MAX_UNPACKED = 30 * 1024 * 1024
MAX_RATIO = 100
MAX_PAGES = 60
MAX_CHARS = 300_000
_WALL_SECONDS = LIMIT_SECONDS + 2  # waiting on a disk is not processor time
# a scan read by OCR (at most pdf.MAX_OCR_PAGES pages): the child renders the pages and waits on
# Tesseract, whose processes each have OCR_SECONDS of processor time
OCR_SECONDS = 30
OCR_WALL_SECONDS = 120
OCR_SWITCH = "CTXH_OCR"  # "1": the child reads a scan by OCR; "0": it only says that it is one


def _problem(display: str, key: str, **params) -> InputError:
    return InputError([Problem(display, None, None, key, params)])


def read_document(path: Path | str, display: str | None = None, in_process: bool = False) -> list[Para]:
    """Located paragraphs of a .txt, .docx or .pdf file (a .doc or .odt converted to .docx first, see
    ``office``); an InputError when it cannot be read or is over a limit. ``in_process``: the caller is
    a long-lived process whose time is too short for OCR (a worker of the web server). Such a process
    that keeps a reader (``keep_readers``, as a web worker and a batch worker do) has it read both kinds;
    otherwise a .docx is read in it under the same limits as in a child process (``_within_limits``) and
    a .pdf by a child process, as PDFium ends the process it runs in when memory runs out."""
    from . import reader
    path = Path(path)
    display = display or str(path)
    if path.suffix.lower() in office.CONVERTED:  # .doc, .odt: converted to .docx by LibreOffice, then read
        status = input_gate.check_path(path, display)
        if status.st_size > input_gate.MAX_DOCUMENT_BYTES:
            raise _problem(display, "input.too_large", size=status.st_size, limit=input_gate.MAX_DOCUMENT_BYTES)
        with office.as_docx(path, display, MAX_PAGES) as converted:
            return read_document(converted, display, in_process)
    if path.suffix.lower() not in (".docx", ".pdf"):
        text = input_gate.read_text(path, display)
        if len(text) > MAX_CHARS:
            raise _problem(display, "document.too_much_text", size=len(text), limit=MAX_CHARS)
        return reader.read_document(path, display)
    status = input_gate.check_path(path, display)
    if status.st_size > input_gate.MAX_DOCUMENT_BYTES:
        raise _problem(display, "input.too_large", size=status.st_size, limit=input_gate.MAX_DOCUMENT_BYTES)
    if in_process and path.suffix.lower() == ".docx" and not (_live_wanted and _can_fork()):
        answer = _within_limits(path, display)
        if "problems" in answer:
            raise InputError([Problem(display, p[0], p[1], p[2], _params(p[3])) for p in answer["problems"]])
        return _paras(answer)
    return _in_child(path, display, by_ocr=not in_process)  # a web worker's time is too short for OCR


class _OverTime(BaseException):
    """The reading used its processor time (a BaseException: a reader's ``except Exception`` does
    not swallow it)."""


def _address_space() -> int:
    """The address space this process uses now (bytes)."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _within_limits(path: Path, display: str) -> dict:
    """``_child`` run in this process under the reader's own limits: LIMIT_SECONDS of processor
    time (SIGXCPU ends the reading, not the process) and LIMIT_MEMORY bytes of address space more than
    the process has now; the process's limits are given back afterwards. A web worker is such a
    process: reading a document there costs what it costs on the command line, no more."""
    import math
    import signal
    cpu, memory = resource.getrlimit(resource.RLIMIT_CPU), resource.getrlimit(resource.RLIMIT_AS)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    try:
        previous = signal.signal(signal.SIGXCPU, _over_time)
    except ValueError:  # not the main thread: the reading is bounded by the caller's limits only
        previous = None
    try:
        if previous is not None:
            soft = math.ceil(usage.ru_utime + usage.ru_stime) + LIMIT_SECONDS
            resource.setrlimit(resource.RLIMIT_CPU, (soft if cpu[0] == resource.RLIM_INFINITY else min(soft, cpu[0]), cpu[1]))
        space = _address_space()
        if space:
            soft = space + LIMIT_MEMORY
            resource.setrlimit(resource.RLIMIT_AS, (soft if memory[1] == resource.RLIM_INFINITY else min(soft, memory[1]),
                                                    memory[1]))
        return _child(str(path), display)
    except _OverTime:
        return {"problems": [[None, None, "document.limit_time", {"seconds": LIMIT_SECONDS}]]}
    except MemoryError:
        return {"problems": [[None, None, "document.limit_memory", {"mib": LIMIT_MEMORY >> 20}]]}
    finally:
        resource.setrlimit(resource.RLIMIT_AS, memory)
        resource.setrlimit(resource.RLIMIT_CPU, cpu)
        if previous is not None:
            signal.signal(signal.SIGXCPU, previous)


def _over_time(signum, frame):
    raise _OverTime()


def _limits(seconds: int = LIMIT_SECONDS):
    prctl = _prctl()  # found here, in the parent: the child between fork and exec only calls it

    def apply() -> None:
        if prctl is not None:  # the reader ends when the process that started it ends, however it ends
            prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT_MEMORY, LIMIT_MEMORY))
    return apply


def _prctl():
    """Linux's prctl, or None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes
        return ctypes.CDLL(None).prctl
    except (OSError, AttributeError):
        return None


def _in_child(path: Path, display: str, ocr: bool = False, by_ocr: bool = True) -> list[Para]:
    """The document read by a child process within limits. A scan (no text layer) is first only
    recognised; it is then read again with OCR (unless not ``by_ocr``), under limits for OCR: Tesseract
    takes seconds a page."""
    seconds, wall = (OCR_SECONDS, OCR_WALL_SECONDS) if ocr else (LIMIT_SECONDS, _WALL_SECONDS)
    over_time = _problem(display, "document.limit_time", seconds=seconds)
    try:
        answered = None if ocr else _ask_early(path, display, wall) or _ask_live(path, display, wall)
        returncode, stdout, stderr = answered or (_forked if _can_fork() else _started)(path, display, seconds, wall, ocr)
    except subprocess.TimeoutExpired:
        raise over_time from None
    if returncode in (-9, -24, -27):  # SIGKILL, SIGXCPU, SIGPROF: over the processor time
        raise over_time
    try:
        answer = json.loads(stdout)
    except ValueError:
        memory = b"MemoryError" in stderr or returncode == -6
        if memory:
            raise _problem(display, "document.limit_memory", mib=LIMIT_MEMORY >> 20) from None
        raise _problem(display, "document.reader_failed",
                       detail=(stderr.decode("utf-8", "replace").strip().splitlines() or ["?"])[-1]) from None
    if "problems" in answer:
        if not ocr and by_ocr and any(p[2] == "document.scan" for p in answer["problems"]):
            return _in_child(path, display, ocr=True)
        raise InputError([Problem(display, p[0], p[1], p[2], _params(p[3])) for p in answer["problems"]])
    return _paras(answer)


def _can_fork() -> bool:
    """Whether the reader can be a fork of this process: on Linux, when this process runs one thread
    (a fork of a process with other threads may inherit a lock held by one of them)."""
    import threading
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


def _started(path: Path, display: str, seconds: int, wall: int, ocr: bool) -> tuple[int, bytes, bytes]:
    """The reader as a new interpreter (where this process cannot be forked): it imports the package
    and the document libraries again."""
    done = subprocess.run([sys.executable, "-m", "ctxh_compliance.extract.sandbox", str(path), display],
                          capture_output=True, timeout=wall, preexec_fn=_limits(seconds), check=False,
                          env={**os.environ, "PYTHONPATH": _package_path(), OCR_SWITCH: "1" if ocr else "0"})
    return done.returncode, done.stdout, done.stderr


def _lower(limit: int, soft: int, hard: int) -> None:
    """Set a limit of this process, never above the one it has (a process that is not root cannot raise
    its hard limit: a web worker's memory limit stays the ceiling)."""
    current = resource.getrlimit(limit)[1]
    if current != resource.RLIM_INFINITY:
        soft, hard = min(soft, current), min(hard, current)
    resource.setrlimit(limit, (soft, hard))


def _import_reader(path: Path, tables: bool = True) -> None:
    """The reader of the document's type and its library, imported in this process (once: every fork
    starts with them); only what this type needs (``tables``: pdfplumber's table finder too, for a
    process that will read many PDFs; one that reads a single PDF imports it for a page with rulings
    only). A library that is missing is said by the reader."""
    try:
        if path.suffix.lower() == ".docx":
            import docx  # noqa: F401

            from . import word  # noqa: F401
        else:
            if tables:
                import pdfplumber.table  # noqa: F401  the table finder, for the pages with rulings
            import pypdfium2  # noqa: F401

            from . import pdf  # noqa: F401
        from . import reader  # noqa: F401
    except ImportError:
        pass


def _forked(path: Path, display: str, seconds: int, wall: int, ocr: bool) -> tuple[int, bytes, bytes]:
    """The reader as a fork of this process: it starts with every library this process has imported
    (a batch worker or the command line imports them once), under its own limits — ``seconds`` of
    processor time, LIMIT_MEMORY bytes of address space more than this process has, ``wall`` seconds
    in all — and ends when this process ends. Each document still has a process of its own: a crash
    or a limit is that document's alone."""
    import signal
    _import_reader(path)
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()

    def read() -> int:
        answer = json.dumps(_child(str(path), display), ensure_ascii=False).encode("utf-8")
        with os.fdopen(out_w, "wb") as out:
            out.write(answer)
        return 0
    # a fork's processor time starts at nought: the document's limit is the process's own
    pid = _fork_reader((out_r, err_r), err_w, signal.SIGXCPU, seconds, ocr, read)
    os.close(out_w)
    os.close(err_w)
    return _collect(pid, out_r, err_r, wall)


def _fork_reader(parents_ends: tuple[int, ...], err_w: int, cpu_signal: int, cpu_seconds: int, ocr: bool,
                 work) -> int:
    """Fork a reader process and return its pid. The reader closes ``parents_ends``, writes its standard
    error to ``err_w``, dies with this process, leaves what it inherited out of the collector's way, runs
    under its limits (``cpu_seconds`` of processor time, ``cpu_signal`` back to its default action;
    LIMIT_MEMORY bytes of address space more than this process has) and exits with what ``work()``
    returns (1, with the traceback on standard error, if it raises)."""
    import gc
    import signal
    space = _address_space()
    prctl = _prctl()
    pid = os.fork()
    if pid == 0:  # the reader
        code = 1
        try:
            for fd in parents_ends:
                os.close(fd)
            os.dup2(err_w, 2)
            if prctl is not None:
                prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
            gc.freeze()  # what the fork inherited is never garbage: the collector passes it by
            signal.signal(cpu_signal, signal.SIG_DFL)
            _lower(resource.RLIMIT_CPU, cpu_seconds, cpu_seconds + 1)
            if space:
                _lower(resource.RLIMIT_AS, space + LIMIT_MEMORY, space + LIMIT_MEMORY)
            os.environ[OCR_SWITCH] = "1" if ocr else "0"
            code = work()
        except BaseException:
            import traceback
            traceback.print_exc()
        finally:
            os._exit(code)
    return pid


def _collect(pid: int, out_r: int, err_r: int, wall: float) -> tuple[int, bytes, bytes]:
    """What a reader process writes (its answer, its standard error) and how it ended; a reader still
    running after ``wall`` seconds is ended (TimeoutExpired)."""
    import selectors
    import signal
    import time
    received: dict[int, list[bytes]] = {out_r: [], err_r: []}
    deadline = time.monotonic() + wall
    with selectors.DefaultSelector() as selector:
        for fd in received:
            selector.register(fd, selectors.EVENT_READ)
        try:
            while selector.get_map():
                left = deadline - time.monotonic()
                if left <= 0:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                    raise subprocess.TimeoutExpired("reader", wall)
                for key, _ in selector.select(left):
                    chunk = os.read(key.fd, 1 << 16)
                    if chunk:
                        received[key.fd].append(chunk)
                    else:
                        selector.unregister(key.fd)
        finally:
            os.close(out_r)
            os.close(err_r)
    _, status = os.waitpid(pid, 0)
    returncode = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
    return returncode, b"".join(received[out_r]), b"".join(received[err_r])


# the reader forked when the command started (``start_early``): (the process that started it, its pid,
# the request's pipe, the answer's pipe, standard error's pipe, the document as named on the command line)
_early: tuple[int, int, int, int, int, str] | None = None


def start_early(argument: str) -> None:
    """Fork the reader for the document ``argument`` now, before the command imports the rest of the
    package: while the command imports it, the reader imports the document's library and reads the
    document under the reader's limits (``serve_early``); when the command asks for that document by
    that name (``read_document``) it gets the answer a reader forked at that moment would give. A guess
    from the arguments alone: a document the command never asks for costs a process that ends with the
    command (``end_early``). Linux only, as ``_forked``; elsewhere the document is read as usual."""
    global _early
    if _early is not None or not _can_fork():
        return
    try:
        request_r, request_w = os.pipe()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        pid = os.fork()
    except OSError:
        return
    if pid == 0:  # the reader
        code = 1
        try:
            os.close(request_w)
            os.close(out_r)
            os.close(err_r)
            null = os.open(os.devnull, os.O_RDWR)
            os.dup2(null, 0)  # the command's standard input and output are never the reader's
            os.dup2(null, 1)
            os.dup2(err_w, 2)
            code = serve_early(argument, request_r, out_w)
        except BaseException:
            import traceback
            traceback.print_exc()
        finally:
            os._exit(code)
    os.close(request_r)
    os.close(out_w)
    os.close(err_w)
    _early = (os.getpid(), pid, request_w, out_r, err_r, argument)


def _take_early() -> tuple[int, int, int, int, str] | None:
    """The early reader this process started (pid, request, answer and error pipes, the document's
    argument), once; None when there is none (a process forked from the command has none of its own)."""
    global _early
    if _early is None or _early[0] != os.getpid():
        return None
    _, *reader = _early
    _early = None
    return tuple(reader)


def end_early() -> None:
    """The early reader ended if it was never asked (the command read no document, or another one)."""
    import signal
    reader = _take_early()
    if reader is not None:
        pid, *fds, _ = reader
        for fd in fds:
            os.close(fd)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


_STALE = b'{"stale": true}'  # the early reader has no answer for what was asked: a reader is forked as usual


def _ask_early(path: Path, display: str, wall: float) -> tuple[int, bytes, bytes] | None:
    """The answer of the reader forked when the command started (``start_early``), if it was started for this
    document under this name; None otherwise (that reader is then ended)."""
    if _early is None or _early[0] != os.getpid():
        return None
    if str(path) != str(Path(_early[5])) or display != str(Path(_early[5])):
        end_early()
        return None
    pid, request_w, out_r, err_r, _ = _take_early()
    try:
        os.write(request_w, json.dumps([str(path), display], ensure_ascii=False).encode("utf-8"))
    except OSError:  # the reader has ended (a limit): how it ended says why
        pass
    finally:
        os.close(request_w)
    returncode, stdout, stderr = _collect(pid, out_r, err_r, wall)
    return None if returncode == 0 and stdout == _STALE else (returncode, stdout, stderr)


def serve_early(argument: str, request_r: int, out_w: int) -> int:
    """The early reader (``start_early``, in the forked process): the document's library imported, the
    document read under the reader's limits — LIMIT_SECONDS of processor time from now, LIMIT_MEMORY
    bytes of address space more than this process has — then the answer held until the command asks
    for this document by this name (stale if the file changed meanwhile, or something else is asked).
    Returns the exit code."""
    import gc
    import math
    import signal
    import stat
    gc.disable()  # importing builds objects, none of them garbage
    prctl = _prctl()
    if prctl is not None:  # the reader ends when the command ends, however it ends
        prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    path = Path(argument)
    _import_reader(path, tables=False)
    gc.freeze()
    gc.enable()
    answer = None
    try:
        before = os.stat(path)
    except OSError:
        before = None
    if (before is not None and stat.S_ISREG(before.st_mode) and before.st_size <= input_gate.MAX_DOCUMENT_BYTES
            and path.suffix.lower() in (".docx", ".pdf")):
        usage = resource.getrusage(resource.RUSAGE_SELF)
        used = usage.ru_utime + usage.ru_stime
        signal.signal(signal.SIGPROF, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_PROF, LIMIT_SECONDS)  # processor time from now: SIGPROF ends the reader
        backstop = math.ceil(used) + LIMIT_SECONDS + 1
        _lower(resource.RLIMIT_CPU, backstop, backstop + 1)
        space = _address_space()
        if space:
            _lower(resource.RLIMIT_AS, space + LIMIT_MEMORY, space + LIMIT_MEMORY)
        os.environ[OCR_SWITCH] = "0"
        answer = json.dumps(_child(str(path), str(path)), ensure_ascii=False).encode("utf-8")
        signal.setitimer(signal.ITIMER_PROF, 0)  # read: what follows is not the document's time
    request = b""
    while chunk := os.read(request_r, 1 << 16):
        request += chunk
    if not request:  # never asked: the command read no document, or another one
        return 0
    try:
        after = os.stat(path)
    except OSError:
        after = None
    same = after is not None and before is not None and (after.st_dev, after.st_ino, after.st_size, after.st_mtime_ns) == (
        before.st_dev, before.st_ino, before.st_size, before.st_mtime_ns)
    if answer is None or not same or json.loads(request) != [str(path), str(path)]:
        answer = _STALE
    with os.fdopen(out_w, "wb") as out:
        out.write(answer)
    from ..core import regex
    regex.save()  # the readers' patterns, for the next runs (the command keeps its own)
    return 0


# A process that reads many documents (a batch worker) may keep one reader for them (``keep_readers``):
# forking a reader for each document costs more than reading a short one. The reader reads one document
# at a time under the same limits (LIMIT_SECONDS of processor time for each, by ITIMER_PROF; LIMIT_MEMORY
# bytes of address space more than its process had when it started); one that crashes or goes over a
# limit is that document's fault as before and is replaced, and each is replaced after LIVE_DOCUMENTS.
LIVE_DOCUMENTS = 50
_live_wanted = False
_live: list | None = None  # [the process that started it, pid, request pipe, answer pipe, stderr pipe, documents read]


def keep_readers() -> None:
    """Read this process's documents (the first reading of each, not OCR) with a reader that lives for
    many of them (on Linux, where a reader is a fork)."""
    global _live_wanted
    _live_wanted = True


def end_readers() -> None:
    """End this process's reader for many documents (a batch worker's, when the worker ends)."""
    _end_live()


def _end_live() -> None:
    global _live
    if _live is None:
        return
    owner, pid, *fds, _ = _live
    _live = None
    if owner != os.getpid():
        return
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass
    import signal
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass


def _start_live() -> list | None:
    """A reader for many documents, forked from this process (its libraries imported in it first)."""
    import signal
    for suffix in (".docx", ".pdf"):
        _import_reader(Path(f"x{suffix}"))
    request_r, request_w = os.pipe()
    answer_r, answer_w = os.pipe()
    err_r, err_w = os.pipe()
    # each document's processor time is kept by ITIMER_PROF; the processor limit the fork inherited (a web
    # worker's, counted from that worker's start) is replaced by a backstop for the reader's life
    backstop = (LIVE_DOCUMENTS + 1) * (LIMIT_SECONDS + 1)
    pid = _fork_reader((request_w, answer_r, err_r), err_w, signal.SIGPROF, backstop, False,
                       lambda: _serve_live(request_r, answer_w))
    for fd in (request_r, answer_w, err_w):
        os.close(fd)
    return [os.getpid(), pid, request_w, answer_r, err_r, 0]


def _serve_live(request_r: int, answer_w: int) -> int:
    """The reader's loop: a request is a line (path and name as JSON), an answer its length (8 bytes)
    and ``_child``'s answer as JSON."""
    import signal
    from ..core.memory import give_back
    with os.fdopen(request_r, "rb") as requests:
        for line in requests:
            path, display = json.loads(line)
            signal.setitimer(signal.ITIMER_PROF, LIMIT_SECONDS)  # this document's processor time: SIGPROF ends the reader
            answer = json.dumps(_child(path, display), ensure_ascii=False).encode("utf-8")
            signal.setitimer(signal.ITIMER_PROF, 0)
            message = len(answer).to_bytes(8, "big") + answer
            while message:
                message = message[os.write(answer_w, message):]
            give_back()  # what this document freed, given back before the next
    return 0


def _ask_live(path: Path, display: str, wall: float) -> tuple[int, bytes, bytes] | None:
    """The answer of this process's reader for many documents (started if need be), or None when this
    process does not keep one."""
    global _live
    if not _live_wanted or not _can_fork():
        return None
    if _live is not None and _live[0] != os.getpid():  # a fork of the process that started it
        _live = None
    if _live is None:
        _live = _start_live()
    owner, pid, request_w, answer_r, err_r, count = _live
    try:
        os.write(request_w, json.dumps([str(path), display], ensure_ascii=False).encode("utf-8") + b"\n")
    except OSError:  # the reader has ended: a new one for this document
        _end_live()
        _live = _start_live()
        owner, pid, request_w, answer_r, err_r, count = _live
        os.write(request_w, json.dumps([str(path), display], ensure_ascii=False).encode("utf-8") + b"\n")
    import selectors
    import time
    deadline = time.monotonic() + wall
    answer, errors, size = b"", [], None
    with selectors.DefaultSelector() as selector:
        selector.register(answer_r, selectors.EVENT_READ)
        selector.register(err_r, selectors.EVENT_READ)
        while size is None or len(answer) < size:
            left = deadline - time.monotonic()
            if left <= 0:
                _end_live()
                raise subprocess.TimeoutExpired("reader", wall)
            ended = False
            for key, _ in selector.select(left):
                chunk = os.read(key.fd, 1 << 16)
                if key.fd == err_r:
                    errors.append(chunk)
                    ended = ended or not chunk
                elif chunk:
                    answer += chunk
                    if size is None and len(answer) >= 8:
                        size, answer = int.from_bytes(answer[:8], "big"), answer[8:]
                else:
                    ended = True
            if ended:  # the reader died reading this document: how it ended says why
                _live = None
                for fd in (request_w, answer_r):
                    os.close(fd)
                while chunk := os.read(err_r, 1 << 16):
                    errors.append(chunk)
                os.close(err_r)
                _, status = os.waitpid(pid, 0)
                returncode = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
                return returncode, b"", b"".join(errors)
    _live[5] = count + 1
    if _live[5] >= LIVE_DOCUMENTS or b'"document.limit_memory"' in answer:
        _end_live()  # a reader near its memory limit, or old, is replaced
    return 0, answer, b"".join(errors)


def _paras(answer: dict) -> Paras:
    """The paragraphs the child read, with its remarks on the reading."""
    return Paras((Para(**para) for para in answer["paras"]), revisions=answer.get("revisions", 0),
                 furniture=answer.get("furniture", ()))


def _params(params: dict) -> dict:
    """A problem's parameters as the child sent them (a catalogue term keeps its language)."""
    from ..core.errors import Term
    return {name: Term(value["term"]) if isinstance(value, dict) and "term" in value else value
            for name, value in params.items()}


def _package_path() -> str:
    """The child imports this very package, wherever it was imported from."""
    here = str(Path(__file__).resolve().parents[2])
    return os.pathsep.join([here, *filter(None, [os.environ.get("PYTHONPATH")])])


def _check_zip(path: Path, display: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise _problem(display, "document.too_many_members", count=len(members), limit=MAX_MEMBERS)
            unpacked = sum(m.file_size for m in members)
            if unpacked > MAX_UNPACKED:
                raise _problem(display, "document.too_large_unpacked", size=unpacked, limit=MAX_UNPACKED)
            for member in members:
                ratio = member.file_size / max(member.compress_size, 1)
                if member.file_size > 1 << 20 and ratio > MAX_RATIO:
                    raise _problem(display, "document.ratio", name=member.filename, ratio=int(ratio), limit=MAX_RATIO)
    except zipfile.BadZipFile:
        from ..core.errors import Term
        raise _problem(display, "extract.bad_document", kind=".docx", detail=Term("extract.damaged")) from None


def _check_pages(path: Path, display: str) -> None:
    try:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfparser import PDFParser
        from pdfminer.pdftypes import resolve1
    except ImportError:
        return  # no reader: reader.read_document says so
    try:
        with open(path, "rb") as handle:
            document = PDFDocument(PDFParser(handle))
            count = resolve1(resolve1(document.catalog.get("Pages")).get("Count"))
    except Exception:  # damaged: the reader says how
        return
    if isinstance(count, int) and count > MAX_PAGES:
        raise _problem(display, "document.too_many_pages", count=count, limit=MAX_PAGES)


def _child(path: str, display: str) -> dict:
    """What the child process answers: the paragraphs, or the problems."""
    from . import reader
    try:
        if path.lower().endswith(".docx"):
            try:
                import docx  # noqa: F401  python-docx: said before a broken zip is
            except ImportError:
                raise _problem(display, "extract.missing_reader", package="python-docx", kind=".docx") from None
            _check_zip(Path(path), display)
        else:
            _check_pages(Path(path), display)
        paras = reader.read_document(path, display)
        size = sum(len(p.text) for p in paras)
        if size > MAX_CHARS:
            raise _problem(display, "document.too_much_text", size=size, limit=MAX_CHARS)
        for para in paras:  # normalising a long run of combining marks takes quadratic time
            input_gate.check_combining(para.text, display, located=False)
    except InputError as exc:
        if _out_of_memory(exc):  # a reader that reports running out of memory as a damaged document
            exc = _problem(display, "document.limit_memory", mib=LIMIT_MEMORY >> 20)
        return {"problems": [[p.line, p.column, p.key, _plain(p.params)] for p in exc.problems]}
    except MemoryError:
        return {"problems": [[None, None, "document.limit_memory", {"mib": LIMIT_MEMORY >> 20}]]}
    return {"paras": [dataclasses.asdict(p) for p in paras], "revisions": getattr(paras, "revisions", 0),
            "furniture": list(getattr(paras, "furniture", ()))}


def _out_of_memory(exc: BaseException) -> bool:
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, MemoryError):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _plain(params: dict) -> dict:
    from ..core.errors import Term
    return {name: {"term": value.key} if isinstance(value, Term) else
            value if isinstance(value, (int, float, str, type(None))) else str(value)
            for name, value in params.items()}


if __name__ == "__main__":
    sys.stdout.write(json.dumps(_child(sys.argv[1], sys.argv[2]), ensure_ascii=False))
