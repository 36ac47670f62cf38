"""The contents of each task group as a draft leaves them: a group whose lines (other than who leads it,
who takes part, its funding and timing) are all blanks to fill is recorded with a blank content, so
that it is named but never passes as planned."""


from ..core.regex import compile_once
from ..core.text import fold
from .patterns import has_blank, is_blank, wording

_HINT = compile_once(r"\([^)]*\)")  # "… (tỉnh nêu các hoạt động, chỉ tiêu và thời gian)": the hint is no content


def _content(text: str) -> str | None:
    """What a line under a group's heading says the group does, or None for a line about who does it,
    its funding or its timing ("- Chủ trì: Sở Y tế", "Kinh phí thực hiện: … đồng/năm")."""
    text = text.lstrip("-+•– ").strip()
    label, colon, rest = text.partition(":")
    if colon and len(label) < 60:
        if any(fold(word) in fold(label) for word in wording()["group_contents"]["not_contents"]):
            return None
        return rest.strip()
    return text


def group_lines(tagged, groups: list[dict], rec) -> dict[int, list]:
    """The paragraphs under each group's heading (by its index in ``groups``), up to the next heading or table."""
    starts = {}
    for n in range(len(groups)):
        found = rec.evidence.get(f"task_groups[{n}]")
        if found is not None and found.para is not None:
            starts[id(found.para)] = n
    current, lines = None, {}
    for para, _kind, section in tagged:
        n = next((starts[k] for k in (id(para),) if k in starts), None)
        if n is None:  # the heading paragraph may have been copied by the outline (its scope added)
            n = next((m for m in range(len(groups)) if (e := rec.evidence.get(f"task_groups[{m}]")) is not None
                      and e.para is not None and e.para.text == para.text and e.para.where() == para.where()), None)
        if n is not None:
            current = n
            lines[n] = []
            continue
        if section is not None or para.table is not None:
            current = None
            continue
        if current is not None:
            lines[current].append(para)
    return lines


def mark_unfilled(tagged, groups: list[dict], rec) -> None:
    """Give ``contents: ["…"]`` to each group of ``groups`` (in place) whose lines under its heading hold a
    blank where its contents go and no content written."""
    for n, paras in group_lines(tagged, groups, rec).items():
        written = [c for c in (_content(p.text) for p in paras) if c]
        if written and all(has_blank(c) and is_blank(_HINT.sub("", c)) for c in written) \
                and not groups[n].get("contents"):
            groups[n]["contents"] = ["…"]
