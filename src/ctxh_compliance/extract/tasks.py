"""Task groups (headings, "Chủ trì:"/"Phối hợp:" lines, per-group funding) and the budget part."""

import re
from collections import Counter
from functools import lru_cache

from ..core.regex import compile_once
from ..core.i18n import translate
from ..core.text import fold
from .patterns import YEAR_SPAN, has_blank, is_blank, parse_amount, wording
from .record import Recorder
from .roles import of_group

_NUMBERED = compile_once(r"^(\d+(?:\.\d+)*)\.?\s+(.+)$")


@lru_cache(maxsize=1)
def _group_cues() -> list[tuple[str, str, bool, re.Pattern]]:
    """(cue, group id, strong, whole-word pattern) for every word of every group, longest first."""
    cues = []
    for gid, spec in wording()["task_groups"].items():
        for strength in ("strong", "weak"):
            for cue in spec.get(strength) or []:
                word = fold(cue)
                cues.append((word, gid, strength == "strong", compile_once(r"(?<!\w)" + re.escape(word) + r"(?!\w)")))
    return sorted(cues, key=lambda c: -len(c[0]))


def _cue_hits(folded: str) -> list[tuple[int, int, str, bool, str]]:
    """Every group word of a folded heading as (start, end, group, strong, word), in order; where two
    overlap the longer is kept, and the same word may name a group of each ruleset (both kept)."""
    for phrase in sorted(wording()["task_group_not_cues"], key=len, reverse=True):
        folded = folded.replace(fold(phrase), " " * len(fold(phrase)))
    taken: list[tuple[int, int, str]] = []  # (start, end, word)
    hits = []
    for word, gid, strong, pattern in _group_cues():
        for match in pattern.finditer(folded):
            a, b = match.span()
            if any(a < e and s < b and w != word for s, e, w in taken):
                continue  # inside a longer word already read
            taken.append((a, b, word))
            hits.append((a, b, gid, strong, word))
    return sorted(hits)


def _words_in(words: list[str], text: str) -> bool:
    return any(re.search(r"(?<!\w)" + re.escape(fold(w)) + r"(?!\w)", text) for w in words)


def _and_at(gap: str) -> re.Match | None:
    """Where "và" (``task_group_joins.and_words``) stands in ``gap``."""
    words = "|".join(map(re.escape, wording()["task_group_joins"]["and_words"]))
    return compile_once(r"(?<!\w)(?:" + words + r")(?!\w)").search(gap)


def _new_work(gap: str, rest: str) -> bool:
    """"và" in ``gap`` and a verb after it in ``rest`` (the gap and what follows it): a new piece of work starts
    ("… và nâng cấp cơ sở vật chất")."""
    at = _and_at(gap)
    verbs = tuple(fold(v) for v in wording()["task_group_joins"]["verbs"])
    return at is not None and fold(rest[at.end():]).strip().startswith(verbs)


def _and_clause(before: str, gap: str, word: str = "", rest: str = "") -> bool:
    """"và" in ``gap`` joins a second piece of work ("… mạng lưới cơ sở và đội ngũ", "… và tăng cường
    kiểm tra"), not a second object of a preposition ("cơ sở dữ liệu về đối tượng và dịch vụ …") or of
    information (``word``, the group word before it: "quản lý thông tin đối tượng và dịch vụ …")."""
    spec = wording()["task_group_joins"]
    at = _and_at(gap)
    if at is None:
        return False
    if _new_work(gap, rest or gap):
        return True
    if word in {fold(w) for w in spec["of_information"]} and gap[:at.start()].strip(" ,"):
        return False  # "thông tin đối tượng và dịch vụ": a second object of the information named
    return not _words_in(spec["objects"], before + gap[:at.start()])


def groups_of(text: str) -> list[str]:
    """The national task groups a heading names (see ``_heading_reading``)."""
    return _heading_reading(text)[0]


@lru_cache(maxsize=1)
def _abbreviations() -> list[tuple[re.Pattern, str]]:
    return [(compile_once(r"(?<!\w)" + re.escape(fold(short)) + r"(?!\w)"), fold(full))
            for short, full in wording()["abbreviations"].items()]


