"""A plan skeleton a province fills in: ``ctxh-check draft --province … --period …``.
May import: rules, inputs, model, core (not reports, extract, cli or web).

    from ctxh_compliance.draft import write_draft
    data = write_draft("Lào Cai", 2026, 2030, fmt="docx")   # bytes of a Word file

The skeleton is built from the ruleset's data only (``model.py``) and written as Word (``docx.py``),
Markdown (``markdown.py``) or a plan file (``plan_file.py``).
"""

from .model import KINDS, Outline, build

FORMATS = ("docx", "md", "yaml")

__all__ = ["FORMATS", "KINDS", "Outline", "build", "write_draft"]


def write_draft(province: str, start: int, end: int, kind: str | None = None, ruleset: str | None = None,
                fmt: str = "docx") -> bytes:
    """The skeleton of a plan of ``province`` for ``start``-``end`` in ``fmt`` (docx, md or yaml).
    Raises ``InputError`` for a period outside every programme, an old or unknown province, a kind
    that does not fit the period, or a missing python-docx."""
    outline = build(province, start, end, kind, ruleset)
    if fmt == "docx":
        from .docx import render
    elif fmt == "md":
        from .markdown import render
    elif fmt == "yaml":
        from .plan_file import render
    else:
        raise ValueError(fmt)
    return render(outline)
