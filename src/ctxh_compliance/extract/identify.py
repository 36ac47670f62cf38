"""Identification, period, legal bases and completeness of a plan document."""

import re
from collections import Counter

from ..core.i18n import translate
from ..core.text import fold, fold_number
from .paragraphs import Para
from .patterns import DOC_REF, NUMBER_LINE, YEAR, YEAR_SPAN, clean_number, has_blank, parse_date, wording
from .record import Recorder

_HEADER_STOP = re.compile(r"^(-\s*)?Căn cứ\b", re.IGNORECASE)  # the header ends where the bases begin
_PLACE_DATE = re.compile(r"^[^\W\d_][^,]{1,40},\s*ngày\b", re.IGNORECASE)


# words that end a province name; "cộng": a scan joins the columns ("TỈNH X CỘNG HÒA …")
_NOT_NAME = {"năm", "giai", "về", "trên", "tại", "thực", "ban", "kế", "quyết", "số", "cộng"}


def _province_after_tinh(text: str) -> list[str]:
    """Names after "tỉnh"/"TỈNH": the words that start with a capital ("tỉnh Bến Tre năm" -> Bến Tre)."""
    names = []
    for match in re.finditer(r"(?<!\w)(?:tỉnh|TỈNH|Tỉnh)\s+", text):
        words = []
        for word in text[match.end():].split()[:3]:
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

    # province: the "TỈNH X" line of the header, else the "X, ngày …" line, else the most named province
    province = None
    for para in head:
        if para.text.isupper() or fold(para.text).startswith(("ubnd", "ủy ban", "uỷ ban")):
            names = _province_after_tinh(para.text)
            if names:
                province = names[0]
                rec.note("identification.province", para, "high")
                break
    if province is None:
        for para in head:
            if _PLACE_DATE.match(para.text):
                province = para.text.split(",")[0].strip()
                rec.note("identification.province", para, "medium")
                break
    if province is None:
        counts = Counter(n for p in paras for n in _province_after_tinh(p.text))
        if counts:
            province = counts.most_common(1)[0][0]
            where = next(p for p in paras if province in _province_after_tinh(p.text))
            rec.note("identification.province", where, "low")
    if province:
        ident["province"] = province

    # issuer: the last issuing-body line of the header (a Sở under its UBND issues the plan)
    for para in head:
        folded = fold(para.text)
        if re.search(r"\b(ban hành|xây dựng|kế hoạch)\b", folded):  # a sentence about the plan, not the header
            continue
        for rule in wording()["issuers"]:
            if folded.startswith(fold(rule["match"])) and province:
                ident["issuer"] = rule["name"].format(province=province)
                rec.note("identification.issuer", para, "medium")
                quotes.append(para.text)
                break

    # number: "Số: 176/KH-UBND"; a blank "Số: /KH-…" is reported; else the approving decision
    for para in head:
        match = NUMBER_LINE.match(para.text)
        if match:
            number = clean_number(match.group(1))
            if re.match(r"^\d", number):
                ident["number"] = number
                rec.note("identification.number", para, "high")
            else:
                rec.remark("identification.number", para, translate("extract.blank_number", "vi", line=para.text))
            quotes.append(para.text)
            break
    # signer from header metadata ("Người ký Đoàn Tấn Bửu")
    for para in head:
        match = re.match(r"^Người ký:?\s+(.+)$", para.text)
        if match:
            ident["signer"] = match.group(1).strip()
            rec.note("identification.signer", para, "medium")
            break

    # date: "Đồng Tháp, ngày 07 tháng 06 năm 2021" or partly blank "ngày tháng 4 năm 2022"
    for para in head:
        if _PLACE_DATE.match(para.text):
            date, date_text = parse_date(para.text)
            if date:
                ident["date"] = date
                rec.note("identification.date", para, "high")
            elif date_text:
                ident["date_text"] = date_text
                rec.note("identification.date_text", para, "high")
            quotes.append(para.text)
            break

    # an article's posting date ("Ngày tạo: 06-02-2017 04:01") when there is no date line: as written
    if "date" not in ident and "date_text" not in ident:
        labels = "|".join(re.escape(w) for w in wording()["posted_date"])
        posted = re.compile(rf"(?<!\w)(?:{labels})\s*:?\s*\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{4}}", re.IGNORECASE)
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
        if fold(para.text) == "kế hoạch":
            parts = []
            for nxt in paras[i + 1:i + 5]:
                if _HEADER_STOP.match(nxt.text) or nxt.text.startswith("(") or len(nxt.text) > 250 \
                        or re.match(r"^[IVX\d]+\.", nxt.text):
                    break
                # the opening sentence after the title: a basis cited after a title line, a line that
                # ends a clause, or the sentence that says who issues the plan
                if parts and (_starts_basis(nxt.text) and DOC_REF.search(nxt.text) or nxt.text.endswith((";", ":", ",")) or
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
        regex = re.compile(r"Kế hoạch (?:thực hiện|triển khai)[^.;:]*?(?:giai đoạn\s*\d{4}\s*[-–]\s*\d{4}|năm \d{4})")
        for para in paras:
            match = regex.search(para.text)
            if match:
                title, title_para, confidence = match.group(0), para, "medium"
                quotes.append(para.text)
                break
    if title is None:
        regex = re.compile(r"^[^.;:]*?giai đoạn\s*\d{4}\s*[-–]\s*\d{4}")
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


def period(ident: dict, rec: Recorder) -> dict | None:
    """Period and kind from the title ("giai đoạn 2021 - 2025", "năm 2012")."""
    title = ident.get("title")
    if not title:
        return None
    where = rec.evidence.get("identification.title")
    span = YEAR_SPAN.search(title)
    if span:
        start, end = int(span.group(1)), int(span.group(2))
    else:
        years = YEAR.findall(title)
        if not years:
            return None
        start = end = int(years[-1])
    if end < start:
        return None
    ident["kind"] = "annual" if start == end else "programme" if end - start >= 9 else "phase"
    if where:
        rec.evidence["identification.kind"] = where
        rec.evidence["period"] = where
    return {"start": start, "end": end, "quote": title}


def _basis_words() -> list[str]:
    return wording()["legal_basis"]["verbs"]


def _starts_basis(text: str) -> bool:
    """The paragraph opens with a verb that cites a basis ("Căn cứ", "Thực hiện", "Triển khai", …)."""
    folded = fold(text.lstrip("-–+• ").strip())
    return any(folded.startswith(fold(v) + " ") for v in _basis_words())


def _opening(tagged) -> set[int]:
    """Positions of the paragraphs before the first numbered part ("I. …", "Điều 1.", "1. …"): the
    title and the opening sentences, where a plan names what it implements."""
    out = set()
    for position, (para, _kind, section) in enumerate(tagged):
        if section is not None and section.number is not None:
            break
        if re.match(r"^Điều\s+\d", para.text):
            break
        out.add(position)
    return out


def legal_bases(tagged, rec: Recorder) -> list[dict]:
    """Documents a plan cites as its basis, as officials write them: "Căn cứ …" anywhere outside a
    part that reports past results; in the title and the opening sentences also "Thực hiện …",
    "Triển khai …", "Theo …", "Để triển khai …" (several on one line, a list after one verb)."""
    out, seen = [], set()
    opening = _opening(tagged)
    verbs = _basis_words()
    split_at = re.compile(r"(?=(?<!\w)(?:" + "|".join(re.escape(v) for v in verbs) + r")\s)", re.IGNORECASE)
    for position, (para, kind, _) in enumerate(tagged):
        text = para.text
        if kind == "history" or not DOC_REF.search(text):
            continue
        starts_can_cu = re.match(r"^(-\s*)?Căn cứ\b", text, re.IGNORECASE)
        in_opening = position in opening and not fold(text).startswith(("(kèm theo", "kèm theo", "(ban hành kèm"))
        if not starts_can_cu and not (in_opening and (_starts_basis(text) or _cites_in_opening(text))):
            continue
        for chunk in split_at.split(text):
            chunk = chunk.strip()
            if not _starts_basis(chunk):
                continue
            # the list after one verb goes on through ";" until the sentence that says what is done
            chunk = re.split(r"\.\s+(?=[A-ZĐÀ-Ỹ])", chunk)[0].strip()
            chunk = re.split(r",\s*(?=(?:UBND|Ủy ban|Uỷ ban|Sở)\b[^,;]*\b(?:ban hành|xây dựng)\b)", chunk)[0].strip()
            for piece in chunk.split(";"):
                piece = piece.strip()
                if fold(piece).startswith(tuple(fold(w) for w in wording()["legal_basis"]["not_bases"])):
                    continue
                for match in DOC_REF.finditer(piece):
                    number = clean_number(match.group(2))
                    key = fold_number(number)
                    if key in seen:
                        continue
                    seen.add(key)
                    basis = {"number": number}
                    if match.group(3):
                        date, _ = parse_date("ngày " + match.group(3))
                        if date:
                            basis["date"] = date
                    basis["quote"] = chunk if chunk.count(";") == 0 else piece
                    rec.note(f"legal_bases[{len(out)}]", para, "high" if "date" in basis else "medium")
                    out.append(basis)
    return out


def _cites_in_opening(text: str) -> bool:
    """An opening sentence that names a basis after a purpose ("Để triển khai thực hiện Quyết định …")."""
    folded = fold(text)
    return any(fold(v) in folded[:80] for v in wording()["legal_basis"]["purpose"])


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
