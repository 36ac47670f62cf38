"""The review written into the user's own Word file: a copy of the .docx with one Word comment per
finding, anchored on the paragraph (or table cell) whose text holds the finding's quote, and a summary
comment on the plan's title with the conclusion, the counts, and the findings that have no place in the
document (a missing part, a missing target), each saying where it belongs.

A reporter: it renders the Report and decides nothing (which findings, and where a missing part
belongs, are given to it). Nothing else of the document changes: the parts other than the main text
and the comments are copied byte for byte from the user's file, and the main text only gains the
comments' anchors (python-docx writes the comments; the copy keeps every other part as it was).
"""

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..core.clock import today
from ..core.i18n import translate
from ..core.regex import compile_once
from ..core.text import nfc
from ..core.wordml import W, accepted_text
from ..model.findings import Finding, Report, Verdict
from .report import show_date, split_message

AUTHOR = "ctxh-check"
INITIALS = "CTXH"
#: a leading number the reader writes out from Word's automatic numbering ("2.1.", "II.", "a)", "-")
_LABEL = compile_once(r"^(?:[ivxlc]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\)|[-+•])\s+")
_PREFIX = 40   # a quote that runs over several paragraphs: its first characters find the first one
_SHORTEST = 12  # a paragraph that short is not taken as part of a quote gathered from table cells


def _norm(text: str) -> str:
    return " ".join(nfc(text).replace("\u00a0", " ").replace("*", "").split()).casefold()


@dataclass
class _Paragraph:
    element: object
    text: str
    block: int          # the paragraph's or its table's place among the body's paragraphs and tables (1-based)
    table: int | None   # the table it is in (1-based), if any


def _paragraphs(document) -> list[_Paragraph]:
    """Every paragraph of the body in order, those of table cells included, with its text as read."""
    out = []
    tables = 0
    for block, child in enumerate((c for c in document.element.body if c.tag in (W + "p", W + "tbl")), 1):
        table = None
        if child.tag == W + "tbl":
            tables += 1
            table = tables
        for p in child.iter(W + "p"):
            text = _norm(accepted_text(p))
            if text:
                out.append(_Paragraph(p, text, block, table))
    return out


def _spans(paragraphs: list[_Paragraph], i: int, probes: tuple[str, ...]) -> bool:
    """Whether a quote starts in paragraph ``i`` and runs on over the paragraphs after it."""
    joined, first = paragraphs[i].text, len(paragraphs[i].text)
    for after in paragraphs[i + 1:i + 6]:
        joined = f"{joined} {after.text}"
        if any(0 <= joined.find(probe) < first for probe in probes):
            return True
    return False


def _candidates(paragraphs: list[_Paragraph], quote: str) -> list[_Paragraph]:
    """The paragraphs that may hold ``quote``, by the first test that finds any: the whole quote in one
    paragraph (with or without the number Word writes itself), the quote running over consecutive
    paragraphs, its first words, else the longest paragraph the quote holds (a table row read as one
    sentence from its cells)."""
    wanted = _norm(quote).rstrip("…").strip()
    bare = _LABEL.sub("", wanted)
    if len(bare) < 4:
        return []
    for probe in dict.fromkeys((wanted, bare)):
        found = [p for p in paragraphs if probe in p.text]
        if found:
            return found
    found = [p for i, p in enumerate(paragraphs) if _spans(paragraphs, i, (wanted, bare))]
    if found:
        return found
    found = [p for p in paragraphs if bare[:_PREFIX].strip() in p.text]
    if found:
        return found
    inside = [p for p in paragraphs if len(p.text) >= _SHORTEST and (p.text in wanted or _LABEL.sub("", p.text) in bare)]
    return [max(inside, key=lambda p: len(p.text))] if inside else []


_HINT = compile_once(r"\((?:đoạn (\d+)|bảng (\d+), hàng \d+)")


def find(paragraphs: list[_Paragraph], quote: str | None, location: str = "") -> _Paragraph | None:
    """The paragraph whose text holds ``quote`` (see ``_candidates``); when several do (the same
    "Chủ trì: …" line under every task group), the first at or after the report's location (a task
    group is located at its heading, its lead a few paragraphs below), else the first."""
    found = _candidates(paragraphs, quote) if quote else []
    hint = _HINT.search(location or "")
    if len(found) > 1 and hint:
        if hint.group(1):
            at = [p for p in found if p.block >= int(hint.group(1))]
        else:
            at = [p for p in found if p.table == int(hint.group(2))]
        found = at or found
    return found[0] if found else None


def _title_paragraph(paragraphs: list[_Paragraph], report: Report) -> _Paragraph | None:
    """The paragraph of the plan's title: the one that reads as the title, else the first the title
    starts with ("KẾ HOẠCH" above its subject), else one that holds it, else the document's first."""
    title = _norm(report.plan.title)
    return (next((p for p in paragraphs if p.text == title), None)
            or next((p for p in paragraphs if len(p.text) >= 8 and title.startswith(p.text)), None)
            or find(paragraphs, report.plan.title) or (paragraphs[0] if paragraphs else None))


