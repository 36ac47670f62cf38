"""Who leads a task group and who takes part, read by a role grammar rather than by fixed sentences.

A paragraph of a task group names bodies ("Sở Y tế", "UBND các xã, phường", "các sở, ban, ngành liên
quan") and role words place them (``roles`` in patterns.yaml):

- a label before them: "Cơ quan chủ trì: …", "+ Phối hợp: …", "Đơn vị thực hiện: …", "Các cơ quan phối
  hợp gồm: …";
- a role word after them: "Sở Y tế chủ trì", "Sở Y tế (chủ trì)", "Sở Y tế là cơ quan đầu mối", "… phối
  hợp thực hiện", "… tham gia";
- a partner verb before them: "phối hợp (với) …", "với sự phối hợp của …".

A list of bodies ends where a verb begins ("… và các đơn vị có liên quan tổ chức thực hiện"); it is split
on ",", ";" and "và" only where a new body's name begins, so that "Sở Lao động - Thương binh và Xã hội",
"Sở Văn hóa, Thể thao và Du lịch" and "Ủy ban nhân dân các huyện, thị xã, thành phố" stay whole. A piece
that is not a plausible body's name (a blank "…", "Sở …", a verb phrase) is never read: a blank lead is
said to be one, so that the group is known to leave it to fill."""

import re
from dataclasses import dataclass, field
from functools import cache

from ..core.regex import compile_once
from ..core.text import fold
from .patterns import has_blank, is_blank, starts_with_blank, wording


def _alt(words) -> str:
    """A regular expression alternation of phrases, longest first, any run of spaces between words."""
    out = []
    for word in sorted(set(words), key=lambda word: (-len(word), word)):
        out.append(r"\s+".join(re.escape(part) for part in word.split()))
    return "|".join(out)


@cache
def _spec() -> dict:
    return wording()["roles"]


@cache
def _starts() -> tuple[str, ...]:
    return tuple(fold(s) for s in wording()["body_starts"])


def _opens_body(text: str, strict: bool = True) -> bool:
    """``text`` begins with a body's name: a body word ("Sở", "UBND", "các", …) followed by more words;
    ``strict``: the name is written as a name (a capital letter, or "các"/"những" before a common noun),
    so that "đoàn thể" or "ban, ngành" in the middle of a list go on the body before them."""
    folded = fold(text.lstrip(" ,;:-–(\"“"))
    if not any(folded.startswith(s + " ") or (folded == s and " " in s) for s in _starts()):
        return False  # "Sở Y tế", "UBND các xã", "Tỉnh Đoàn"; not "Sở" alone
    if _not_body().match(folded):
        return False  # "Hội nghị tổng kết", "Trường hợp cần thiết", "các đoàn công tác": a thing, not a body
    if not strict:
        return True
    stripped = text.lstrip(" ,;:-–(\"“")
    commons = tuple(fold(w) + " " for w in _spec()["common_starts"])
    if folded.startswith(commons):
        # "các nội dung trên do Sở Tư pháp chủ trì": work, not bodies, after "các"
        rest = folded.split(" ", 1)[1] if " " in folded else ""
        return not rest.startswith(tuple(fold(w) for w in _spec()["not_body_nouns"]))
    if stripped[:1].isupper():
        return True
    # a common noun before a name: "cơ quan Lao động - Thương binh và Xã hội các cấp", "phòng Văn hóa"
    start = next((s for s in _starts() if folded.startswith(s + " ")), folded)
    return stripped[len(start):].lstrip()[:1].isupper()


@cache
def _not_body() -> re.Pattern:
    """Words that open like a body's name but name a thing (``not_body_starts``), after "các"/"những" too."""
    return compile_once(r"^(?:(?:" + _alt(_spec()["common_starts"]) + r")\s+)?(?:" + _alt(_spec()["not_body_starts"])
                        + r")(?!\w)")


@cache
def _verb_tail() -> re.Pattern:
    """Where a list of bodies ends: a verb written in lower case ("… tổ chức thực hiện", "… triển khai")."""
    return compile_once(r"(?<!\w)(?<!Ban )(?<!ban )(?:" + _alt(_spec()["verbs"]) + r")(?!\w)")


# the end of a sentence: a full stop ("TP. Hồ Chí Minh" and a blank "…." aside)
_SENTENCE_END = compile_once(r"(?<!\bTP)(?<!\bTp)(?<![.…])\.(?![.…])(?:\s+|$)")


@cache
def _department() -> re.Pattern:
    """A department's whole name ("Sở Tư pháp", "Sở Văn hóa, Thể thao và Du lịch"), the longest first, and the words a
    name may end with after it ("tỉnh", "thành phố" …)."""
    names = sorted(_spec()["department_names"], key=len, reverse=True)
    spelled = "|".join(r"\s+".join(re.escape(w).replace(r"\-", "[-–]") for w in n.split()) for n in names)
    tails = _alt(_spec()["name_tails"])
    return compile_once(r"Sở\s+(?:" + spelled + r")(?:\s+(?:" + tails + r")(?!\w))*", re.IGNORECASE)


@cache
def _level_end() -> re.Pattern:
    """The first level word of a name ("tỉnh", "xã" …; not "xã hội") after which, and its tails, a word in lower case
    follows: where the name ends ("Công an tỉnh cụ thể hóa …")."""
    spec = _spec()
    tails = _alt(spec["name_tails"])
    return compile_once(r"^(.+?(?<!\w)(?i:" + _alt(spec["name_levels"]) + r")(?!\w)(?!\s+(?i:" + _alt(
        spec["level_not_before"]) + r")(?!\w))(?:\s+(?i:" + tails
                        + r")(?!\w))*)(?=\s+(?!\d)\w)")


def _lower_next(text: str) -> bool:
    """The next word of ``text`` is written in lower case."""
    word = re.match(r"\s+(\w)", text)
    return word is not None and word.group(1).islower()


def _name_end(name: str) -> str:
    """``name`` cut where words of a clause follow it in lower case: after a department's whole name ("Sở Tư pháp cụ
    thể hóa" -> "Sở Tư pháp"; the names of departments are a closed list, ``department_names``), or after the level
    a name ends with ("Công an tỉnh trong …" -> "Công an tỉnh")."""
    match = _department().match(name)
    if match is not None:
        rest = name[match.end():]
        return name[:match.end()] if _lower_next(rest.lstrip(",")) else name
    if name[:1].isupper() and (level := _level_end().match(name)) and _lower_next(name[level.end():]):
        return level.group(1)
    return name


def _clause_piece(piece: str) -> bool:
    """A piece after a comma that is words of a clause, not more of the name before it: two or more words that are
    neither levels, kinds of body nor the others concerned, one of them a word of a clause (``clause_words``, a verb
    of ``verbs``): "dưới sự điều phối của", not "thị xã, thành phố", "ban, ngành, đoàn thể" or "giáo dục pháp luật
    tỉnh" ("Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh")."""
    spec = _spec()
    known = {w for phrase in spec["name_tails"] + spec["name_levels"] + spec["generic_kinds"] + spec["others"]
             + spec["name_piece_words"] for w in fold(phrase).split()}
    folded = fold(piece)
    clause = re.search(r"(?<!\w)(?:" + _alt(spec["clause_words"] + spec["verbs"]) + r")(?!\w)", folded)
    return clause is not None and sum(w not in known for w in re.findall(r"\w+", folded)) >= 2


def split_bodies(text: str) -> list[str]:
    """"Các ngành …, các tổ chức …, UBND các huyện, thành phố." -> three bodies. A piece after "," that
    does not open a name goes on the name before it ("UBND các huyện, thị xã, thành phố"); "và" splits
    only before a new name ("Sở Giáo dục và Đào tạo" is one); a department's name ends with it (``_name_end``)."""
    items: list[str] = []
    text = text.strip(" .;")
    for piece in re.split(r"\s*[,;]\s*|\s+và\s+(?=(?:" + _alt(wording()["body_starts"]) + r")\s)", text,
                          flags=re.IGNORECASE):
        if not piece:
            continue
        if items and not _opens_body(piece):  # "các sở, ban, ngành": one body
            if piece[:1].islower() and not any(ch.isupper() for ch in piece) and _clause_piece(piece):
                # "…, Công an tỉnh, dưới sự điều phối của …": the list ended, a clause goes on (after the level it may
                # open with: "UBND các xã, phường tạo điều kiện …")
                level = re.match(r"(?:" + _alt(_spec()["name_levels"]) + r")(?!\w)", piece, re.IGNORECASE)
                if level:
                    items[-1] = f"{items[-1]}, {piece[:level.end()]}"
                break
            items[-1] = f"{items[-1]}, {piece}"
        else:
            items.append(piece)
    return [_name_end(item) for item in items]


def _shared_head(text: str) -> str:
    """"các Sở: Y tế, Nội vụ và Văn hóa, Thể thao và Du lịch" -> "Sở Y tế, Sở Nội vụ, Sở Văn hóa, Thể thao và Du
    lịch": a list that names its kind of body once, before ":" (the departments' names are data, so that one
    with a comma or a "và" of its own stays whole)."""
    spec = _spec()
    match = re.match(r"^\s*(?:các\s+)?(" + _alt(spec["shared_heads"]) + r")\s*:\s*", text, re.IGNORECASE)
    if match is None:
        return text
    head = match.group(1)[:1].upper() + match.group(1)[1:]
    known = sorted(spec["department_names"], key=len, reverse=True)
    rest, names = text[match.end():], []
    while rest:
        name = next((k for k in known if fold(rest).startswith(fold(k))
                     and not re.match(r"\w", rest[len(k):len(k) + 1])), None)
        if name is None:
            cut = re.search(r",\s*|\s+và\s+|;", rest)
            name = rest[:cut.start()] if cut else rest
        names.append(f"{head} {rest[:len(name)].strip()}")
        rest = rest[len(name):]
        joint = re.match(r"\s*(?:,|và)\s*", rest)
        if joint is None or _opens_body(rest[joint.end():]):
            break
        rest = rest[joint.end():]
    return ", ".join(names) + (rest if rest.strip() else "")


