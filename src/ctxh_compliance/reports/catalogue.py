"""The rule catalogue: list and explain rules. Every word about a rule comes from its ruleset data;
the generic sentences per rule kind come from the message catalogue."""

from ..core.errors import InputError, Problem
from ..core.i18n import translate
from ..rules.kinds import Rule, module_for
from ..rules.outcomes import requirement_text
from ..rules.ruleset_loader import available_rulesets, load_ruleset
from ..rules.ruleset_model import Ruleset
from .report import environment


def example(rule: Rule, rs: Ruleset) -> str:
    """A plan fragment that passes the rule, when the rule's kind has one."""
    own = getattr(module_for(rule), "example", None)
    return own(rule, rs) if own else ""


def explanation(rule: Rule, rs: Ruleset, lang: str) -> dict:
    params = {"requirement": requirement_text(rule, lang),
              "year": getattr(rule, "year", None) or translate("year.whole_programme", lang),
              "indicator": getattr(rule, "indicator", "") or "", "group": getattr(rule, "group", ""),
              "decision": rule.instrument or rs.decision.number}
    passes = translate(f"explain.{rule.kind}.pass", lang, **params)
    fails = translate(f"explain.{rule.kind}.fail", lang, **params)
    if rule.grade == "C":
        fails += " " + translate("explain.grade_c", lang)
    return {"rule": rule, "passes": passes, "fails": fails, "example": example(rule, rs),
            "requirement": params["requirement"], "decision": params["decision"]}


def find_rule(rule_id: str) -> tuple[Rule, Ruleset]:
    for name in available_rulesets():
        rs = load_ruleset(name)
        for rule in rs.rules:
            if rule.id == rule_id:
                return rule, rs
    raise InputError([Problem("--explain", None, None, "catalogue.unknown_rule", {"rule": rule_id})])


def render_catalogue(rs: Ruleset, lang: str, fmt: str) -> str:
    """``fmt`` "list": one line per rule; "markdown": the catalogue page with every rule explained."""
    template = {"list": "rules.txt.j2", "markdown": "catalogue.md.j2"}[fmt]
    return environment(lang, False).get_template(template).render(
        rs=rs, entries=[explanation(r, rs, lang) for r in rs.rules])


def render_explanation(rule_id: str, lang: str) -> str:
    rule, rs = find_rule(rule_id)
    return environment(lang, False).get_template("explain.txt.j2").render(rs=rs, e=explanation(rule, rs, lang))
