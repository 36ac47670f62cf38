"""Task groups of a responsibilities table: each group row ("I. Nâng cao nhận thức …" merged across the
table, "1 | Phát triển mạng lưới …" above its numbered rows, or a row of a table with one row per group)
with the lead and partner cells of its rows (tables.table_lines marks each line's part in its row).

A group's lead is every body that leads one of its rows, its partners every body that partners one
and leads none, in the order of the table; each keeps the row it was read from. A group row that
names no national group leaves its rows to speak for themselves (a row that names one is a group). A
table's group that the tasks part already names (the part lists the groups, an annex gives who does
them) gives that group its lead and partners instead of standing twice."""


from ..core.i18n import translate
from ..core.regex import compile_once
from ..core.text import fold_name
from .record import Recorder
from .roles import cell_bodies, generic, read_roles
from .tasks import groups_of

_NOT_TASKS = ("targets", "budget", "history")  # a table in these parts holds no task group
_SERIAL = compile_once(r"^(?:[IVXL]+|\d+(?:\.\d+)*|[a-zđA-Z])[.)]\s+")


def _rows(tagged) -> list[dict]:
    """The group rows of the responsibilities tables, each with its task rows and their cells."""
    out: list[dict] = []
    current = heading = None
    for para, kind, section in tagged:
        if section is not None:
            heading = para
        if para.role is None:
            continue
        same = current is not None and current["table"] == para.table
        if para.role == "group" or (para.role == "task" and not same):
            current = {"para": para, "kind": kind, "table": para.table, "cells": [], "tasks": [], "under": heading}
            out.append(current)
        elif para.role == "task":
            current["tasks"].append({"para": para, "cells": []})
        elif same and para.role in ("lead", "partner", "roles"):
            holder = current["tasks"][-1] if current["tasks"] else current
            holder["cells"].append(para)
    return out


def _bodies(rows: list[dict]) -> tuple[list, list]:
    """(lead cells, partner cells) of rows, each as (bodies, para)."""
    leads, partners = [], []
    for row in rows:
        for para in row["cells"]:
            if para.role == "roles":  # "Cơ quan chủ trì, phối hợp: Sở Y tế (chủ trì); Sở Nội vụ": by its words only
                said = read_roles("Thực hiện: " + para.text.partition(":")[2])
                if said is not None and said.lead and not said.guessed:
                    leads.append((said.lead, para))
                    if said.partners:
                        partners.append((said.partners, para))
                continue
            cell = para.text.partition(":")[2]
            said = read_roles(cell)
            if said is not None and said.lead and not said.guessed:
                # a cell that says who leads in words ("Sở Y tế chủ trì, phối hợp với Sở Nội vụ"): by its words
                # (a partner word alone may be a name's: "Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh")
                leads.append((said.lead, para))
                if said.partners:
                    partners.append((said.partners, para))
                continue
            bodies = cell_bodies(cell)
            if para.role == "lead":
                bodies = [b for b in bodies if not generic(b)]  # "Các sở, ngành, địa phương": no body named to lead
            (leads if para.role == "lead" else partners).append((bodies, para))
    return leads, partners


def _union(cells: list, leaving: set[str] = frozenset()) -> list[str]:
    out, seen = [], set(leaving)
    for bodies, _para in cells:
        for body in bodies:
            if fold_name(body) not in seen:
                seen.add(fold_name(body))
                out.append(body)
    return out


def _group(heading, rows: list[dict]) -> dict | None:
    covers = groups_of(_SERIAL.sub("", heading.text))  # "3. Đào tạo, bồi dưỡng đội ngũ …" opens with its group
    if not covers:
        return None
    leads, partners = _bodies(rows)
    group: dict = {"heading": heading.text, "covers": covers, "para": heading}
    lead = _union(leads)
    if lead:
        group["lead"], group["lead_cells"] = lead, leads
    partner = _union(partners, {fold_name(b) for b in lead})
    if partner:
        group["partners"], group["partner_cells"] = partner, partners
    group["quote"] = " | ".join([heading.text] + [p.text for _, p in leads + partners])  # the cells as the table has them
    return group