def cell_bodies(text: str) -> list[str]:
    """The bodies of a table's lead or partner cell: its list split into names, a blank ("…", "[…]",
    "(điền)", "Sở …") never one."""
    out = []
    for body in split_bodies(_shared_head(text)):
        out += _line_names(body)
    out = [b for b in out if not has_blank(b) and b.strip(" .;:-–()[]")]
    if len(out) > 1 and _others(out[-1].strip(" .;")):
        out.pop()  # "Sở Tài chính, Sở Nội vụ và các đơn vị liên quan": the others concerned, not a body named
    return out


def _whole_name(text: str) -> bool:
    """``text`` is a name with more than its opening word ("Sở Nội vụ", not "Văn phòng" or "Thanh tra")."""
    folded = fold(text)
    start = max((s for s in _starts() if folded.startswith(s + " ")), key=len, default=None)
    return start is not None and _opens_body(text) and bool(folded[len(start):].strip())


def _line_names(body: str) -> list[str]:
    """"Sở Nội vụ Sở Tư pháp": a cell that lists a body a line, its lines joined by a space (a PDF): split where a
    name that only opens a body (``line_starts``) follows a whole name (its opening word and two more)."""
    starts = _alt(_spec()["line_starts"])
    out = []
    while True:
        cut = next((m for m in re.finditer(r"\s(?=(?:" + starts + r")\s)", body) if _whole_name(body[:m.start()])), None)
        if cut is None:
            return out + [body]
        out.append(body[:cut.start()])
        body = body[cut.end():]


def plausible(body: str) -> bool:
    """A body's name as a list gives it: opens with a body word, short, no blank, no role word, no
    clause of its own."""
    spec = _spec()
    if not _opens_body(body, strict=False) or has_blank(body) or ":" in body:
        return False
    if fold(body.strip(" ,;:.-–()\"“")) in _starts() + tuple(fold(w) for w in spec["label_nouns"]):
        return False  # "Cơ quan", "Đơn vị", "Bộ phận": the word a name opens with, no name
    if len(body) > spec["max_length"] or len(body.split()) > spec["max_words"]:
        return False
    if re.search(r"\d", body) or any(len(piece.split()) > spec["max_piece_words"] for piece in body.split(",")[1:]):
        return False  # "Các Sở, ngành, đoàn thể tổ chức đánh giá sơ kết 6 tháng …": a clause, not a name
    folded = fold(body.lstrip(" ,;:-–(\"“"))
    start = next((s for s in _starts() if folded.startswith(s + " ")), "")
    if not any(ch.isalpha() for ch in folded[len(start):]):
        return False  # "Sở ___": a blank of another kind
    if re.fullmatch(r"(?:" + _alt(spec["label_nouns"]) + r")\s+(?:" + _alt(spec["lead_after_copula"]) + r")", folded,
                    re.IGNORECASE):
        return False  # "cơ quan thường trực", "đơn vị đầu mối": a role named with its noun, no body
    return not any(re.search(r"(?<!\w)" + re.escape(fold(w)) + r"(?!\w)", folded)
                   for w in spec["lead"] + spec["partner"])


def body_list(segment: str) -> list[str]:
    """The bodies a piece of a sentence names, from its start: up to the end of its sentence or the first
    verb, split into names; a ";"-item that names no body ends the list; nothing when the first is not a
    body."""
    return _body_list(segment)[0]


def _body_list(segment: str) -> tuple[list[str], list[str]]:
    """``body_list`` and every name the list held, "the others concerned" too ("các sở, ban, ngành liên quan"):
    those are left out of the bodies wherever they stand after a named body."""
    segment = _SENTENCE_END.split(segment, maxsplit=1)[0]
    # "Sở Tư pháp - Thời gian: hằng năm": a dash and the next field's label end the list
    segment = re.split(r"\s[-–—]\s+[^\W\d]\w*(?:\s+\w+){0,3}\s*:", segment, maxsplit=1)[0]
    verb = _verb_tail().search(segment)
    if verb and not segment[:verb.start()].strip(" ,;:.-–(/|"):
        return [], []  # "phối hợp tổ chức tập huấn": a verb of work, no body named
    if verb and verb.start() > 0:
        segment = segment[:verb.start()]
    segment = re.sub(r"^(?:\s|[,;:.\-–(])*(?:(?:" + _alt(_spec()["links"]) + r")\s+)?", "", segment,
                     flags=re.IGNORECASE)
    # "Sở Y tế (thường trực Ban Chỉ đạo)": a remark in brackets after a name is not part of it (names in brackets
    # stay: "các cơ quan (Sở Nội vụ, Sở Tài chính)")
    segment = re.sub(r"\s*\((?=[^()A-ZĐÀ-Ỹ])[^()]*\)", "", segment)
    segment = segment.strip(" ,;:.-–()/|")
    # "… của Sở Y tế và sự phối hợp của …": a "và" before the next role's words joins the roles, not the names
    segment = re.sub(r"\s+(?:" + _alt(_spec()["list_joins"]) + r")$", "", segment, flags=re.IGNORECASE)
    segment = _shared_head(segment[_kind_label(segment):])
    out: list[str] = []
    for clause in re.split(r"\s*;\s*", segment):
        bodies = split_bodies(clause)
        # "… và các cơ quan, đơn vị liên quan các cấp": the others concerned, however long, end a list of names
        if not bodies or not all(plausible(b.strip(" ()")) or (out or n) and _others(b) for n, b in enumerate(bodies)):
            break
        # "Sở Y tế (cơ quan …": a bracket a name does not close is a remark after it
        out += [(b[:b.index("(")] if "(" in b and ")" not in b[b.index("("):] else b).strip(" (),") for b in bodies]
    named = [b for b in out if not _others(b)]
    if named and named[0] == out[0]:
        # "… Sở Nội vụ, các sở, ban, ngành liên quan và UBND cấp xã": the others concerned, not a body named
        return named, out
    return out, out


def _blank_before(segment: str) -> bool:
    """The text ends with a blank left to fill ("…, ….", "giao (điền)"), right before the role word after it."""
    tail = segment.rstrip(" ,;:-–")
    last = re.split(r"[\s,;:]+(?=\S)", tail)[-1]
    bracket = re.search(r"[\[(][^\[\]()]*[\])]$", tail)  # "giao (ghi rõ) làm đầu mối chủ trì"
    return bool(tail) and has_blank(tail[-20:]) and (is_blank(last) or not last.strip("….")
                                                     or (bracket is not None and is_blank(bracket.group())))


def _kind_label(segment: str) -> int:
    """Where the names begin after a kind of body and a colon ("các sở, ngành: Sở Nội vụ, Sở Tài chính") or before
    names in capitals ("Các đơn vị Sở Nội vụ, …"), else 0."""
    kind = re.match(r"^([^:;]{3,40}?)(?::|\s+(?:" + _alt(_spec()["label_links"]) + r"))\s*(?=(?:"
                    + _alt(wording()["body_starts"]) + r")\s)", segment, re.IGNORECASE)
    if kind and generic(kind.group(1)):
        return kind.end()
    # or with no colon, the names in capitals right after the kind ("Các đơn vị Sở Nội vụ, Sở Tư pháp có trách nhiệm …")
    kind = re.match(r"^((?:" + _alt(_spec()["common_starts"]) + r")\s+[^\W\d_]+(?:\s+[^\W\d_]+)?)\s+(?=(?:"
                    + _alt(wording()["body_starts"]) + r")\s)", segment, re.IGNORECASE)
    return kind.end() if kind and generic(kind.group(1)) and segment[kind.end()].isupper() else 0


def generic(body: str) -> bool:
    """"các cơ quan, đơn vị", "Các sở, ban, ngành", "những đơn vị liên quan": a kind of body, not one named —
    after "các"/"những" and the nouns of kinds of bodies (``generic_kinds``), no capital letter (a sentence's
    first letter and "các Sở, ngành" say nothing of a name; "các cơ quan Lao động - …" names one)."""
    spec = _spec()
    body = body.strip(" ,;:.-–()")
    start = re.match(r"(?:" + _alt(spec["common_starts"]) + r")\s+", body, re.IGNORECASE)
    if start is None:
        return False
    rest = body[start.end():]
    kinds = re.compile(r"(?:" + _alt(spec["generic_kinds"]) + r")(?!\w)(?:\s*(?:,|/|và)\s*)?", re.IGNORECASE)
    while (kind := kinds.match(rest)) and kind.end():
        rest = rest[kind.end():]
    if rest == body[start.end():]:
        return not any(ch.isupper() for ch in rest)  # "các phòng chuyên môn": no kind named, no name either
    return not any(ch.isupper() for ch in rest)