def _folded_heading(text: str) -> str:
    """A heading folded, its numbering and marks left out, and a purpose it opens with ("Để người làm công tác xã
    hội được hưởng đầy đủ chế độ, chính sách: rà soát …", "Nhằm …, từng bước triển khai …"): what it is for names
    no work of its own, the work begins after the colon, or after a comma before a verb (``task_group_joins``)."""
    folded = fold(text).strip(" .:;")
    folded = re.sub(r"^[-+•*\s]*(?:[ivxl]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\))?\s*", "", folded)
    # a count between a verb and its object says how many, not what ("Mở 01 lớp trung cấp …", "Tổ chức 02 lớp …")
    folded = re.sub(r"(?<=\w )\d{1,3}\s+(?=[^\W\d])(?!(?:" + "|".join(map(re.escape, wording()["task_group_joins"][
        "time_units"])) + r")(?!\w))", "", folded)  # (not a time: "kế hoạch 5 năm")
    # abbreviations written out ("Ứng dụng CNTT trong quản lý, cung cấp dịch vụ CTXH")
    for short, full in _abbreviations():
        folded = short.sub(full, folded)
    joins = wording()["task_group_joins"]
    if folded.startswith(tuple(fold(w) + " " for w in joins["purpose"])):
        verbs = "|".join(re.escape(fold(v)) for v in joins["verbs"] + joins["work_openers"])
        work = re.search(r":\s*|,\s*(?=(?:" + verbs + r")(?!\w))", folded)
        if work is not None and folded[work.end():].strip():
            return folded[work.end():]
    return folded


def _heading_reading(text: str) -> tuple[list[str], set[str]]:
    """The national task groups a heading names, by the meaning of its words (patterns.yaml, task_groups).

    Returns the groups named, and those whose words the heading holds but were judged the first group's object
    only because they follow it (not as what a group's own work is about, nor after a purpose word): a judgement.

    A group is named by one of its strong words, or by two of its weak words, or by a weak word among the
    heading's first four words when no other group is named. The group named first takes what follows as
    its object: a later group counts only when a list or "và" joins it to what comes before it ("Đào tạo, bồi dưỡng đội
    ngũ …" is training, not also workforce; "… mạng lưới … và đội ngũ …" and "Điều tra, thu thập thông tin,
    giám sát, …" name each). A group's own work (``task_group_joins.activities``: "khảo sát", "đào tạo", "tuyên
    truyền" …) takes the other groups' words after it as what it is about, until a new piece of work is joined ("và"
    and a verb); words after a purpose word ("nhằm", "để", "phục vụ" …) name no work of the heading's; people who go
    to a piece of work ("Cử cán bộ … đi đào tạo") are what it is for, and what a group's own work is done to in the
    passive ("… hồ sơ … tại cơ sở trợ giúp xã hội được số hóa") is that work's object. A heading about funding or past
    results names no group."""
    folded = _folded_heading(text)
    if folded.startswith(tuple(fold(w) for w in wording()["task_group_not_headings"])):
        return [], set()
    hits = _cue_hits(folded)
    strong = {gid for _, _, gid, is_strong, _ in hits if is_strong}
    weak: dict[str, set] = {}
    for _, _, gid, is_strong, word in hits:
        if not is_strong:
            weak.setdefault(gid, set()).add(word)
    named = set(strong) | {gid for gid, words in weak.items() if len(words) >= 2}
    if not named and hits and len(folded[:hits[0][0]].split()) <= 3:
        first = hits[0][0]
        named = {gid for a, _, gid, _, _ in hits if a == first}  # a weak word the heading opens with
    hits = [h for h in hits if h[2] in named]
    if not hits:
        return [], set()
    joins = wording()["task_group_joins"]
    purpose = compile_once(r"(?<!\w)(?:" + "|".join(re.escape(fold(w)) for w in joins["purpose"]) + r")(?!\w)")
    if (why := purpose.search(folded, hits[0][1])) is not None:
        hits = [h for h in hits if h[0] < why.start()]  # what the work is for names no work of the heading's
    activities = {fold(w) for w in joins["activities"]}
    # people who go to a piece of work ("Cử cán bộ … đi đào tạo"), what a work is done to in the passive ("… hồ sơ …
    # tại cơ sở trợ giúp xã hội được số hóa"): the work is the heading's, what comes first its object
    before_work = compile_once(r"(?<!\w)(?:(?:" + "|".join(re.escape(fold(w)) for w in joins["attend"])
                               + r")(?:\s+\w+){0,2}|" + "|".join(re.escape(fold(w)) for w in joins["passive"]) + r")\s*$")
    for n, hit in enumerate(hits[1:], 1):
        if hit[4] in activities and hits[0][4] not in activities and hit[2] != hits[0][2] and before_work.search(
                folded[hits[n - 1][1]:hit[0]]):
            hits = hits[n:]
            break
    generic = {fold(v) for v in joins["generic_verbs"]}
    if hits[0][4] in generic and any(h[3] for h in hits):
        # verbs that may do any group's work before the first strong word ("Củng cố, kiện toàn cơ sở trợ giúp xã
        # hội, …") say how its work is done, not which group it is: the network, not the staff ("kiện toàn")
        strong_at = next(i for i, h in enumerate(hits) if h[3])
        if all(h[4] in generic for h in hits[:strong_at]):
            hits = hits[strong_at:]
    first = hits[0]
    kept = {gid for a, _, gid, _, _ in hits if a == first[0]}  # the same words may name a group of each ruleset
    previous = first
    dropped: set[str] = set()
    judged: set[str] = set()  # dropped as what follows the first group, with no word saying so
    objects: set[str] = set()  # dropped as what a group's own work is about
    working = first[4] in activities  # the piece of work read so far is a group's own work, not a verb's object
    work_nouns = tuple(fold(w) for w in joins["work_nouns"])
    places = compile_once(r"(?<!\w)(?:" + "|".join(re.escape(fold(w)) for w in joins["places"]) + r")(?!\w)")
    for hit in hits[1:]:
        a, _, gid, _, word = hit
        gap = folded[previous[1]:a]
        new_work = _new_work(gap, folded[previous[1]:])
        if gid not in kept:
            joined = re.fullmatch(r"\s*,\s*", gap) is not None or _and_clause(folded[first[1]:previous[1]], gap,
                                                                                 previous[4], folded[previous[1]:])
            # a group's own work named as a thing ("việc đào tạo", "công tác tuyên truyền") after another's is
            # what that work is about, as its other objects are
            named_as_thing = word in activities and fold(gap).strip(" ,").endswith(work_nouns)
            about = (working and (word not in activities or named_as_thing) and not new_work) or (
                gid in objects and previous[2] == gid) or (  # the same object goes on ("việc đào tạo, bồi dưỡng")
                places.search(gap) is not None and not new_work)  # where the work is done ("… tại các cơ sở …")
            if about:
                joined = False  # what that work is about ("Khảo sát nhu cầu … và thực trạng đội ngũ")
            if joined and not (previous[2] in dropped and previous[2] == gid):
                kept.add(gid)
            else:
                dropped.add(gid)
                if about:
                    objects.add(gid)
                elif hit[3]:
                    judged.add(gid)
        if new_work or (word in activities and gid in kept):
            working = word in activities
        if a >= previous[0]:
            previous = hit
    order = list(wording()["task_groups"])
    return sorted(kept, key=order.index), judged - kept - objects


