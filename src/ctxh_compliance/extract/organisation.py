"""The general objective, the assignments of the implementation part ("IV. TỔ CHỨC THỰC HIỆN": "1. Sở Y
tế: chủ trì …") and the reporting duties they hold ("… báo cáo UBND tỉnh và Bộ Y tế trước ngày 15/12
hằng năm")."""

import re
from functools import cache

from ..core.regex import compile_once
from ..core.text import fold
from .paragraphs import Para
from .patterns import has_any, wording
from .record import Recorder
from .roles import split_bodies
from .sections import heading_kind

# an item of a list: "1. Sở Y tế: …", "2.1. …", "a) Sở Nội vụ"
ITEM = compile_once(r"^(?:\d+(?:\.\d+)*\.|[a-zđ]\))\s+(.+)$")


@cache
def _report_to() -> re.Pattern:
    """"báo cáo UBND tỉnh và Bộ Y tế trước ngày …": the bodies reported to (words in patterns.yaml)."""
    words = wording()["organisation"]
    heads = "|".join(map(re.escape, words["report_to_heads"]))
    ends = "|".join(map(re.escape, words["report_to_ends"]))
    return compile_once(r"\bbáo cáo\s+(?:kết quả\s+(?:thực hiện\s+)?)?(?:về\s+|cho\s+|gửi\s+(?:về\s+)?)?"
                        rf"(?P<to>(?:{heads})\b[^.;:]*?)(?=\s+(?:{ends})\b|\s*[.;:(]|$)")


@cache
def _frequency() -> re.Pattern:
    return compile_once("(" + "|".join(wording()["organisation"]["frequencies"]) + ")", re.IGNORECASE)


@cache
def _duty_verb() -> re.Pattern:
    verbs = "|".join(map(re.escape, wording()["organisation"]["duty_verbs"]))
    return compile_once(rf"\s+(?:{verbs})\b.*$", re.IGNORECASE)


def _is_body(text: str) -> bool:
    """A name of a body ("Sở Y tế", "UBND các xã, phường, đặc khu"), not a heading ("Tổ chức thực hiện",
    "Tổ chức kiểm tra, sơ kết") that opens with the same word."""
    folded = fold(text)
    if heading_kind(text) is not None or re.match(r"tổ chức (?!chính trị|xã hội|đoàn thể)", folded):
        return False
    return 2 < len(text) <= 100 and any(folded.startswith(fold(s) + " ") or folded == fold(s)
                                        for s in wording()["body_starts"])


def extract_general_objective(tagged, rec: Recorder) -> dict | None:
    """The text under (or after) the heading of the general objective ("Mục tiêu chung", "Mục tiêu tổng
    quát": ``general_objective`` in patterns.yaml)."""
    names = "|".join(re.escape(name) for name in wording()["general_objective"])
    for i, (para, _kind, section) in enumerate(tagged):
        if section is None or not re.search(names, fold(para.text)):
            continue
        inline = re.search(rf"(?:{names})\s*[:.]\s*(.{{20,}})$", para.text, re.IGNORECASE)
        if inline:
            text, where = inline.group(1), para
        elif i + 1 < len(tagged) and tagged[i + 1][2] is None:
            where = tagged[i + 1][0]
            text = where.text
        else:
            return None
        rec.note("general_objective", where, "medium")
        return {"text": text.lstrip("- ").strip(), "quote": text}
    return None


