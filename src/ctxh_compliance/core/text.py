"""Unicode handling for Vietnamese text: NFC everywhere, and a folded form for matching."""

import re
import unicodedata
from functools import lru_cache, wraps

from .regex import compile_once

_SPACES = compile_once(r"\s+")


def _short_cached(function):
    """``function`` remembered for short texts (names and list items recur in every plan of a
    batch and in every ruleset); long ones are computed each time, so memory stays bounded."""
    remembered = lru_cache(maxsize=4096)(function)

    @wraps(function)
    def wrapper(text: str) -> str:
        return remembered(text) if len(text) <= 200 else function(text)
    return wrapper


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@_short_cached
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
# Trailing words that say at which level, not which group ("tổ chức chính trị - xã hội các cấp").
_LEVELS = (" các cấp",)


@_short_cached
def fold_item(text: str) -> str:
    """Folded form of one item of a list, without a leading plural article."""
    text = fold(text).strip(" ,.;")
    for article in _ARTICLES:
        if text.startswith(article):
            text = text[len(article):]
    for level in _LEVELS:
        if text.endswith(level):
            text = text[:-len(level)]
    return text


# Characters that show nothing: zero-width (U+200B-U+200D, U+2060, U+FEFF) and bidi controls
# (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069). Removed: a name hidden with one is still the name.
_INVISIBLE = compile_once("[\u200b-\u200d\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# "&", " và ", "," and every hyphen or dash (soft, non-breaking, figure, en, em, minus, small and
# full-width forms), with the spaces around them: one space.
_NAME_SEPARATORS = compile_once(
    "(?:\\s*(?:[&,\\-\u00ad\u2010-\u2015\u2212\ufe58\ufe63\uff0d\uff06\uff0c]|(?<=\\s)và(?=\\s))\\s*)+")
# Old and new tone placement ("hòa"/"hoà", "thủy"/"thuỷ", "hóe"/"hoé"): the tone on the first vowel
# of oa, oe, uy is the canonical form (the one the rulesets and most official names use).
_TONES = "\u0300\u0301\u0309\u0303\u0323"
_TONE_PLACEMENT = {first + nfc(second + tone): nfc(first + tone) + second
                   for first, second in (("o", "a"), ("o", "e"), ("u", "y")) for tone in _TONES}
_TONE_PLACED = compile_once("|".join(_TONE_PLACEMENT))
# Written variants: "Đắc Nông" for Đắk Nông (the misspelling named in the issue tracker), "Đắc Lắk" likewise.
_WRITTEN_AS = compile_once(r"đắc(?= (nông|lắk)(?!\w))")


@_short_cached
def fold_name(text: str) -> str:
    """The form in which body and place names are compared (every rule that compares names uses it).

    ``fold`` (NFC, lower case, single spaces) without invisible characters, with "&", " và ", ","
    and dashes made one space ("Sở LĐ-TB&XH" -> "sở lđ tb xh", "Sở Lao động, Thương binh và Xã
    hội" -> "sở lao động thương binh xã hội"), one tone placement ("Hoà Bình" -> "hòa bình") and
    "Đắc" read as "Đắk" before Nông and Lắk ("Đắc Nông" -> "đắk nông"); "Ð" (U+00D0, an Icelandic
    letter that legacy-encoding converters leave for Đ) read as "Đ".
    """
    text = nfc(_INVISIBLE.sub("", nfc(text)).casefold()).replace("ð", "đ")  # Ð (U+00D0) left by converters
    text = _NAME_SEPARATORS.sub(" ", _SPACES.sub(" ", text))  # spaces first: no long run to backtrack over
    text = _TONE_PLACED.sub(lambda found: _TONE_PLACEMENT[found.group()], text)
    text = _WRITTEN_AS.sub("đắk", text)
    return _SPACES.sub(" ", text).strip()


def without_marks(text: str) -> str:
    """``text`` with no Vietnamese tone or vowel marks ("bến tre" -> "ben tre", "đ" -> "d"): how a name
    is written by a keyboard without Vietnamese input."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return nfc("".join(ch for ch in decomposed if not unicodedata.combining(ch)))


_PLACE_PREFIXES = ("tỉnh ", "thành phố ", "tp. ", "tp.", "tp ")


def fold_place(text: str) -> str:
    """Province name as compared (``fold_name``) without "tỉnh"/"thành phố" ("Tỉnh Yên Bái" -> "yên bái")."""
    text = fold_name(text)
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