def _others(body: str) -> bool:
    """"các đơn vị có liên quan", "các cơ quan, đơn vị liên quan": the rest, whoever they are."""
    folded = fold(body)
    return folded.startswith(tuple(fold(w) + " " for w in _spec()["common_starts"])) and \
        folded.endswith(tuple(" " + fold(w) for w in _spec()["others"]))


def _only_names(text: str, names: list[str]) -> bool:
    """``text`` holds nothing but ``names``, the words that join them and marks."""
    for name in names:
        text = text.replace(name, " ", 1)
    return not re.sub(r"(?<!\w)(?:" + _alt(_spec()["and_words"]) + r")(?!\w)|[\s,;:.\-–()]", "", text, flags=re.IGNORECASE)


def _tail_bodies(segment: str, adjacent: bool = False, loose: bool = False) -> list[str]:
    """The bodies before a role word: the last sentence of the piece, from its first body's name ("Nhiệm
    vụ này giao Sở Y tế" -> "Sở Y tế"); ``adjacent``: the role word is tied to the name right before it ("… của
    Sở Y tế là cơ quan chủ trì"), which is the subject even after "của"; ``loose``: a role word, not one of doing the
    work, whose subject may stand a few words of work before it ("Sở Tư pháp đồng hành, phối hợp")."""
    spec = _spec()
    segment = _SENTENCE_END.split(segment)[-1]
    # "… theo chức năng, nhiệm vụ được giao có trách nhiệm phối hợp": what stands between the bodies and their
    # role word says how, not who
    tail = re.compile(r"\s*(?:" + _alt(spec["copulas"] + spec["role_qualifiers"]) + r")\s*$", re.IGNORECASE)
    segment = segment.rstrip(" (,-–")
    # "Sở Tư pháp (mỗi cơ quan theo lĩnh vực phụ trách) phối hợp": a remark in brackets that names no body
    remark = re.compile(r"\s*\(([^()]*)\)\s*$")
    while ((cut := tail.search(segment)) or ((cut := remark.search(segment)) and not _opens_body(cut.group(1))
                                              and not _markers(cut.group(1)))) and cut.start() > 0:
        segment = segment[:cut.start()].rstrip(" (,-–")
    # "Thường trực Ban Chỉ đạo Đề án là Sở Khoa học và Công nghệ, chủ trì", "các đoàn công tác do Sở Y tế chủ trì": the
    # names after "là", "do" are the ones meant
    for said in reversed(list(re.finditer(r"\s(?:" + _alt(spec["name_copulas"] + spec["agent_words"]) + r")\s+",
                                          segment, re.IGNORECASE))):
        names, held = _body_list(segment[said.end():]) if _opens_body(segment[said.end():]) else ([], [])
        if names and _only_names(segment[said.end():], held):
            return names
    skip_to = 0
    for match in re.finditer(r"(?:^|(?<=[\s,;:(]))\S", segment):
        if match.start() < skip_to:
            continue
        rest = segment[match.start():]
        if _opens_body(rest):
            bodies, held = _body_list(rest)
            if not bodies or _kind_label(rest):
                continue  # "các cơ quan: Sở Tư pháp, Sở Nội vụ": the names are further on
            whole = _only_names(rest, held)
            if re.search(r"(?<!\w)(?:" + _alt(spec["not_subject_after"]) + r")\s*$", segment[:match.start()],
                         re.IGNORECASE) and not re.search(r"(?<!\w)(?:" + _alt(spec["hand_over_to"]) + r")\s*$",
                                                          segment[:match.start()], re.IGNORECASE) \
                    and not (adjacent and whole):
                # "Theo chỉ đạo của UBND tỉnh, Sở Y tế chủ trì": a body after "của", "theo" … is not the subject, nor
                # those "và" joins to it ("… của Sở Tài chính và Công an tỉnh, Sở Nội vụ chủ trì")
                skip_to = match.start() + rest.find(bodies[0]) + len(bodies[0])
                for body in bodies[1:]:
                    joint = re.match(r"\s+(?:" + _alt(spec["and_words"]) + r")\s+", segment[skip_to:], re.IGNORECASE)
                    if joint is None or not segment[skip_to + joint.end():].startswith(body):
                        break
                    skip_to += joint.end() + len(body)
                continue
            # the whole rest is the list: "Sở Y tế, Sở Nội vụ" before "phối hợp", not a part of a clause
            if whole:
                return bodies
            # "UBND tỉnh chỉ đạo Sở Y tế chủ trì": the body a directing verb hands the work to is the role word's
            after = rest[rest.find(bodies[-1]) + len(bodies[-1]):]
            handed = re.match(r"\s*(?:" + _alt(spec["hand_over"]) + r")\s+", after, re.IGNORECASE)
            # (or further on in its clause, after its own work: "Sở A chủ động tổ chức thực hiện và đề nghị Sở B …")
            handed = handed or _handing_verb().search(after.split(";")[0])
            if handed and _opens_body(after[handed.end():]):
                skip_to = match.start() + len(rest) - len(after) + handed.end()
                continue
            # a clause of its own ends at ";": the list may begin after it ("… tham mưu UBND tỉnh ban hành; Sở
            # Tài chính, Sở Nội vụ phối hợp")
            cut = rest.find(";")
            if cut == -1:
                # or a list of names alone after a comma ends the clause before the role word ("Sở Tài chính bố trí
                # kinh phí, Sở Y tế chủ trì"): those names are the role word's
                for comma in re.finditer(r",\s*", rest):
                    last = rest[comma.end():]
                    if _opens_body(last):
                        names, held_last = _body_list(last)
                        if names and _only_names(last, held_last):
                            return names
                # or the names open the clause and words of work in lower case alone stand between them and the
                # role word ("Sở Tư pháp đồng hành, phối hợp", "Sở Tư pháp cử đại diện lãnh đạo tham gia"): its subject
                before = segment[:match.start()]
                said = rest[rest.find(bodies[-1]) + len(bodies[-1]):]
                words = re.findall(r"\w+", said)
                if loose and (before.rstrip().endswith((";", ":")) or not any(
                        _opens_body(w) for w in re.findall(r"(?:^|(?<=\s))\S.*", before))) and re.fullmatch(
                        r"[\w\s,]+", said) and 0 < len(words) <= spec["linked_words"] and all(
                        w[0].islower() and not w[0].isdigit() for w in words):
                    return bodies
                return []
            skip_to = match.start() + cut + 1
    return []


@cache
def _role_word(role: str) -> re.Pattern:
    """A word of the other role than ``role`` (a partner's beside a lead's label, a lead's beside a partner's)."""
    spec = _spec()
    words = spec["partner"] if role == "lead" else spec["lead"] + spec["lead_after_copula"]
    return compile_once(r"(?<!\w)(?:" + _alt(words) + r")(?!\w)", re.IGNORECASE)


@cache
def _handing_verb() -> re.Pattern:
    """A directing verb in lower case inside a clause ("… và đề nghị Sở B …", "UBND tỉnh ủy quyền cho …"): written in
    lower case on purpose, so that "Ban Chỉ đạo" is no verb."""
    return compile_once(r"(?<=\s)(?:" + "|".join(map(re.escape, _spec()["hand_over"])) + r")\s+(?=\S)")


@cache
def _weak_label() -> re.Pattern:
    return compile_once(r"(?<!\w)(?:" + _alt(_spec()["lead_labels"]) + r")(?!\w)", re.IGNORECASE)


@cache
def _own_part() -> re.Pattern:
    """A phrase that names a body's own part after the lead is read ("Riêng phần việc thuộc thẩm quyền của …")."""
    return compile_once(r"(?<!\w)(?:" + _alt(_spec()["own_part"]) + r")\s*$", re.IGNORECASE)


def _chaired_by(segment: str, bodies: list[str]) -> bool:
    """The bodies follow the agent's word after a team or an event (``chaired_things``: "… các đoàn kiểm tra do UBND
    tỉnh chủ trì"): they chair that thing, which may not be the group's work ("Nhiệm vụ này do Sở Y tế chủ trì" is the
    group's own)."""
    if not bodies:
        return False
    agent = re.search(r"(?<!\w)(?:" + _alt(_spec()["agent_words"]) + r")\s+" + re.escape(bodies[0]), segment,
                      re.IGNORECASE)
    before = segment[:agent.start()].rpartition(";")[2] if agent else ""
    return agent is not None and re.search(r"(?<!\w)(?:" + _alt(_spec()["chaired_things"]) + r")(?!\w)", before,
                                           re.IGNORECASE) is not None


def _last_names(segment: str, one: bool = False) -> list[str]:
    """The list of names ``segment`` ends with ("… gửi về Sở Y tế" -> "Sở Y tế"); ``one``: only its last name (a role
    in brackets right after it: "Sở Nội vụ, Sở Tài chính, Sở Y tế (chủ trì)" -> "Sở Y tế")."""
    segment = segment.rstrip(" ,")
    for match in re.finditer(r"(?:^|(?<=[\s,;:(]))\S", segment):
        rest = segment[match.start():]
        if _opens_body(rest):
            names, held = _body_list(rest)
            if names and _only_names(rest, held):
                return names[-1:] if one else names
    return []


@dataclass
class Marker:
    start: int
    end: int
    role: str      # lead, partner, executor
    after: bool    # the bodies follow the marker (a label, "phối hợp với"); else they go before it
    label: bool = False
    subject: bool = False  # the bodies must be the sentence's subject ("Sở Y tế phối hợp với …")
    weak: bool = False  # a lead's label that gives way to any other lead ("Tham mưu: …" beside "Chủ trì: …")