def doubted_covers(groups: list[dict], known: set[str] | None) -> dict[int, list[str]]:
    """Group n -> the other national groups its heading's strong words name too, when no heading of the plan
    covers them and nothing in the heading says they are what its work is about or for (``_heading_reading``):
    with one of them otherwise absent, which group the heading is was a judgement — a guess, for review."""
    covered = {c for g in groups for c in g.get("covers") or []}
    twice = {c for c, k in Counter(c for g in groups for c in g.get("covers") or []).items() if k > 1}
    out = {}
    for n, group in enumerate(groups):
        if not group.get("covers") or not group.get("heading"):
            continue
        others = _heading_reading(group["heading"])[1] - set(group["covers"]) - covered
        if set(group["covers"]) <= twice:
            # a second heading of the same group that holds any word of a group the plan lacks: one of the two may be
            # that group's ("Thông tin về các khóa đào tạo …" beside "Tập huấn, bồi dưỡng …")
            others |= {gid for _, _, gid, _, _ in _cue_hits(_folded_heading(group["heading"]))} - covered
        if known is not None:
            others &= known
        if others:
            out[n] = sorted(others, key=list(wording()["task_groups"]).index)
    return out


def _covers_of_lines(block: list) -> list[str]:
    """The one national group most lines under a heading name, when at least two do and twice as many as any other."""
    votes: Counter = Counter()
    for para in block:
        if para.role is None and para.table is None:
            votes.update(set(groups_of(para.text)))
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return []
    return [ranked[0][0]]


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


