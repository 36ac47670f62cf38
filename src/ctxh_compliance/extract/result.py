"""The extraction result: plan data validated against the plan model, what is missing, and a YAML writer
with one comment per value (where it was read, how sure)."""

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from ..core.i18n import translate
from ..model.plan import Plan
from .record import Provenance


@dataclass
class Extraction:
    data: dict[str, Any]
    missing: list[str]
    evidence: dict[str, Provenance]
    remarks: dict[str, str] = field(default_factory=dict)
    ruleset: str | None = None
    ruleset_confidence: str | None = None   # high: a cited decision; medium: the programme named; low: the period
    errors: list[str] = field(default_factory=list)
    plan: Plan | None = None
    revisions: int = 0   # tracked changes left unaccepted in a Word document (read as if accepted)
    part_headings: dict[str, str] = field(default_factory=dict)  # part (targets, tasks…) -> its first heading
    own_report: str | None = None  # where the title of one of the checker's own reports is: not a plan

    @property
    def valid(self) -> bool:
        return self.plan is not None

    def confidence(self, path: str) -> str | None:
        ev = self.evidence.get(path)
        return ev.confidence if ev else None

    def to_yaml(self) -> str:
        return dump_with_comments(self)


def assume(extraction: Extraction) -> None:
    """A document that does not say what it is (an opening page, a decision whose plan is its annex,
    a text cut short) is still checked when it cites a decision or names its programme: the period
    is that programme's, the kind "programme", and a missing title or province a placeholder; each
    is listed in ``source.assumed`` and a rule of kind ``stated`` says so. Nothing is assumed for a
    document that points to no programme: that is not a plan."""
    if extraction.ruleset is None or extraction.ruleset_confidence not in ("high", "medium"):
        return
    from ..rules.ruleset_loader import programme_period
    data, assumed = extraction.data, []
    ident = data.setdefault("identification", {})
    if "period" not in data:
        start, end = programme_period(extraction.ruleset)
        data["period"] = {"start": start, "end": end}
        assumed.append("period")
    if "kind" not in ident:
        period = data["period"]
        ident["kind"] = "annual" if period["start"] == period["end"] else "programme" if "period" in assumed or \
            period["end"] - period["start"] >= 9 else "phase"
        assumed.append("identification.kind")
    for name, key in (("title", "extract.title_unread"), ("province", "extract.province_unread")):
        if not ident.get(name):
            ident[name] = translate(key, "vi")
            assumed.append(f"identification.{name}")
    if assumed:
        order = ("number", "title", "issuer", "province", "date", "date_text", "signer", "kind", "quote")
        data["identification"] = {k: ident[k] for k in order if k in ident}
        data["source"]["assumed"] = assumed + [a for a in data["source"].get("assumed", []) if a not in assumed]
        extraction.missing = [m for m in extraction.missing if m not in assumed]


def validate(extraction: Extraction) -> Extraction:
    try:
        extraction.plan = Plan.model_validate(extraction.data)
    except ValidationError as exc:
        extraction.plan = None
        from ..inputs.plan_loader import error_message
        extraction.errors = [error_message(e) for e in exc.errors()]
    return extraction


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _comment(ev: Provenance | None) -> str:
    if ev is None:
        return ""
    text = f"  # {ev.where}, {ev.confidence}"
    return text + (f" ({ev.why})" if ev.why else "")


def _emit(value: Any, path: str, indent: int, lines: list[str], evidence: dict[str, Provenance]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            sub = f"{path}.{key}" if path else key
            ev = evidence.get(sub)
            if isinstance(item, dict) and item:
                lines.append(f"{pad}{key}:{_comment(ev)}")
                _emit(item, sub, indent + 2, lines, evidence)
            elif isinstance(item, list) and item:
                lines.append(f"{pad}{key}:{_comment(ev)}")
                _emit(item, sub, indent + 2, lines, evidence)
            elif isinstance(item, list):
                lines.append(f"{pad}{key}: []{_comment(ev)}")
            else:
                lines.append(f"{pad}{key}: {_scalar(item)}{_comment(ev)}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            sub = f"{path}[{i}]"
            if isinstance(item, dict):
                ev = evidence.get(sub)
                if ev:
                    lines.append(f"{pad}{_comment(ev).strip()}")
                inner: list[str] = []
                _emit(item, sub, indent + 2, inner, evidence)
                if inner:
                    inner[0] = pad + "- " + inner[0][indent + 2:]
                lines.extend(inner)
            else:
                lines.append(f"{pad}- {_scalar(item)}")


def dump_with_comments(extraction: Extraction) -> str:
    lines = [f"# {line}" for line in translate("extract.yaml_header", "vi").splitlines()]
    if extraction.ruleset:
        lines.append("# " + translate("extract.yaml_ruleset", "vi", ruleset=extraction.ruleset))
    lines += ["# " + translate("extract.yaml_missing", "vi", item=item) for item in extraction.missing]
    lines += [f"# {path}: {remark}" for path, remark in extraction.remarks.items()]
    lines += ["# " + translate("extract.yaml_invalid", "vi", error=error) for error in extraction.errors]
    _emit(extraction.data, "", 0, lines, extraction.evidence)
    return "\n".join(lines) + "\n"