# an item's mark typed before a label ("a) Cơ quan chủ trì: …", "(1) Chủ trì: …", "2. Phối hợp: …")
_ITEM = r"\s*\(?(?:\d{1,2}|[a-zđ]|[A-ZĐ]|[ivx]{2,4})[).]\s+"


def _words_of(phrases: list[str]) -> list[str]:
    return [p for p in phrases if p[:1].isalpha()]


def _marks_of(phrases: list[str]) -> list[str]:
    """The phrases that are marks ("–", ":"): they may follow a word with no space ("Sở Y tế: đầu mối")."""
    return [p for p in phrases if not p[:1].isalpha()]


@cache
def _regexes() -> dict[str, re.Pattern]:
    spec = _spec()
    # words that are a role only where their clause ends ("Giao Sở A đảm nhận;", "Sở B hỗ trợ."): before more words
    # they are work ("bố trí cán bộ đảm nhiệm công tác …", "hỗ trợ kinh phí")
    ends = rf"(?=\s*(?:[,.;:)–-]|$)|\s+(?:{_alt(spec['closing_then'])})(?!\w))"
    closing_lead = rf"(?:{_alt(spec['lead_closing'])}){ends}"
    words = {"lead": f"{_alt(spec['lead'] + spec['lead_after_copula'])}|{closing_lead}",
             "partner": f"{_alt(spec['partner'])}|(?:{_alt(spec['partner_behind'])}){ends}",
             "executor": _alt(spec["executor"])}
    after_body = dict(words, executor=_alt(spec["executor_before"]))
    bare = dict(after_body, lead=f"{_alt(spec['lead'])}|{closing_lead}")  # "đầu mối" only after "là", "làm", in brackets
    nouns, tails = _alt(spec["label_nouns"]), _alt(spec["label_tails"])
    starts = _alt(wording()["body_starts"])
    out = {}
    for role, alt in words.items():
        # "Cơ quan chủ trì thực hiện:", "+ Phối hợp:", "Các đơn vị phối hợp gồm:", "Trách nhiệm thực hiện –", "Tham mưu:"
        labelled = alt + (f"|{_alt(spec['lead_labels'])}" if role == "lead" else "")
        out[f"label_{role}"] = compile_once(
            rf"(?:^|(?<=[.;,(\[/|–:-]))(?:{_ITEM})?\s*(?:[-+•–]\s*)?(?:(?:{nouns})\s+)?(?:{labelled})(?:(?:\s+|\s*,\s*)(?:{tails}))*"
            rf"(?:\s*(?::|[-–—](?=\s))|\s+(?:{_alt(spec['label_links'])})\s+(?=(?:{starts})\s))",
            re.IGNORECASE)
        # "(chủ trì)", "(cơ quan chủ trì)", "là cơ quan đầu mối", "chủ trì", "chịu trách nhiệm thực hiện"
        behind = after_body[role]
        out[f"before_{role}"] = compile_once(
            rf"\(\s*(?:(?:{nouns})\s+)?(?:(?:{_alt(spec['role_before_words'])})\s+)?(?:{behind})(?:\s+(?:{tails}))?"
            rf"(?:\s*[,;/]\s*[^()]{{1,40}}?)?\s*\)"
            rf"|(?:(?<!\w)(?:{_alt(_words_of(spec['copulas']))})|(?:{_alt(_marks_of(spec['copulas']))}))\s+(?:(?:{nouns})\s+)?"
            rf"(?:{behind})(?!\w)"
            rf"|(?<!\w)(?:{bare[role]})(?!\w)",
            re.IGNORECASE)
    # "Cơ quan chủ trì, phối hợp:", "Chủ trì/phối hợp:": a label of both roles says who does the work, not who leads
    out["label_both"] = compile_once(
        rf"(?:^(?:{_ITEM})?|(?<=[.;(]))\s*(?:[-+•–]\s*)?(?:(?:{nouns})\s+)?(?:{words['lead']})\s*(?:,|/|và)\s*(?:{words['partner']})"
        rf"(?:\s+(?:{tails}))*\s*(?::|[-–](?=\s))", re.IGNORECASE)
    # a line that is only a label, with no ":" ("Cơ quan chủ trì" in a cell, its bodies on the next line)
    out["bare_label"] = compile_once(
        rf"^(?:{_ITEM})?\s*(?:[-+•–]\s*)?(?:(?:{nouns})\s+)?(?:(?P<lead>{words['lead']})|(?P<partner>{words['partner']}))"
        rf"(?:\s+(?:{tails}))*\s*:?\s*$", re.IGNORECASE)
    # "phối hợp với Sở …", "phối hợp Sở …", "với sự phối hợp của …", "có sự tham gia của …"
    out["after_partner"] = compile_once(
        rf"(?:(?<!\w)(?:{_alt(spec['partner_of'])})|(?<!\w)(?:{_alt(spec['partner'])})(?:\s+(?:{_alt(spec['links'])}))?)"
        rf"\s*:?\s*(?=(?:{starts})\s)", re.IGNORECASE)
    # "dưới sự chủ trì của Sở …"
    out["after_lead"] = compile_once(rf"(?<!\w)(?:{_alt(spec['lead_of'])})\s*(?=(?:{starts})\s)", re.IGNORECASE)
    # "Chủ trì thực hiện nhiệm vụ này là Sở …", "Đơn vị được giao chủ trì là …", "tham gia phối hợp có …": the
    # free words (groups pre, mid) must be in lower case (checked by the caller)
    few = spec["linked_words"]
    for role in ("lead", "partner", "executor"):
        out[f"linked_{role}"] = compile_once(
            rf"(?:^|(?<=[.;,(\[/|–:-]))(?:{_ITEM})?\s*(?:[-+•–]\s*)?(?:(?:{nouns})\s+)?(?P<pre>(?:[^\W\d_]+\s+){{0,{few}}}?)"
            rf"(?:{words[role]})(?P<mid>(?:,?\s+[^\W\d_]+){{0,{few}}}?)(?:\s*\([^()]{{1,60}}\))?"
            rf"(?:\s+(?:{_alt(spec['linked_by'])})\s+|\s*(?P<colon>:)\s*)(?=(?:{starts})\s)",
            re.IGNORECASE)
    out["subject_executor"] = compile_once(rf"(?<!\w)(?:{_alt(spec['executor_subject'])}|(?:{_alt(spec['executor_closing'])})"
                                           rf"(?=\s*[,.;]|\s*$))(?!\w)", re.IGNORECASE)
    # "giao Sở Y tế …", "đề nghị UBND các xã …": the bodies after it do the work
    out["after_executor"] = compile_once(rf"(?<!\w)(?:{_alt(spec['assign'])})\s+(?=(?:{starts})\s)", re.IGNORECASE)
    return out


def _verb_next(text: str) -> bool:
    """The words after a role word are work in lower case, not a body ("tổ chức thực hiện", "tổ chức các …")."""
    return text[:1].islower() and re.match(r"(?:" + _alt(_spec()["verbs"]) + r")(?!\w)", text, re.IGNORECASE) is not None


def _markers(text: str) -> list[Marker]:
    found: list[Marker] = []
    regexes = _regexes()

    def free(start: int, end: int) -> bool:
        return all(end <= m.start or start >= m.end for m in found)

    bare = regexes["bare_label"].match(text)
    if bare:
        return [Marker(0, len(text), "lead" if bare.group("lead") else "partner", True, label=True)]
    for match in regexes["label_both"].finditer(text):
        found.append(Marker(match.start(), match.end(), "executor", True, label=True))
    for role in ("lead", "partner", "executor"):  # labels first: they hold their role words
        for match in regexes[f"label_{role}"].finditer(text):
            if free(match.start(), match.end()) and match.group().strip():
                weak = role == "lead" and bool(_weak_label().search(match.group()))
                found.append(Marker(match.start(), match.end(), role, True, label=True, weak=weak))
    for role in ("lead", "partner", "executor"):
        for match in regexes[f"linked_{role}"].finditer(text[:1].lower() + text[1:]):
            # a label with a colon opens its line or clause ("Chủ trì và chịu trách nhiệm về kết quả: …"), never
            # after words of its own ("Thực hiện theo cơ chế phối hợp liên ngành: …" is a sentence's work)
            # (nor with another role's word among its free words: ".... chủ trì, phối hợp với các cơ quan … gồm Sở A"
            # is a blank lead and its partners, not a label)
            if free(match.start(), match.end()) and all(not w or w == w.lower() for w in match.group("pre", "mid")) \
                    and not (match.group("colon") and match.group("pre").strip()) \
                    and not (match.group("mid") and _role_word(role).search(match.group("mid"))):
                found.append(Marker(match.start(), match.end(), role, True, label=True))
    for role, key in (("lead", "after_lead"), ("partner", "after_partner"), ("executor", "after_executor")):
        for match in regexes[key].finditer(text):
            # no body after it ("phối hợp tổ chức thực hiện": a verb that opens like a body's name): the role word
            # is its subject's
            # "giao ban định kỳ": a body word in lower case with no name after it is no body
            if free(match.start(), match.end()) and not _verb_next(text[match.end():]) and (
                    _opens_body(text[match.end():])):  # a name, not "tổ chức đào tạo" (work)
                found.append(Marker(match.start(), match.end(), role, True))
    # a role word after its bodies: where two overlap the longer holds ("đảm nhận vai trò phối hợp" is a partner's)
    behind = sorted(((match.start(), match.end(), role) for role in ("lead", "partner", "executor")
                     for match in regexes[f"before_{role}"].finditer(text)), key=lambda m: (m[0], m[0] - m[1]))
    person = re.compile(r"(?<!\w)(?:" + _alt(_spec()["person_nouns"]) + r")\s*$", re.IGNORECASE)
    for start, end, role in behind:
        # "… cử cán bộ đầu mối, …": a person's job, not a body's lead ("cử cán bộ tham gia" is the body's part)
        if free(start, end) and not (role == "lead" and person.search(text[:start])):
            found.append(Marker(start, end, role, False))
    if any(m.role in ("lead", "partner") for m in found):
        # "Sở Y tế tổ chức thực hiện; Sở Nội vụ phối hợp": the subject of a sentence that gives roles does the work
        for match in regexes["subject_executor"].finditer(text):
            clause = text[:match.start()].rpartition(";")[2]
            # a work verb with no body before it in its clause has no subject to give ("Để triển khai nhiệm vụ, …")
            if free(match.start(), match.end()) and any(_opens_body(clause[w.start():])
                                                        for w in re.finditer(r"(?<!\S)\S", clause)):
                found.append(Marker(match.start(), match.end(), "executor", False, subject=True))
    return sorted(found, key=lambda m: m.start)


