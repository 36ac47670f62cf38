"""Vietnamese patterns: the wording table (patterns.yaml) and the regular expressions for dates,
document numbers, numbers with dot separators and amounts in đồng."""

import datetime as dt
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..core import blanks
from ..core.cache import cached
from ..core.regex import compile_once
from ..core.text import fold
from ..core.vn_numbers import parse_words

PATTERNS_FILE = Path(__file__).resolve().parent / "patterns.yaml"


@lru_cache(maxsize=1)
def wording() -> dict[str, Any]:
    """The wording table, as parsed last time when patterns.yaml has not changed (core/cache.py)."""
    return cached("patterns", [PATTERNS_FILE], _parse, f"{sys.version}|{yaml.__version__}")


def _parse() -> dict[str, Any]:
    with open(PATTERNS_FILE, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def has_any(text: str, phrases) -> bool:
    folded = fold(text)
    return any(fold(p) in folded for p in phrases)


# --- dates -------------------------------------------------------------------------------------------
_D = r"(\d{1,2})"
DATE_WORDS = compile_once(r"ngày\s+" + _D + r"\s+tháng\s+" + _D + r"\s*,?\s+năm\s+(\d{4})", re.IGNORECASE)
DATE_SLASH = compile_once(r"(?<![\d/])" + _D + r"\s*[/\-.]\s*" + _D + r"\s*[/\-.]\s*(\d{4})(?!\d)")
# "ngày tháng 4 năm 2022": day (and maybe month) left blank for the signature
# (the day written as dots or "…" is a blank too: "ngày …. tháng 4 năm 2022")
DATE_BLANK = compile_once(r"ngày\s+(?:(\d{1,2})\s+|[.…_]+\s*)?tháng\s+(?:(\d{1,2})|[.…_]+)?\s*năm\s+(\d{4})",
                          re.IGNORECASE)


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_date(text: str) -> tuple[dt.date | None, str | None]:
    """The first date of ``text``: (date, None) when complete, (None, as written) when partly blank."""
    found = []
    for regex in (DATE_WORDS, DATE_SLASH):
        match = regex.search(text)
        if match:
            found.append((match.start(), _date(*match.groups())))
    if found:
        return min(found, key=lambda f: f[0])[1], None
    blank = DATE_BLANK.search(text)
    if blank:
        return None, re.sub(r"\s+", " ", blank.group(0))
    return None, None


# --- document numbers ---------------------------------------------------------------------------------
DOC_KINDS = r"(Quyết định|Văn bản|Công văn|Kế hoạch|Thông tư(?: liên tịch)?|Nghị định|Nghị quyết|Chỉ thị|Luật|Hướng dẫn)"
_NUM = r"(\d+[\w./\-]*/[\w.\-]*[A-Za-zĐđ][\w.\-]*)"
# the date right after the number, or after the issuer ("Nghị định số 110/2024/NĐ-CP của Chính phủ ngày 30/8/2024")
DOC_REF = compile_once(DOC_KINDS + r"\s+(?:số\s+)?" + _NUM
                       + r"(?:\s+(?:của\s+[^,;()\d]{1,60}?\s+)?ngày\s+([^,;()]*?\d{4}))?", re.IGNORECASE)
# the number line of the header: "Số: 176/KH-UBND", "Số 176/KH-UBND", "Số:176/KH-UBND", "Số: 176 /KH-UBND", a
# blank "Số:     /KH-UBND" (group 1 then has no digit, or is None); never "Số lượng …"
NUMBER_LINE = compile_once(r"^Số\s*(?:[:.]\s*|(?=\d)|\s+(?=/))(\d*\s*/\s*[^\s,;]*|\d[^\s,;]*)?", re.IGNORECASE)


def clean_number(number: str) -> str:
    return number.rstrip(".,;:)")


# --- numbers and amounts --------------------------------------------------------------------------------
DOTTED = r"\d{1,3}(?:\.\d{3})+|\d+"
#: an amount in đồng, with its multiple when the plan counts in thousands, millions or billions
#: ("510.000 ngàn đồng", "1,5 tỷ đồng", "850 triệu đồng"); the multiples are in patterns.yaml
#: the figure as written: "2.500.000.000", "2,500,000,000" (thousands in commas, two groups at least), "2.5"
#: before a multiple (a decimal point), or plain digits; the multiple may be abbreviated ("850 tr.đ", "850 trđ")
_FIGURE = r"\d{1,3}(?:,\d{3}){2,}(?![\d,])|\d{1,3}(?:\.\d{3})+|\d+\.\d{1,2}(?=\s*(?:tỷ|tỉ|triệu))|\d+"
#: the unit may stand in brackets after the figure ("115 (triệu đồng)", "2.864.000.000 (đồng)")
AMOUNT = compile_once(r"(?<![\d.,])(?P<figure>" + _FIGURE + r")(?:,(?P<decimals>\d{1,3}))?\s*(?P<open>\(\s*)?"
                      r"(?:(?P<unit>nghìn|ngàn|triệu|tỷ|tỉ|tr(?=\s?\.?\s?đ))(?!\s*(?:người|lượt|dân))\.?"
                      # in brackets the currency is written too ("(triệu đồng)"; "2.500 (triệu)" says no unit)
                      r"(?(open)\s*(?:đồng|đ\b|VNĐ|VND)|\s*(?:đồng|đ\b|VNĐ|VND)?)|(?:đồng|đ\b|VNĐ|VND))(?(open)\s*\))"
                      r"(?P<per_year>\s*/\s*năm)?(?:\s*\((?P<words>[^)]*)\))?", re.IGNORECASE)
PERCENT = compile_once(r"(?<![\d.,])(\d+(?:,\d+)?)\s*(?:%|phần trăm\b)", re.IGNORECASE)
_NUMBER_WORD = r"(?:không|một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín|mười|mươi|trăm|linh|lẻ)"
#: a percentage in words only ("sáu mươi phần trăm"): its value is what the words say
PERCENT_WORDS = compile_once(r"(?<!\w)((?:" + _NUMBER_WORD + r"\s+){1,5})phần trăm\b", re.IGNORECASE)
COUNT = compile_once(r"(?<![\d.,/])(\d{1,3}(?:\.\d{3})+|\d+)\s+(cán bộ|người|học viên|lượt)", re.IGNORECASE)
_STAFF = r"(cán bộ|cộng tác viên|viên chức|nhân viên|người)"
RANGE = compile_once(r"(?:ít nhất\s+)?(?:từ\s+)?(\d{1,2})\s*(?:đến|-|–)\s*(\d{1,2})\s+" + _STAFF, re.IGNORECASE)


def percents(text: str) -> list[tuple[int, int, float]]:
    """Every percentage of ``text`` as (start, end, value): "60%", "62,5 %", "60 phần trăm", "sáu mươi phần
    trăm"; words right after the same number in figures ("60% (sáu mươi phần trăm)") are not a second one."""
    out = [(m.start(), m.end(), parse_float(m.group(1))) for m in PERCENT.finditer(text)]
    for match in PERCENT_WORDS.finditer(text):
        value = parse_words(match.group(1).strip())
        if value is not None and not any(v == value and 0 <= match.start() - e <= 3 for _, e, v in out):
            out.append((match.start(), match.end(), float(value)))
    return sorted(out)
# "giai đoạn 2021 - 2025", "từ năm 2021 đến năm 2025", "giai đoạn từ năm 2021 đến hết năm 2025"
YEAR_SPAN = compile_once(r"(?:giai đoạn|từ năm)\s*(?:\(?\s*)(?:từ\s+)?(?:năm\s+)?(\d{4})\s*"
                       r"(?:-|–|—|(?:đến|tới)\s+(?:hết\s+|cuối\s+)?(?:năm\s+)?)\s*(\d{4})", re.IGNORECASE)
# a deadline written as a date stands for its year: "Đến ngày 31/12/2025" is "đến năm 2025"
_DEADLINE = compile_once(r"(?<!\w)(đến|tới|hết|trước|vào|cuối)\s+(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*((?:19|20)\d{2})"
                       r"(?![\d/])", re.IGNORECASE)


def deadline_years(text: str) -> str:
    """``text`` with a deadline written as a date said as its year ("đến ngày 31/12/2025" -> "đến năm 2025")."""
    return _DEADLINE.sub(lambda m: f"{m.group(1)} năm {m.group(2)}", text)
BY_YEAR = compile_once(r"(?:đến|tới) năm\s+(\d{4})", re.IGNORECASE)
YEAR = compile_once(r"năm\s+(\d{4})", re.IGNORECASE)
RELATIVE = compile_once(r"so với (?:năm\s+)?(\d{4})", re.IGNORECASE)


def parse_number(text: str) -> int:
    """``20.644.000.000`` -> 20644000000 (Vietnamese thousands separators)."""
    return int(text.replace(".", ""))


def parse_float(text: str) -> float:
    """``12,5`` -> 12.5 (Vietnamese decimal comma)."""
    return float(text.replace(".", "").replace(",", "."))


def parse_amount(text: str) -> list[dict[str, Any]]:
    """Every amount in đồng of ``text``: amount, per_year, words (when they say the same number)."""
    out = []
    multiples = wording()["budget"]["multiples"]
    for match in AMOUNT.finditer(text):
        whole, decimals, unit = match.group("figure"), match.group("decimals"), match.group("unit")
        if decimals and not unit:
            if int(decimals):
                continue  # "1,5 đồng" is no amount a plan writes
            decimals = None  # "2.864.000.000,00 đồng": whole đồng
        if "," in whole:  # "2,500,000,000 đồng"
            amount = int(whole.replace(",", ""))
        elif re.fullmatch(r"\d+\.\d{1,2}", whole):  # "2.5 tỷ"
            whole, decimals = whole.split(".")
            amount = int(whole)
        else:
            amount = parse_number(whole)
        if unit:
            factor = multiples[fold(unit)]
            amount = round((amount + (int(decimals) / 10 ** len(decimals) if decimals else 0)) * factor)
        words = match.group("words")
        words_ok = None
        if words is not None:
            words = re.sub(r"^bằng chữ\s*:?\s*", "", words.strip(), flags=re.IGNORECASE)  # "(bằng chữ: Năm tỷ đồng)"
            # words that say no number ("(VNĐ)", "(đồng chẵn)", "(tỷ đồng)") repeat the unit: no amount in words
            said = parse_words(words) if re.search(r"(?<!\w)" + _NUMBER_WORD + r"(?!\w)", words, re.IGNORECASE) else None
            words_ok = said == amount
            if said is None:
                words, words_ok = None, None  # not an amount in words, e.g. "(Có biểu …)", "(giai đoạn …: …)"
        out.append({"amount": amount, "per_year": bool(match.group("per_year")), "words": words, "words_ok": words_ok,
                    "start": match.start(), "end": match.end()})
    return out


def comparison_before(prefix: str) -> tuple[str, bool]:
    """Comparison from the few words just before a number, and whether a word said it.

    The words nearest the number win, and of those the longest ("không dưới" is at_least, not the
    "dưới" it contains); a bare "có" counts only right before the number and only when no other
    word says it ("Ít nhất có 30%" is at_least); no word: at_least
    (the convention of the hand-made plan files), reported as not said.
    """
    words = fold(prefix)[-30:]
    table = wording()["comparison"]
    found = []  # (where the phrase ends, its length, kind): the phrase nearest the number wins, then the longest
    for kind in ("about", "at_most", "at_least", "exactly"):
        for phrase in table.get(kind, []):
            window = words[-6:] if kind == "exactly" else words  # a bare "có" only right before the number
            offset = len(words) - len(window)
            for match in re.finditer(r"(?<!\w)" + re.escape(fold(phrase)) + r"(?!\w)", window):
                found.append((offset + match.end(), len(phrase), kind))
    stronger = [f for f in found if f[2] != "exactly"]  # "Ít nhất có 30%" is at_least
    if stronger or found:
        return max(stronger or found)[2], True
    return "at_least", False


# --- blanks left to fill -----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _blank() -> re.Pattern:
    # where a value goes: at the start, after a space, ":" or "(" (not "xã hội..." ending a list)
    return compile_once(r"(?<![^\s:(])" + blanks.blank(), re.IGNORECASE)


def has_blank(text: str) -> bool:
    """The text holds a blank left to fill ("Kinh phí: … đồng", "Chủ trì: …")."""
    return _blank().search(text) is not None


def starts_with_blank(text: str) -> bool:
    """The text opens with a blank left to fill ("[tên đơn vị] trong quá trình …", "…. chủ trì")."""
    return _blank().match(text.lstrip()) is not None or _blank().match(text.lstrip(" ([{<")) is not None


def is_blank(value: str) -> bool:
    """The value is only a blank (and punctuation): "…", "….", "[…]", "(điền)", "___", ""."""
    return not _blank().sub("", value).strip(" .,;:-/()\t")
