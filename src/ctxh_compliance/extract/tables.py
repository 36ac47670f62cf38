"""Tables read as sentences: a Word or PDF table of targets or tasks becomes the lines a reader
hears, in place ("Tỷ lệ … (năm 2025: 60%)", "Cơ quan chủ trì: Sở Y tế").

A table's rows come as lists of cells, a cell covered by a merged cell (to its left or above) as None.
A responsibilities table (a subject column and a lead column, the words in patterns.yaml ``task_table``)
marks each line with its part in the row: ``group`` (a group's row: a heading row merged across the
table, a row with no lead of its own above numbered rows, or a row of a table with one row per group),
``task`` (a numbered row under its group's row), ``lead``, ``partner``, ``roles`` (a cell of a column that names
both roles or only who does the work: its own words say who leads), ``detail`` (time, product …)."""

import re

from ..core.regex import compile_once
from ..core.text import fold
from .paragraphs import clean
from .patterns import wording

_YEAR_HEADER = compile_once(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_NUMERIC = compile_once(r"^[<>≥≤]?\s*\d[\d.,]*\s*(%|đồng)?$")
# a range in a cell ("60 - 70%", "60% - 70%"): read as the sentence reads it, its least the target
_RANGE_CELL = compile_once(r"^\d[\d.,]*\s*%?\s*(?:-|–|đến)\s*\d[\d.,]*\s*%?$")


def _year_of_header(head: str) -> str | None:
    """The year a column's header gives its values: its one year, or the last of a period ("Giai đoạn
    2021 - 2025", "2026-2030"); none when it compares ("so với năm 2020") only."""
    shown = re.sub(r"so với\s+(năm\s+)?\d{4}", "", head, flags=re.IGNORECASE)
    years = _YEAR_HEADER.findall(shown)
    return max(years) if years else None


def _value_cell(cell: str) -> tuple[str, str] | None:
    """A target table's value cell as (the words that compare, the number with its unit): "60%", "≥ 60",
    "Ít nhất 60%", "60 trở lên", "Đạt 60%", "60% (tối thiểu)" (patterns.yaml ``target_table``); None for
    other text."""
    spec = wording()["target_table"]
    text, said = clean(cell), ""
    changed = True
    while changed and text:
        changed = False
        folded = fold(text)
        for words in sorted(spec["at_least_before"] + spec["plain_before"], key=len, reverse=True):
            if folded.startswith(fold(words)) and (not words[-1].isalpha() or not folded[len(words):][:1].isalpha()):
                text, changed = text[len(words):].strip(" :"), True
                said = "tối thiểu " if words in spec["at_least_before"] else said
                break
        else:
            for words in sorted(spec["at_least_after"], key=len, reverse=True):
                if folded.endswith(fold(words)):
                    text, said, changed = text[:-len(words)].strip(" ."), "tối thiểu ", True
                    break
    return (said, text) if _NUMERIC.match(text) or _RANGE_CELL.match(text) else None


def _result_column(header: str) -> bool:
    """A column of what was done, not of targets ("Kết quả năm 2020", "Thực hiện 2020", "Ước TH 2025",
    "Thực trạng năm 2020"): patterns.yaml ``target_table.result_headers``; its values are never read as targets."""
    folded = fold(header)
    spec = wording()["target_table"]
    return folded.startswith(tuple(fold(w) for w in spec["result_starts"])) or \
        any(fold(w) in folded for w in spec["result_words"])


_SERIAL_HEADERS = {"stt", "tt", "số tt", "số thứ tự", "stt.", "tt."}
_CHILD_SERIAL = compile_once(r"^(?:\d+(?:\.\d+)+\.?|[a-zđ][.)]?|[-+•–])$")  # "1.1", "a)", "-": a row under a group row


def _is_subject(header: str) -> bool:
    folded = fold(header)
    return not folded or any(folded.startswith(fold(h)) for h in wording()["table_subject_headers"])


def _row_sentences(header: list[str], cells: list[str], unit: str | None) -> list[str]:
    """A table row as the sentences a reader hears: its subject cell (under "Nội dung", "Chỉ tiêu",
    …), then each other cell with its column's name ("Cơ quan chủ trì: Sở Y tế"); a value under a
    year column is read with the subject and that year ("Tỷ lệ … (năm 2025: 60%)")."""
    subject, subject_head, out = None, "", []
    by_year = any(_year_of_header(h) for h in header)  # a table of targets by year: its first text is the subject
    percent_words = wording()["target_table"]["percent_subjects"]
    for head, cell in zip(header, cells, strict=False):
        if not cell or fold(head) in _SERIAL_HEADERS or ((_is_unit(head) or fold(head).startswith("đơn vị"))
                                                          and len(cell) <= 10):
            continue
        year = _year_of_header(head)
        if year and _result_column(head):
            continue  # "Kết quả năm 2020" | 40%: what was done, no target
        value = _value_cell(cell) if year else None
        if value:
            said, number = value
            # the unit: the unit column's, else the column's or the indicator's own ("Năm 2025 (%)", "Tỷ lệ …")
            row_unit = unit or ("%" if "%" in head or "(%)" in subject_head or (subject and ("(%)" in subject or fold(
                subject).startswith(tuple(fold(w) for w in percent_words)))) else None)
            number = number if number.endswith(("%", "đồng")) or not row_unit else f"{number}{row_unit}"
            out.append(f"{subject or ''} (năm {year}: {said}{number})".strip())
        elif subject is None and not _NUMERIC.match(cell) and (_is_subject(head) or (by_year and not year)):
            subject, subject_head = cell, head
            out.append(cell)
        else:
            out.append(f"{head}: {cell}" if head else cell)
    return out


def _is_unit(header: str) -> bool:
    """A unit column ("Đơn vị tính", "ĐVT", "Đơn vị"): patterns.yaml ``target_table.unit_headers``."""
    folded = fold(header)
    return any(folded == fold(w) or folded.startswith((fold(w) + " (", fold(w) + "(", fold(w) + ":"))
               for w in wording()["target_table"]["unit_headers"]) or folded.startswith("đơn vị tính")


def _unit_of(header: str, cell: str | None) -> str | None:
    """The unit a unit column gives a row: its cell ("%", "Tỷ lệ %"), else its header ("Đơn vị tính (%)")."""
    for text in (cell or "", header):
        if "%" in text or "phần trăm" in fold(text):
            return "%"
    return None


def _short(cell: str | None) -> bool:
    """A header cell: short, not a value (a year, "2025", is a column's name)."""
    return cell is None or (bool(cell) and len(cell) <= 60
                            and (not _NUMERIC.match(cell) or bool(_YEAR_HEADER.fullmatch(cell.strip()))))


def _header_row(cells: list) -> bool:
    return sum(c is not None for c in cells) > 1 and any(cells) and all(_short(c) for c in cells)


def _two_rows(rows: list[list]) -> list[str] | None:
    """The header of a table whose header spans two rows ("Cơ quan thực hiện" over "Chủ trì |
    Phối hợp"): each column named by its cell of the second row, else by the first row's cell above
    it or the merged cell it lies under."""
    if len(rows) < 3 or len(rows[0]) != len(rows[1]) or not _header_row(rows[0]):
        return None
    top, below = rows[0], rows[1]
    if not any(not top[i] and below[i] for i in range(len(top))):  # the second row names a merged cell's parts
        return None
    if not all(c is None or c == "" or _short(c) for c in below):
        return None
    header, above = [], ""
    for head, part in zip(top, below, strict=True):
        above = head or above
        header.append((part or above).replace("\n", " "))
    return header


def header_of(rows: list[list]) -> list[str] | None:
    """The header row of a table: several short cells, none empty or a bare number (a cell under a
    merged one aside), or two such rows."""
    rows = [[c if c is None else clean(c) for c in r] for r in rows]
    first = rows[0] if rows else []
    two = _two_rows(rows)
    if two is not None:
        return two
    if len(rows) > 1 and sum(c is not None for c in first) > 1 and first[0] is not None \
            and all(c is None or (c and _short(c)) for c in first):  # a row merged across the table is no header
        above, header = "", []
        for c in first:
            above = c if c is not None else above
            header.append(above.replace("\n", " "))
        return header
    return None


def header_rows(rows: list[list]) -> int:
    """How many rows the header of a table (``header_of``) takes."""
    return 2 if _two_rows(rows) is not None else 1


def _starts(header: str, words) -> bool:
    folded = fold(header)
    return any(folded.startswith(fold(w)) for w in words)


def _names(header: str, words) -> bool:
    folded = fold(header)
    return any(re.search(r"(?<!\w)" + re.escape(fold(w)) + r"(?!\w)", folded) for w in words)


def responsibility_columns(header: list[str] | None) -> dict | None:
    """The columns of a responsibilities table (serial, subject, lead, partner), None for another table.
    A column is the lead's when its header names the lead's role ("Cơ quan chủ trì", "Đơn vị đầu mối",
    "Cơ quan/đơn vị chủ trì thực hiện"), or names who does the work ("Cơ quan thực hiện", "Đơn vị phụ
    trách") beside a partners' column; the partners' when it names their role ("Cơ quan phối hợp",
    "Đơn vị tham gia"). A header that names both roles says of no body that it leads."""
    if not header:
        return None
    words = wording()["task_table"]
    partner = [i for i, h in enumerate(header) if _names(h, words["partner_headers"])]
    lead = next((i for i, h in enumerate(header) if (_starts(h, words["lead_headers"]) or _names(h, words["lead_roles"]))
                 and not any(fold(w) in fold(h) for w in words["both_roles"])), None)
    if lead is None and partner:
        lead = next((i for i, h in enumerate(header) if i not in partner and _starts(h, words["executor_headers"])), None)
    by_words = False
    if lead is None:
        # "Cơ quan chủ trì, phối hợp", or "Đơn vị thực hiện" with no partners' column: the column does not say which
        # body leads, its cells may in their own words ("Sở Y tế (chủ trì); Sở Nội vụ")
        lead = next((i for i, h in enumerate(header) if (i in partner and _names(h, words["lead_roles"]))
                     or (not partner and _starts(h, words["executor_headers"]))), None)
        by_words = lead is not None
        partner = [i for i in partner if i != lead]
    subject = next((i for i, h in enumerate(header) if fold(h) and (_is_subject(h) or _names(h, words["subject_words"]))
                    and i != lead and i not in partner), None)
    if lead is None or subject is None or lead == subject or _starts(header[subject], words["not_task_subjects"]):
        return None
    partner_col = next((i for i in partner if i != lead), None)
    serial = next((i for i, h in enumerate(header) if fold(h) in _SERIAL_HEADERS), None)
    return {"serial": serial, "subject": subject, "lead": lead, "partner": partner_col, "by_words": by_words}


def _numbered(serial: str, text: str) -> str:
    if not serial or text.startswith(serial):
        return text
    return f"{serial} {text}" if serial.endswith((".", ")")) else f"{serial}. {text}"


_BULLET = compile_once(r"^[-+•–]\s*")


def cut_in_name(text: str) -> bool:
    """``text`` ends with the opening words of a name and nothing more ("…, Ủy ban", "… và Sở"): a line or a page
    cut the name, whose rest follows (patterns.yaml roles ``name_openings``)."""
    openings = sorted(wording()["roles"]["name_openings"], key=len, reverse=True)
    return re.search(r"(?:^|[\s,;(])(?:" + "|".join(map(re.escape, openings)) + r")$", text.rstrip()) is not None


def names_a_body(text: str) -> bool:
    """Whether ``text`` starts with the name of a body ("Sở …", "UBND …", "Trường …": ``body_starts``)."""
    return fold(text).startswith(tuple(fold(s) + " " for s in wording()["body_starts"]))


def body_list(cell: str, wrapped: bool) -> str:
    """The bodies of a lead or partner cell as one list ("Sở Y tế; Sở Nội vụ"): a cell lists them one
    a line ("- Sở Y tế" / "- Sở Nội vụ", or a paragraph each in Word); in a PDF (``wrapped``) a line
    with no bullet, or whose bullet is not followed by a body's name, goes on the line before
    ("UBND các xã," / "phường", "Sở Lao động" / "- Thương binh và Xã hội")."""
    items: list[str] = []
    for line in (part.strip() for part in cell.split("\n")):
        if not line:
            continue
        bullet = _BULLET.match(line)
        body = line[bullet.end():] if bullet else line
        if items and wrapped and not (bullet and names_a_body(body)):
            items[-1] = f"{items[-1]} {line}"
        else:
            items.append(body)
    # a ";" always ends a body, also when the next line was joined on ("Sở Y tế;" / "Trường Cao" / "đẳng …")
    parts = (part.strip(" ;,.") for item in items for part in item.split(";"))
    return "; ".join(part for part in parts if part)


def _responsibility_row(header: list[str], raw: list, lines: list[str], columns: dict, state: dict,
                        wrapped: bool) -> list:
    """(sentence, role, column) for a row of a responsibilities table; ``state`` remembers, over the
    parts of a table, whether it has group heading rows."""
    cells = [c.replace("\n", " ") for c in lines]
    texts = [(i, c) for i, c in enumerate(cells) if c]
    if len(texts) == 1 and texts[0][0] not in (columns["lead"], columns["partner"]) \
            and (any(c is None for c in raw) or texts[0][0] != columns["subject"]):
        state["headed"] = True  # a heading row merged across the table ("I. Nâng cao nhận thức …")
        return [(texts[0][1], "group", texts[0][0])]
    serial = cells[columns["serial"]] if columns["serial"] is not None else ""
    subject = cells[columns["subject"]]
    lead = cells[columns["lead"]]
    partner = cells[columns["partner"]] if columns["partner"] is not None else ""
    out = []
    if subject:
        if not lead and not partner:
            state["headed"] = True  # a group's row above its numbered rows ("1 | Phát triển mạng lưới …")
            role = "group"
        else:
            role = "task" if state.get("headed") or _CHILD_SERIAL.match(serial) else "group"
        out.append((_numbered(serial, subject), role, columns["subject"]))
    for i, (head, cell) in enumerate(zip(header, cells, strict=False)):
        if not cell or i in (columns["serial"], columns["subject"]):
            continue
        role = ("roles" if columns["by_words"] else "lead") if i == columns["lead"] \
            else "partner" if i == columns["partner"] else "detail"
        if role != "detail":
            cell = body_list(lines[i], wrapped)
        out.append((f"{head}: {cell}" if head else cell, role, i))
    return out



def _rows_going_on(header: list[str], raw: list[list], rows: list[list[str]], skip: int):
    """A target table's rows with the rows that only go on the one before joined to it: a row with no
    number and no value, only words in the indicator's column, is where the layout cut that cell
    ("… cung cấp dịch" / "vụ công tác xã hội")."""
    serial = next((i for i, h in enumerate(header) if fold(h) in _SERIAL_HEADERS), None)
    kept_raw: list[list] = []
    kept: list[list[str]] = []
    for n, (raw_row, row) in enumerate(zip(raw, [list(r) for r in rows], strict=True)):
        filled = [i for i, c in enumerate(row) if c]
        last = next((r for r in reversed(kept) if any(r)), None)
        # with no number column, the cut words are known by starting in lower case ("vụ công tác xã hội")
        cut = serial is not None or (len(filled) == 1 and row[filled[0]][:1].islower())
        if n >= skip and last is not None and len(kept) > skip and cut and len(row) == len(last) \
                and len(filled) == 1 and filled[0] != serial and not _year_of_header(header[filled[0]]) \
                and not _is_unit(header[filled[0]]) and last[filled[0]]:
            i = filled[0]
            last[i] = f"{last[i]}\n{row[i]}"
            row = [""] * len(row)  # read with the row before; the rows keep their numbers
        kept_raw.append(raw_row)
        kept.append(row)
    return kept_raw, kept


def table_lines(rows: list[list], header: list[str] | None = None, state: dict | None = None,
                wrapped: bool = False) -> list[tuple[int, str, str | None, int | None]]:
    """(row number, sentence, role, column) for each line a table says; a table with a header row (its
    own, or ``header``: the header of the part of the table on the page before) reads each other row
    with the column names, a table without one (a layout table) reads each cell. ``state`` is kept by
    the caller over the parts of one table (a table going on over a page break). ``wrapped``: a line
    break in a cell is where the layout wrapped it (a PDF), not a paragraph of its own (Word)."""
    state = {} if state is None else state
    raw = [[c if c is None else clean(c) for c in r] for r in rows]
    raw = [r for r in raw if any(r)]
    rows = [[c or "" for c in r] for r in raw]
    if not rows:
        return []
    own = header_of(raw)
    skip = header_rows(raw) if own is not None else 0
    if own is None and header is not None and len(header) == len(rows[0]):
        own = header
    header = own
    columns = responsibility_columns(header) if header is not None else None
    unit_col = next((i for i, h in enumerate(header or []) if _is_unit(h)), None)
    if wrapped and columns is None and header is not None and any(_year_of_header(h) for h in header):
        raw, rows = _rows_going_on(header, raw, rows, skip)
    out = []
    for row_no, cells in enumerate(rows, 1):
        if row_no <= skip:
            continue
        if columns is not None and len(cells) == len(header):
            for sentence, role, column in _responsibility_row(header, raw[row_no - 1], cells, columns, state, wrapped):
                if clean(sentence):
                    out.append((row_no, clean(sentence), role, column))
            continue
        if wrapped:
            cells = [c.replace("\n", " ") for c in cells]
        if header is None or len(cells) != len(header):
            sentences = [c for c in cells if c]  # a layout table (issuer | national motto): each cell a line
            if len(sentences) > 1:
                sentences = [c for c in sentences if not re.fullmatch(r"\d{1,3}\.?", c)]  # a row number alone
            sentences = [line for c in sentences for line in c.split("\n")]
        else:
            cells = [c.replace("\n", " ") for c in cells]
            unit = None
            if unit_col is not None:
                if raw[row_no - 1][unit_col] is None or not cells[unit_col]:  # merged down from the row above
                    unit = state.get("unit")
                else:
                    unit = _unit_of(header[unit_col], cells[unit_col])
                    state["unit"] = unit
            sentences = _row_sentences(header, cells, unit)
            if not sentences:
                continue
        for sentence in sentences:
            if clean(sentence):
                out.append((row_no, clean(sentence), None, None))
    return out
