"""Extractor: read a provincial plan (.txt, .docx, .pdf) and write a plan file with evidence.
May import: rules, inputs, model, core (not reports, draft, cli or web).

    from ctxh_compliance.extract import extract
    result = extract("plan.txt")
    result.plan          # a validated Plan, or None (see result.errors and result.missing)
    result.to_yaml()     # the plan file, one comment per value: where it was read, how sure

Nothing is invented: a value that is not in the text is listed in ``result.missing``.
"""

__all__ = ["Extraction", "extract", "extract_paras", "extract_text"]


def __getattr__(name: str):
    """The pipeline is imported on first use: a document's reader process imports this package's
    readers (``sandbox``, ``reader``, ``word``, ``pdf``) and nothing of the plan model."""
    if name in __all__:
        from . import pipeline
        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
