"""Turn a plan into the facts the rules engine reasons about.

Facts describe the plan only; they know nothing of any decision. Every fact has a
``type``, an index ``n`` (two identical targets stay two facts) and, where it has one,
the location and quote of the value in the plan file. The ``plan`` fact is asserted
last: rules that look for something *absent* (``none(...)``) are evaluated when it
arrives, after every element of the plan is already known to the engine.
"""

import datetime as dt
import re
from typing import Any

from .clock import today
from .plan_loader import LoadedPlan
from .plan_model import Plan
from .ruleset_model import PART_PATHS
from .text import fold, fold_number, fold_place, format_number
from .vn_numbers import parse_words

#: how a list of strings (a target's population) travels inside one engine fact
FACT_LIST_SEPARATOR = " | "


def _non_empty(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, (list, dict, str)):
        return bool(value)
    return True


def _at(data: dict, dotted: str) -> Any:
    current: Any = data
    for part in dotted.split("."):
        if not isinstance(current, dict):
            return None
        current = current.get(part)
    return current


def day(value: dt.date | None) -> int:
    """A date as the integer YYYYMMDD the engine compares (0 when unknown)."""
    return value.year * 10000 + value.month * 100 + value.day if value else 0


def approximate_date(text: str | None) -> dt.date | None:
    """A date read from a partly filled date line: "ngày   tháng 4 năm 2022" -> 2022-04-01,
    "06-02-2017" -> 2017-02-06; None when no year is written."""
    if not text:
        return None
    full = re.search(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", text)
    if full:
        try:
            return dt.date(int(full.group(3)), int(full.group(2)), int(full.group(1)))
        except ValueError:
            return None
    year = re.search(r"năm\s+(\d{4})", text)
    if not year:
        return None
    month = re.search(r"tháng\s+(\d{1,2})", text)
    number = int(month.group(1)) if month and 1 <= int(month.group(1)) <= 12 else 1
    return dt.date(int(year.group(1)), number, 1)


def _bodies(loaded: LoadedPlan) -> list[dict[str, Any]]:
    """Every body the plan names, with its role and where it is written."""
    plan = loaded.plan
    named: list[tuple[str, str, tuple]] = []
    if plan.identification.issuer:
        named.append(("issuer", plan.identification.issuer, ("identification", "issuer")))
    for i, group in enumerate(plan.task_groups):
        named += [("lead", name, ("task_groups", i, "lead", j)) for j, name in enumerate(group.lead)]
        named += [("partner", name, ("task_groups", i, "partners", j)) for j, name in enumerate(group.partners)]
    named += [("assignment", a.body, ("organisation", i, "body")) for i, a in enumerate(plan.organisation)]
    if plan.monitoring:
        for i, report in enumerate(plan.monitoring.reporting):
            named += [("report_by", name, ("monitoring", "reporting", i, "by", j)) for j, name in enumerate(report.by)]
            named += [("report_to", name, ("monitoring", "reporting", i, "to", j)) for j, name in enumerate(report.to)]
    return [{"type": "body", "n": n, "role": role, "name": fold(name), "shown": name, "loc": loaded.location(*path)}
            for n, (role, name, path) in enumerate(named)]


def _vnd(amount: float) -> str:
    return format_number(amount, "vi")


def _sums(loaded: LoadedPlan) -> list[dict[str, Any]]:
    """Budget arithmetic the plan states enough figures for: parts against the stated whole."""
    plan: Plan = loaded.plan
    budget = plan.budget
    sums = []
    if budget is None:
        return sums

    def add(name: str, parts: list[int], stated: int, path: tuple, factor: int = 1) -> None:
        computed = sum(parts) * factor
        expression = " + ".join(_vnd(p) for p in parts) if factor == 1 else f"{_vnd(parts[0])} × {factor}"
        sums.append({"type": "sum", "n": len(sums), "sum": name, "computed": computed, "stated": stated,
                     "difference": computed - stated, "expression": f"{expression} = {_vnd(computed)}",
                     "stated_text": _vnd(stated), "loc": loaded.location(*path)})

    amounts = [source.amount for source in budget.sources]
    if budget.total and amounts and all(a is not None for a in amounts):
        add("sources_to_total", amounts, budget.total.amount, ("budget", "total"))
    per_task = [g.budget_per_year.amount for g in plan.task_groups if g.budget_per_year]
    if budget.per_year and per_task:
        add("tasks_to_per_year", per_task, budget.per_year.amount, ("budget", "per_year"))
    if budget.per_year and budget.total:
        span = budget.period or plan.period
        add("per_year_to_total", [budget.per_year.amount], budget.total.amount, ("budget", "total"),
            factor=span.end - span.start + 1)
    return sums


def _counts(loaded: LoadedPlan) -> list[dict[str, Any]]:
    """Sub-counts against their whole, and shares out of a count."""
    facts = []
    for n, target in enumerate(loaded.plan.targets):
        if target.breakdown:
            parts = [int(p.value) if float(p.value).is_integer() else p.value for p in target.breakdown]
            whole = int(target.value) if float(target.value).is_integer() else target.value
            facts.append({"type": "sum", "n": 100 + n, "sum": "breakdown_to_value", "computed": sum(parts),
                          "stated": whole, "difference": sum(parts) - whole,
                          "expression": " + ".join(f"{_vnd(p)} ({b.label})" for p, b in zip(parts, target.breakdown))
                          + f" = {_vnd(sum(parts))}", "stated_text": _vnd(whole),
                          "loc": loaded.location("targets", n, "breakdown")})
    for n, share in enumerate(loaded.plan.situation):
        facts.append({"type": "share", "n": n, "possible": share.numerator <= share.denominator,
                      "shown": f"{share.numerator}/{share.denominator} {share.text}",
                      "quote": share.quote or "", "loc": loaded.location("situation", n)})
    return facts


def _words(loaded: LoadedPlan) -> list[dict[str, Any]]:
    """Amounts written both in figures and in words."""
    plan = loaded.plan
    found: list[tuple[int, str, tuple]] = []
    if plan.budget:
        for key in ("total", "per_year"):
            amount = getattr(plan.budget, key)
            if amount and amount.words:
                found.append((amount.amount, amount.words, ("budget", key)))
        for i, source in enumerate(plan.budget.sources):
            if source.words and source.amount is not None:
                found.append((source.amount, source.words, ("budget", "sources", i)))
    facts = []
    for n, (figure, words, path) in enumerate(found):
        parsed = parse_words(words)
        facts.append({"type": "words", "n": n, "figure": figure, "figure_text": _vnd(figure), "words": words,
                      "readable": parsed is not None, "difference": (parsed or 0) - figure,
                      "parsed_text": _vnd(parsed) if parsed is not None else "", "loc": loaded.location(*path)})
    return facts


def plan_facts(loaded: LoadedPlan, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """Facts of one plan. ``as_of``: the date the plan is judged at (default: its own date,
    or today for an undated draft)."""
    plan = loaded.plan
    facts: list[dict[str, Any]] = []
    for n, target in enumerate(plan.targets):
        facts.append({
            "type": "target", "n": n, "indicator": target.indicator, "year": target.year,
            "value": target.value, "unit": target.unit, "comparison": target.comparison,
            "relative_to": target.relative_to or 0, "population": FACT_LIST_SEPARATOR.join(target.population),
            "quote": target.quote or "", "loc": loaded.location("targets", n),
        })
    n = 0
    for index, group in enumerate(plan.task_groups):
        for covered in group.covers:
            facts.append({
                "type": "task", "n": n, "group": covered, "has_lead": bool(group.lead),
                "heading": group.heading, "lead": "; ".join(group.lead),
                "quote": group.quote or "", "loc": loaded.location("task_groups", index),
            })
            n += 1
    facts += _bodies(loaded) + _sums(loaded) + _counts(loaded) + _words(loaded)
    facts.append({"type": "place", "n": 0, "name": fold_place(plan.identification.province),
                  "shown": plan.identification.province, "loc": loaded.location("identification", "province")})
    for n, basis in enumerate(plan.legal_bases):
        facts.append({"type": "basis", "n": n, "number": fold_number(basis.number), "shown": basis.number,
                      "date": day(basis.date), "date_text": basis.date.strftime("%d/%m/%Y") if basis.date else "",
                      "loc": loaded.location("legal_bases", n)})
    dumped = plan.model_dump(mode="json")
    for n, path in enumerate(PART_PATHS):
        if _non_empty(_at(dumped, path)):
            facts.append({"type": "part", "n": n, "path": path,
                          "loc": loaded.location(*path.split("."))})
    dated = plan.identification.date
    approximate = None if dated else approximate_date(plan.identification.date_text)
    judged = as_of or dated or approximate or today()
    facts.append({
        "type": "plan", "n": 0, "start": plan.period.start, "end": plan.period.end,
        "kind": plan.identification.kind, "complete": plan.complete,
        "source_note": (plan.source.note or plan.source.document) if plan.source else "",
        "dated": day(dated), "dated_text": dated.strftime("%d/%m/%Y") if dated else "",
        "issued_year": dated.year if dated else 0,
        "as_of": day(judged), "as_of_text": judged.strftime("%d/%m/%Y"),
        "as_of_source": "option" if as_of else ("plan" if dated else ("plan_text" if approximate else "today")),
        "province": plan.identification.province,
    })
    return facts
