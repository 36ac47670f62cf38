"""Render a Report through the Jinja templates. Reporters only render: no verdict is made here."""

from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

from .findings import Finding, Report, Verdict
from .i18n import translate
from .resources import cache_dir, data_dir

FORMATS = {"text": "report.txt.j2", "markdown": "report.md.j2", "html": "report.html.j2"}
SECTION_ORDER = ("targets", "tasks", "structure", "legal", "institutions", "arithmetic")

_COLOURS = {Verdict.FAIL: "31;1", Verdict.NEEDS_REVIEW: "33;1", Verdict.WARNING: "35",
            Verdict.PASS: "32", Verdict.NOT_APPLICABLE: "2"}


@dataclass
class Section:
    name: str
    findings: list[Finding]

    @property
    def worst(self) -> Verdict:
        return min((f.verdict for f in self.findings), key=lambda v: v.rank)


def sections(report: Report) -> list[Section]:
    """Findings grouped by section; the section holding the worst verdict comes first."""
    grouped = [Section(name, [f for f in report.findings if f.section == name]) for name in SECTION_ORDER]
    grouped = [s for s in grouped if s.findings]
    return sorted(grouped, key=lambda s: (s.worst.rank, SECTION_ORDER.index(s.name)))


def _md_cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


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
def _bytecode_cache() -> _BytecodeCache | None:
    folder = cache_dir()
    return _BytecodeCache(str(folder), "jinja-%s.cache") if folder else None


@cache
def environment(lang: str, colour: bool, html: bool = False) -> Environment:
    """The Jinja environment for one language and output kind, built once per process (its
    templates are compiled on first use and kept)."""
    env = Environment(loader=FileSystemLoader(str(data_dir("templates"))), bytecode_cache=_bytecode_cache(),
                      undefined=StrictUndefined, autoescape=html, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)

    def t(key: str, **params) -> str:
        return translate(key, lang, **params)

    def paint(text: str, verdict: Verdict) -> str:
        return f"\x1b[{_COLOURS[verdict]}m{text}\x1b[0m" if colour else text

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

    env.globals.update(t=t, lang=lang, Verdict=Verdict, quote_label=quote_label)
    env.filters.update(paint=paint, loc=loc, md=_md_cell)
    return env


def render(report: Report, fmt: str = "text", lang: str = "vi", colour: bool = False) -> str:
    if fmt == "json":
        from .report_json import render_json
        return render_json(report)
    template = environment(lang, colour and fmt == "text", html=fmt == "html").get_template(FORMATS[fmt])
    return template.render(report=report, sections=sections(report), counts=report.counts())