@dataclass
class Roles:
    """What one paragraph says of who does a group."""
    lead: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    blank_lead: bool = False
    labelled: bool = False     # a label said it ("Cơ quan chủ trì: …"), not a sentence
    guessed: bool = False      # the lead is the first of bodies named with no role word ("Đơn vị thực hiện: …")
    assigned: bool = False     # the lead is given the work, not a role ("Giao UBND cấp xã rà soát …")
    open_role: str | None = None  # a label with nothing after it: its bodies are on the next line


def role_confidence(said: Roles) -> str:
    """How sure a reading is: a label says it ("Cơ quan chủ trì: …"), a sentence's role words place it,
    or the lead is only the first of the bodies a label names with no role word."""
    return "low" if said.guessed else "high" if said.labelled else "medium"


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"^[-+•–*]+\s*", "", text)).strip()
    # a line wholly in brackets ("[Sở Y tế chủ trì; Sở Nội vụ phối hợp]"): its words
    wrapped = re.fullmatch(r"[\[(]([^\[\]()]+)[\])]\.?", text)
    text = wrapped.group(1).strip() if wrapped else text
    text = _paired_label(text)
    return _as_brackets(text) if re.search(r"[\[–—(-]", text) or _role_forms()[3].match(text) else text


def _paired_label(text: str) -> str:
    """"Chủ trì, phối hợp: Sở Y tế / Sở Nội vụ, Sở Tư pháp": two roles in one label, their bodies in the same order
    split by "/" -> "Chủ trì: Sở Y tế; Phối hợp: Sở Nội vụ, Sở Tư pháp"; a role named as a thing done by bodies
    ("Việc chủ trì do Sở Y tế đảm nhiệm; việc phối hợp do Sở Nội vụ đảm nhiệm") -> "Sở Y tế chủ trì; Sở Nội vụ phối
    hợp"."""
    spec = _spec()
    done = re.compile(r"(?<!\w)(?:" + _alt(spec["role_done"]["nouns"]) + r")\s+(" + _alt(spec["lead"] + spec["partner"])
                      + r")\s+(?:" + _alt(spec["agent_words"]) + r")\s+([^;.]+?)\s+(?:" + _alt(spec["role_done"]["verbs"])
                      + r")(?=\s*(?:[;.,]|$))", re.IGNORECASE)
    text = done.sub(lambda m: f"{m.group(2)} {m.group(1).lower()}", text)
    pair = re.match(r"^((?:" + _alt(spec["lead"]) + r"))\s*[,/]\s*((?:" + _alt(spec["partner"]) + r"))\s*:\s*([^/]+?)\s*/\s*"
                    r"([^/]+)$", text, re.IGNORECASE)
    if pair is not None:
        return f"{pair.group(1)}: {pair.group(3)}; {pair.group(2)}: {pair.group(4)}"
    # "Chủ trì (Sở Y tế); phối hợp (Sở Nội vụ)", "Chủ trì Sở Y tế; phối hợp Sở Nội vụ": a role word opening each
    # clause, a body's name right after it (in brackets or with its capital), is a label
    roles = _alt(spec["lead"] + spec["partner"])
    clauses = re.split(r"(;\s*)", text)
    bare = [re.match(r"^((?:" + roles + r"))\s*(?:\(([^()]+)\)\s*(?=[.;]?$)|(?=[A-ZĐ]))(.*)$", c, re.IGNORECASE)
            for c in clauses[::2]]
    if len(bare) < 2 or not all(m is not None and _opens_body(m.group(2) or m.group(3)) for m in bare):
        return text
    clauses[::2] = [f"{m.group(1)}: {m.group(2) or m.group(3)}" for m in bare]
    return "".join(clauses)


@cache
def _role_forms() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    spec = _spec()
    roles = _alt(_role_words())
    nouns = _alt(spec["label_nouns"])
    starts = _alt(wording()["body_starts"])
    return (
        # "Sở Y tế – cơ quan chủ trì – trong …", "Sở Nội vụ – phối hợp.": a role between dashes, or after one at the
        # clause's end, is the role in brackets (a dash inside a name, "Lao động - Thương binh", has no role after it)
        compile_once(rf"\s[–—-]\s+((?:(?:{nouns})\s+)?(?:{roles})(?!\w)[^–—;.():]{{0,30}}?)\s*(?:[–—-](?=\s)|(?=[;.,]|$))",
                     re.IGNORECASE),
        # "Sở Nội vụ [chủ trì]": square brackets as round ones
        compile_once(rf"\[([^\[\]]{{0,40}}(?<!\w)(?:{roles})(?!\w)[^\[\]]{{0,40}})\]", re.IGNORECASE),
        # "Các cơ quan phối hợp (Sở A, Sở B) cùng cơ quan chủ trì (Sở C) …": a role's label before its bodies in brackets
        compile_once(rf"(?:(?:{_alt(spec['label_first_links'])})\s+)?(?:(?:{nouns})\s+)((?:{roles}))\s*\(\s*"
                     rf"((?:{starts})\s[^()]{{2,200}})\)", re.IGNORECASE),
        # "Với vai trò cơ quan chủ trì, Sở Y tế …": the role before its body, up to the comma
        compile_once(rf"(?:{_alt(spec['role_first'])})\s+([^,;:]{{3,40}}?)\s*,\s*", re.IGNORECASE),
    )


def _role_words() -> list[str]:
    """Every word that says a body's role, of a lead or of a partner, in any place it may stand."""
    spec = _spec()
    return spec["lead"] + spec["lead_after_copula"] + spec["lead_closing"] + spec["partner"] + spec["partner_behind"]


@cache
def _remark_between_dashes() -> re.Pattern:
    """A remark in lower case between dashes before a role word ("Giao Sở Y tế – cơ quan tham mưu quản lý nhà nước
    về công tác xã hội – chủ trì"): it says what the body is, not its role (a name's own dash, "Lao động – Thương
    binh", goes on in capitals)."""
    return compile_once(rf"\s[–—]\s+([^\W\d_][^–—;()]{{2,100}}?)\s+[–—]\s+(?=(?:{_alt(_role_words())})(?!\w))")


def _as_brackets(text: str) -> str:
    """The roles written with dashes or square brackets, a label before its bodies in brackets, or the role before
    its body ("Với vai trò cơ quan chủ trì, Sở Y tế …"), in the forms the role grammar reads: "Sở Y tế (cơ quan
    chủ trì)", "; phối hợp: Sở A, Sở B;"."""
    dashes, square, label_first, role_first_form = _role_forms()
    text = _remark_between_dashes().sub(
        lambda m: " " if m.group(1)[:1].islower() and not _markers(m.group(1)) else m.group(0), text)
    text = dashes.sub(r" (\1)", text)
    text = square.sub(r"(\1)", text)
    text = label_first.sub(r"; \1: \2;", text)
    role_first = role_first_form.match(text)
    if role_first and _markers(role_first.group(1)):
        rest = text[role_first.end():]
        after = _markers(rest)
        head = rest[:after[0].start] if after else rest
        bodies = body_list(head) if _opens_body(head) else []
        if bodies and rest.startswith(bodies[0]):
            text = f"{bodies[0]} ({role_first.group(1)}){rest[len(bodies[0]):]}"
    return text


