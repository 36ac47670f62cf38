"""The extractor's pipeline: a document's paragraphs into a plan, part by part (the package's
``extract``, ``extract_paras``, ``extract_text``, ``Extraction``)."""

from pathlib import Path

from ..core.i18n import translate
from .contents import mark_unfilled
from .identify import completeness, identification, legal_bases, own_report, period, ruleset
from .leads import add_leads, add_subject_leads, trim_names
from .organisation import extract_general_objective, extract_organisation
from .paragraphs import Para, join_broken, lines_to_paras
from .record import Recorder
from .responsibilities import with_table_groups
from .result import Extraction, assume, validate
from .sandbox import read_document  # a .docx or .pdf is read in a child process, within limits
from .sections import zones
from .situation import extract_situation
from .targets import extract_targets
from .tasks import doubted_covers, extract_budget, extract_task_groups

__all__ = ["Extraction", "extract", "extract_paras", "extract_text"]


def extract_paras(paras: list[Para], document: str) -> Extraction:
    rec = Recorder()
    mine = own_report(paras)
    if mine is not None:  # a check's report, printed or saved beside the plans: nothing in it is the plan's
        return Extraction(data={}, missing=[], evidence={}, own_report=mine)
    paras = join_broken(paras)  # a sentence cut over two Word paragraphs is one sentence
    tagged = zones(paras)
    ident = identification(paras, rec)
    per = period(ident, rec)
    bases = legal_bases(tagged, rec)
    rules, rules_confidence = ruleset(bases, paras, per)
    targets = extract_targets(tagged, rules, per["end"] if per else None, rec, per["start"] if per else None)
    groups = _of_ruleset(with_table_groups(extract_task_groups(tagged, rec), tagged, rec), rules)
    budget = extract_budget(tagged, rec)
    situation = extract_situation(tagged, rec)
    objective = extract_general_objective(tagged, rec)
    assignments, reporting = extract_organisation(tagged, rec)
    add_leads(tagged, groups, assignments, _known_groups(rules), rec)
    trim_names(groups, assignments)
    add_subject_leads(tagged, groups, assignments, rec)
    mark_unfilled(tagged, groups, rec)
    _doubt_covers(groups, rules, rec)
    complete, note = completeness(paras, ident, bases)

    data: dict = {"identification": ident}
    source = {"document": document, "complete": complete}
    if note:
        source["note"] = note
    if rec.inferred:  # values the reader inferred rather than read: listed, so that none decides a verdict
        source["assumed"] = list(rec.inferred)
    data["source"] = source
    data["legal_bases"] = bases
    if per:
        data["period"] = per
    if situation:
        data["situation"] = situation
    if objective:
        data["general_objective"] = objective
    data["targets"] = targets
    data["task_groups"] = groups
    if budget:
        data["budget"] = budget
    if assignments:
        data["organisation"] = assignments
    if reporting:
        data["monitoring"] = {"reporting": reporting}

    missing = [f"identification.{k}" for k in ("number", "title", "issuer", "province") if k not in ident]
    if "date" not in ident and "date_text" not in ident:
        missing.append("identification.date")
    if "kind" not in ident:
        missing.append("identification.kind")
    for name, value in (("legal_bases", bases), ("period", per), ("general_objective", objective), ("targets", targets),
                        ("task_groups", groups), ("budget", budget), ("organisation", assignments),
                        ("monitoring.reporting", reporting)):
        if not value:
            missing.append(name)
    # keep the identification keys in the order of the plan model
    order = ("number", "title", "issuer", "province", "date", "date_text", "signer", "kind", "quote")
    data["identification"] = {k: ident[k] for k in order if k in ident}
    result = Extraction(data=data, missing=missing, evidence=rec.evidence, remarks=rec.remarks, ruleset=rules,
                        ruleset_confidence=rules_confidence, part_headings=_part_headings(tagged))
    assume(result)
    return validate(result)


def _part_headings(tagged) -> dict[str, str]:
    """The first heading of each part of the plan (targets, tasks, budget, organisation), in the
    document's order: where a review says a missing value belongs."""
    headings: dict[str, str] = {}
    for para, kind, section in tagged:
        if section is not None and section.kind not in (None, "history") and kind == section.kind:
            headings.setdefault(section.kind, para.text)
    return headings


def _known_groups(rules: str | None) -> set[str] | None:
    if rules is None:
        return None
    from ..rules.ruleset_loader import load_ruleset
    return set(load_ruleset(rules).groups)


def _doubt_covers(groups: list[dict], rules: str | None, rec: Recorder) -> None:
    """A heading whose words name another national group too, one no heading of the plan covers: which group it is
    was judged, so its reading is listed as inferred (never deciding) and shown as a guess, naming the other."""
    doubted = doubted_covers(groups, _known_groups(rules))
    if not doubted:
        return
    from ..rules.ruleset_loader import load_ruleset
    # the groups by their decision's titles (no decision read: by their ids)
    titles = {gid: rule.title.vi for gid, rule in load_ruleset(rules).groups.items()} if rules else {}
    named = lambda gids: "; ".join(f"“{titles.get(g, g)}”" for g in gids)  # noqa: E731
    for n, others in doubted.items():
        rec.infer(f"task_groups[{n}].covers", f"its heading names {', '.join(others)} too, which no heading covers")
        held = rec.evidence.get(f"task_groups[{n}]")
        rec.note(f"task_groups[{n}]", held.para if held else None, "low", translate(
            "extract.covers_doubted", "vi", own=named(groups[n]["covers"]), others=named(others)))


def _of_ruleset(groups: list[dict], rules: str | None) -> list[dict]:
    """The task groups with only the covers the ruleset knows (a heading on a database or a steering
    board names a group of another decision): a plan is not refused for a group its decision lacks."""
    if rules is None:
        return groups
    from ..rules.ruleset_loader import load_ruleset
    known = load_ruleset(rules).groups
    # kept in place, even with no cover left: the evidence of each group is recorded by its position
    groups = [{**g, "covers": [c for c in g["covers"] if c in known]} for g in groups]
    # a heading read as several groups gives up one that has a heading of its own ("Bố trí nhân sự quản lý cơ sở dữ
    # liệu và truyền thông …" beside "Tăng cường truyền thông …"): that group is the other heading's, with its lead
    alone = {g["covers"][0] for g in groups if len(g["covers"]) == 1}
    return [{**g, "covers": [c for c in g["covers"] if c not in alone] or g["covers"]} if len(g["covers"]) > 1 else g
            for g in groups]


def extract_text(text: str, document: str = "<text>") -> Extraction:
    return extract_paras(lines_to_paras(text), document)


def extract(path: Path | str, document: str | None = None, in_process: bool = False) -> Extraction:
    """Extract a plan from ``path``; ``document`` is the name written to source.document and shown in
    messages. A .docx or .pdf is read in a child process within limits, unless ``in_process`` (the
    caller is a process with limits of its own)."""
    path = Path(path)
    paras = read_document(path, document or str(path), in_process=in_process)
    result = extract_paras(paras, document or str(path))
    result.revisions = getattr(paras, "revisions", 0)
    return result
