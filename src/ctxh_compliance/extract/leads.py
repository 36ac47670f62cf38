"""Leads that the implementation part names rather than the task group's own lines: a body's "Chủ
trì …" sentence that names a group's work ("Chủ trì, phối hợp … ; giám sát các hoạt động thực hiện Kế
hoạch" leads monitoring) — which group that work is, is read from its words, so such a lead is listed
as inferred (``source.assumed``) and its group is for review, never a pass — and a steering board
charged with directing the plan ("Ban chỉ đạo … có trách nhiệm chỉ đạo, tổ chức thực hiện Kế hoạch") as
the plan's steering group. Words in patterns.yaml."""

import re

from ..core.i18n import translate
from ..core.regex import compile_once
from ..core.text import fold
from .contents import group_lines
from .organisation import ITEM
from .patterns import has_blank, wording
from .record import Recorder
from .roles import bodies_named, read_roles, subject_body, trimmed_names
from .tasks import groups_of

_SENTENCE = compile_once(r"(?<=\.)\s+(?=[A-ZĐÀ-Ỹ])")


def _bodies_and_sentences(tagged, assignments: list[dict]):
    """(body, sentence, paragraph, heading of its part) for each sentence of the implementation part,
    the body being the assignment the paragraph is under (None outside one)."""
    body, heading = None, None
    for para, kind, section in tagged:
        if kind != "organisation":
            body = None
            continue
        if section is not None:
            heading = para.text
        item = ITEM.match(para.text)
        if item:
            head = item.group(1)
            body = next((a["body"] for a in assignments if head.startswith(a["body"])), None)
            rest = head[len(body):].lstrip(" :") if body else ""
            texts = [rest] if rest else []
        else:
            texts = [para.text.lstrip("-+• ").strip()]
        for text in texts:
            for sentence in _SENTENCE.split(text):
                yield body, sentence, para, heading


def add_leads(tagged, groups: list[dict], assignments: list[dict], known: set[str] | None, rec: Recorder) -> None:
    verbs = tuple(fold(v) for v in wording()["lead_verbs"])
    charged = "|".join(re.escape(w) for w in wording()["charged"])
    for body, sentence, para, heading in _bodies_and_sentences(tagged, assignments):
        folded = fold(sentence)
        if body and folded.startswith(verbs):
            # the lead verb governs the work of its own clause, not that of the clauses after a ";" ("Chủ trì
            # triển khai Kế hoạch; hướng dẫn bố trí biên chế …" leads the plan, not the workforce group)
            clause = sentence.split(";")[0]
            # "Làm đầu mối điều phối các hoạt động của Kế hoạch, tổ chức sơ kết …": a lead verb whose object is the
            # plan itself leads the plan; the duties after it are the body's own, not a group it leads
            whole = re.search(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in wording()["plan_objects"]) + r")[^,;]*,",
                              clause)
            named = set(groups_of(clause[:whole.start()] if whole else clause))
            # the body the duties are under is the subject of the lead verb's clause
            said = read_roles(f"{body} {clause}")
            partners = said.partners if said is not None and said.lead == [body] else []
            with_partners = named
            for n, group in enumerate(groups):
                if group.get("lead") or not group["covers"] or not set(group["covers"]) <= named:
                    continue
                if group.get("partners"):
                    continue  # the group's own lines say who takes part and name no lead: it has none to borrow
                if has_blank(group.get("quote") or ""):
                    continue  # the group's own lines leave its lead blank ("Chủ trì: …"): it stays to fill
                quote = group.pop("quote", None)
                group["lead"] = [body]
                rec.note(f"task_groups[{n}].lead", para, "low", translate("extract.lead_in_organisation", "vi"))
                # which group the duty is is read from its words, not said: a guess, for review (never a pass)
                rec.infer(f"task_groups[{n}].lead", "the lead of the implementation part whose duty names the group's work")
                if partners and not group.get("partners") and set(group["covers"]) <= with_partners:
                    group["partners"] = partners
                    rec.note(f"task_groups[{n}].partners", para, "low",
                             translate("extract.partners_in_organisation", "vi"))
                if quote is not None:
                    group["quote"] = quote  # the plan model's order: lead and partners before quote
            continue
        board = re.match(rf"^(.+?)\s+(?:{charged})(?!\w)", sentence, re.IGNORECASE)
        if board is None or "steering" not in groups_of(board.group(1)):
            continue
        if (known is not None and "steering" not in known) or any("steering" in g["covers"] for g in groups):
            continue
        groups.append({"heading": heading or board.group(1), "covers": ["steering"], "lead": [board.group(1)],
                       "quote": sentence})
        rec.note(f"task_groups[{len(groups) - 1}]", para, "low", translate("extract.steering_board", "vi"))


def _known_bodies(groups: list[dict], assignments: list[dict]) -> list[str]:
    """The bodies the document names: those of the implementation part and each group's leads and partners."""
    return [a["body"] for a in assignments] + [b for g in groups for key in ("lead", "partners") for b in g.get(key) or []]


def add_subject_leads(tagged, groups: list[dict], assignments: list[dict], rec: Recorder) -> None:
    """A group whose lines say who does it in words the reader does not know: the first body (one the document
    names elsewhere, not a partner) that opens a clause of the sentence naming its partners, or that a directing
    verb there hands the work to ("Sở Y tế đảm đương …; Sở Nội vụ phối hợp"), or, where the group names no partner,
    the first of two or more such bodies a line of the group names, is taken as the lead — listed as inferred
    (``source.assumed``): its group is for review, never a pass. A group whose lines leave a blank gets none."""
    known = _known_bodies(groups, assignments)
    lines = group_lines(tagged, groups, rec)
    for n, group in enumerate(groups):
        paras = lines.get(n, [])
        if group.get("lead") or any(has_blank(p.text) for p in paras):
            continue
        said = rec.evidence.get(f"task_groups[{n}].partners")
        subject, at, how = None, None, ""
        if said is not None and said.para is not None and not has_blank(said.para.text):
            subject, at, how = subject_body(said.para.text, group.get("partners") or [], known), said.para, "subject"
        for para in [] if subject or group.get("partners") else paras:
            named = bodies_named(para.text, known)
            if len(named) >= 2:
                subject, at, how = named[0], para, "first_named"
                break
        if subject:
            quote = group.pop("quote", None)
            group["lead"] = [subject]
            rec.note(f"task_groups[{n}].lead", at, "low", translate(f"extract.lead_{how}", "vi"))
            rec.infer(f"task_groups[{n}].lead", "the body that opens the sentence naming the partners" if how == "subject"
                      else "the first of the bodies a line of the group names, with no word of their roles")
            # the plan model's order: lead and partners before quote; the line the guess was made from is quoted
            group["quote"] = at.text if how == "first_named" else quote
            if group["quote"] is None:
                group.pop("quote")


def trim_names(groups: list[dict], assignments: list[dict]) -> None:
    """Each group's lead and partners, a name that runs on past a body the document names elsewhere cut back to it
    ("Sở Tài chính cử người …" to "Sở Tài chính"): the bodies of the implementation part and the shortest names the
    groups give."""
    known = _known_bodies(groups, assignments)
    for group in groups:
        for key in ("lead", "partners"):
            if group.get(key):
                group[key] = trimmed_names(group[key], known)
