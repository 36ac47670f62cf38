"""Memory a long-lived process gives back: glibc keeps what a check freed for its next allocation, so a
worker that read a large document stays as large as its largest; ``give_back`` returns the free pages
to the system (``malloc_trim``) where the C library has it, and does nothing elsewhere."""

import ctypes
import ctypes.util
import sys
from functools import cache


@cache
def _trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or None).malloc_trim
    except (OSError, AttributeError):  # another C library (musl) has no malloc_trim
        return None


def give_back() -> None:
    """Return the memory the process has freed to the system."""
    trim = _trim()
    if trim is not None:
        trim(0)
