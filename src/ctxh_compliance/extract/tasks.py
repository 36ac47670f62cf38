"""Task groups (headings, "Chủ trì:"/"Phối hợp:" lines, per-group funding) and the budget part."""

import re

from ..core.text import fold
from .patterns import YEAR_SPAN, has_blank, parse_amount, wording
from .record import Recorder
from .roles import of_group

_NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(.+)$")


def groups_of(text: str) -> list[str]:
    """The national task groups a heading names. A heading that opens with a group's words and names
    another's after them, with no "và" between and not as an item of a list, does the first to the
    second ("Đào tạo, bồi dưỡng đội ngũ …" is training, not also workforce); "… mạng lưới … và đội
    ngũ …" and "Điều tra, thu thập thông tin, giám sát, …" name each."""
    folded = fold(text)
    found = []
    for gid, phrases in wording()["task_groups"].items():
        at = [folded.find(fold(p)) for p in phrases if fold(p) in folded]
        if at:
            found.append((min(at), gid))
    found.sort()
    if len(found) > 1 and found[0][0] <= 2:  # the heading opens with the first group's words
        first = found[0]
        found = [first] + [(at, gid) for at, gid in found[1:]  # the same words may name a group of each ruleset
                           if at == first[0] or " và " in folded[first[0]:at] or folded[:at].endswith(", ")]
    order = list(wording()["task_groups"])
    return sorted((gid for _, gid in found), key=order.index)


def _candidates(tagged):
    """Numbered headings of the tasks part, as (number, para, index in tagged)."""
    out = []
    for i, (para, kind, section) in enumerate(tagged):
        if section is None or section.kind is not None or section.number is None:
            continue
        if kind != "tasks" and not (kind == "organisation" and len(para.text) < 120 and groups_of(para.text)
                                    and set(groups_of(para.text)) <= {"monitoring", "steering"}):
            continue
        if "." in section.number or section.level == 2:
            if len(para.text) < 400:
                out.append((section.number, para, i))
    return out


def _block(tagged, start: int, stop_numbers: set[int]) -> list:
    """Paragraphs under a heading, through its sub-headings, up to the next heading not below it."""
    out = []
    number = tagged[start][2].number if tagged[start][2] else None
    for j in range(start + 1, len(tagged)):
        section = tagged[j][2]
        if section is not None and section.kind is not None:
            break
        if j in stop_numbers and not (number and section and section.number
                                      and section.number.startswith(number + ".")):
            break
        out.append(tagged[j][0])
    return out


def _group(para, block, covers: list[str], heading: str, rec: Recorder, n: int) -> dict:
    group: dict = {"heading": heading, "covers": covers}
    items = [item for item in block if item.role is None]  # a table's rows: the table says whose (responsibilities.py)
    said = of_group(para, items)
    if said.lead:
        group["lead"] = said.lead
        rec.note(f"task_groups[{n}].lead", said.lead_at, said.lead_confidence)
    if said.partners:
        group["partners"] = said.partners
        rec.note(f"task_groups[{n}].partners", said.partners_at, said.partners_confidence)
    lead_quote = [p.text for p in said.said_in]
    for item in items:
        if any(item is p for p in said.said_in):
            continue
        if "kinh phí" in fold(item.text):
            for amount in parse_amount(item.text):
                if amount["per_year"] and "budget_per_year" not in group:
                    group["budget_per_year"] = {"amount": amount["amount"], "quote": item.text}
                    rec.note(f"task_groups[{n}].budget_per_year", item, "high")
    group["quote"] = " ".join(lead_quote) if lead_quote else para.text
    return group


def extract_task_groups(tagged, rec: Recorder) -> list[dict]:
    cands = _candidates(tagged)
    out: list[dict] = []
    if cands:
        numbers = {num for num, _, _ in cands}
        stops = {i for _, _, i in cands}

        def children(num: str):
            return [c for c in cands if c[0].startswith(num + ".") and c[0].count(".") == num.count(".") + 1]

        def resolve(cand) -> int:
            num, para, i = cand
            covers = groups_of(_NUMBERED.match(para.text.lstrip("- ")).group(2) if _NUMBERED.match(para.text) else para.text)
            kids = children(num)
            if len(covers) == 1 or not kids:
                if covers:
                    block = _block(tagged, i, stops)
                    # the block of a parent runs through its children
                    out.append(_group(para, block, covers, para.text.rstrip(":"), rec, len(out)))
                    rec.note(f"task_groups[{len(out) - 1}]", para, "medium" if len(covers) == 1 else "low")
                    return 1
                return 0
            emitted = sum(resolve(k) for k in kids)
            if not emitted and covers:
                out.append(_group(para, _block(tagged, i, stops), covers, para.text, rec, len(out)))
                rec.note(f"task_groups[{len(out) - 1}]", para, "low")
                return 1
            return emitted

        top_depth = min(num.count(".") for num in numbers)
        for cand in cands:
            if cand[0].count(".") == top_depth:
                resolve(cand)
        return out
    # no numbered task headings (an article, an outline): short lines after the objectives that name a
    # group, and the items of "… nhiệm vụ, giải pháp … như: A; B; C"
    started = False
    for para, kind, _ in tagged:
        if kind == "targets":
            started = True
        if not started or kind == "history":
            continue
        text = para.text
        match = re.search(r"nhiệm vụ, giải pháp[^:]*:\s*(.+)$", text)
        if match:
            for item in re.split(r";\s*", match.group(1)):
                item = item.strip(" .")
                covers = groups_of(item)
                if covers and len(item) > 10:
                    out.append({"heading": item[0].upper() + item[1:], "covers": covers, "quote": text})
                    rec.note(f"task_groups[{len(out) - 1}]", para, "low")
            continue
        if len(text) <= 230 and ";" not in text and not re.search(r"\d", text) and not fold(text).startswith("mục tiêu"):
            covers = groups_of(text)
            if covers:
                out.append({"heading": text.rstrip("./"), "covers": covers, "quote": text})
                rec.note(f"task_groups[{len(out) - 1}]", para, "low")
    return out


