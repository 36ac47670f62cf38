"""One check, as the web page or the API asks for it. It runs in a worker process (see worker.py):
the upload is written to a folder the server made for this request and removed when it ends;
nothing here logs or keeps plan content."""

import base64
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.errors import InputError
from ..core.regex import compile_once
from ..model.findings import Report

#: the file name a plan is written under in the request's folder (never the name the browser sent)
STORED_NAME = "plan"
#: report sentences that name a command-line option, said the page's way on the page (downloads keep the CLI's)
WEB_WORDING = {"report.extracted": "web.report_extracted"}
_STYLE_ELEMENT = compile_once(r"<style>(.*?)</style>", re.S)
_STYLE_ATTRIBUTE = compile_once(r' style="([^"]*)"')


def _label(dotted: str, lang: str) -> str:
    """A value's place in the plan in words: "Chỉ tiêu 1 — năm" for ``targets[0].year``."""
    from ..core.i18n import catalogue, translate
    from ..extract.document import _path
    words = ""
    for step in _path(dotted):
        if isinstance(step, int):
            words += f" {step + 1}"
            continue
        key = f"web.{'part' if not words else 'field'}.{step}"
        name = translate(key, lang) if key in catalogue() else step
        words = f"{words} — {name}" if words else name
    return words


@dataclass
class Read:
    """What was read from the document, laid out as a reviewer reads a plan: the identification, a table of
    targets, the task groups with their bodies, the budget; each with its sentence and place, the guessed
    ones marked with why. No field names: every label is a word of the catalogue."""

    identification: list[dict]
    targets: list[dict]
    groups: list[dict]
    budget: list[dict]
    missing: list[str]
    count: int


def _money(amount: Any, lang: str) -> str:
    from ..core.text import format_number
    return f"{format_number(amount, lang)} {'đồng' if lang == 'vi' else 'VND'}" if isinstance(amount, (int, float)) else ""


def _place(extraction, *paths: str) -> dict:
    """The place, sentence and sureness of a value: the first of ``paths`` that has evidence; the value is
    marked guessed (with why) when any of them was guessed."""
    found = [extraction.evidence[p] for p in paths if p in extraction.evidence]
    guessed = [f for f in found if f.confidence == "low"]
    first = found[0] if found else None
    return {"where": first.where if first else "", "sentence": first.para.text if first and first.para is not None else "",
            "low": bool(guessed), "why": "; ".join(f.why for f in guessed if f.why)}


def read_view(extraction, ruleset_id: str | None, lang: str) -> Read:
    from ..core.errors import FieldPath
    from ..core.i18n import quantity, translate
    data = extraction.data
    names: dict[str, str] = {}
    if ruleset_id:
        from ..rules.ruleset_loader import load_ruleset
        try:
            names = {key: getattr(ind.name, lang) for key, ind in load_ruleset(ruleset_id).indicators.items()}
        except Exception:  # the names are a help to read; without them the table still shows every value
            names = {}
    identification = []
    for key in ("title", "number", "date", "date_text", "province", "issuer", "kind"):
        value = (data.get("identification") or {}).get(key)
        if value in (None, ""):
            continue
        shown = translate(f"kind.{value}", lang) if key == "kind" else str(value)
        identification.append({"label": translate(f"web.field.{key}", lang), "value": shown,
                               **_place(extraction, f"identification.{key}")})
    targets = []
    for i, target in enumerate(data.get("targets") or []):
        indicator = target.get("indicator", "")
        value = quantity(target["value"], target.get("unit", ""), lang, target.get("relative_to"), target.get("comparison")) \
            if isinstance(target.get("value"), (int, float)) else ""
        targets.append({"indicator": names.get(indicator) or indicator, "year": target.get("year", ""), "value": value,
                        "population": ", ".join(target.get("population") or []),
                        **_place(extraction, f"targets[{i}]", f"targets[{i}].year", f"targets[{i}].population")})
    groups = []
    for i, group in enumerate(data.get("task_groups") or []):
        groups.append({"heading": group.get("heading", ""), "lead": "; ".join(group.get("lead") or []),
                       "partners": "; ".join(group.get("partners") or []),
                       "budget": _money((group.get("budget_per_year") or {}).get("amount"), lang),
                       **_place(extraction, f"task_groups[{i}]", f"task_groups[{i}].lead", f"task_groups[{i}].partners")})
    budget = []
    money = data.get("budget") or {}
    for key in ("total", "per_year"):
        if isinstance(money.get(key), dict):
            budget.append({"label": translate(f"web.budget_{key}", lang), "value": _money(money[key].get("amount"), lang),
                           **_place(extraction, f"budget.{key}")})
    for i, source in enumerate(money.get("sources") or []):
        budget.append({"label": translate("web.budget_source", lang), "value": source.get("name", ""),
                       **_place(extraction, f"budget.sources[{i}]")})
    from ..extract.document import _path
    missing = [FieldPath(_path(m)).show(lang) for m in extraction.missing]
    return Read(identification, targets, groups, budget, missing, len(extraction.evidence))


def _data_uri(text: str, mime: str) -> str:
    return f"data:{mime};charset=utf-8;base64," + base64.b64encode(text.encode("utf-8")).decode("ascii")