def _reporting(text: str, by: str | None, para: Para) -> dict | None:
    """The report a sentence asks for: to whom, by whom, how often. Where the bodies send their reports to one
    body that compiles them and reports on ("… gửi báo cáo về Sở Y tế để tổng hợp, báo cáo UBND tỉnh và Bộ Y
    tế"), the plan's report is the compiled one: to the bodies named last, by the body that compiles."""
    found = []
    for match in _report_to().finditer(text):
        to = [b for b in split_bodies(re.sub(r"\s+(?:và|,)\s*$", "", match.group("to"))) if _is_body(b)]
        if to:
            found.append((match, to))
    if not found:
        return None
    # "nếu có khó khăn, vướng mắc, báo cáo về …": a problem raised when it arises, not the plan's reports
    not_reports = [fold(w) for w in wording()["organisation"]["not_reporting"]]
    found = [(m, to) for m, to in found if not any(w in fold(_clause(text, m)) for w in not_reports)]
    if not found:
        return None
    match, to = found[0]
    for earlier, bodies in found[:-1]:
        # "báo cáo về <A> để tổng hợp …": A compiles; the next report is A's
        sent = re.search(r"\bvề\s*$", text[earlier.start():earlier.start("to")])
        compiles = re.match(r"\s*(?:[^\s.;:]+\s+){0,10}?(?:để\s+)?tổng hợp", text[earlier.end():])
        if sent and compiles and len(bodies) == 1:
            match, to = found[found.index((earlier, bodies)) + 1]
            by = by or bodies[0]
    start = max(text.rfind(";", 0, match.start()), text.rfind(". ", 0, match.start())) + 1
    end = min([i for i in (text.find(";", match.end()), text.find(". ", match.end())) if i != -1] or [len(text)])
    clause = text[start:end].strip(" -.;")
    entry: dict = {"text": clause[:1].upper() + clause[1:]}
    if by:
        entry["by"] = [by]
    entry["to"] = to
    frequencies = [m.group(1) for m in _frequency().finditer(clause)]
    if frequencies:  # the most specific: "trước ngày 20 tháng 12 hằng năm" rather than the "Định kỳ" before it
        entry["frequency"] = max(frequencies, key=len)
    entry["quote"] = text
    return entry


def _clause(text: str, match: re.Match) -> str:
    """The clause of ``text`` (between ";" or ". ") that holds ``match``."""
    start = max(text.rfind(";", 0, match.start()), text.rfind(". ", 0, match.start())) + 1
    end = min([i for i in (text.find(";", match.end()), text.find(". ", match.end())) if i != -1] or [len(text)])
    return text[start:end]


def extract_organisation(tagged, rec: Recorder) -> tuple[list[dict], list[dict]]:
    """(assignments, reporting duties) of the implementation part: each numbered item that names a body
    ("1. Sở Y tế: …", "a) Sở Nội vụ"), with its duties (the rest of its line and the lines under it)."""
    assignments: list[dict] = []
    reporting: list[dict] = []
    current: dict | None = None
    closers = tuple(fold(e) for e in wording()["closing"])
    for para, kind, _section in tagged:
        if fold(para.text).startswith(closers):
            break  # "Trên đây là …", "Nơi nhận:", the signature: the plan's body has ended
        if kind != "organisation":
            current = None
            # a part whose heading names the reports ("V. BÁO CÁO KẾT QUẢ THỰC HIỆN", "KIỂM TRA, GIÁM SÁT VÀ BÁO CÁO")
            # holds the plan's reporting, whatever else its heading says
            if _section is None and para.heading and has_any(para.heading, wording()["organisation"]["report_headings"]):
                found = _reporting(para.text, None, para)
                if found:
                    rec.note(f"monitoring.reporting[{len(reporting)}]", para, "medium")
                    reporting.append(found)
            continue
        item = ITEM.match(para.text)
        if item:
            head = item.group(1)
            body, _, duty = head.partition(":")
            body = body.strip().rstrip(".")
            verb = _duty_verb().search(body)  # "UBND các huyện chịu trách nhiệm …": the body ends before its duty
            if verb:
                body, duty = body[:verb.start()].strip(" ,"), (body[verb.start():] + (": " + duty if duty else "")).strip()
            if _is_body(body) and heading_kind(head.partition(":")[0]) is None:  # "3. Tổ chức thực hiện" is a heading
                current = {"body": body, "duties": [duty.strip()] if duty.strip() else [], "quote": para.text}
                rec.note(f"organisation[{len(assignments)}]", para, "medium")
                assignments.append(current)
                text_for_report = duty
            else:
                current = None
                text_for_report = head
        else:
            text_for_report = para.text
            if current is not None:
                current["duties"].append(para.text.lstrip("-+• ").strip())
        found = _reporting(text_for_report, current["body"] if current else None, para)
        if found:
            rec.note(f"monitoring.reporting[{len(reporting)}]", para, "medium")
            reporting.append(found)
    for entry in assignments:
        entry["duties"] = [d for d in entry["duties"] if d]
    return assignments, reporting