def table_groups(tagged, headings: dict | None = None) -> tuple[list[dict], dict[int, list]]:
    """The groups of the responsibilities tables, and the rows of the tables that stand under a group's
    heading of the tasks part (``headings``: heading paragraph -> group number), by group number: such a
    table lists the tasks of that group, not groups of its own."""
    out, owned = [], {}
    rows = _rows(tagged)
    # a table whose group rows name two national groups or more besides the heading's own lists groups,
    # even when it stands under a group's heading (the heading before it is only the last group's)
    naming: dict = {}
    for row in rows:
        if row["para"].role == "group":
            naming.setdefault(row["table"], set()).update(groups_of(_SERIAL.sub("", row["para"].text)))

    def lists_groups(row) -> bool:
        own = set(groups_of(_SERIAL.sub("", row["under"].text))) if row["under"] is not None else set()
        return len(naming.get(row["table"], set()) - own) >= 2

    for row in rows:
        if row["kind"] in _NOT_TASKS:
            continue
        if headings and row["under"] in headings and not lists_groups(row):
            owned.setdefault(headings[row["under"]], []).extend([row, *row["tasks"]])
            continue
        group = _group(row["para"], [row, *row["tasks"]])
        if group is not None:
            out.append(group)
            continue
        for task in row["tasks"]:  # a group row that names no group: its rows that name one
            group = _group(task["para"], [task])
            if group is not None:
                out.append(group)
    return out, owned


def _note_cells(rec: Recorder, path: str, cells: list) -> None:
    first = cells[0][1]
    rows = sorted({para.row for _, para in cells})
    why = None if len(rows) == 1 else translate("extract.table_rows", "vi", table=first.table,
                                                 rows=", ".join(map(str, rows)))
    rec.note(path, first, "high" if why is None else "medium", why)


def _renumber(rec: Recorder, moves: dict[int, int]) -> None:
    """Keep the evidence of the task groups that stay, at their new places."""
    def old_index(key: str) -> int | None:
        if not key.startswith("task_groups["):
            return None
        return int(key[len("task_groups["):key.index("]")])
    for store in (rec.evidence, rec.remarks):
        kept = {key: value for key, value in store.items() if old_index(key) is None}
        for key, value in store.items():
            old = old_index(key)
            if old is not None and old in moves:
                kept[f"task_groups[{moves[old]}]{key[key.index(']') + 1:]}"] = value
        store.clear()
        store.update(kept)


def with_table_groups(groups: list[dict], tagged, rec: Recorder) -> list[dict]:
    """The task groups of the headings with those of the responsibilities tables."""
    def para_of(path: str):
        found = rec.evidence.get(path)
        return found.para if found is not None else None

    headings = {para_of(f"task_groups[{i}]"): i for i in range(len(groups)) if para_of(f"task_groups[{i}]")}
    found, owned = table_groups(tagged, headings)
    if not found and not owned:
        return groups
    for n, rows in owned.items():  # a table under a group's heading: its rows say who does the group
        leads, partners = _bodies(rows)
        lead = _union(leads)
        partner = _union(partners, {fold_name(b) for b in lead})
        for key, bodies, cells in (("lead", lead, leads), ("partners", partner, partners)):
            before = para_of(f"task_groups[{n}].{key}")
            if bodies and (key not in groups[n] or (before is not None and before.role is not None)):
                groups[n][key] = bodies
                _note_cells(rec, f"task_groups[{n}].{key}", cells)
    # a group read from a table's line as if it were a heading is the table's to give
    keep = [i for i in range(len(groups)) if not (para_of(f"task_groups[{i}]") and para_of(f"task_groups[{i}]").role)]
    out = [groups[i] for i in keep]
    _renumber(rec, {old: new for new, old in enumerate(keep)})
    for table in found:
        same = [n for n, g in enumerate(out) if sorted(g["covers"]) == sorted(table["covers"])]
        twins = [t for t in found if sorted(t["covers"]) == sorted(table["covers"])]
        if len(same) == 1 and len(twins) == 1:  # the tasks part names it: the table says who does it
            n = same[0]
            if "lead" in out[n] or "partners" in out[n]:
                continue
            for key, cells in (("lead", "lead_cells"), ("partners", "partner_cells")):
                if key in table:
                    out[n][key] = table[key]
                    _note_cells(rec, f"task_groups[{n}].{key}", table[cells])
            out[n]["quote"] = table["quote"]
            continue
        if same:
            continue  # named more than once: which one the table's row is, is not known
        n = len(out)
        out.append({k: table[k] for k in ("heading", "covers", "lead", "partners", "quote") if k in table})
        rec.note(f"task_groups[{n}]", table["para"], "medium" if len(table["covers"]) == 1 else "low")
        for key, cells in (("lead", "lead_cells"), ("partners", "partner_cells")):
            if key in table:
                _note_cells(rec, f"task_groups[{n}].{key}", table[cells])
    return out