def _anchor(paragraph: _Paragraph, comment_id: int) -> None:
    """The comment's range over the whole paragraph, and its mark at the paragraph's end."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    p = paragraph.element
    start, end = OxmlElement("w:commentRangeStart"), OxmlElement("w:commentRangeEnd")
    for mark in (start, end):
        mark.set(qn("w:id"), str(comment_id))
    properties = p.find(W + "pPr")
    p.insert(p.index(properties) + 1 if properties is not None else 0, start)
    p.append(end)
    run, reference = OxmlElement("w:r"), OxmlElement("w:commentReference")
    reference.set(qn("w:id"), str(comment_id))
    run.append(reference)
    p.append(run)


def _write(comment, lines: list[str]) -> None:
    """The comment's text: its first line in bold, then one paragraph a line."""
    comment.paragraphs[0].add_run(lines[0]).bold = True
    for line in lines[1:]:
        comment.add_paragraph(line)


def _verdict(finding: Finding, lang: str) -> str:
    return translate(f"verdict.{finding.verdict.value}", lang)


def _finding_lines(finding: Finding, lang: str) -> list[str]:
    what, step = split_message(finding.message.get(lang), lang, limit=None)
    lines = [f"{_verdict(finding, lang)} — {finding.rule_id}: {finding.title.get(lang)}",
             translate("annotate.requirement", lang, text=finding.requirement.text.get(lang),
                       citation=finding.requirement.citation)]
    said = "; ".join(e.text.get(lang) for e in finding.evidence if e.text.get(lang))
    if said:
        lines.append(translate("annotate.plan_says", lang, text=said))
    lines.append(translate("annotate.remark", lang, text=what))
    if step:
        lines.append(translate("annotate.to_do", lang, text=step))
    return lines


def _place(place: tuple[str, str | None] | None, finding: Finding, lang: str) -> str:
    kind, heading = place or ("start", None)
    where = translate(f"annotate.place_{kind}", lang, heading=heading or "")
    located = [e.location for e in finding.evidence if e.location]
    return f"{where}; {translate('annotate.place_report', lang, where=located[0])}" if located else where


def annotate(report: Report, source: Path, findings: list[Finding], places: dict, lang: str = "vi",
             fingerprint: str = "-") -> tuple[bytes, int]:
    """The bytes of the annotated copy of the .docx at ``source``, and how many findings were placed
    on a paragraph; ``findings``: those to comment on, ``places``: (rule, aspect) -> where a finding
    without a place in the text belongs (see ``extract.document.places``)."""
    import docx
    document = docx.Document(str(source))
    had_comments = _comments_partname(document)
    checked = today()
    stamp = dt.datetime.combine(checked, dt.time(0, 0), tzinfo=dt.UTC)
    paragraphs = _paragraphs(document)

    def comment(paragraph: _Paragraph, lines: list[str]) -> None:
        made = document.comments.add_comment(author=AUTHOR, initials=INITIALS)
        made._comment_elm.date = stamp
        _write(made, lines)
        _anchor(paragraph, made.comment_id)

    unplaced = []
    placed = 0
    for finding in findings:
        target = next((found for e in finding.evidence
                       if (found := find(paragraphs, e.quote, e.location)) is not None), None)
        if target is None:
            unplaced.append(finding)
            continue
        comment(target, _finding_lines(finding, lang))
        placed += 1
    counts = report.counts()
    summary = [translate("annotate.summary_title", lang, overall=translate(f"verdict.{report.overall.value}", lang)),
               " · ".join(f"{translate(f'verdict.{v.value}', lang)} {counts[v]}" for v in Verdict),
               translate("annotate.summary_checked", lang, date=show_date(checked, lang), decision=report.decision,
                         ruleset=report.ruleset, fingerprint=fingerprint, placed=placed)]
    if report.extraction is not None and report.extraction.revisions:
        summary.append(translate("report.extracted_revisions", lang, count=report.extraction.revisions))
    if unplaced:
        summary.append(translate("annotate.summary_unplaced", lang, count=len(unplaced)))
        for finding in unplaced:
            what, step = split_message(finding.message.get(lang), lang, limit=None)
            line = f"• {_verdict(finding, lang)} — {finding.rule_id}: {finding.title.get(lang)}. {what}"
            if step:
                line += " " + translate("annotate.to_do", lang, text=step)
            summary.append(f"{line} ({_place(places.get((finding.rule_id, finding.aspect)), finding, lang)})")
    title = _title_paragraph(paragraphs, report)
    if title is not None:
        comment(title, summary)
    saved = io.BytesIO()
    document.save(saved)
    return _keep_the_rest(source, saved.getvalue(), document, had_comments), placed


def _comments_partname(document) -> str | None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    try:
        return str(document.part.part_related_by(RT.COMMENTS).partname).lstrip("/")
    except KeyError:
        return None


def _keep_the_rest(source: Path, saved: bytes, document, had_comments: str | None) -> bytes:
    """The user's file with only the main text and the comments taken from what python-docx saved
    (and, when the file had no comments, the two lists that name the new comments part); every other
    member is the user's own bytes, in the user's order."""
    main = str(document.part.partname).lstrip("/")
    comments = _comments_partname(document)
    taken = {main, comments}
    if had_comments is None:
        folder, _, name = main.rpartition("/")
        taken |= {"[Content_Types].xml", f"{folder}/_rels/{name}.rels"}
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(io.BytesIO(saved)) as new, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        names = set(new.namelist())
        for info in old.infolist():
            data = new.read(info.filename) if info.filename in taken and info.filename in names else old.read(info)
            copy.writestr(info, data)
        for name in sorted(taken - set(old.namelist())):
            if name in names:
                copy.writestr(new.getinfo(name), new.read(name))
    return out.getvalue()
