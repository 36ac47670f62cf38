"""Kiểm tra kế hoạch công tác xã hội cấp tỉnh theo văn bản quốc gia mà kế hoạch thực hiện.

Library API (the command line is a thin layer over it)::

    from ctxh_compliance import load_plan, load_ruleset, select_ruleset, check

    plan = load_plan("plan.yaml")
    ruleset, cited = select_ruleset(plan)   # the ruleset, and the citation that chose it
    # or: ruleset = load_ruleset("qd112_2021")
    report = check(plan, ruleset, selected_by=cited)
    print(report.overall.value, report.counts())
"""

# The names are imported on first use (PEP 562), so that the command line, which imports
# ``ctxh_compliance.cli.main``, loads only what its run needs.
_EXPORTS = {
    "InputError": "core.errors", "Problem": "core.errors", "RulesetError": "core.errors", "CheckerError": "core.errors",
    "load_plan": "inputs.plan_loader",
    "load_ruleset": "rules.ruleset_loader", "select_ruleset": "rules.ruleset_loader",
    "available_rulesets": "rules.ruleset_loader",
    "check": "rules.checker",
    "Finding": "model.findings", "Report": "model.findings", "Verdict": "model.findings",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'ctxh_compliance' has no attribute {name!r}")
    from importlib import import_module
    value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