def _source_name(text: str) -> str:
    """The name of a funding source as a line writes it: before its ":" or its amount."""
    body = re.sub(r"^[-+•\s]*(\d+[.)]\s*)?(từ\s+)?", "", text, flags=re.IGNORECASE)
    body = re.split(r":|\s\d{1,3}(?:\.\d{3})+|\s\d+\s*(?:đồng|đ\b)", body, maxsplit=1)[0].strip(" ,;-")
    return (body[:1].upper() + body[1:])[:80]


def _budget_lines(tagged):
    """The budget part's lines, a list of sources in one sentence split into its items ("Nguồn kinh phí gồm:
    ngân sách tỉnh: 2 tỷ đồng; nguồn xã hội hóa: 1 tỷ đồng." gives two lines)."""
    openers = tuple(wording()["budget"]["source_openers"])
    for para, kind, section in tagged:
        if kind != "budget":
            continue
        text = para.text
        head, colon, rest = text.partition(":")
        items = [i.strip(" .") for i in rest.split(";")] if colon and section is None else []
        if (fold(head).lstrip("-+• ").startswith(openers) and len(items) >= 2
                and sum(bool(parse_amount(i)) for i in items) >= 2):
            for item in items:
                if item:
                    yield para, kind, None, item
            continue
        yield para, kind, section, text


def extract_budget(tagged, rec: Recorder) -> dict | None:
    budget: dict = {}
    sources: list[dict] = []
    names = wording()["budget"]["source_names"]
    for para, _kind, section, text in _budget_lines(tagged):
        folded = fold(text)
        if section is not None and section.kind == "budget":
            budget.setdefault("quote", text)
            span = YEAR_SPAN.search(text)
            if span:
                budget["period"] = {"start": int(span.group(1)), "end": int(span.group(2))}
                rec.note("budget.period", para, "medium")
        amounts = parse_amount(text)
        source = next((name for key, name in names.items() if fold(key) in folded), None)
        opens_source = re.sub(r"^[-+•\s]*(\d+[.)]\s*)?", "", folded).startswith(tuple(wording()["budget"]["source_openers"]))
        if source is None and opens_source and amounts:
            # a source the wording table does not name ("Ngân sách Nhà nước: …"): its name as written, so
            # that the sources add up as the plan writes them (never a false mismatch with the total)
            source = _source_name(text)
        if source and not amounts and has_blank(text):
            continue  # "Ngân sách tỉnh: … đồng": a source whose amount is left blank is not yet a source
        if source and (not amounts or opens_source):
            entry: dict = {"name": source}
            if amounts:
                entry["amount"] = amounts[0]["amount"]
                if amounts[0]["words"]:
                    entry["words"] = amounts[0]["words"]
            entry["quote"] = text
            rec.note(f"budget.sources[{len(sources)}]", para, "high" if amounts else "medium")
            sources.append(entry)
            continue
        total_words = [fold(w) for w in wording()["budget"]["total"]]
        said_at = min((folded.find(w) for w in total_words if w in folded), default=-1)
        if said_at >= 0:
            following = [a["start"] for a in amounts if a["start"] > said_at]
            if has_blank(text[said_at:following[0] if following else len(text)]):
                amounts = [a for a in amounts if a["per_year"]]  # "Tổng kinh phí … là …. đồng": the total is a blank
        if said_at > 0 and len(amounts) > 1:
            # the total given after the phase amounts ("… giai đoạn 2026 - 2027 là 2 tỷ đồng … Tổng cộng: 5 tỷ
            # đồng"): the amount after the word that says it, first
            after = [a for a in amounts if a["start"] > said_at]
            amounts = after + [a for a in amounts if a not in after]
        for amount in amounts:
            value = {"amount": amount["amount"]}
            if amount["words"]:
                value["words"] = amount["words"]
            value["quote"] = text
            conf = "high" if amount["words_ok"] in (True, None) else "low"
            named = [w for w in total_words if w in folded]
            yearly = amount["per_year"] or any(fold(w) in folded for w in wording()["budget"]["per_year"])
            # "Kinh phí thực hiện kế hoạch hàng năm: …/năm" is a yearly amount, not the total
            total = named and not amount["per_year"] and (not yearly or named != [fold("kinh phí thực hiện kế hoạch")])
            if total and "total" not in budget:
                budget["total"] = value
                rec.note("budget.total", para, conf,
                         None if amount["words_ok"] is not False else "số bằng chữ không khớp với số")
                span = YEAR_SPAN.search(text) or re.search(r"\((\d{4})\s*-\s*(\d{4})\)", text)
                if span and "period" not in budget:
                    budget["period"] = {"start": int(span.group(1)), "end": int(span.group(2))}
                    rec.note("budget.period", para, "high")
            elif (amount["per_year"] or any(fold(w) in folded for w in wording()["budget"]["per_year"])) \
                    and "per_year" not in budget:
                budget["per_year"] = value
                rec.note("budget.per_year", para, conf)
    if sources:
        budget["sources"] = sources
    if not any(k in budget for k in ("total", "per_year", "sources")):
        return None
    return budget
