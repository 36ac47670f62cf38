"""Read Vietnamese amounts written in words: "Hai mươi tỷ sáu trăm bốn mươi tư triệu đồng"."""

import re

from .text import fold

_DIGITS = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "nhăm": 5,
           "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9}
_SCALES = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6, "tỷ": 10**9, "tỉ": 10**9}
_IGNORED = {"đồng", "linh", "lẻ", "chẵn", "vnđ"}


def parse_words(text: str) -> int | None:
    """The number the words say, or None when a word is not a number word."""
    total, small, pending = 0, 0, None
    words = [w for w in re.split(r"[\s,.;()]+", fold(text)) if w]
    if not words:
        return None
    for word in words:
        if word in _DIGITS:
            if pending is not None:
                return None
            pending = _DIGITS[word]
        elif word == "trăm":
            small += (1 if pending is None else pending) * 100
            pending = None
        elif word == "mươi":
            if pending is None:
                return None
            small += pending * 10
            pending = None
        elif word == "mười":
            small += 10
        elif word in _SCALES:
            scale = _SCALES[word]
            group = small + (pending or 0)
            if total and total < scale:
                total = (total + group) * scale
            else:
                total += (group or 1) * scale
            small, pending = 0, None
        elif word in _IGNORED:
            continue
        else:
            return None
    return total + small + (pending or 0)
