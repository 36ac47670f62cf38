"""The rule kinds: one module per value of ``kind:`` in a ruleset file (see ``base.py`` for what a
kind module holds). This registry is static: a new kind is a new module added here.

From a rule id to its code: the rule's ruleset file gives its ``kind:``; ``kinds/<kind>.py``
holds its model, its engine conditions, the facts it reads and the words of its findings.
May import: rules.facts, inputs, model, core.
"""

from collections.abc import Callable
from typing import Annotated, Union

from pydantic import Field

from . import (
    amount_words,
    cited_before_plan,
    cites_decision,
    cites_superseded,
    min_target,
    national_target,
    old_province,
    required_part,
    share_check,
    stale_body,
    stated,
    sum_check,
    task_group,
    timeline,
)

# The order is the order facts are asserted in (the plan fact comes last, after all of them).
MODULES = (min_target, national_target, task_group, stale_body, sum_check, share_check, amount_words,
           old_province, cites_decision, cites_superseded, cited_before_plan, timeline, required_part, stated)
KINDS = {module.KIND: module for module in MODULES}

Rule = Annotated[Union[tuple(module.Rule for module in MODULES)], Field(discriminator="kind")]  # noqa: UP007 (built from the registry)


def module_for(rule):
    """The module of a rule's kind."""
    return KINDS[rule.kind]


def fact_producers(rs) -> tuple[Callable, ...]:
    """The fact builders the rules of ``rs`` read, each once, in registry order."""
    present = {rule.kind for rule in rs.rules}
    producers: list[Callable] = []
    for module in MODULES:
        if module.KIND in present:
            # a kind whose facts depend on the ruleset's data builds them for it (``facts_for(rs)``)
            own = module.facts_for(rs) if hasattr(module, "facts_for") else module.FACTS
            producers += [p for p in own if p not in producers]
    return tuple(producers)
