"""Kiểm tra kế hoạch công tác xã hội cấp tỉnh theo văn bản quốc gia mà kế hoạch thực hiện.

Library API (the command line is a thin layer over it)::

    from ctxh_compliance import load_plan, load_ruleset, select_ruleset, check

    plan = load_plan("plan.yaml")
    ruleset, cited = select_ruleset(plan)   # the ruleset, and the citation that chose it
    # or: ruleset = load_ruleset("qd112_2021")
    report = check(plan, ruleset, selected_by=cited)
    print(report.overall.value, report.counts())
"""

from .errors import InputError, Problem, RulesetError, CheckerError
from .plan_loader import load_plan
from .ruleset_loader import available_rulesets, load_ruleset, select_ruleset
from .checker import check
from .findings import Finding, Report, Verdict

__all__ = [
    "InputError", "Problem", "RulesetError", "CheckerError",
    "load_plan", "load_ruleset", "select_ruleset", "available_rulesets",
    "check", "Finding", "Report", "Verdict",
]