def _introduces(block: list, n: int, covers: list[str]) -> bool:
    """Paragraph ``n`` stands right before a table and introduces it: it points to it ("… theo bảng phân công dưới
    đây"), or the table lists groups other than this one (two or more)."""
    following = block[n + 1] if n + 1 < len(block) else None
    if following is None or following.role is None:
        return False
    if _words_in(wording()["roles"]["forward"], fold(block[n].text)):
        return True
    named: set[str] = set()
    for para in block[n + 1:]:
        if para.table != following.table:
            break
        if para.role == "group":
            named.update(groups_of(para.text))
    return len(named - set(covers)) >= 2


def _group(para, block, covers: list[str], heading: str, rec: Recorder, n: int) -> dict:
    group: dict = {"heading": heading, "covers": covers}
    # a table's rows: the table says whose (responsibilities.py); the sentence that introduces a table says who
    # does the table's tasks, not this group
    items = [item for n, item in enumerate(block) if item.role is None and not _introduces(block, n, covers)]
    said = of_group(para, items)
    if said.lead:
        group["lead"] = said.lead
        rec.note(f"task_groups[{n}].lead", said.lead_at, said.lead_confidence)
        if said.lead_confidence == "low":  # the first of bodies named with no role word ("Đơn vị thực hiện: A, B"): never a pass
            rec.infer(f"task_groups[{n}].lead", "the first of the bodies named, with no word saying who leads")
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
                if num.count(".") == top_depth:
                    return from_lines(para, i)
                return 0
            emitted = sum(resolve(k) for k in kids)
            if not emitted and covers:
                out.append(_group(para, _block(tagged, i, stops), covers, para.text, rec, len(out)))
                rec.note(f"task_groups[{len(out) - 1}]", para, "low")
                return 1
            if not emitted and num.count(".") == top_depth:
                return from_lines(para, i)
            return emitted

        def from_lines(para, i) -> int:
            # a heading that names no group: its lines may, all but one way — a guess, never deciding
            block = _block(tagged, i, stops)
            covers = _covers_of_lines(block)
            if not covers:
                return 0
            n = len(out)
            out.append(_group(para, block, covers, para.text.rstrip(":"), rec, n))
            rec.infer(f"task_groups[{n}].covers", "its heading names no group; its lines do")
            rec.note(f"task_groups[{n}]", para, "low", translate("extract.covers_from_lines", "vi"))
            return 1

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


def _source_item(piece: str, spec: dict) -> dict | None:
    """One source of a sources sentence: its name as written and its amount when it gives one."""
    amounts = [a for a in parse_amount(piece) if not a["per_year"]]
    if not amounts and has_blank(piece):
        return None  # "ngân sách tỉnh: … đồng": not yet a source
    name = piece[:amounts[0]["start"]] if amounts else piece
    name = re.sub(r"^(?:từ|và|cả)\s+", "", name.strip(" ,;:.-"), flags=re.IGNORECASE)
    ends = "|".join(re.escape(w) for w in spec["name_ends"])
    name = re.split(rf"\s*,?\s+(?:{ends})(?!\w)", name, flags=re.IGNORECASE)[0]
    fillers = sorted((fold(w) for w in spec["before_amount"]), key=len, reverse=True)
    while True:  # "ngân sách tỉnh hỗ trợ khoảng" -> "ngân sách tỉnh"
        cut = name.rstrip(" ,;:.-")
        for word in fillers:
            if fold(cut).endswith(" " + word):
                cut = cut[:len(cut) - len(word)]
                break
        if cut.rstrip(" ,;:.-") == name.rstrip(" ,;:.-"):
            break
        name = cut
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name.rstrip(" ,;:.-")).strip()
    if len(name) < 4 or is_blank(name):
        return None
    entry: dict = {"name": name[:1].upper() + name[1:]}
    if amounts:
        entry["amount"] = amounts[0]["amount"]
        if amounts[0]["words"]:
            entry["words"] = amounts[0]["words"]
    return entry


