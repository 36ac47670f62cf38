"""Read a plan document (.txt, .docx, .pdf) into located, NFC-normalised paragraphs: the reader for
the file's type, chosen here, with a clear message when its library is missing."""

from pathlib import Path

from ..core.errors import InputError, Problem
from ..inputs.yaml_source import MAX_BYTES, read_text
from .paragraphs import Para, lines_to_paras


def _missing(display: str, package: str, kind: str) -> InputError:
    return InputError([Problem(display, None, None, "extract.missing_reader", {"package": package, "kind": kind})])


def _read_docx(path: Path, display: str) -> list[Para]:
    try:
        import docx  # noqa: F401  python-docx
    except ImportError:
        raise _missing(display, "python-docx", ".docx") from None
    from .word import read_docx
    try:
        return read_docx(path, display)
    except InputError:
        raise
    except Exception:  # a broken zip, not a Word file
        from ..core.errors import Term
        raise InputError([Problem(display, None, None, "extract.bad_document",
                                  {"kind": ".docx", "detail": Term("extract.damaged")})]) from None


def _read_pdf(path: Path, display: str) -> list[Para]:
    try:  # pdfium reads the text; pdfplumber (its table finder) is imported for a page with rulings only
        import pypdfium2  # noqa: F401  comes with pdfplumber
        from importlib.util import find_spec
        present = find_spec("pdfplumber") is not None
    except (ImportError, ValueError):  # ValueError: a package set aside in sys.modules
        present = False
    if not present:
        raise _missing(display, "pdfplumber", ".pdf")
    from .pdf import read_pdf
    return read_pdf(path, display)


def read_document(path: Path | str, display: str | None = None) -> list[Para]:
    """Located paragraphs of a .txt, .docx or .pdf file; an InputError when it cannot be read."""
    path = Path(path)
    display = display or str(path)
    suffix = path.suffix.lower()
    if suffix in (".docx", ".pdf"):
        if not path.is_file():
            raise InputError([Problem(display, None, None, "input.missing_file", {})])
        size = path.stat().st_size
        if size > 4 * MAX_BYTES:
            raise InputError([Problem(display, None, None, "input.too_large", {"size": size, "limit": 4 * MAX_BYTES})])
        return _read_docx(path, display) if suffix == ".docx" else _read_pdf(path, display)
    return lines_to_paras(read_text(path, display))
