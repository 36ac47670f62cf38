"""Turn a plan into the facts the rules engine reasons about.

Facts describe the plan only; they know nothing of any decision. Every fact has a
``type``, an index ``n`` (two identical targets stay two facts) and, where it has one,
the location and quote of the value in the plan file. The ``plan`` fact is asserted
last: rules that look for something *absent* (``none(...)``) are evaluated when it
arrives, after every element of the plan is already known to the engine.
"""

from typing import Any

from .plan_loader import LoadedPlan
from .ruleset_model import PART_PATHS

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


def plan_facts(loaded: LoadedPlan) -> list[dict[str, Any]]:
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
    dumped = plan.model_dump(mode="json")
    for n, path in enumerate(PART_PATHS):
        if _non_empty(_at(dumped, path)):
            facts.append({"type": "part", "n": n, "path": path,
                          "loc": loaded.location(*path.split("."))})
    facts.append({
        "type": "plan", "n": 0, "start": plan.period.start, "end": plan.period.end,
        "kind": plan.identification.kind, "complete": plan.complete,
        "source_note": (plan.source.note or plan.source.document) if plan.source else "",
    })
    return facts
