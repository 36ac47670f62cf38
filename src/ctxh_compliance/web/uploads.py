"""What an upload may be: its kind from the name's ending, a file name safe to show, the form's
optional values. A file name from a browser is never used as a path, a link or a header as given."""

import re
import unicodedata
from datetime import date

from ..core.regex import compile_once

#: the endings accepted, and the kind of input each is
KINDS = {".docx": "docx", ".doc": "doc", ".odt": "odt", ".pdf": "pdf", ".txt": "txt", ".yaml": "yaml", ".yml": "yaml"}
_UNSAFE = compile_once(r"[^\w .()\-]+")
_SPACES = compile_once(r"\s+")
MAX_NAME = 80


def suffix_of(filename: str | None) -> str | None:
    """The accepted ending of ``filename`` (lower case), or None."""
    name = (filename or "").strip().lower()
    for suffix in KINDS:
        if name.endswith(suffix):
            return ".yaml" if suffix == ".yml" else suffix
    return None


def safe_name(filename: str | None, suffix: str) -> str:
    """A name to show for the upload: the last part of what the browser sent (no folder), letters,
    digits, spaces and ``._-()`` only, at most 80 characters, ending in ``suffix``."""
    name = unicodedata.normalize("NFC", filename or "")
    name = re.split(r"[\\/]", name)[-1]
    if name.lower().endswith(suffix) or (suffix == ".yaml" and name.lower().endswith(".yml")):
        name = name[: name.rfind(".")]
    name = _SPACES.sub(" ", _UNSAFE.sub("_", name)).strip(" ._")[: MAX_NAME - len(suffix)].strip(" ._")
    return (name or "ke-hoach") + suffix


def ascii_name(name: str) -> str:
    """The name in ASCII letters only (a header's plain ``filename=``)."""
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D")).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9._-]+", "_", plain).strip("_") or "ke-hoach"


def as_of_value(text: str | None) -> str | None:
    """The "xét tại ngày" field as an ISO date, None when empty; ValueError when not a date."""
    text = (text or "").strip()
    if not text:
        return None
    return date.fromisoformat(text).isoformat()