def sources_sentence(text: str) -> tuple[str, list[dict]] | None:
    """The sources a sentence lists ("Nguồn kinh phí gồm: ngân sách tỉnh 2 tỷ đồng; nguồn xã hội hóa 1 tỷ
    đồng", "Kinh phí được bảo đảm từ ngân sách nhà nước, lồng ghép …, và nguồn huy động hợp pháp"), with what
    the sentence says before them; None when it lists none."""
    spec = wording()["budget"]["sources_sentence"]
    body = re.sub(r"^[-+•\s]*(?:\d+[.)]\s*|[a-zđ]\)\s*)?", "", re.sub(r"\s+", " ", text)).strip()
    folded = fold(body)
    if len(folded) != len(body):
        return None
    at = None
    for opener in sorted((fold(o) for o in spec["opens"]), key=len, reverse=True):
        if folded.startswith(opener):
            at = len(opener)
            break
    before = ""
    heads = tuple(fold(h) + " " for h in spec["heads"]) + tuple(fold(h) for h in spec["heads"])
    if at is None:
        found = [(folded.find(fold(w)), len(fold(w))) for w in spec["from"] if fold(w) in folded]
        found += [(at, len(fold(w))) for w in spec["from_after"] for at in [folded.find(" " + fold(w) + " ")] if at > 0]
        found = [(at + 1, n) if folded[at] == " " else (at, n) for at, n in found]
        if not found:
            return None
        start, length = min(found)
        before, at = body[:start], start + length
        if fold(before).startswith(tuple(wording()["budget"]["source_openers"])):
            return None  # "Từ nguồn ngân sách tỉnh được bố trí từ dự toán …": the line is one source
    rest = body[at:]
    colon = rest.find(":")
    if 0 <= colon and not parse_amount(rest[:colon]) and len(rest[:colon]) < 60:
        rest = rest[colon + 1:]  # "… thực hiện (dự kiến) gồm: …"
    rest = re.sub(r"^\s*(?:bao gồm|gồm có|gồm|là|từ)\b", "", rest, flags=re.IGNORECASE)
    first = tuple(fold(h) for h in spec["first_heads"])
    not_items = tuple(fold(w) for w in spec["not_items"])
    pieces: list[str] = []
    for part in re.split(r"\s*;\s*", rest.strip(" .")):
        amounts = parse_amount(part)
        if len(amounts) >= 2:  # one item an amount: "ngân sách tỉnh 2,4 tỷ, nguồn vận động, tài trợ 0,3 tỷ"
            ends = [0]
            for a in amounts[:-1]:  # an item ends at the separator after its amount ("… 2 tỷ đồng chẵn, nguồn …")
                sep = re.search(r",(?!\d)|\s+và\s+", part[a["end"]:])
                ends.append(a["end"] + sep.start() if sep else a["end"])
            ends.append(len(part))
            pieces.extend(part[a:b].strip(" ,") for a, b in zip(ends, ends[1:], strict=False))
            continue
        if amounts:
            pieces.append(part)
            continue
        for n, piece in enumerate(re.split(r"\s*,(?!\d)\s*|\s+và\s+", part)):
            head = fold(piece).strip(" ,.")
            if not head:
                continue
            if head.startswith(not_items):
                pieces.append("")  # other business: ends the item before, joins nothing
            elif head.startswith(heads) or (n == 0 and head.startswith(first)) or not pieces or not pieces[-1]:
                pieces.append(piece)
            else:
                joiner = " và " if re.search(r"\s+và\s+" + re.escape(piece), part) else ", "
                pieces[-1] = f"{pieces[-1]}{joiner}{piece}"
    items = []
    joins, then = ("|".join(map(re.escape, spec[k])) for k in ("amount_joins", "amount_then_source"))
    for n, piece in enumerate(pieces):
        piece = re.sub(rf"^(?:{joins})\s+(?=\d)", "", piece or "", flags=re.IGNORECASE)
        amounts = parse_amount(piece)
        if amounts and amounts[0]["start"] == 0:
            # the amount first ("2,3 tỷ đồng từ nguồn ngân sách nhà nước"): the name after "từ", then its amount
            named = re.match(rf"\s*(?:{then})\s+(.+)$", piece[amounts[0]["end"]:], re.IGNORECASE)
            if named:
                piece = pieces[n] = f"{named.group(1)} {piece[:amounts[0]['end']]}"
        if piece and fold(piece).startswith(heads + first):
            item = _source_item(piece, spec)
            if item is not None:
                items.append(item)
    named = [i for i in items if "amount" in i or not any(fold(c) in fold(i["name"]) for c in spec["catch_all"])]
    items = named or items
    if sum("amount" in i for i in items) < len([a for a in parse_amount(rest) if not a["per_year"]]):
        for item in items:  # an amount the sentence gives to no source it names: the amounts do not say the whole
            item.pop("amount", None)
            item.pop("words", None)
    return (before, items) if items else None


