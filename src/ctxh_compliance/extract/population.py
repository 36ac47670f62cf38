"""The population of a target: the groups its sentence names, each as written ("60% số cơ quan, tổ
chức, … và đơn vị liên quan thực hiện …" -> cơ quan; tổ chức; …; đơn vị liên quan). Words in
patterns.yaml (population)."""

import re
from functools import cache

from ..core.regex import compile_once
from ..core.text import fold
from .patterns import wording


def _words(key: str) -> str:
    return "|".join(re.escape(w) for w in sorted(wording()["population"][key], key=len, reverse=True))


@cache
def _stop() -> re.Pattern:
    return compile_once(rf"\s+(?:{_words('stops')})(?!\w)|\s*[(:]", re.IGNORECASE)


@cache
def _join() -> re.Pattern:
    return compile_once(rf"\s+(?:{_words('joins')})\s+", re.IGNORECASE)


@cache
def _skip() -> re.Pattern:
    return compile_once(rf"^\s*(?:{_words('skip')})\s+", re.IGNORECASE)


def _starts_group(piece: str) -> bool:
    folded = fold(piece)
    return any(folded == fold(h) or folded.startswith(fold(h) + " ") for h in wording()["population"]["heads"])


def groups(text: str) -> list[str]:
    """The groups ``text`` opens with, up to the words that end the list; [] when its first words
    do not name a group."""
    text = _skip().sub("", text, count=1)
    # the predicate that ends the sentence ("… và cơ sở liên quan khác có cung cấp dịch vụ công tác xã hội."), not
    # a group's name ("các cơ sở có cung cấp dịch vụ công tác xã hội, trại giam, …": the list goes on after it)
    text = re.sub(r"\s+(?:có\s+)?(?:cung cấp|cung ứng|triển khai)\s+(?:các\s+)?dịch vụ[^,;]*$", "", text,
                  flags=re.IGNORECASE)
    stop = _stop().search(text)
    text = (text[:stop.start()] if stop else text).strip(" ,;.-")
    out: list[str] = []
    # ", " and "; " part the list; " và " too, unless a name goes on ("Thương binh và Xã hội")
    for part in _join().split(text):
        pieces = re.split(r"(\s*[,;]\s*|\s+và\s+)", part)
        for i in range(0, len(pieces), 2):
            piece = pieces[i].strip(" .")
            if not piece:
                continue
            name_goes_on = i and pieces[i - 1].strip() == "và" and piece[0].isupper()
            if i and pieces[i - 1].strip() == ";" and not _starts_group(piece):
                return out  # "…; mỗi xã có …": the list ended at the ";"
            if _starts_group(piece) and not name_goes_on:
                out.append(piece)
            elif out and i:
                out[-1] = out[-1] + pieces[i - 1] + piece
            else:
                return []
    return out


def of_target(before: str, after: str) -> list[str]:
    """The population of a target from the words around its number: the groups ``after`` it opens
    with (the rest of its sentence: a list may go on past a ";"; a count's noun opens it: "220 cán
    bộ, viên chức, …"), else those after "tỷ lệ" ``before`` it."""
    # the value said again in brackets ("60% (sáu mươi phần trăm) số cơ quan …") is not where the list ends
    after = re.sub(r"^\s*\((?:[^()]*phần trăm|[\d\s,.%]+)\)", "", after, flags=re.IGNORECASE)
    found = groups(after)
    if found and not re.match(r"\s*tổng số\b", after, re.IGNORECASE):
        return found
    rate = re.search(rf"(?<!\w)(?:{_words('rate')})\s+(.+)$", before, re.IGNORECASE)
    if rate:
        return groups(rate.group(1))
    # the sentence opens with the groups, its number last ("Cơ sở trợ giúp xã hội, cơ sở y tế … chiếm 60%",
    # "Đến năm 2025, đội ngũ cán bộ, … tăng 10%")
    lead_in = re.sub(r"^\s*(?:[a-zđ]\)|[-+•*])?\s*(?:(?:mục tiêu\s+|chỉ tiêu\s+)?(?:phấn đấu\s+)?(?:đến|tới|trong|năm)\s+"
                     r"(?:hết\s+|cuối\s+)?(?:năm\s+)?\d{4}\s*[,:]?\s*)?", "", before, flags=re.IGNORECASE)
    # "… chiếm 60% tổng số cơ sở": the total after the number is what the groups before it are counted in
    return groups(lead_in) or found
