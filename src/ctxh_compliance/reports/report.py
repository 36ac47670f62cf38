"""Render a Report through the Jinja templates. Reporters only render: no verdict is made here.

A plan report is a document a reviewer signs: identification, the overall conclusion, one short line
per problem with what to do next and where in the plan, the reviewer's block; then the details of
the problems; the rules passed or not applicable last, one line each (an annex).
"""

import datetime as dt
import re
import textwrap
from dataclasses import dataclass, field
from functools import cache

from typing import TYPE_CHECKING

from markupsafe import Markup

from ..core.i18n import field_label, translate
from ..core.regex import compile_once
from ..core.resources import cache_dir, data_dir
from ..model.findings import Finding, Report, Verdict
from . import escaping

if TYPE_CHECKING:  # Jinja is imported when a template is rendered (a JSON report needs none)
    from jinja2 import Environment

FORMATS = {"text": "report.txt.j2", "markdown": "report.md.j2", "html": "report.html.j2"}
SECTION_ORDER = ("targets", "tasks", "structure", "legal", "institutions", "arithmetic")
PROBLEMS = (Verdict.FAIL, Verdict.NEEDS_REVIEW, Verdict.WARNING)
#: the longest "one line" of a problem on page 1 (the whole message is in the details)
SHORT_LINE = 130
#: the printed lines page 1 of an A4 report has for its problems table (with its header), between the
#: conclusion and the reviewer's block, when the rest of page 1 takes its least room; a row takes as many
#: lines as its tallest cell (characters per line of each column at the table's 9.5 pt in a wide serif
#: font: rule, problem and next step, place) and its padding, about a third of a line; when rows go on to page
#: 2, the line that says so takes room too.
PAGE_1_LINES = 32
_COLUMN_CHARS = (26, 40, 14)

_COLOURS = {Verdict.FAIL: "31;1", Verdict.NEEDS_REVIEW: "33;1", Verdict.WARNING: "35",
            Verdict.PASS: "32", Verdict.NOT_APPLICABLE: "2"}