def _budget_lines(tagged):
    """The budget part's lines, a list of sources in one sentence split into its items ("Nguồn kinh phí gồm:
    ngân sách tỉnh: 2 tỷ đồng; nguồn xã hội hóa: 1 tỷ đồng." gives two lines)."""
    openers = tuple(wording()["budget"]["source_openers"])
    for para, kind, section in tagged:
        if kind != "budget":
            continue
        text = para.text
        listed = sources_sentence(text) if section is None else None
        if listed is not None:
            yield para, kind, None, listed[0], listed[1]
            continue
        head, colon, rest = text.partition(":")
        items = [i.strip(" .") for i in rest.split(";")] if colon and section is None else []
        if items and parse_amount(items[0]) and len(items[0][:parse_amount(items[0])[0]["start"]].strip(" :-")) < 4:
            # "Nguồn ngân sách tỉnh: 1,4 tỷ; nguồn vận động: 1,1 tỷ": the words before the ":" name the first source
            items[0] = f"{head.strip()}: {items[0]}"
        if (fold(head).lstrip("-+• ").startswith(openers) and len(items) >= 2
                and sum(bool(parse_amount(i)) for i in items) >= 2):
            for item in items:
                if item:
                    yield para, kind, None, item, None
            continue
        yield para, kind, section, text, None


_SPAN = compile_once(r"(?:giai đoạn|từ năm|thời kỳ)\s*\(?\s*(\d{4})\s*(?:-|–|—|đến năm|đến|tới)\s*(\d{4})|năm\s+(\d{4})",
                     re.IGNORECASE)


def _years(span: re.Match) -> tuple[int, int]:
    """The first and last year of a ``_SPAN`` match ("giai đoạn 2026 - 2027", "năm 2026")."""
    return (int(span.group(1)), int(span.group(2))) if span.group(1) else (int(span.group(3)), int(span.group(3)))


def _span_before(text: str, amount: dict, amounts: list[dict]) -> tuple[int, int] | None:
    """The period or years an amount is given for: those written between the amount before it (or the
    line's start) and the amount ("giai đoạn 2026 - 2027 là 2 tỷ đồng", "năm 2026: 500 triệu")."""
    start = max((a["end"] for a in amounts if a["end"] <= amount["start"]), default=0)
    # from the start of the amount's own clause: "617 triệu đồng cho giai đoạn 2013 - 2015. Tổng kinh phí …: 1.159
    # triệu đồng" gives the total no period
    start += max((m.end() for m in re.finditer(r"[.;](?:\s|$)", text[start:amount["start"]])), default=0)
    years = [_years(m) for m in _SPAN.finditer(text[start:amount["start"]])]
    if not years:
        # or right after it ("617 triệu đồng cho giai đoạn 2013 - 2015"), not "…, trong đó giai đoạn …"
        after = re.match(r"\s*(?:" + "|".join(re.escape(w) for w in wording()["budget"]["span_after"]) + r")\s+",
                         text[amount["end"]:], re.IGNORECASE)
        span = _SPAN.match(text, amount["end"] + after.end()) if after else None
        return None if span is None else _years(span)
    return min(y[0] for y in years), max(y[1] for y in years)  # "giai đoạn 2021-2025 và định hướng đến năm 2030"


def _whole(text: str, amount: dict, amounts: list[dict]) -> bool:
    """A total is the whole of the line's other amounts: not smaller than any of them, and given for a
    period that holds theirs ("Tổng kinh phí: giai đoạn 2026 - 2027: 2 tỷ; giai đoạn 2028 - 2030: 3 tỷ"
    gives two phase amounts, no total)."""
    others = [a for a in amounts if a is not amount and not a["per_year"]]
    if any(a["amount"] > amount["amount"] for a in others):
        return False
    own = _span_before(text, amount, amounts)
    spans = [s for s in (_span_before(text, a, amounts) for a in others) if s is not None]
    if own is None or not spans:
        return True
    return own[0] <= min(s[0] for s in spans) and own[1] >= max(s[1] for s in spans)


