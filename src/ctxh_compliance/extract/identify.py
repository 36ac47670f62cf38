"""Identification, period, legal bases and completeness of a plan document."""

import re
from collections import Counter
from functools import lru_cache
from itertools import islice

from ..core.i18n import translate
from ..core.regex import compile_once
from ..core.text import fold, fold_number, fold_place
from .paragraphs import Para
from .patterns import DOC_REF, NUMBER_LINE, clean_number, has_blank, parse_date, wording
from .record import Recorder

_HEADER_STOP = compile_once(r"^(-\s*)?Căn cứ\b", re.IGNORECASE)  # the header ends where the bases begin
# "<Nơi>, ngày …": the place is the run of capitalised words right before ", ngày" (a letterhead typed with tab
# stops puts the number line before it on the same line: "Số: 145/KH-UBND Tây Ninh, ngày 26 …")
_PLACE_DATE = compile_once(r"((?:(?:TP\.|[^\W\d_][\w.]*)\s+){0,5}[^\W\d_][\w]*)\s*,\s*"
                           r"(?:ngày\b|(?=\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}))", re.IGNORECASE)
# a header line that holds only the rest of a date cut across lines or cells ("năm 2021", "26 tháng 12 năm 2021")
_DATE_REST = compile_once(r"^(?:ngày\s*)?[\d\s./\-]*(?:tháng\s*\d*\s*)?(?:năm\s*)?\d{0,4}\.?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _known_places() -> dict[str, str]:
    """Every provincial unit before and after the 2025 merger, as the ruleset's ``old_province`` rule lists
    them: compared name -> name as written ("tây ninh" -> "Tây Ninh"). Empty when no ruleset has the rule."""
    from ..rules.kinds.old_province import before_names, current_names
    from ..rules.ruleset_loader import available_rulesets, load_ruleset
    names: dict[str, str] = {}
    for name in available_rulesets():
        for rule in load_ruleset(name).rules:
            if rule.kind == "old_province":
                for folded, written in {**before_names(rule), **current_names(rule)}.items():
                    names[folded] = re.sub(r"^(tỉnh|thành phố)\s+", "", written)
    return names


def _level_place(text: str) -> tuple[str, str] | None:
    """The first "tỉnh X" / "thành phố X" / "TP. X" of ``text`` whose X is a known province (the longest
    name that fits): (level, name). Upper-case headers and names cut over two lines are read alike."""
    known = _known_places()
    levels = wording()["place_levels"]
    prefix = "|".join(re.escape(k) for k in sorted(levels, key=len, reverse=True))
    for match in re.finditer(rf"(?<!\w)({prefix})(?!\w)\s*", text, re.IGNORECASE):
        words = [w.strip(",.;:()") for w in text[match.end():].split()[:5]]
        for n in range(len(words), 0, -1):
            name = fold_place(" ".join(words[:n]))
            if name in known:
                return levels[fold(match.group(1)).strip()], known[name]
    return None


# words that end a province name; "cộng": a scan joins the columns ("TỈNH X CỘNG HÒA …")
_NOT_NAME = {"năm", "giai", "về", "trên", "tại", "thực", "ban", "kế", "quyết", "số", "cộng"}


# a word as str.split() finds it (the same whitespace), without splitting the rest of a long text
_WORD = compile_once(r"\S+")


def _province_after_tinh(text: str) -> list[str]:
    """Names after "tỉnh"/"TỈNH": the words that start with a capital ("tỉnh Bến Tre năm" -> Bến Tre)."""
    names = []
    for match in re.finditer(r"(?<!\w)(?:tỉnh|TỈNH|Tỉnh)\s+", text):
        words = []
        for word in (found.group() for found in islice(_WORD.finditer(text, match.end()), 3)):  # as split()[:3]
            word = word.strip(",.;:()")
            if word and word[0].isupper() and word.isalpha() and word.lower() not in _NOT_NAME:
                words.append(word)
            else:
                break
        if words:
            name = " ".join(words)
            names.append(name.title() if name.isupper() else name)
    return names


def _sentence_case(text: str, keep: list[str]) -> str:
    if not any(c.islower() for c in text):
        text = text.lower()
        for name in keep:
            text = re.sub(re.escape(name.lower()), name, text)
    return text


def _is_letterhead(text: str) -> bool:
    """A line of the header's issuing column: upper case ("ỦY BAN NHÂN DÂN", "TỈNH TÂY NINH", "SỞ Y TẾ") or
    one that names the issuing body ("UBND tỉnh Tây Ninh", "Sở Y tế tỉnh …")."""
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and not fold(text).startswith(("kế hoạch", "cộng hòa", "cộng hoà")):
        return True
    return len(text) <= 80 and fold(text).startswith(("ubnd", "ủy ban", "uỷ ban", "sở "))


def _letterhead_part(head: list[Para]) -> list[Para]:
    """The header before the title ("KẾ HOẠCH", "QUYẾT ĐỊNH") and the opening sentences: where the issuing
    body, the number and the date stand."""
    out = []
    for para in head:
        folded = fold(para.text)
        if folded.startswith(("kế hoạch", "quyết định")) and para.text[:2].isupper() or _starts_basis(para.text):
            break
        out.append(para)
    return out


def _department(rest: str) -> str:
    """A department's name after "SỞ" as a sentence writes it ("Y TẾ TỈNH TÂY NINH" -> "Y tế"): up to the
    province it belongs to."""
    rest = re.split(r"(?<!\w)(?:tỉnh|thành phố|tp\.?)(?!\w)", rest.strip(), maxsplit=1, flags=re.IGNORECASE)[0]
    rest = re.sub(r"\s+", " ", rest).strip(" -–,.;:")
    words = rest.split()
    if len(words) >= 2 and words[0].isupper() and words[1].isupper() and not rest.isupper():
        # typed beside the motto with tab stops: the department is the upper-case run
        run = []
        for word in words:
            if not (word.isupper() or not any(c.isalpha() for c in word)):
                break
            run.append(word)
        rest = " ".join(run).strip(" -–,.;:")
    if not rest or not any(c.isalpha() for c in rest):
        return ""
    if rest.isupper():
        rest = rest.lower()
    return rest[0].upper() + rest[1:]


def _date_line(head: list[Para]):
    """The "<Nơi>, ngày …" line of the header: (para, place, date, date_text, text read), or None. A date cut
    across lines or cells ("Tây Ninh, ngày 26 tháng 12" | "năm 2021"; "Tây Ninh," | "ngày 26 tháng 12 năm
    2021") is read with the lines that hold its rest; a web page's banner ("Thứ Hai, ngày 07/12/2026") is no
    date line. After the motto when the header has one ("Độc lập - Tự do - Hạnh phúc")."""
    not_places = tuple(fold(w) for w in wording()["not_places"])
    motto = next((i for i, p in enumerate(head) if "độc lập" in fold(p.text) and "hạnh phúc" in fold(p.text)), None)
    order = list(range(motto + 1, len(head))) + list(range(0, motto + 1)) if motto is not None else range(len(head))
    for i in order:
        para = head[i]
        text = para.text
        match = _PLACE_DATE.search(text)
        if match:
            place = _place_words(match.group(1))
            if not place or fold(place).startswith(not_places):
                continue
            shown = text[text.find(place):]
        elif re.match(r"^ngày\s+(?:\d|tháng\b)", text, re.IGNORECASE):
            # the date on a line of its own, the place on the line before ("Tây Ninh," | "ngày …") or none
            before = head[i - 1].text.rstrip(", ") if i > 0 else ""
            place = before if before and _place_words(before) == before and len(before.split()) <= 6 else None
            if place and fold(place).startswith(not_places):
                continue
            shown = f"{place}, {text}" if place else text
        else:
            continue
        date, date_text = parse_date(shown)
        for nxt in head[i + 1:i + 4]:
            if date:
                break
            rest = nxt.text.strip(" |")
            if _DATE_REST.match(rest) and re.search(r"\d|năm|tháng", rest, re.IGNORECASE):
                shown = f"{shown} {rest}"
                date, date_text = parse_date(shown)
            elif not any(c.isalnum() for c in rest) or NUMBER_LINE.match(rest) or _is_letterhead(rest):
                continue  # the other column of the header table read between the date's two lines
            else:
                break
        if date is None and date_text is None:
            continue
        return para, place, date, date_text, shown
    return None


def _place_words(text: str) -> str:
    """The place of a date line: its last capitalised words ("Số: 145/KH-UBND Tây Ninh" -> "Tây Ninh")."""
    out: list[str] = []
    words = text.split()
    for word in reversed(words):
        if word[:1].isupper() and (word.isalpha() or word == "TP."):
            out.insert(0, word)
        else:
            break
    before = words[:len(words) - len(out)]
    if out and len(before) >= 2 and fold(" ".join(before[-2:])) == "thành phố":  # "Thành phố Hồ Chí Minh"
        out = before[-2:] + out
    # "UBND Tây Ninh": a name written in title case does not take the upper-case word before it
    while len(out) > 1 and out[0].isupper() and out[0] != "TP." and not all(w.isupper() for w in out):
        out.pop(0)
    return " ".join(out)


def _signer(paras: list[Para]) -> Para | None:
    """The person who signs: the name under the signature block ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" / "Nguyễn
    Văn A"), before the annexes if any. Only after a signature title, never a recipient or a body."""
    annexes = tuple(fold(w) for w in wording()["annex_headings"])
    end = next((i for i, p in enumerate(paras) if p.table is None and fold(p.text).startswith(annexes)), len(paras))
    titles = tuple(fold(w) for w in wording()["signature_titles"])
    not_names = {fold(w) for w in wording()["not_signers"]}
    tail = paras[max(0, end - 30):end]
    start = next((i for i, p in enumerate(tail) if fold(p.text).startswith(titles)), None)
    if start is None:
        return None
    for para in tail[start:]:
        words = para.text.split()
        # the name may follow the title on its line ("PHÓ CHỦ TỊCH Bùi Văn Toàn", a PDF line that merged them)
        while words and (words[0].isupper() and len(words[0]) > 1 or words[0].startswith("(")):
            words = words[1:]
        if not 2 <= len(words) <= 5 or fold(words[0]) in not_names:
            continue
        if all(w.isalpha() and w[0].isupper() and not w.isupper() for w in words):
            return para if len(words) == len(para.text.split()) else Para(" ".join(words), para.line, para.last,
                                                                           para.index, para.page, para.table, para.row)
    return None


def _title_on_kind_line(text: str) -> str | None:
    """The plan's name when it follows "KẾ HOẠCH" on the same line ("KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH …",
    "KẾ HOẠCH: Triển khai …"): the words after it, else None."""
    match = re.match(r"^KẾ HOẠCH(?:\s+HÀNH ĐỘNG)?\s*[:\-–]?\s+(\S.*)$", text)
    if not match or len(text) > 300 or text.rstrip().endswith((";", ",")):
        return None
    return match.group(1).strip()


def header(paras: list[Para]) -> list[Para]:
    out = []
    for para in paras[:40]:
        if _HEADER_STOP.match(para.text):
            break
        out.append(para)
    return out


def identification(paras: list[Para], rec: Recorder) -> dict:
    head = header(paras)
    ident: dict = {}
    quotes: list[str] = []

    # the issuing column of the header: its upper-case lines (and the UBND/Sở line) read as one text, so that a
    # name cut over two lines ("SỞ Y TẾ TỈNH TUYÊN" / "QUANG") or typed beside the motto is read whole
    top = _letterhead_part(head)  # the header before the title and the opening sentences
    letterhead = [p for p in top if _is_letterhead(p.text)]
    place_date = _date_line(top)

    # province: a known province the header names ("TỈNH TÂY NINH", "THÀNH PHỐ HUẾ"), else the place of the
    # "X, ngày …" line when it is one, else the "TỈNH X" words of the header, else the most named province
    province, level = None, None
    found = _level_place(" ".join(p.text for p in letterhead))
    if found:
        level, province = found
        where = next((p for p in letterhead if _level_place(p.text)), letterhead[0])
        rec.note("identification.province", where, "high")
    if province is None and place_date and place_date[1] and fold_place(place_date[1]) in _known_places():
        province = _known_places()[fold_place(place_date[1])]
        rec.note("identification.province", place_date[0], "high")
    if province is None:
        for para in head:
            if _is_letterhead(para.text):
                names = _province_after_tinh(para.text)
                if names:
                    province = names[0]
                    rec.note("identification.province", para, "high")
                    break
    if province is None and place_date and place_date[1]:
        province = place_date[1]
        rec.note("identification.province", place_date[0], "medium")
    if province is None:
        counts = Counter(n for p in paras for n in _province_after_tinh(p.text))
        if counts:
            province = counts.most_common(1)[0][0]
            where = next(p for p in paras if province in _province_after_tinh(p.text))
            rec.note("identification.province", where, "low")
    if province:
        ident["province"] = province

    # issuer: the last issuing-body line of the header (a Sở under its UBND issues the plan)
    for para in letterhead:
        folded = fold(para.text)
        if re.search(r"\b(ban hành|xây dựng|kế hoạch)\b", folded):  # a sentence about the plan, not the header
            continue
        if not _is_letterhead(para.text):
            continue
        for rule in wording()["issuers"]:
            if folded.startswith(fold(rule["match"])) and province:
                rest = _department(para.text[len(rule["match"]):])
                if "{rest}" in rule["name"] and not rest:
                    continue
                ident["issuer"] = rule["name"].format(province=province, level=level or "tỉnh", rest=rest)
                rec.note("identification.issuer", para, "medium")
                quotes.append(para.text)
                break

    # number: "Số: 176/KH-UBND", "Số 176/KH-UBND"; a blank "Số: /KH-…" is reported; else the approving decision
    for para in top:
        match = NUMBER_LINE.match(para.text)
        if match:
            number = clean_number(re.sub(r"\s+", "", match.group(1) or ""))
            if re.match(r"^\d", number):
                ident["number"] = number
                rec.note("identification.number", para, "high")
            else:
                rec.remark("identification.number", para, translate("extract.blank_number", "vi", line=para.text))
            quotes.append(para.text)
            break
    # signer from header metadata ("Người ký Đoàn Tấn Bửu"), else the name under the signature block
    for para in head:
        match = re.match(r"^Người ký:?\s+(.+)$", para.text)
        if match:
            ident["signer"] = match.group(1).strip()
            rec.note("identification.signer", para, "medium")
            break
    if "signer" not in ident:
        signed = _signer(paras)
        if signed:
            ident["signer"] = signed.text
            rec.note("identification.signer", signed, "medium")

    # date: "Đồng Tháp, ngày 07 tháng 06 năm 2021", also cut over lines or cells ("ngày 26 tháng 12" | "năm
    # 2021"), or partly blank "ngày tháng 4 năm 2022"
    if place_date:
        para, _place, date, date_text, shown = place_date
        if date:
            ident["date"] = date
            rec.note("identification.date", para, "high")
        elif date_text:
            ident["date_text"] = date_text
            rec.note("identification.date_text", para, "high")
        quotes.append(shown)

    # an article's posting date ("Ngày tạo: 06-02-2017 04:01") when there is no date line: as written
    if "date" not in ident and "date_text" not in ident:
        labels = "|".join(re.escape(w) for w in wording()["posted_date"])
        posted = compile_once(rf"(?<!\w)(?:{labels})\s*:?\s*\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}}", re.IGNORECASE)
        for para in head:
            match = posted.search(para.text)
            if match:
                ident["date_text"] = match.group(0)
                rec.note("identification.date_text", para, "medium", translate("extract.posted_date", "vi"))
                quotes.append(para.text)
                break

    # "(Kèm theo Quyết định số 3554/QĐ-UBND ngày 05 tháng 9 năm 2011 …)": the approving decision
    if "number" not in ident or ("date" not in ident and "date_text" not in ident):
        for para in paras[:60]:
            if fold(para.text).startswith(("(kèm theo", "kèm theo", "(ban hành kèm theo", "ban hành kèm theo")):
                match = DOC_REF.search(para.text)
                if match:
                    if "number" not in ident and "identification.number" not in rec.remarks:
                        ident["number"] = clean_number(match.group(2))
                        rec.note("identification.number", para, "medium")
                    if "date" not in ident and "date_text" not in ident and match.group(3):
                        date, _ = parse_date("ngày " + match.group(3))
                        if date:
                            ident["date"] = date
                            rec.note("identification.date", para, "medium")
                    quotes.append(para.text)
                break

    # title: the lines after "KẾ HOẠCH"; else "Kế hoạch thực hiện … giai đoạn …" in the text
    title, title_para, confidence = None, None, None
    for i, para in enumerate(paras[:60]):
        same_line = _title_on_kind_line(para.text)
        if fold(para.text).rstrip(": ") == "kế hoạch" or same_line:
            parts = [same_line] if same_line else []
            for nxt in paras[i + 1:i + 5]:
                if not any(c.isalnum() for c in nxt.text):
                    continue  # an ornament line under the title ("-----", "___")
                # a line in brackets is the approving decision ("(Ban hành kèm theo …)"), unless it only states the
                # plan's period ("(Giai đoạn 2026 - 2030)", "(2026 - 2030)")
                bracket = nxt.text.startswith("(") and not (len(nxt.text) < 60 and _SPAN.search(nxt.text)
                                                            and "kèm theo" not in fold(nxt.text))
                if _HEADER_STOP.match(nxt.text) or bracket or len(nxt.text) > 250 \
                        or re.match(r"^[IVX\d]+\.", nxt.text):
                    break
                # the opening sentence after the title: a basis cited after a title line, a line that
                # ends a clause, or the sentence that says who issues the plan
                if parts and (_starts_basis(nxt.text) and DOC_REF.search(nxt.text) or
                              nxt.text.endswith((";", ":", ",")) or nxt.text.endswith(".") and len(nxt.text) > 60 or
                              re.search(r"\b(ban hành|xây dựng) Kế hoạch\b", nxt.text, re.IGNORECASE)):
                    break
                parts.append(nxt.text)
            if parts:
                rest = _sentence_case(" ".join(parts), [province] if province else [])
                title = "Kế hoạch " + rest[0].lower() + rest[1:]
                title_para, confidence = para, "high"
                quotes.append(para.text + " " + " ".join(parts))
            break
    if title is None:
        # to the end of the clause, so that the plan's own period after the programme's is kept ("Kế hoạch thực hiện
        # Chương trình … giai đoạn 2021-2030 trên địa bàn tỉnh giai đoạn 2021-2025"); up to "cụ thể như sau"
        regex = compile_once(r"Kế hoạch (?:thực hiện|triển khai)[^.;:]*?(?:giai đoạn\s*\d{4}\s*[-–]\s*\d{4}|năm \d{4})"
                             r"[^.;:]*?(?=,?\s*(?:cụ thể|như sau|với (?:các|những) nội dung)|[.;:]|$)")
        for para in paras:
            match = regex.search(para.text)
            if match:
                title, title_para, confidence = match.group(0).strip(" ,"), para, "medium"
                quotes.append(para.text)
                break
    if title is None:
        regex = compile_once(r"^[^.;:]*?giai đoạn\s*\d{4}\s*[-–]\s*\d{4}")
        for para in paras:
            match = regex.match(para.text)
            if match and "công tác xã hội" in fold(para.text):
                title, title_para, confidence = match.group(0).strip(), para, "low"
                quotes.append(para.text)
                break
    if title:
        ident["title"] = title
        rec.note("identification.title", title_para, confidence)
    if quotes:
        ident["quote"] = " … ".join(dict.fromkeys(q[:300] for q in quotes))
    return ident


_SPAN = compile_once(r"(?<![\d/])((?:19|20)\d{2})\s*(?:-|–|—|đến(?:\s+hết)?(?:\s+năm)?|tới(?:\s+năm)?)\s*((?:19|20)\d{2})"
                     r"(?![\d/])", re.IGNORECASE)
_ONE_YEAR = compile_once(r"(?<!\w)(đến hết năm|đến năm|tới năm|năm)\s+((?:19|20)\d{2})(?![\d/])", re.IGNORECASE)


def plan_period(title: str, year: int | None = None) -> tuple[int, int] | None:
    """The plan's own period in its title: the first span ("giai đoạn 2026 - 2030", "từ năm 2026 đến năm
    2030", "thời kỳ 2026-2030", "(2026 - 2030)") or year ("năm 2026") that is neither an orientation beyond
    it ("… và định hướng đến năm 2030", "tầm nhìn đến năm 2035") nor, when the title names another, the
    period of the programme it implements ("Chương trình … giai đoạn 2021 - 2030 năm 2026" is a plan for
    2026). A title that only says "đến năm 2025" runs from ``year`` (the plan's date), when that is known."""
    spec = wording()["period"]
    orientation = [fold(w) for w in spec["orientation"]]
    programme = [fold(w) for w in spec["programme"]]
    found = []  # (position, start, end, until)
    for match in _SPAN.finditer(title):
        start, end = int(match.group(1)), int(match.group(2))
        if 0 < end - start <= 20:
            found.append((match.start(), match.end(), start, end, False))
    for match in _ONE_YEAR.finditer(title):
        if not any(a <= match.start(2) < b for a, b, *_ in found):
            until = fold(match.group(1)) != "năm"
            found.append((match.start(), match.end(), int(match.group(2)), int(match.group(2)), until))
    found.sort()
    own, programmes = [], []
    previous = 0
    for begin, finish, start, end, until in found:
        before = fold(title[previous:begin])
        if any(w in fold(title[max(previous, begin - 30):finish]) for w in orientation):
            previous = finish
            continue
        previous = finish
        named = max((before.rfind(w) for w in programme), default=-1)
        (programmes if named >= 0 and "kế hoạch" not in before[named:] else own).append((start, end, until))
    ranked = [c for c in own + programmes if not c[2]] + [c for c in own + programmes if c[2]]
    for start, end, until in ranked:
        if until:
            if year is None or year >= end:
                continue
            start = year
        return start, end
    return None


def period(ident: dict, rec: Recorder) -> dict | None:
    """Period and kind from the title ("giai đoạn 2021 - 2025", "năm 2012")."""
    title = ident.get("title")
    if not title:
        return None
    where = rec.evidence.get("identification.title")
    date = ident.get("date")
    found = plan_period(title, date.year if date else None)
    if found is None:
        return None
    start, end = found
    ident["kind"] = "annual" if start == end else "programme" if end - start >= 9 else "phase"
    if where:
        rec.evidence["identification.kind"] = where
        rec.evidence["period"] = where
    return {"start": start, "end": end, "quote": title}


def _basis_words() -> list[str]:
    return wording()["legal_basis"]["verbs"]


def _introduces_bases(text: str) -> bool:
    """A line that opens a list of bases ("Căn cứ:", "Căn cứ các văn bản sau:", "Thực hiện:")."""
    folded = fold(text.lstrip("-–+• ")).strip()
    if not folded.endswith(":") or len(folded) > 120 or _reference().search(text):
        return False
    head = folded[:-1].strip()
    return any(head == fold(v) or head.startswith(fold(v) + " ") for v in _basis_words())


def _starts_basis(text: str) -> bool:
    """The paragraph opens with a verb that cites a basis ("Căn cứ", "Thực hiện", "Triển khai", …)."""
    folded = fold(text.lstrip("-–+• ").strip())
    return any(folded.startswith(fold(v) + " ") for v in _basis_words())


def _opening(tagged) -> set[int]:
    """Positions of the paragraphs before the first numbered part ("I. …", "Điều 1.", "1. …"): the
    title and the opening sentences, where a plan names what it implements."""
    out = set()
    for position, (para, _kind, section) in enumerate(tagged):
        # a numbered part ends the opening; not a line of the header table, nor the rest of a date cut
        # across lines of the header ("26 tháng 12 năm 2021" is no part "26")
        if section is not None and section.number is not None and para.table is None \
                and not _DATE_REST.match(para.text):
            break
        if re.match(r"^Điều\s+\d", para.text):
            break
        out.add(position)
    return out


_SENTENCE_END = (".", ";", ":", "!", "?", ")", "./.")
_LIST_MARK = compile_once(r"^(?:[-+•–]|\d+(?:\.\d+)*\.|[a-zđ]\))\s*")
_DATE_AT = compile_once(r"(?<!\w)ngày\s*:?\s*(\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{4}"
                        r"|\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s*năm\s+\d{4})", re.IGNORECASE)
_BARE_DATE = compile_once(r"\s*[,(]?\s*(\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s*năm\s+\d{4})",
                          re.IGNORECASE)
# a number cut at the end of a line of a PDF ("11/2011/TTLT-BTC-" | "BLĐTBXH", "75/" | "KH-UBND")
_CUT_NUMBER = compile_once(r"(\d+/[\w./\-]*[\-/])\s+(?=[A-ZĐ])")
# a number typed with a space before its slash ("112 /QĐ-TTg", "154 /KH- UBND")
_SPACED_SLASH = compile_once(r"(?<=\d)\s+/(?=\s*[A-ZĐ\d])")


def _whole_numbers(text: str) -> str:
    """``text`` with each act's number in one piece: cut at the end of a PDF line or typed with spaces."""
    return _CUT_NUMBER.sub(r"\1", _SPACED_SLASH.sub("/", text))


@lru_cache(maxsize=1)
def _reference() -> re.Pattern:
    """An act and its number: a kind ("Quyết định", "Luật", "Nghị quyết", …), its name if any, "số" and the
    number ("Luật Tổ chức chính quyền địa phương số 72/2025/QH15", "(Luật số 77/2015/QH13)", "(số hiệu …)")."""
    spec = wording()["legal_basis"]
    kinds = "|".join(re.escape(k) for k in sorted(spec["kinds"], key=len, reverse=True))
    # a name may hold a year ("Luật Tổ chức chính quyền địa phương năm 2025 số 72/2025/QH15"), never a number or a date
    # a word, a year, the day it was passed (typed with spaces too: "16/06/ 2025", "16 - 06 - 2025")
    name = r"(?:\s+(?!số\b)(?:\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{4}|[^\s;,()/]+))"
    return compile_once(rf"(?<!\w)(?:{kinds}){name}{{0,{spec['max_name_words']}}}?\s*,?\s*\(?\s*"
                        r"(?:số(?:\s+hiệu)?\s*:?\s*)?(\d+[\w./\-]*/[\w.\-]*[A-Za-zĐđ][\w.\-]*)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _not_basis() -> re.Pattern:
    """Where a proposal or a report begins inside a citation ("…, xét đề nghị của Sở Y tế tại Văn bản số …")."""
    words = sorted(wording()["legal_basis"]["not_bases"], key=len, reverse=True)
    return compile_once(r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")(?!\w)",
                        re.IGNORECASE)


def _act_date(text: str, last: bool = False) -> re.Match | None:
    """The date an act was issued ("ngày 22/01/2021", "ngày 22 tháng 01 năm 2021") in ``text``: the first (or
    the last), never the day it takes effect ("có hiệu lực từ ngày 15/10/2024")."""
    not_dates = [fold(w) for w in wording()["legal_basis"]["not_dates"]]
    found = [m for m in _DATE_AT.finditer(text)
             if not any(fold(text[:m.start()] + "ngày").endswith(w) for w in not_dates)]
    return (found[-1] if last else found[0]) if found else None


def references(piece: str) -> list[tuple[str, object]]:
    """The acts one citation names, each with the day it was issued when the citation gives it: after the
    number ("Quyết định số 112/QĐ-TTg ngày 22/01/2021", "…, ngày …", "… của Chính phủ ngày …") or before it
    ("Luật Tổ chức chính quyền địa phương ngày 19/6/2015 (Luật số 77/2015/QH13)")."""
    piece = _whole_numbers(piece)
    matches = list(_reference().finditer(piece))
    out = []
    consumed = 0
    for i, match in enumerate(matches):
        stop = matches[i + 1].start() if i + 1 < len(matches) else len(piece)
        after = piece[match.end():min(stop, match.end() + 200)]
        found = _act_date(after) or _BARE_DATE.match(after)  # "… số 112/QĐ-TTg (22/01/2021)": no "ngày"
        date = None
        # "Luật … ngày 19/6/2015 (Luật số 77/2015/QH13), …": the number in brackets names the act dated before it
        bracketed = re.search(r"\(\s*$", piece[consumed:match.start()]) and \
            _act_date(piece[consumed:match.start()], last=True)
        if bracketed:
            date, _ = parse_date("ngày " + bracketed.group(1).replace(",", " "))
            consumed = match.end()
        elif found:
            date, _ = parse_date("ngày " + found.group(1).replace(",", " "))
            consumed = match.end() + found.end()
        else:
            before = _act_date(piece[consumed:match.start(1)], last=True)
            if before:
                date, _ = parse_date("ngày " + before.group(1).replace(",", " "))
            consumed = match.end()
        out.append((clean_number(match.group(1)), date))
    return out


def legal_bases(tagged, rec: Recorder) -> list[dict]:
    """Documents a plan cites as its basis, as officials write them: "Căn cứ …" anywhere outside a
    part that reports past results; in the title and the opening sentences also "Thực hiện …",
    "Triển khai …", "Theo …", "Để triển khai …" (several on one line, a list after one verb). A citation
    cut over two lines of a PDF is read whole."""
    out, seen = [], set()
    opening = _opening(tagged)
    verbs = _basis_words()
    not_bases = tuple(fold(w) for w in wording()["legal_basis"]["not_bases"])
    split_at = compile_once(r"(?=(?<!\w)(?:" + "|".join(re.escape(v) for v in verbs) + r")\s)", re.IGNORECASE)
    joined: set[int] = set()
    intro = False  # the line before was "Căn cứ:" / "Thực hiện các văn bản sau:": its list items are bases
    for position, (para, kind, _) in enumerate(tagged):
        if position in joined:
            continue
        text = para.text
        starts_can_cu = re.match(r"^(-\s*)?Căn cứ\b", text, re.IGNORECASE)
        listed = _under_basis_heading(para) or (intro and bool(_LIST_MARK.match(text)))
        intro = (listed and intro) or (_introduces_bases(text) and (position in opening or bool(starts_can_cu)))
        starts_can_cu = starts_can_cu or listed
        in_opening = position in opening and not fold(text).startswith(("(kèm theo", "kèm theo", "(ban hành kèm"))
        if kind == "history" or not (starts_can_cu or in_opening and (_starts_basis(text) or _cites_in_opening(text))):
            continue
        # the rest of a citation on the next line (a PDF line wrapped inside it): not a heading nor a new citation
        nxt = position + 1
        while not text.endswith(_SENTENCE_END) and nxt < len(tagged) and tagged[nxt][2] is None \
                and tagged[nxt][0].table is None and para.table is None and not _starts_basis(tagged[nxt][0].text) \
                and not _LIST_MARK.match(tagged[nxt][0].text) and (nxt in opening or starts_can_cu) \
                and nxt - position < 4 and (tagged[position][2] is None or _reference().search(text)):
            text = f"{text} {tagged[nxt][0].text}"
            joined.add(nxt)
            nxt += 1
        if not _reference().search(_whole_numbers(text)):
            continue
        issued = in_opening and _tells_issued(text)
        for chunk in [_LIST_MARK.sub("", text)] if listed or issued else split_at.split(text):
            chunk = chunk.strip()
            if not listed and not issued and not _starts_basis(chunk):
                continue
            # the list after one verb goes on through ";" until the sentence that says what is done
            chunk = re.split(r"\.\s+(?=[A-ZĐÀ-Ỹ])", chunk)[0].strip()
            chunk = re.split(r",\s*(?=(?:UBND|Ủy ban|Uỷ ban|Sở)\b[^,;]*\b(?:ban hành|xây dựng)\b)", chunk)[0].strip()
            for piece in chunk.split(";"):
                piece = _not_basis().split(piece.strip())[0].strip(" ,")  # "…, xét đề nghị của Sở … tại Văn bản số …"
                if not piece or fold(piece).startswith(not_bases):
                    continue
                for number, date in references(piece):
                    key = fold_number(number)
                    if key in seen:
                        # named again with its date (first named in passing, "… thực hiện Quyết định số 32/2010/QĐ-TTg")
                        first = next(b for b in out if fold_number(b["number"]) == key)
                        if date and "date" not in first:
                            first["date"] = date
                            rec.note(f"legal_bases[{out.index(first)}]", para, "high")
                        continue
                    seen.add(key)
                    basis = {"number": number}
                    if date:
                        basis["date"] = date
                    basis["quote"] = chunk if chunk.count(";") == 0 else piece
                    rec.note(f"legal_bases[{len(out)}]", para, "high" if "date" in basis else "medium")
                    out.append(basis)
    return out


def _under_basis_heading(para: Para) -> bool:
    """The paragraph is an item of a part that lists the plan's bases ("I. CĂN CỨ XÂY DỰNG KẾ HOẠCH", "1. Căn
    cứ pháp lý"), not of one about the facts ("2. Căn cứ thực tiễn")."""
    spec = wording()["legal_basis"]
    heads = [fold(re.sub(r"^(?:[IVX\d.]+|[a-zđ]\))\s*[.)]?\s*", "", h)) for h in para.scope]
    if not heads or any(any(fold(w) in h for w in spec["not_headings"]) for h in heads):
        return False
    return any(len(h) < 80 and any(fold(w) in h for w in spec["headings"]) for h in heads)


def _cites_in_opening(text: str) -> bool:
    """An opening sentence that names a basis after a purpose ("Để triển khai thực hiện Quyết định …"), or tells
    that it was issued ("Ngày 22/01/2021, Thủ tướng Chính phủ ban hành Quyết định số 112/QĐ-TTg …")."""
    folded = fold(text)
    spec = wording()["legal_basis"]
    return any(fold(v) in folded[:80] for v in spec["purpose"]) or any(fold(v) in folded for v in spec["issuing"]) \
        or _tells_issued(text)


def _tells_issued(text: str) -> bool:
    """The sentence tells that an act was issued ("… Thủ tướng Chính phủ ban hành Quyết định số …")."""
    folded = fold(text)
    return any(fold(v) in folded for v in wording()["legal_basis"]["issued"])


def ruleset(bases: list[dict], paras: list[Para], period_: dict | None) -> tuple[str | None, str]:
    """The ruleset the document implements, as the checker would choose it (the decisions' own
    detection data): a cited decision, else the programme the title or the text names, else the
    only programme whose period holds the plan's. Used to read targets; the check chooses again."""
    from ..rules.ruleset_loader import by_citation, by_period, by_programme_name
    direct, indirect = by_citation([b["number"] for b in bases])
    for found in (direct, indirect):
        if len(found) == 1:
            return next(iter(found)), "high"
    start, end = (period_["start"], period_["end"]) if period_ else (None, None)
    named = by_programme_name(" ".join(p.text for p in paras[:80]), start, end)
    if len(named) == 1:
        return next(iter(named)), "medium"
    if period_ and len(by_period(start, end)) == 1:
        return by_period(start, end)[0], "low"
    return None, "low"


#: the titles of the checker's own reports (a report, a batch summary), in each language they are written in
_OWN_TITLES = ("report.title", "batch.summary_title")


def own_report(paras: list[Para]) -> str | None:
    """Where this document says it is one of the checker's own reports (printed to PDF, saved as text)
    rather than a plan: a line of its opening that is a report's title in any language, or a running header of
    its first page that ends with one. A plan is never read from its own check (a plan's title that ends with
    the same words, "Khắc phục … sau kết quả kiểm tra kế hoạch …", is no report's)."""
    titles = {fold(translate(key, lang)) for key in _OWN_TITLES for lang in ("vi", "en")}

    for para in islice((p for p in paras if p.table is None), 12):
        if fold(para.text).strip() in titles:
            return f"{para.where()} “{para.opening(10)}”"
    # a running header holds the title after the plan's name ("Lạng Sơn · 45/KH-UBND   Kết quả kiểm tra …")
    header = next((line for line in getattr(paras, "furniture", ())
                   if any(fold(line).endswith(t) and len(fold(line)) <= len(t) + 80 for t in titles)), None)
    return f"“{header}”" if header else None


def completeness(paras: list[Para], ident: dict, bases: list[dict]) -> tuple[bool, str | None]:
    """Whether the document is whole, and on what evidence: (True, the closing the reader saw and
    where) when its closing ("Trên đây là …", "Nơi nhận", the signature block) ends its text; (False,
    why) when the text is not a plan (no "Số:", no "Căn cứ") or stops before any closing."""
    has_number_line = any(NUMBER_LINE.match(p.text) for p in paras[:40])
    has_basis = bool(bases) or any(re.match(r"^(-\s*)?Căn cứ\b", p.text, re.IGNORECASE) for p in paras)
    if not has_number_line and not has_basis:
        return False, translate("extract.note_not_plan", "vi")
    # the closing is at the end, or before the first annex when annexes follow the signature
    annexes = tuple(fold(w) for w in wording()["annex_headings"])
    end = next((i for i, p in enumerate(paras) if p.table is None and fold(p.text).startswith(annexes)), len(paras))
    endings = [fold(e) for e in wording()["endings"]]
    tail = paras[max(0, end - 15):end] + paras[-15:]
    seen = next((p for p in tail if any(e in fold(p.text) for e in endings)), None)
    if seen is None:
        return False, translate("extract.note_truncated", "vi")
    # the body, from the first "Căn cứ" (the number and date lines wait for the signature) to the closing
    start = next((i for i, p in enumerate(paras) if _starts_basis(p.text)), 0)
    stop = next((i for i, p in enumerate(paras) if p is seen), len(paras))
    blanks = [p for p in paras[start:stop] if has_blank(p.text)]
    if blanks:
        # the first two places and the count: the note stands in every finding about what was not read
        shown = "; ".join(f"{p.where()} “{p.opening(8)}”" for p in blanks[:2]) + ("; …" if len(blanks) > 2 else "")
        return False, translate("extract.note_blanks", "vi", count=len(blanks), blanks=shown)
    return True, translate("extract.note_closing", "vi", closing=seen.opening(6), where=seen.where())