_ISO_DATE = compile_once(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass
class Section:
    name: str
    findings: list[Finding]

    @property
    def worst(self) -> Verdict:
        return min((f.verdict for f in self.findings), key=lambda v: v.rank)


def sections(report: Report, findings: list[Finding] | None = None) -> list[Section]:
    """Findings grouped by section; the section holding the worst verdict comes first."""
    findings = report.findings if findings is None else findings
    grouped = [Section(name, [f for f in findings if f.section == name]) for name in SECTION_ORDER]
    grouped = [s for s in grouped if s.findings]
    return sorted(grouped, key=lambda s: (s.worst.rank, SECTION_ORDER.index(s.name)))


@dataclass
class ProblemLine:
    """One row of the page-1 table: a finding that is not passed, in a few words."""

    finding: Finding
    summary: str
    next_step: str | None
    where: list[str]

    def printed_lines(self, lang: str) -> float:
        """How many printed lines the row takes on page 1 (an estimate by the widths of its columns)."""
        rule_chars, text_chars, where_chars = _COLUMN_CHARS
        finding = self.finding
        aspect = translate("report.population", lang) if finding.aspect == "population" else ""
        rule = len(textwrap.wrap(f"{finding.rule_id} {aspect} {finding.title.get(lang)}", rule_chars))
        rule += len(textwrap.wrap(translate("report.grade_c_short", lang), rule_chars)) if finding.grade == "C" else 0
        step = f"{translate('report.next_step', lang)}: {self.next_step or translate('report.next_see_details', lang)}"
        text = len(textwrap.wrap(self.summary, text_chars)) + len(textwrap.wrap(step, text_chars))
        where = sum(len(textwrap.wrap(place, where_chars)) for place in self.where) or 1
        return 0.4 + max(rule, text, where)


@dataclass
class Document:
    """What a report shows, in the order it shows it."""

    report: Report
    problems: list[ProblemLine]
    first: list[ProblemLine]  # the problems printed on page 1; the others continue on page 2
    notes: list[str] = field(default_factory=list)  # how the plan was read (page 2), in plain words
    details: list[Section] = field(default_factory=list)
    annex: list[Section] = field(default_factory=list)
    checked: dt.date | None = None
    tool: str = ""
    ruleset_version: str = ""
    ruleset_label: str = ""  # the ruleset's name, and its folder when it is not a bundled one
    choice: str = ""  # where the ruleset was chosen: the plan's citation, --ruleset, a configuration file

    @property
    def read_notes(self) -> list[str]:
        """The notes on how a document was read, without the one on an incomplete source (said apart)."""
        return self.notes[:len(self.notes) - (not self.report.plan.complete)]

    @property
    def rest(self) -> list[ProblemLine]:
        return self.problems[len(self.first):]

    @property
    def annex_count(self) -> int:
        return sum(len(s.findings) for s in self.annex)


def _top_level(text: str):
    """(start, end) of each parenthesis outside quotes and other parentheses, and where each sentence
    ends outside them (a quoted heading such as “2.2. Đào tạo” is not a sentence end)."""
    depth, opened, spans, ends = 0, 0, [], []
    for i, char in enumerate(text):
        if char in "(“":
            opened = i if depth == 0 else opened
            depth += 1
        elif char in ")”" and depth:
            depth -= 1
            if depth == 0 and (text[opened], char) in (("(", ")"), ("“", "”")):
                spans.append((opened, i + 1))
        elif char == "." and depth == 0 and text[i + 1:i + 2] in (" ", ""):
            ends.append(i + 1)
    return spans, ends


def _shorten(text: str, limit: int | None = SHORT_LINE) -> str:
    """A message made short for one line of page 1: long asides in parentheses become "(…)", long
    quotes keep their first words, then the first sentence, then the words that fit (no limit: as is)."""
    if limit is None or len(text) <= limit:
        return text
    while len(text) > limit:  # the longest aside or quote first, until the text fits
        spans = [(end - start, start, end) for start, end in _top_level(text)[0]
                 if end - start > (50 if text[start] == "“" else 12)]
        if not spans:
            break
        _, start, end = max(spans)
        if text[start] == "(":  # an aside is left out whole: what remains is still a sentence
            text = text[:start].rstrip() + text[end:]
        else:
            text = text[:start] + text[start:start + 40].rsplit(" ", 1)[0].rstrip(" ,;:") + " …”" + text[end:]
    if len(text) <= limit:
        return text
    _, ends = _top_level(text)
    return text[:ends[0]] if ends else text  # the first sentence whole, never one cut in the middle


def split_message(text: str, lang: str, limit: int | None = SHORT_LINE) -> tuple[str, str | None]:
    """A finding's message as (what is wrong, what to do next): the next step is the sentence that
    starts with one of the catalogue's markers ("Cần:", "To do:" …); the grade-C note is left out
    (the table marks grade C itself). Each part is made short for one line, unless ``limit`` is None."""
    for note in ("grade.c_cap", "grade.c_gap"):
        text = text.replace(translate(note, lang), "")
    text = " ".join(text.split())
    starts = []
    for marker in translate("report.next_markers", lang).split("|"):
        for match in re.finditer(re.escape(marker), text):
            if match.start() == 0 or text[:match.start()].rstrip().endswith((".", ";", ")")):
                starts.append((match.start(), marker))
                break
    if not starts:
        return _shorten(text, limit), None
    start, marker = min(starts)
    step = text[start + len(marker):].strip() if marker.endswith(":") else text[start:].strip()
    drop = translate("report.next_drop", lang)  # "Cần đọc …" under the heading "Cần làm": "Đọc …"
    step = step[len(drop):] if drop and step.startswith(drop) else step
    return _shorten(text[:start].strip() or text, limit), _shorten(step[:1].upper() + step[1:], limit)


def place(location: str, plan_file: str, lang: str) -> str:
    """A location inside the plan without the plan's file name, which the report names once: a line of a
    plan file (``dòng 35``), a place in a document (``bảng 2, hàng 2``), or the location as given."""
    if location.startswith(plan_file + ":"):
        line = location[len(plan_file) + 1:].split(":")[0]
        return translate("report.line", lang, line=line) if line.isdigit() else location
    if location.startswith(plan_file + " (") and location.endswith(")"):
        return location[len(plan_file) + 2:-1]
    return location


def _where(finding: Finding, plan_file: str, lang: str) -> list[str]:
    """Where in the plan, for the problem's row (each place once)."""
    places = []
    for evidence in finding.evidence:
        location = place(evidence.location, plan_file, lang)
        if location and location not in places:
            places.append(location)
    return places


@cache
def _tool_version() -> str:
    from .report_json import _version
    return _version()


@cache
def _ruleset_version(name: str) -> str:
    from ..rules.ruleset_loader import available_rulesets, fingerprint
    return fingerprint(name) if name in available_rulesets() else "-"


def document(report: Report, lang: str) -> Document:
    from ..core.clock import today
    problems = sorted((f for f in report.findings if f.verdict in PROBLEMS),
                      key=lambda f: (f.waiver is not None, f.verdict.rank, f.grade == "C", SECTION_ORDER.index(f.section)))
    lines = [ProblemLine(f, *split_message(f.message.get(lang), lang), _where(f, report.plan.file, lang))
             for f in problems]
    annexed = [f for f in report.findings if f.verdict not in PROBLEMS]
    first, used = [], 1.6 + _page_1_taken(report, lang)  # the table's header
    for number, line in enumerate(lines, 1):
        used += line.printed_lines(lang)
        if used + (1.5 if number < len(lines) else 0) > PAGE_1_LINES:
            break
        first.append(line)
    return Document(report=report, problems=lines, first=first, notes=reading_notes(report, lang),
                    details=sections(report, problems), annex=sections(report, annexed), checked=today(),
                    tool=_tool_version(), ruleset_version=report.ruleset_fingerprint or _ruleset_version(report.ruleset),
                    ruleset_label=report.ruleset + (" — " + translate("report.ruleset_folder", lang, folder=report.ruleset_folder)
                                                    if report.ruleset_folder else ""),
                    choice=ruleset_choice(report, lang))


def _page_1_taken(report: Report, lang: str) -> int:
    """The lines of page 1 taken by what may or may not be there: a long title, notes under the
    conclusion, the line about how the document was read."""
    taken = len(textwrap.wrap(report.plan.title, 60)) - 1 + max(len(textwrap.wrap(report.plan.issuer or "", 38)) - 1, 0)
    taken += 2 * (bool(report.unverified) + bool(report.extra_findings) + bool(report.waived)) + 2 * len(report.stale_waivers)
    return taken + (not report.plan.complete or report.extraction is not None)


_PATH_PART = compile_once(r"([^.\[\]]+)|\[(\d+)\]")


def _label(path: str, lang: str) -> str:
    """``targets[3].year`` as words: ``chỉ tiêu số 4 › năm``."""
    parts = tuple(int(index) if index else name for name, index in _PATH_PART.findall(path))
    return field_label(parts, lang)


def reading_notes(report: Report, lang: str) -> list[str]:
    """How the plan was read from its document, in plain words: how many values and how sure, the values
    guessed (what, where, why), what was not found, and an incomplete source."""
    notes = []
    extraction = report.extraction
    if extraction:
        notes.append(translate("report.read_values", lang, n=extraction.values, high=extraction.by_confidence.get("high", 0),
                               medium=extraction.by_confidence.get("medium", 0), low=extraction.by_confidence.get("low", 0)))
        for guessed in extraction.low:
            path, _, rest = guessed.partition(" (")
            notes.append(translate("report.read_guessed", lang, what=_label(path, lang), where=rest.rstrip(")")))
        if extraction.missing:
            notes.append(translate("report.read_missing", lang,
                                   what="; ".join(_label(path, lang) for path in extraction.missing)))
        if extraction.revisions:
            notes.append(translate("report.extracted_revisions", lang, count=extraction.revisions))
        if extraction.whole:
            notes.append(f"{translate('report.extracted_whole', lang)}: {extraction.whole}")
    if not report.plan.complete:
        notes.append(translate("report.incomplete", lang) + (f": {report.plan.source_note}" if report.plan.source_note else ""))
    return notes


def ruleset_choice(report: Report, lang: str) -> str:
    """Where the report's ruleset was chosen, in words: the plan's citation, the command line, a
    configuration file (named), the web page, or the program that called the library."""
    if report.selected_by:
        return f"{translate('report.selected_by', lang)} {report.selected_by}"
    if report.ruleset_chosen == "--ruleset":
        return translate("report.selected_manually", lang)
    if report.ruleset_chosen == "web":
        return translate("web.selected_manually", lang)
    if report.ruleset_chosen:
        return translate("report.selected_in_config", lang, file=report.ruleset_chosen)
    return translate("report.selected_by_caller", lang)


def show_date(value: object, lang: str) -> str:
    """One date format (dd/mm/yyyy); a date that is only partly given (``ngày tháng 4 năm 2022``)
    is shown as written and said to be incomplete."""
    if value is None or value == "":
        return "-"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    match = _ISO_DATE.match(str(value))
    if match:
        return f"{match.group(3)}/{match.group(2)}/{match.group(1)}"
    return translate("report.date_incomplete", lang, date=value)


@cache
def _bytecode_cache(kind: str):
    """Compiled templates kept between runs (keyed by template source, so an edited template is
    compiled again; a cache that cannot be read or written is simply not used); one cache per kind of
    environment: compiled code depends on autoescape and finalize, not only on the template's source."""
    from jinja2 import FileSystemBytecodeCache

    class BytecodeCache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:
                bucket.reset()

        def dump_bytecode(self, bucket) -> None:
            try:
                super().dump_bytecode(bucket)
            except Exception:
                pass
    folder = cache_dir()
    return BytecodeCache(str(folder), f"jinja-{kind}-%s.cache") if folder else None


class _Painted(str):
    """A verdict label with its terminal colour: the one text the terminal escaping leaves alone."""


@cache
def environment(lang: str, colour: bool, html: bool = False, escape: str | None = None) -> "Environment":
    """The Jinja environment for one language and output kind, built once per process (its
    templates are compiled on first use and kept). ``escape`` "term" or "md" escapes every
    ``{{ … }}`` of a terminal or Markdown template for that output (HTML: autoescape)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined
    finalize = {"term": lambda v: v if isinstance(v, _Painted) else escaping.term(v),
                "md": escaping.md, None: None}[escape]
    if html:
        finalize = lambda v: v if isinstance(v, Markup) else escaping.visible(v)  # noqa: E731
    kind = "html" if html else escape or "plain"
    env = Environment(loader=FileSystemLoader(str(data_dir("templates"))), bytecode_cache=_bytecode_cache(kind),
                      undefined=StrictUndefined, autoescape=html, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True, finalize=finalize)

    def t(key: str, **params) -> str:
        return translate(key, lang, **params)

    def paint(text: str, verdict: Verdict) -> str:
        text = escaping.term(text)
        return _Painted(f"\x1b[{_COLOURS[verdict]}m{text}\x1b[0m") if colour else text

    def loc(value) -> str:
        """A text in the report language, from any of the localized models."""
        text = getattr(value, lang, None)
        return text if isinstance(text, str) else str(value)

    def quote_label(item) -> str:
        """The label of a rule's or finding's quote: "Nguyên văn" only for the decision's own words,
        else what the wording follows (templates print no quote at all for ``quote_is: none``)."""
        if item.quote_is == "paraphrase":
            return translate("report.quote_after", lang, source=loc(item.quote_from))
        return translate("report.quote", lang)

    def css_string(text: object) -> Markup:
        return Markup(escaping.css_string(text))

    env.globals.update(t=t, lang=lang, Verdict=Verdict, quote_label=quote_label, PROBLEMS=PROBLEMS)
    env.filters.update(paint=paint, loc=loc, md=escaping.md, term=escaping.term, href=escaping.href,
                       css_string=css_string, date=lambda value: show_date(value, lang),
                       place=lambda location, plan: place(location, plan.file, lang))
    return env


def render(report: Report, fmt: str = "text", lang: str = "vi", colour: bool = False, everything: bool = False) -> str:
    """The report in one format; ``everything``: the terminal report shows the rules passed and not
    applicable too (documents always have them, in their annex)."""
    if fmt == "json":
        from .report_json import render_json
        return render_json(report)
    escape = {"text": "term", "markdown": "md"}.get(fmt)
    template = environment(lang, colour and fmt == "text", html=fmt == "html", escape=escape).get_template(FORMATS[fmt])
    return template.render(report=report, doc=document(report, lang), counts=report.counts(), everything=everything)