def _yearly(text: str, amount: dict, amounts: list[dict]) -> bool:
    """The amount is given for each year: a word that says so ("hằng năm", "mỗi năm") in its own clause — from
    the amount before it to the amount after it — and no period of its own before it ("Giai đoạn 2026 - 2027 bố
    trí 154 triệu đồng; … được phân bổ trong dự toán ngân sách hằng năm" gives a phase, not a yearly amount)."""
    words = [fold(w) for w in wording()["budget"]["per_year"]]
    start = max((a["end"] for a in amounts if a["end"] <= amount["start"]), default=0)
    if any(w in fold(text[start:amount["start"]]) for w in words):
        return True  # "Kinh phí hằng năm giai đoạn 2026 - 2030: 200 triệu đồng"
    own = _span_before(text, amount, amounts)
    if own is not None and own[0] != own[1]:
        return False  # a period of several years of its own
    stop = min((a["start"] for a in amounts if a["start"] >= amount["end"]), default=len(text))
    clause = re.split(r"[.;](?:\s|$)", text[amount["end"]:stop])[0]
    return any(w in fold(clause) for w in words)


def extract_budget(tagged, rec: Recorder) -> dict | None:
    budget: dict = {}
    sources: list[dict] = []
    names = wording()["budget"]["source_names"]
    for para, _kind, section, text, listed in _budget_lines(tagged):
        if listed:  # the sources a sentence lists, and what it says before them ("Tổng kinh phí …, được bảo đảm từ …")
            for entry in listed:
                entry["quote"] = para.text
                rec.note(f"budget.sources[{len(sources)}]", para, "high" if "amount" in entry else "medium")
                sources.append(entry)
            if not parse_amount(text):
                continue
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
        strong_words = [fold(w) for w in wording()["budget"]["total"]]
        total_words = strong_words + [fold(w) for w in wording()["budget"]["total_weak"]]
        for words in wording()["budget"]["of_the_total"]:  # "Trong tổng kinh phí nêu trên, …": its parts
            folded = folded.replace(fold(words), " " * len(fold(words)))
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
        strong = any(w in folded for w in strong_words)
        # a line whose subject is the funding ("Kinh phí để triển khai Kế hoạch là …"): a weak total word
        opening = re.sub(r"^[-+•\s]*(?:\d+[.)]\s*|[a-zđ]\)\s*)?", "", folded)
        opens_total = ["opens"] if opening.startswith(tuple(fold(w) for w in wording()["budget"]["total_opens"])) else []
        for amount in amounts:
            value = {"amount": amount["amount"]}
            if amount["words"]:
                value["words"] = amount["words"]
            value["quote"] = text
            conf = "high" if amount["words_ok"] in (True, None) else "low"
            named = [w for w in total_words if w in folded] or opens_total
            yearly = amount["per_year"] or _yearly(text, amount, amounts)
            # "Kinh phí thực hiện kế hoạch hàng năm: …/năm" is a yearly amount, not the total
            total = named and not amount["per_year"] and (not yearly or strong) and _whole(text, amount, amounts)
            if total and named is opens_total and _span_before(text, amount, amounts) is not None:
                # "Kinh phí năm 2026: 500 triệu đồng": a year's amount, the total only with the phases it holds
                total = _SPAN.search(text[amount["start"]:]) is not None  # the phases it holds, after it
            if total and ("total" not in budget or (strong and not budget.pop("_strong", False))):
                budget["total"] = value
                budget["_strong"] = strong
                rec.note("budget.total", para, conf,
                         None if amount["words_ok"] is not False else "số bằng chữ không khớp với số")
                # the period the total is for: its own clause's ("Tổng kinh phí giai đoạn 2026 - 2030 là …"), or the
                # one span of a line that gives no other ("Tổng kinh phí: 5 tỷ đồng (2026 - 2030)"); never a phase's
                # ("420 triệu đồng cho giai đoạn 2026 - 2027; … Tổng kinh phí …: 1.050 triệu đồng")
                spans = list(YEAR_SPAN.finditer(text)) or list(re.finditer(r"\((\d{4})\s*-\s*(\d{4})\)", text))
                own = _span_before(text, amount, amounts)
                period = own if own is not None and own[0] != own[1] else \
                    (int(spans[0].group(1)), int(spans[0].group(2))) if len(spans) == 1 and len(amounts) == 1 else None
                if period and "period" not in budget:
                    budget["period"] = {"start": period[0], "end": period[1]}
                    rec.note("budget.period", para, "high")
            elif yearly and "per_year" not in budget:
                budget["per_year"] = value
                rec.note("budget.per_year", para, conf)
    budget.pop("_strong", None)
    if sources:
        budget["sources"] = sources
    if not any(k in budget for k in ("total", "per_year", "sources")):
        return None
    return budget