def _claims(text: str, markers: list[Marker]) -> list[tuple[Marker, str, bool]]:
    """(marker, piece of text it gives a role to, whether the bodies come after it) for each marker. The
    piece between a marker whose bodies follow it and one whose bodies precede it goes to the second
    ("giao Sở Y tế chủ trì", "Đơn vị thực hiện: Sở Y tế (chủ trì)"), or is shared when a label of one
    role precedes a role word of another ("Chủ trì: Sở Y tế; Sở Nội vụ phối hợp")."""
    out = []
    taken = set()
    for n, marker in enumerate(markers):
        following = markers[n + 1] if n + 1 < len(markers) else None
        previous = markers[n - 1] if n else None
        if marker.after:
            segment = text[marker.end:following.start if following else len(text)]
            if marker.role == "partner" and not marker.label and \
                    (previous is None or (previous.label and previous.role == "executor")):
                # "Sở Y tế phối hợp với Sở Nội vụ …": the subject does the work, with the others
                before = text[previous.end if previous else 0:marker.start]
                out.append((Marker(marker.start, marker.start, "executor", False, subject=True), before, False))
            if (marker.role == "partner" and not marker.label and following is not None and not following.after
                    and following.role == "partner" and fold(text[marker.start:marker.end]).startswith(
                        tuple(fold(w) for w in _spec()["co_partner_links"]))):
                # "Sở A cùng với UBND cấp xã phối hợp …": the bodies before "cùng với" take part too
                out.append((Marker(marker.start, marker.start, "partner", False),
                            text[previous.end if previous else 0:marker.start], False))
            if following is not None and not following.after and not following.subject:
                if not marker.label and marker.role not in ("executor", following.role):
                    # "Với sự phối hợp của Sở A, Sở B, Sở C chịu trách nhiệm chính": the last body is the role
                    # word's, the others the partner verb's (unless a blank stands before the role word)
                    bodies = body_list(segment)
                    joined = re.search(r"(?<!\w)(?:" + _alt(_spec()["list_joins"]) + r")\s*$", segment, re.IGNORECASE)
                    if ";" in segment and bodies:
                        # "Nhiệm vụ thuộc thẩm quyền của Sở A; Sở B và Sở C phối hợp": each clause its own role
                        head, _, tail = segment.partition(";")
                        out.append((marker, head, True))
                        out.append((following, ";" + tail, False))
                        taken.add(n + 1)
                    elif joined and bodies:
                        # "… phối hợp với Sở A và chủ trì tổ chức thực hiện": the role word after "và" is the subject's,
                        # the bodies all the partner verb's
                        out.append((marker, segment, True))
                        out.append((following, text[previous.end if previous else 0:marker.start], False))
                        taken.add(n + 1)
                    elif len(bodies) > 1 and not _blank_before(segment):
                        cut = segment.rfind(bodies[-1])
                        out.append((marker, segment[:cut], True))
                        out.append((following, segment[cut:], False))
                        taken.add(n + 1)
                    elif bodies and _blank_before(segment):
                        out.append((marker, segment, True))  # "Với sự tham gia của Sở A, Sở B, (ghi rõ) chủ trì"
                    continue
                if marker.role == following.role and not marker.label:
                    bodies = body_list(segment)
                    rest = segment[segment.find(bodies[-1]) + len(bodies[-1]):] if bodies else ""
                    if bodies and _verb_tail().search(rest):
                        # "… phối hợp với Sở A và Sở B vận động các nguồn lực xã hội tham gia thực hiện": the bodies
                        # are the partner verb's, the second role word is in a clause of work after them
                        out.append((marker, segment, True))
                        taken.add(n + 1)
                        continue
                if not marker.label or marker.role == "executor" or marker.role == following.role:
                    if marker.role == following.role and marker.label:
                        out.append((marker, segment, True))
                        taken.add(n + 1)
                    continue
                head, sep, tail = segment.partition(";")
                agent = re.search(r",?\s+(?:" + _alt(_spec()["agent_words"]) + r")\s+(?=(?:" + _alt(wording()["body_starts"])
                                  + r")\s)", segment, re.IGNORECASE)
                if not sep and agent:  # "Tham gia … gồm Sở A, Sở B, do Sở C chủ trì"
                    head, sep, tail = segment[:agent.start()], ",", segment[agent.end():]
                last = _last_names(segment, one=True) if not sep and text[following.start] == "(" else []
                if last and body_list(segment[:segment.rfind(last[0])]):
                    # "Lực lượng tham gia gồm Sở A và Sở B, dưới sự điều phối của Sở C (chủ trì)": the role in
                    # brackets is the name's right before it, the label's the list it opens
                    cut = segment.rfind(last[0])
                    head, sep, tail = segment[:cut], ",", segment[cut:]
                if not sep:
                    bodies = body_list(segment)
                    head = bodies[0] if bodies else segment
                    tail = segment[segment.find(head) + len(head):] if bodies else ""
                    if bodies and not tail.strip(" ,;:–-") and marker.role not in ("executor", following.role):
                        # "Các cơ quan tham gia thực hiện gồm: Sở Y tế – chủ trì; …": the role the name is given right
                        # after it holds over the label's
                        out.append((following, segment, False))
                        taken.add(n + 1)
                        continue
                out.append((marker, head, True))
                out.append((following, tail, False))
                taken.add(n + 1)
                continue
            out.append((marker, segment, True))
        elif n not in taken:
            clause = text[previous.end:marker.start].rpartition(";")[2] if previous is not None else ""
            if marker.subject and previous is not None and not previous.label and not (
                    ";" in text[previous.end:marker.start] and _opens_body(clause.strip())):
                continue  # the subject opens the sentence or follows its label (or a clause of its own after ";")
            segment = text[previous.end if previous else 0:marker.start]
            out.append((marker, segment, False))
    return out