_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def annotated(report: Report, extraction, path: Path, lang: str) -> str:
    """The user's .docx with the review as Word comments (the findings to act on), as a data URI."""
    from ..extract.document import places
    from ..reports.annotate import annotate
    from ..reports.report import PROBLEMS
    from ..rules.ruleset_loader import available_rulesets, fingerprint
    chosen = [f for f in report.findings if f.verdict in PROBLEMS and f.waiver is None]
    stamp = fingerprint(report.ruleset) if report.ruleset in available_rulesets() else "-"
    data, _ = annotate(report, path, chosen, places(report, extraction), lang, stamp)
    return f"data:{_DOCX};base64," + base64.b64encode(data).decode("ascii")


def style_sources(page: str) -> list[str]:
    """The CSP sources that allow exactly the styles of ``page`` (its style element and attributes):
    plan text is escaped, so neither can come from a plan."""
    sources = set()
    for pattern in (_STYLE_ELEMENT, _STYLE_ATTRIBUTE):
        for found in pattern.findall(page):
            sources.add("'sha256-" + base64.b64encode(hashlib.sha256(found.encode("utf-8")).digest()).decode() + "'")
    return sorted(sources)


def _check(path: Path, job: dict) -> tuple[Report, Any, str]:
    """The report of the plan at ``path``, its extraction (documents) and its plan file text."""
    from ..rules.checker import check
    from ..rules.ruleset_loader import load_ruleset, select_ruleset
    name = job["name"]
    extraction = None
    if job["suffix"] == ".yaml":
        from ..inputs.plan_loader import load_plan
        loaded = load_plan(path, name)
        plan_text = path.read_bytes().decode("utf-8", "replace")  # within the plan size limit: load_plan read it
    else:
        from ..extract.document import load_extraction
        # read by the worker's reader (sandbox.keep_readers) under the reader's limits, without OCR
        loaded, summary, extraction = load_extraction(path, name, in_process=True)
        plan_text = extraction.to_yaml()
    if job.get("ruleset"):
        rs, selected_by = load_ruleset(job["ruleset"]), None
    else:
        rs, selected_by = select_ruleset(loaded)
    as_of = dt.date.fromisoformat(job["as_of"]) if job.get("as_of") else None
    report = check(loaded, rs, selected_by, as_of, "web")
    if extraction is not None:
        report = report.model_copy(update={"extraction": summary})
    return report, extraction, plan_text


def _page(report: Report, extraction, plan_text: str, job: dict, path: Path) -> dict:
    from ..reports.report import document, environment, render
    from ..reports.report_json import render_json
    from ..rules.ruleset_loader import available_rulesets
    from .uploads import ascii_name
    lang = job["lang"]
    stem = ascii_name(job["name"].rsplit(".", 1)[0])
    downloads = [
        ("web.download_html", _data_uri(render(report, "html", lang), "text/html"), f"{stem}.bao-cao.html"),
        ("web.download_json", _data_uri(render_json(report), "application/json"), f"{stem}.bao-cao.json"),
        ("web.download_md", _data_uri(render(report, "markdown", lang), "text/markdown"), f"{stem}.bao-cao.md"),
        ("web.download_plan", _data_uri(plan_text, "application/yaml"), f"{stem}.yaml"),
    ]
    if job["suffix"] == ".docx" and extraction is not None:  # the review in the user's own Word file
        downloads.insert(0, ("web.download_annotated", annotated(report, extraction, path, lang), f"{stem}.gop-y.docx"))
    from ..core.i18n import translate

    def t(key: str, **params) -> str:
        return translate(WEB_WORDING.get(key, key), lang, **params)

    missing = list(extraction.missing) if extraction is not None else []
    assumed = list((extraction.data.get("source") or {}).get("assumed") or []) if extraction is not None else []
    template = environment(lang, False, html=True).get_template("web/result.html.j2")
    read = read_view(extraction, report.ruleset, lang) if extraction is not None else None
    other = "en" if lang == "vi" else "vi"
    page = template.render(t=t, report=report, doc=document(report, lang), counts=report.counts(), everything=False,
                           downloads=downloads, read=read, missing=missing, other=other, suffix=job["suffix"],
                           original=base64.b64encode(path.read_bytes()).decode("ascii") if job.get("switchable") else "",
                           assumed=[_label(a, lang) for a in assumed],
                           plan_text=plan_text, name=job["name"], rulesets=available_rulesets(),
                           chosen=job.get("ruleset") or "", as_of=job.get("as_of") or "")
    return {"status": "ok", "overall": report.overall.value, "page": page, "styles": style_sources(page)}


def run(job: dict) -> dict:
    """Check the upload in ``job`` (its bytes, suffix, shown name, options, the request's folder);
    the answer is plain data: the page or the JSON report, or the problems in the user's language."""
    if job.get("path"):  # the upload as the server wrote it in the request's folder
        path = Path(job["path"])
    else:  # a corrected plan: its text
        path = Path(job["folder"]) / (STORED_NAME + job["suffix"])
        path.write_bytes(job["data"])
    try:
        report, extraction, plan_text = _check(path, job)
        if job["want"] == "json":
            from ..reports.report_json import render_json
            return {"status": "ok", "overall": report.overall.value, "json": render_json(report)}
        return _page(report, extraction, plan_text, job, path)
    except InputError as exc:
        # a message names the shown name, never the server's folder
        return {"status": "input", "problems": [p.render(job["lang"]).replace(str(path), job["name"])
                                                for p in exc.problems]}
    finally:
        path.unlink(missing_ok=True)
