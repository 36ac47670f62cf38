"""Word 97-2003 (.doc) and OpenDocument (.odt) files, converted to .docx by LibreOffice in headless
mode, then read as any .docx (within the same limits, under the user's file name).

The conversion runs in a child process group with its own limits of processor time, memory and wall
time, and a LibreOffice profile of its own in a temporary folder (two conversions at once would
otherwise share, and lock, the user's profile). An .odt that says how many pages it has is refused
over ``sandbox.MAX_PAGES``; the .docx LibreOffice writes then goes through every check of a .docx
(members, unpacked size, characters). Without LibreOffice the user is told to save the file as .docx
in Word.
"""

import os
import resource
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..core.errors import InputError, Problem
from ..core.regex import compile_once

#: the endings converted, and LibreOffice's name for the .docx export filter
CONVERTED = (".doc", ".odt")
_FILTER = "docx:MS Word 2007 XML"
CONVERT_SECONDS = 20                 # processor time of the conversion
CONVERT_WALL_SECONDS = 25            # and its wall time (the web server gives a check 30 s)
CONVERT_MEMORY = 1024 * 1024 * 1024  # address space: LibreOffice needs more than a Python reader
_PAGES = compile_once(rb'meta:page-count="(\d+)"')


def _problem(display: str, key: str, **params) -> InputError:
    return InputError([Problem(display, None, None, key, params)])


def office() -> str | None:
    """LibreOffice's command, if it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _limits() -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    memory = CONVERT_MEMORY if hard == resource.RLIM_INFINITY else min(CONVERT_MEMORY, hard)
    resource.setrlimit(resource.RLIMIT_AS, (memory, hard))
    resource.setrlimit(resource.RLIMIT_CPU, (CONVERT_SECONDS, CONVERT_SECONDS + 1))


def _odt_pages(path: Path) -> int | None:
    """The page count an .odt records in its meta.xml (LibreOffice and Word write it), if any."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("meta.xml")
            if info.file_size > 1 << 20:
                return None
            found = _PAGES.search(archive.read(info))
    except (zipfile.BadZipFile, KeyError, OSError):
        return None  # LibreOffice says what is wrong with it
    return int(found.group(1)) if found else None


@contextmanager
def as_docx(path: Path, display: str, max_pages: int) -> Iterator[Path]:
    """The .doc or .odt at ``path`` as a .docx in a temporary folder, removed afterwards."""
    kind = path.suffix.lower()
    binary = office()
    if binary is None:
        raise _problem(display, "office.missing", kind=kind)
    pages = _odt_pages(path) if kind == ".odt" else None
    if pages is not None and pages > max_pages:
        raise _problem(display, "office.too_many_pages", kind=kind, count=pages, limit=max_pages)
    with tempfile.TemporaryDirectory(prefix="ctxh-office-") as folder:
        work = Path(folder)
        source = work / f"plan{kind}"  # the user's name never reaches LibreOffice's command line
        shutil.copyfile(path, source)
        command = [binary, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", _FILTER, "--outdir", str(work / "out"), str(source)]
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_limits,
                              start_new_session=True, env={**os.environ, "HOME": folder}) as child:
            try:
                _, errors = child.communicate(timeout=CONVERT_WALL_SECONDS)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.communicate()
                raise _problem(display, "office.limit_time", kind=kind, seconds=CONVERT_WALL_SECONDS) from None
            finally:
                try:
                    os.killpg(child.pid, signal.SIGKILL)  # nothing of LibreOffice's is left running
                except ProcessLookupError:
                    pass
        converted = work / "out" / "plan.docx"
        if child.returncode != 0 or not converted.is_file():
            if child.returncode in (-signal.SIGKILL, -signal.SIGXCPU):
                raise _problem(display, "office.limit_time", kind=kind, seconds=CONVERT_SECONDS)
            detail = [line for line in errors.decode("utf-8", "replace").splitlines()
                      if line.strip() and "javaldx" not in line]
            raise _problem(display, "office.failed", kind=kind, detail=(detail or ["?"])[-1].strip()[:200])
        yield converted
