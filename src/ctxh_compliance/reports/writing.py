"""Write a report without ever leaving a half-written file behind, and never in place of something
that is not a report: an input of the run (a plan, the document beside it or named by it, a
waiver file, a ruleset file), a symbolic link (its target would be replaced through it), a device,
a FIFO or a folder."""

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..core.errors import InputError, Problem
from ..inputs.gate import file_kind

DOCUMENT_SUFFIXES = (".txt", ".docx", ".pdf", ".doc", ".odt")


def _refuse(path: Path, key: str, **params) -> InputError:
    return InputError([Problem(str(path), None, None, key, params)])


def check_replaceable(path: Path) -> None:
    """Refuse an output that exists and is not a regular file (a symbolic link among them)."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _refuse(path, "cli.cannot_write", detail=exc.strerror or exc) from None
    if not stat.S_ISREG(status.st_mode):
        raise _refuse(path, "output.not_regular", kind=file_kind(status.st_mode))


class OutputGuard:
    """The inputs of a run, by resolved path and by file identity (device and inode, which a hard
    link or a second name shares): an output that is one of them is refused. Built in time linear
    in the number of inputs; each check is a set lookup."""

    def __init__(self, inputs: Iterable[Path | str] = ()):
        self.paths: dict[str, str] = {}  # resolved path -> the input as given
        self.files: dict[tuple[int, int], str] = {}
        self.add(inputs)

    def add(self, inputs: Iterable[Path | str]) -> None:
        for given in inputs:
            name = str(given)
            if name in ("-", "/dev/stdin"):
                continue
            try:
                status = os.stat(name)  # what does not exist cannot be lost
                self.paths.setdefault(os.path.realpath(name), name)
            except (OSError, ValueError):
                continue
            if stat.S_ISREG(status.st_mode):
                self.files.setdefault((status.st_dev, status.st_ino), name)

    def add_plan(self, plan: Path, document: str | None = None) -> None:
        """A plan and the document its ``source.document`` names (beside the plan, or from the
        working folder)."""
        self.add([plan, *((plan.parent / document, Path(document)) if document else ())])

    def input_at(self, output: Path) -> str | None:
        """The input that ``output`` would replace, or None."""
        try:
            resolved = os.path.realpath(output)
        except (OSError, ValueError):
            return None
        if resolved in self.paths:
            return self.paths[resolved]
        try:
            status = os.stat(output)
        except OSError:
            return None
        return self.files.get((status.st_dev, status.st_ino))

    def check(self, output: Path) -> None:
        check_replaceable(output)
        given = self.input_at(output)
        if given is not None:
            raise _refuse(output, "output.is_input", input=given)


def documents_beside(plans: Iterable[Path], folder: Path) -> list[str]:
    """Names of the documents in ``folder`` that have the name of a plan there (ke-hoach.txt beside
    ke-hoach.yaml): a batch gives its reports other names, whether or not the plan names them."""
    inside = os.path.realpath(folder)
    return [plan.stem + suffix for plan in plans if os.path.realpath(plan.parent) == inside
            for suffix in DOCUMENT_SUFFIXES if plan.suffix != suffix and (plan.parent / (plan.stem + suffix)).exists()]


def write_atomically(path: Path, text: str | bytes | Iterable[str]) -> None:
    """Write ``text`` (or its pieces, as a template's generator yields them: a large summary is
    never held whole in memory; or the bytes of a Word file) to a temporary file beside ``path``,
    then put it in place."""
    path = Path(path)
    check_replaceable(path)
    folder = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name[:200]}.", dir=folder)
    try:
        if isinstance(text, bytes):  # a Word file
            with os.fdopen(handle, "wb") as stream:
                stream.write(text)
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                if isinstance(text, str):
                    stream.write(text)
                else:
                    stream.writelines(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp creates 0600; a report is for colleagues too
        check_replaceable(path)  # not made a link or a device while the report was written
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