def read_roles(text: str) -> Roles | None:
    """The lead and partners a paragraph names, None when it names no role of a body."""
    text = _clean(text)
    markers = _markers(text)
    if not markers:
        return None
    out = Roles()
    executors: list[list[str]] = []
    co_subjects: list[str] = []  # the subject of "… phối hợp với …" (it does the work with the others)
    partner_sure = False
    weak_lead: list[str] = []  # named by a label that leads only where no other names the lead ("Tham mưu: …")
    for marker, segment, after in _claims(text, markers):
        role = marker.role
        if after:
            if not segment.strip(" .;,:"):
                if marker.label and marker is markers[-1]:
                    out.open_role, out.labelled = role, True
                continue
            bodies = body_list(segment)
            subject = True
        else:
            own_clause = re.split(r"[;]|" + _SENTENCE_END.pattern, text[:marker.start])[-1]
            # (or right after it, "… cơ quan chủ trì là …. trong quá trình …")
            said_after = re.match(r"\s*(?:(?:" + _alt(_spec()["name_copulas"]) + r")\s+|:\s*)", text[marker.end:])
            blank_after = said_after is not None and starts_with_blank(text[marker.end + said_after.end():])
            if (role in ("lead", "executor") and not marker.subject and (
                    _blank_before(segment) or (role == "lead" and (has_blank(own_clause) or blank_after)))) or (
                    role == "executor" and marker.subject and starts_with_blank(own_clause)):
                # (a blank as the subject doing the work: "___ tham mưu; …; UBND các xã tổ chức thực hiện")
                # "Với sự phối hợp của Sở A, Sở B, …. chủ trì", "UBND tỉnh giao (…….) chủ trì", ".... chủ trì, phối hợp
                # với …": the lead's own clause leaves a blank, so its body is that blank, not a body named around it
                out.blank_lead = True
                continue
            copula = re.match(r"(?:" + _alt(_spec()["copulas"]) + r")\s", text[marker.start:marker.end], re.IGNORECASE)
            # (a body that does the work, "UBND cấp xã chủ động thực hiện", is no lead nor partner for words of work
            # before its role word)
            bodies = _tail_bodies(segment, adjacent=copula is not None or text[marker.start] == "(",
                                  loose=role != "executor")
            if bodies and (k := _kind_label(bodies[0])):
                bodies[0] = bodies[0][k:]  # "các đơn vị Sở Nội vụ": the name, not its kind
            # the bodies open the sentence, or the clause after its last ";" ("UBND cấp xã chủ động thực hiện;
            # Sở Nội vụ, Sở Tài chính phối hợp"), after a word that hands them the work ("Đề nghị …")
            lead_in = re.compile(r"^(?:(?:" + _alt(_spec()["subject_lead_ins"]) + r")\s+)+", re.IGNORECASE)
            opens = [lead_in.sub("", c.strip(" ,;:.-–()")) for c in [segment] + segment.split(";")[1:]]
            # after words that set the scene and name no body ("Trên cơ sở chức năng, nhiệm vụ được giao, Sở A …",
            # "Để triển khai nhiệm vụ, Sở A và Sở B phối hợp với …")
            if bodies:
                # (or after such words and one that hands them the work: "khi cần thiết, đề nghị Sở A hỗ trợ")
                opens += [lead_in.sub("", c[at + 2:]) for c in opens
                          if (at := c.rfind(", ", 0, max(c.find(bodies[0]), 0))) > 0
                          and lead_in.sub("", c[at + 2:]).startswith(bodies[0]) and not any(
                              _opens_body(w) for w in re.findall(r"(?:^|(?<=\s))\S.*", c[:at]))]
            opens += [lead_in.sub("", c) for c in opens]  # "…, đề nghị Sở A hỗ trợ"
            # after a kind of body and a colon ("Các sở, ngành: Sở Y tế, Công an tỉnh phối hợp …")
            opens += [c[_kind_label(c):] for c in opens if _kind_label(c)]
            # after a body and a verb that hands them the work ("UBND tỉnh yêu cầu Sở A, Sở B phối hợp với …")
            hand = re.compile(r"^[^;]*?(?<!\w)(?:" + _alt(_spec()["hand_over"]) + r")\s+", re.IGNORECASE)
            opens += [c[h.end():] for c in opens if _opens_body(c) and (h := hand.match(c))]
            # after the passive's word, the work it names before it ("Nhiệm vụ này được Sở A tổ chức thực hiện …")
            agent = re.compile(r"^[^;]*?(?<!\w)(?:" + _alt(_spec()["passive_agents"]) + r")\s+", re.IGNORECASE)
            opens += [c[a.end():] for c in opens if not _opens_body(c) and (a := agent.match(c))]
            subject = bool(bodies) and any(c.startswith(bodies[0]) for c in opens)
            if marker.subject and not subject:
                bodies = []
            purpose = re.search(r"(?<!\w)(?:" + _alt(_spec()["sent_to"]) + r")\s+\S.*?\s(?:" + _alt(_spec()["lead_purpose"])
                                + r")\s*$", segment, re.IGNORECASE)
            if not bodies and role == "lead" and not marker.subject and purpose:
                # "… gửi về Sở Y tế để chủ trì tổ chức …": the body the others send to leads
                bodies = _last_names(re.sub(r"\s\S+\s*$", "", segment.rstrip()))
            elif not bodies and role == "lead" and not marker.subject and text[marker.start] == "(":
                # "… căn cứ hướng dẫn của Sở Y tế (cơ quan chủ trì) …": the name right before the bracket
                bodies = _last_names(segment)
            elif not bodies and role == "lead" and not marker.subject:
                # "Sở Y tế căn cứ chức năng, nhiệm vụ chủ trì …": the subject of the clause leads
                clause = _SENTENCE_END.split(segment)[-1].strip(" ,;:-–()")
                # (not when it hands the work to another: "UBND tỉnh ủy quyền cho … chủ trì")
                handing = _handing_verb().search(clause)
                first = body_list(clause) if _opens_body(clause) and not handing else []
                bodies = first[:1]
        if not bodies:
            piece = segment if after else _SENTENCE_END.split(segment)[-1]
            # (or a clause whose subject is a blank: "Giao … thay mặt Ban Chỉ đạo Đề án tỉnh chủ trì …")
            clause = re.sub(r"^(?:(?:" + _alt(_spec()["subject_lead_ins"] + _spec()["assign"]) + r")\s+)+", "",
                            piece.rpartition(";")[2].strip(" ,:-–("), flags=re.IGNORECASE)
            if role in ("lead", "executor") and has_blank(piece) and (
                    len(piece.strip()) <= 40 or is_blank(clause.split(" ", 1)[0])):
                out.blank_lead = True  # "Chủ trì: …", "Sở … chủ trì", "[…] (chủ trì)": a blank to fill
            continue
        if role == "lead" and not after and text[marker.start] == "(" and len(bodies) > 1:
            # "Đơn vị thực hiện: Sở A, Sở B, Sở C (chủ trì)": the role in brackets is the name's right before it
            out.partners += [b for b in bodies[:-1] if b not in out.partners]
            bodies = bodies[-1:]
        chaired = role == "lead" and not after and _chaired_by(segment, bodies)
        if chaired and out.lead:
            continue  # "Sở Y tế chủ trì; Sở Nội vụ tham gia các đoàn kiểm tra do UBND tỉnh chủ trì": who chairs a team
        out.labelled = out.labelled or marker.label
        out.guessed = out.guessed or chaired  # with no other lead, who chairs a thing the work names may lead it
        if role == "lead" and after and out.lead and _own_part().search(text[:marker.end]):
            # "Sở Y tế chủ trì … Riêng phần việc thuộc thẩm quyền của Sở Tư pháp, …": with the lead read, the bodies
            # whose own part a later phrase names take part
            out.partners += [b for b in bodies if b not in out.partners and b not in out.lead and not generic(b)]
        elif role == "lead" and marker.weak:
            weak_lead += [b for b in bodies if b not in weak_lead]
        elif role == "lead":
            out.lead += [b for b in bodies if b not in out.lead]
        elif role == "partner":
            out.partners += [b for b in bodies if b not in out.partners]
            partner_sure = partner_sure or marker.label or (not after and subject)
        else:
            executors.append(bodies)
            if marker.subject and marker.start == marker.end:
                co_subjects += bodies
    if not out.lead and weak_lead:
        out.lead = weak_lead
    last = markers[-1]
    if markers[0].label and markers[0].role == "executor" and not last.after and last.role == "lead":
        # "Đơn vị thực hiện: Sở Y tế (chủ trì), Sở Nội vụ, Công an tỉnh": the others named do it with the lead
        rest = text[last.end:].strip(" ,;.")
        others = body_list(rest) if _opens_body(rest) else []
        out.partners += [b for b in others if b not in out.partners and b not in out.lead]
    if out.lead and co_subjects:
        # "Sở Tư pháp, Công an tỉnh phối hợp với Sở Y tế (cơ quan chủ trì) …": a role word names the lead
        # elsewhere, so the subject that "phối hợp với" it takes part
        out.partners += [b for b in co_subjects if b not in out.lead and b not in out.partners]
        partner_sure = True
    if out.lead and executors and (out.partners or len(executors) > 1):
        # "Sở Y tế chủ trì; Sở Nội vụ phối hợp; UBND các cấp tổ chức thực hiện tại địa phương": with the lead named,
        # a body named to do its part takes part
        out.partners += [b for bodies in executors for b in bodies
                         if b not in out.lead and b not in out.partners and not generic(b)]
    # "Giao các cơ quan, đơn vị chủ trì … theo bảng sau", "Các sở, ban, ngành theo chức năng, nhiệm vụ chủ trì":
    # no body is named to lead
    out.lead = [b for b in out.lead if not generic(b)]
    if not out.lead and executors and not out.blank_lead and not all(generic(b) for b in executors[0]):
        first = executors[0]
        out.lead = [first[0]]
        rest = [b for b in first[1:] if b not in out.partners]
        # the others named with it do the work too ("Sở A, Sở B phối hợp với Sở C": A and B, with C)
        out.partners += rest
        out.guessed = len(first) > 1
        out.assigned = True
        if out.partners:
            # "Sở Y tế tham mưu; Sở Nội vụ phối hợp; UBND các xã tổ chức thực hiện": the other bodies doing their part
            # take part, as with a lead a role word names
            out.partners += [b for bodies in executors[1:] for b in bodies
                             if b not in out.lead and b not in out.partners and not generic(b)]
    if not out.lead and not out.blank_lead and out.partners and not partner_sure:
        out.partners = []  # "Phối hợp với các cơ quan báo chí xây dựng …": a task, not who takes part
    if text.endswith(":") and not out.open_role and re.search(
            r"(?<!\w)(?:" + _alt(_spec()["forward_table"]) + r")(?!\w)", text, re.IGNORECASE):
        # "Giao Sở Y tế chủ trì, phối hợp … thực hiện các nhiệm vụ theo bảng sau:": it introduces who does what (not
        # "Sở Y tế chủ trì, phối hợp với … thực hiện các nội dung sau:" before the group's activities)
        return None
    if out.assigned and starts_with_blank(text):
        out.blank_lead = True  # "___ tham mưu; …; UBND các xã tổ chức thực hiện": the first to do the work is a blank
    if out.blank_lead:
        # a paragraph that leaves its lead blank names no lead, whoever else it names ("…. chủ trì, phối hợp với các sở,
        # ngành: Sở Tư pháp triển khai thực hiện": Sở Tư pháp does its part, it does not lead)
        out.partners += [b for b in out.lead if b not in out.partners]
        out.lead = []
    if not (out.lead or out.partners or out.blank_lead or out.open_role):
        return None
    led = {fold(b) for b in out.lead}
    out.partners = [b for b in out.partners if fold(b) not in led]  # "…, trong đó Sở Y tế chủ trì"
    return out


def subject_body(text: str, partners: list[str], known: list[str]) -> str | None:
    """The first body of ``known`` (the bodies the document names elsewhere) that opens a clause of ``text``, or that
    a directing verb at a clause's start hands the work to ("UBND tỉnh giao Sở Y tế …"), and is none of
    ``partners``."""
    spec = _spec()
    lead_in = re.compile(r"^(?:(?:" + _alt(spec["subject_lead_ins"]) + r")\s+)+", re.IGNORECASE)
    hand = re.compile(r"^[^;]*?(?<!\w)(?:" + _alt(spec["hand_over"]) + r")\s+", re.IGNORECASE)
    taken = {fold(b) for b in partners}
    names = sorted({fold(b): b for b in known if fold(b) not in taken and not generic(b)}.items(),
                   key=lambda item: -len(item[0]))
    for clause in re.split(r"[;.]\s+|,\s+(?=[A-ZĐÀ-Ỹ])", _clean(text)):
        clause = lead_in.sub("", clause.strip(" ,-–+•:"))
        pieces = ([clause[h.end():]] if (h := hand.match(clause)) else []) + [clause]
        for piece in pieces:
            folded = fold(piece)
            for name, body in names:
                if folded.startswith(name) and not folded[len(name):len(name) + 1].isalnum():
                    return body
    return None


def bodies_named(text: str, known: list[str]) -> list[str]:
    """The bodies of ``known`` that ``text`` names, in order (the longest name where two begin at one place)."""
    names = sorted({fold(b): b for b in known if not generic(b)}.items(), key=lambda item: -len(item[0]))
    folded = fold(text)
    out: list[str] = []
    at = 0
    while at < len(folded):
        if at == 0 or not folded[at - 1].isalnum():
            hit = next((body for name, body in names if folded.startswith(name, at)
                        and not folded[at + len(name):at + len(name) + 1].isalnum()), None)
            if hit is not None:
                if hit not in out:
                    out.append(hit)
                at += len(fold(hit))
                continue
        at += 1
    return out


