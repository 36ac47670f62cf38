"""Unicode handling for Vietnamese text: NFC everywhere, and a folded form for matching."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Case-, space- and dash-insensitive form used to compare wording.

    Keeps the Vietnamese diacritics (``trại giam`` and ``trại tạm giam`` must stay
    different) but ignores case, runs of spaces and the kind of dash used.
    """
    text = nfc(text).casefold()
    text = re.sub(r"[‐-―−]", "-", text)
    return _SPACES.sub(" ", text).strip()


def fold_number(text: str) -> str:
    """Form used to compare document numbers such as ``112/QĐ-TTg`` and ``112/QD-TTg``."""
    text = fold(text).replace("đ", "d").replace(" ", "")
    return text


# Leading words that do not change which group an item names ("các cơ quan tư pháp").
_ARTICLES = ("các ", "những ", "số ", "mỗi ")


def fold_item(text: str) -> str:
    """Folded form of one item of a list, without a leading plural article."""
    text = fold(text).strip(" ,.;")
    for article in _ARTICLES:
        if text.startswith(article):
            text = text[len(article):]
    return text


_PLACE_PREFIXES = ("tỉnh ", "thành phố ", "tp. ", "tp ")


def fold_place(text: str) -> str:
    """Folded province name without "tỉnh"/"thành phố" ("Tỉnh Yên Bái" -> "yên bái")."""
    text = fold(text)
    for prefix in _PLACE_PREFIXES:
        if text.startswith(prefix):
            return text[len(prefix):].strip()
    return text


def format_number(value: float, lang: str = "vi") -> str:
    """1234567 -> "1.234.567" in Vietnamese, "1,234,567" in English; at most two decimals."""
    if float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if lang == "vi":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text
