"""Render a Report through the Jinja templates. Reporters only render: no verdict is made here.

A plan report is a document a reviewer signs: identification, the overall conclusion, one short line
per problem with what to do next and where in the plan, the reviewer's block; then the details of
the problems; the rules passed or not applicable last, one line each (an annex).
"""

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..core.i18n import translate
from ..core.resources import cache_dir, data_dir
from ..model.findings import Finding, Report, Verdict
from . import escaping

FORMATS = {"text": "report.txt.j2", "markdown": "report.md.j2", "html": "report.html.j2"}
SECTION_ORDER = ("targets", "tasks", "structure", "legal", "institutions", "arithmetic")
PROBLEMS = (Verdict.FAIL, Verdict.NEEDS_REVIEW, Verdict.WARNING)
#: the longest "one line" of a problem on page 1 (the whole message is in the details)
SHORT_LINE = 130

_COLOURS = {Verdict.FAIL: "31;1", Verdict.NEEDS_REVIEW: "33;1", Verdict.WARNING: "35",
            Verdict.PASS: "32", Verdict.NOT_APPLICABLE: "2"}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


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


@dataclass
class Document:
    """What a report shows, in the order it shows it."""

    report: Report
    problems: list[ProblemLine]
    details: list[Section]
    annex: list[Section]
    checked: dt.date
    tool: str
    ruleset_version: str
    ruleset_label: str = ""  # the ruleset's name, and its folder when it is not a bundled one
    choice: str = ""  # where the ruleset was chosen: the plan's citation, --ruleset, a configuration file

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
        short = "(…)" if text[start] == "(" else text[start:start + 40].rsplit(" ", 1)[0].rstrip(" ,;:") + " …”"
        text = text[:start] + short + text[end:]
    if len(text) <= limit:
        return text
    _, ends = _top_level(text)
    if ends and ends[0] <= limit:
        return text[:ends[0]]
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:(") + " …"


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


def _where(finding: Finding, plan_file: str, lang: str) -> list[str]:
    """Where in the plan: a line of the plan file (``dòng 35``), or the location as given."""
    places = []
    for evidence in finding.evidence:
        location = evidence.location
        if location.startswith(plan_file + ":"):
            line = location[len(plan_file) + 1:].split(":")[0]
            location = translate("report.line", lang, line=line) if line.isdigit() else location
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
    return Document(report=report, problems=lines, details=sections(report, problems),
                    annex=sections(report, annexed), checked=today(), tool=_tool_version(),
                    ruleset_version=report.ruleset_fingerprint or _ruleset_version(report.ruleset),
                    ruleset_label=report.ruleset + (" — " + translate("report.ruleset_folder", lang, folder=report.ruleset_folder)
                                                    if report.ruleset_folder else ""),
                    choice=ruleset_choice(report, lang))


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


class _BytecodeCache(FileSystemBytecodeCache):
    """Compiled templates kept between runs (keyed by template source, so an edited template is
    compiled again); a cache that cannot be read or written is simply not used."""

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


@cache
def _bytecode_cache(kind: str) -> _BytecodeCache | None:
    """One cache per kind of environment: compiled code depends on autoescape and finalize, not only
    on the template's source."""
    folder = cache_dir()
    return _BytecodeCache(str(folder), f"jinja-{kind}-%s.cache") if folder else None


class _Painted(str):
    """A verdict label with its terminal colour: the one text the terminal escaping leaves alone."""


@cache
def environment(lang: str, colour: bool, html: bool = False, escape: str | None = None) -> Environment:
    """The Jinja environment for one language and output kind, built once per process (its
    templates are compiled on first use and kept). ``escape`` "term" or "md" escapes every
    ``{{ … }}`` of a terminal or Markdown template for that output (HTML: autoescape)."""
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
                       css_string=css_string, date=lambda value: show_date(value, lang))
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