def trimmed_names(names: list[str], known: list[str]) -> list[str]:
    """``names`` with a name that runs on past a body the document names elsewhere cut back to it: "Hội Chữ thập đỏ
    tỉnh tập trung" to "Hội Chữ thập đỏ tỉnh" (the words after it in lower case, and not a level such as "tỉnh" that
    a name may end with), "Công an tỉnh Bưu điện tỉnh" split in two (a body's name after it)."""
    tails = {fold(w) for w in _spec()["name_tails"]}
    shorter = sorted({fold(k): k for k in known}.items(), key=lambda item: -len(item[0]))
    out: list[str] = []
    for name in names:
        folded = fold(name)
        cut = None
        for key, body in shorter:
            rest = name[len(body):] if folded.startswith(key) and len(folded) > len(key) else ""
            if rest[:1] != " " or not rest.strip():
                continue
            words = rest.strip()
            if _opens_body(words) and plausible(words):
                cut = [name[:len(body)].strip(), words]  # two names run together
            elif words[:1].islower() and not all(w in tails for w in fold(words).split()):
                cut = [name[:len(body)].strip()]
            if cut:
                break
        for piece in cut or [name]:
            if piece not in out:
                out.append(piece)
    return out


def in_brackets(heading: str) -> Roles | None:
    """Who does a group as its heading says it in brackets ("2. Phát triển đội ngũ … (Sở Nội vụ chủ trì)",
    "(Cơ quan chủ trì: Sở Y tế; phối hợp: …)")."""
    for inside in re.findall(r"\(([^()]{6,})\)", heading):
        said = read_roles(inside)
        if said is not None and (said.lead or said.blank_lead):
            return said
    return None


def _cut_name(text: str, following: str) -> bool:
    """``following`` goes on the name that ``text`` ends with: the two, joined at a dash, hold the name of a
    department across the cut ("Sở Lao động" / "- Thương binh và Xã hội")."""
    if not following.startswith(("- ", "– ")) or text.rstrip().endswith((".", ";", ":")):
        return False
    joined = fold(f"{text.rstrip()} {following}")
    cut = len(fold(text.rstrip()))
    for name in _spec()["department_names"]:
        at = joined.find(fold(name), max(0, cut - len(name)))
        if 0 <= at < cut < at + len(fold(name)):
            return True
    return False


def _goes_on(text: str, following: str) -> bool:
    """``following`` goes on the sentence ``text`` leaves open: ``text`` names a role and ends with a word that needs
    more after it ("… phối hợp với" / "Sở Tư pháp …", "… là" / "Sở Y tế; …", "… và các" / "đơn vị có liên quan …"), or
    with a comma before a line in lower case ("Giao Sở Y tế chủ trì," / "phối hợp với …"); never before an item's mark
    ("a) …", "- …")."""
    text, following = text.rstrip(), following.strip()
    if not text or not following or re.match(_ITEM + r"|[-+•–*]", " " + following) or not _markers(_clean(text)):
        return False
    last = re.search(r"(?:^|\s)(\w+)$", text)
    return (text.endswith(",") and following[:1].islower()) or (
        last is not None and fold(last.group(1)) in {fold(w) for w in _spec()["open_ends"]})


def _table_row(header: str, row: str) -> str | None:
    """A table written as text, its header on one line and a row on the next, cells split by "|" ("Chủ trì | Phối
    hợp | Thời gian" / "Sở Y tế | Sở Nội vụ | Hằng năm"): the row as labels ("Chủ trì: Sở Y tế; Phối hợp: Sở Nội vụ;
    …"), when the header names a role."""
    heads, cells = [c.strip() for c in header.split("|")], [c.strip() for c in row.split("|")]
    if len(heads) < 2 or len(heads) != len(cells) or not any(_markers(h) for h in heads):
        return None
    return "; ".join(f"{h}: {c}" for h, c in zip(heads, cells, strict=True) if h and c)


@cache
def _opens_role() -> tuple[re.Pattern, re.Pattern]:
    """A line of duties that opens with the lead's role word, or with the partners'."""
    spec = _spec()
    return (compile_once(r"^(?:" + _alt(spec["lead"]) + r")(?!\w)", re.IGNORECASE),
            compile_once(r"^(?:" + _alt(spec["partner"]) + r")(?!\w)", re.IGNORECASE))


def _duty_subject(duty: str) -> str | None:
    """The one body a line that opens a list of duties names ("Sở Y tế có trách nhiệm:", "Trách nhiệm của Sở Y tế đối
    với nhiệm vụ này:", "Sở Y tế thực hiện các việc sau:")."""
    if not duty.endswith(":"):
        return None
    lead_in = re.compile(r"^(?:(?:" + _alt(_spec()["subject_lead_ins"]) + r")\s+)+", re.IGNORECASE)
    head = lead_in.sub("", duty.rstrip(":"))
    names = body_list(head) if _opens_body(head) else []
    return names[0] if len(names) == 1 else None


def read_block(texts: list[str]) -> list[Roles | None]:
    """What each paragraph of a group says of who does it; a label with nothing after it ("Cơ quan chủ
    trì:") gives its role to the bodies the next paragraph lists; a line that opens a body's duties ("Sở Y tế có trách
    nhiệm:") gives that body to the duties after it that open with a role ("- Chủ trì …", and once it leads, "- Phối hợp
    với …"); a table written as text gives its row's cells the roles of its header."""
    out: list[Roles | None] = []
    pending = None
    subject, subject_leads = None, False
    opens_lead, opens_partner = _opens_role()
    texts = list(texts)
    for n, text in enumerate(texts):
        if n + 1 < len(texts) and (_cut_name(text, texts[n + 1]) or _goes_on(text, texts[n + 1])):
            # "… chủ trì, Sở Lao động" / "- Thương binh và Xã hội, … phối hợp." (a PDF line the layout cut at the
            # dash of a name, read as an item of its own), "Giao Sở Y tế chủ trì," / "phối hợp với …": one sentence,
            # said by its first line
            text, texts[n + 1] = f"{text} {texts[n + 1]}", ""
        if n + 1 < len(texts) and (row := _table_row(text, texts[n + 1])) is not None:
            text, texts[n + 1] = row, ""
        found = read_roles(text) if text else None
        duty = re.sub("^" + _ITEM, "", " " + _clean(text)).strip() if text else ""
        if subject and not (found and (found.lead or found.blank_lead)) and (
                opens_lead.match(duty) or (subject_leads and opens_partner.match(duty))):
            # "- Chủ trì, phối hợp với Sở Nội vụ …" under "Sở Y tế có trách nhiệm:": the line's subject is that body
            found = read_roles(f"{subject} {duty[:1].lower()}{duty[1:]}") or found
            subject_leads = subject_leads or bool(found and subject in found.lead)
        if duty.endswith(":") or (found and found.labelled):
            # a line that opens a body's duties names the body; any other line ending in ":" or with a label of its
            # own ends the duties before it
            named = None if found and (found.lead or found.partners) else _duty_subject(duty)
            subject, subject_leads = named, False
        if pending and (found is None or not (found.lead or found.partners or found.blank_lead)):
            bodies = body_list(_clean(text))
            if bodies:
                found = Roles(labelled=True)
                if pending == "partner":
                    found.partners = bodies
                else:
                    found.lead, found.partners = bodies[:1], bodies[1:] if pending == "executor" else []
                    if pending == "lead":
                        found.lead = bodies
            elif has_blank(text) and len(_clean(text)) <= 40 and pending != "partner":
                found = Roles(blank_lead=True)
        pending = found.open_role if found is not None else None
        out.append(found)
    return out


@dataclass
class GroupRoles:
    """Who does a task group, from its heading's brackets and the paragraphs under it: the first paragraph
    that names a lead gives the lead, the first that names partners the partners (a group's sub-tasks with
    lines of their own are the first's to speak for, as a hand-made plan reads them); each with the paragraph
    it was read from and how sure."""
    lead: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    lead_at: object = None
    partners_at: object = None
    lead_confidence: str = "medium"
    partners_confidence: str = "medium"
    said_in: list = field(default_factory=list)  # the paragraphs that say who does the group


def of_group(heading, items: list) -> GroupRoles:
    """The roles of a group with heading paragraph ``heading`` and paragraphs ``items`` (each with ``text``).
    A blank lead ("Chủ trì: …") stops any later lead: the group leaves its lead to fill."""
    out = GroupRoles()
    blank = assigned = False
    said_by = [(heading, in_brackets(heading.text))] + list(zip(items, read_block([i.text for i in items]), strict=True))
    for para, said in said_by:
        if said is None or not (said.lead or said.partners or said.blank_lead):
            continue
        out.said_in.append(para)
        blank = blank or (said.blank_lead and not out.lead)
        if said.lead and not blank and (not out.lead or (assigned and not said.assigned)):
            # a body given a task ("Giao UBND cấp xã rà soát …") yields to one a role word or a label names as lead
            if assigned and out.partners_at is out.lead_at and {fold(b) for b in said.lead} <= {
                    fold(b) for b in out.partners}:
                # "Sở A, Sở B phối hợp với Sở C." / "Sở C chủ trì …": the bodies working with the lead take part
                out.partners = out.lead + [b for b in out.partners if fold(b) not in {fold(x) for x in said.lead}]
            out.lead, out.lead_at, out.lead_confidence = said.lead, para, role_confidence(said)
            assigned = said.assigned
        if said.partners and not out.partners:
            out.partners, out.partners_at, out.partners_confidence = said.partners, para, role_confidence(said)
    return out
