"""Turn what an engine rule concluded (an Outcome) into a Finding with its message."""

from typing import Any

from .compiler import Outcome
from .findings import Evidence, Finding, Localized, Requirement, Verdict
from .i18n import LANGUAGES, translate
from .facts import FACT_LIST_SEPARATOR
from .ruleset_model import MinTarget, NationalTarget, OldProvince, Ruleset, StaleBody
from .text import fold_item, fold_place, format_number


number = format_number


def quantity(value: float, unit: str, lang: str, baseline: int | None = None, comparison: str | None = None) -> str:
    """``60%``, ``mức tăng 20% so với năm 2020``; "khoảng"/"tối đa" shown, "ít nhất" implied."""
    base = translate("unit.base_year", lang, year=baseline) if baseline else translate("unit.no_base", lang)
    text = translate(f"unit.{unit}", lang, n=number(value, lang), base=base)
    if comparison in ("about", "at_most"):
        text = f"{translate(f'comparison.{comparison}', lang)} {text}"
    return text


def requirement_text(rule, lang: str) -> str:
    if isinstance(rule, MinTarget):
        if rule.value is None:
            return translate("requirement.not_read", lang)
        return f"{translate('comparison.at_least', lang)} {quantity(rule.value, rule.unit, lang, rule.baseline_year)}"
    if isinstance(rule, NationalTarget):
        label = getattr(rule.unit_label, lang)
        return f"{number(rule.value, lang)} {label}" if rule.value is not None else label
    return translate(f"requirement.{rule.kind}", lang)


def _segments(item: str, known: set[str]) -> list[str] | None:
    """Split an item into known items when a comma is missing ("phường thị trấn"), or None."""
    words = item.split(" ")
    for cut in range(1, len(words)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if head in known:
            rest = [tail] if tail in known else _segments(tail, known)
            if rest is not None:
                return [head, *rest]
    return None


def _population_gap(rule: MinTarget, population: str) -> tuple[list[str], list[str]]:
    """Groups of the decision that no item of the plan names, and the plan's items that
    name no group of the decision (compared item by item, spelling variants accepted)."""
    groups = [{fold_item(v) for v in variants} for variants in rule.population]
    known = set().union(*groups)
    named: set[str] = set()
    extra: list[str] = []
    for item in population.split(FACT_LIST_SEPARATOR):
        folded = fold_item(item)
        if not folded:
            continue
        parts = [folded] if folded in known else _segments(folded, known)
        if parts is None:
            extra.append(item.strip())
        else:
            named.update(parts)
    missing = [variants[0] for variants, folded in zip(rule.population, groups) if not folded & named]
    return missing, extra


_STATIC: dict[tuple[int, int, str], dict[str, Any]] = {}


def _rule_params(rule, rs: Ruleset, lang: str) -> dict[str, Any]:
    """Message parameters that depend on the rule only: computed once per process."""
    key = (id(rule), id(rs), lang)
    if key in _STATIC:
        return _STATIC[key]
    params: dict[str, Any] = {
        "national": requirement_text(rule, lang),
        "year": getattr(rule, "year", None) or translate("year.whole_programme", lang),
        "decision": rs.decision.number,
    }
    if isinstance(rule, MinTarget):
        indicator = rs.indicators[rule.indicator].name
        params["indicator"] = getattr(indicator, lang)
        params["base"] = rule.baseline_year or ""
        params["settle_with"] = (getattr(rule.settle_with, lang) if rule.settle_with
                                 else translate("settle.default", lang))
        params["mirrors"] = "; ".join(f"{mv.province}: {number(mv.value, lang)}" for mv in rule.mirror_values) \
            or translate("mirrors.none", lang)
    if isinstance(rule, (StaleBody, OldProvince)):
        params["effective"] = rule.effective.strftime("%d/%m/%Y")
    if isinstance(rule, StaleBody):
        params["successor"] = getattr(rule.successor, lang)
    d = rs.decision_file
    params.update(decision_date=rs.decision.date.strftime("%d/%m/%Y"), programme=f"{d.programme_start}-{d.programme_end}",
                  right_number=d.detect.decisions[0].number)
    _STATIC[key] = params
    return params


def _params(outcome: Outcome, rs: Ruleset, lang: str) -> dict[str, Any]:
    rule, plan, element = outcome.rule, outcome.plan or {}, outcome.element or {}
    params = dict(_rule_params(rule, rs, lang))
    params.update(start=plan.get("start"), end=plan.get("end"), source_note=plan.get("source_note") or "")
    if element.get("type") == "target":
        params["plan_value"] = quantity(element["value"], element["unit"], lang, element.get("relative_to") or None,
                                        element["comparison"])
        params["plan_year"] = element["year"]
        params["plan_base"] = element.get("relative_to") or translate("unit.no_base", lang)
    if element.get("type") == "task":
        params["heading"] = element["heading"]
        params["lead"] = element.get("lead") or ""
    params["shown"] = element.get("shown") or plan.get("province", "")
    if element.get("type") == "body":
        params["role"] = translate(f"role.{element['role']}", lang)
    if element.get("type") in ("sum", "words"):
        params.update({k: v for k, v in element.items() if isinstance(v, str)})
    if element.get("type") == "basis":
        params["date_text"] = element.get("date_text") or ""
    params["as_of_text"] = plan.get("as_of_text", "")
    params["as_of_source"] = translate(f"as_of.{plan.get('as_of_source', 'today')}", lang) if plan else ""
    params["dated_text"] = plan.get("dated_text", "")
    if isinstance(rule, OldProvince) and element.get("type") == "place":
        merge = next(mg for mg in rule.merges for name in mg.formed_from if fold_place(name) == element["name"])
        params["new"] = merge.new
        params["formed_from"] = " + ".join(merge.formed_from)
    return params


def _evidence_text(element: dict[str, Any], lang: str) -> str:
    kind = element["type"]
    if kind == "target":
        value = quantity(element["value"], element["unit"], lang, element.get("relative_to") or None,
                         element["comparison"])
        return f"{value} ({element['year']})"
    if kind == "task":
        lead = f" — {translate('role.lead', lang)}: {element['lead']}" if element.get("lead") else ""
        return element["heading"] + lead
    if kind in ("body", "place", "basis", "share"):
        return element["shown"] + (f" ({element['date_text']})" if element.get("date_text") else "")
    if kind == "sum":
        return translate("evidence.sum", lang, expression=element["expression"], stated=element["stated_text"])
    if kind == "words":
        return f"{element['figure_text']} — “{element['words']}”"
    return element.get("path", "")


def _evidence(outcome: Outcome) -> list[Evidence]:
    element = outcome.element
    if not element:
        return []
    text = Localized(**{lang: _evidence_text(element, lang) for lang in LANGUAGES})
    return [Evidence(text=text, quote=element.get("quote") or None, location=element.get("loc", ""))]


def _message(key: str, outcome: Outcome, rs: Ruleset, extra: dict[str, Any] | None = None) -> Localized:
    texts = {}
    for lang in LANGUAGES:
        params = _params(outcome, rs, lang)
        params.update(extra or {})
        text = translate(key, lang, **params)
        if outcome.capped:
            text += " " + translate("grade.c_cap", lang)
        elif rule_grade_c_comparison(outcome):
            text += " " + translate("grade.c_unverified", lang)
        texts[lang] = text
    return Localized(**texts)


def rule_grade_c_comparison(outcome: Outcome) -> bool:
    """A grade-C rule that compared a value: its "pass" rests on an unverified national value."""
    return outcome.rule.grade == "C" and outcome.name in ("target.meets", "target.raised")


def _finding(outcome: Outcome, rs: Ruleset, verdict: Verdict, message: Localized, aspect: str = "value") -> Finding:
    rule = outcome.rule
    return Finding(
        rule_id=rule.id, aspect=aspect, section=rule.section, title=Localized(vi=rule.title.vi, en=rule.title.en),
        verdict=verdict, grade=rule.grade, grade_note=rule.grade_note, severity=rule.severity,
        requirement=Requirement(
            text=Localized(vi=requirement_text(rule, "vi"), en=requirement_text(rule, "en")),
            year=getattr(rule, "year", None), citation=rule.citation, quote=rule.quote,
            decision=rule.instrument or rs.decision.number),
        evidence=_evidence(outcome), message=message)


def build(outcome: Outcome, rs: Ruleset) -> Finding | None:
    """The finding for one outcome; ``None`` when there is nothing to report."""
    if outcome.name == "population.compare":
        missing, extra = _population_gap(outcome.rule, outcome.element["population"])
        if not missing and not extra:
            return None
        none_vi, none_en = translate("population.nothing", "vi"), translate("population.nothing", "en")
        message = Localized(
            vi=translate("population.differs", "vi", missing="; ".join(missing) or none_vi,
                         extra="; ".join(extra) or none_vi),
            en=translate("population.differs", "en", missing="; ".join(missing) or none_en,
                         extra="; ".join(extra) or none_en))
        return _finding(outcome, rs, outcome.verdict, message, aspect="population")
    key = outcome.name
    element = outcome.element or {}
    rule = outcome.rule
    if key == "target.meets" and isinstance(rule, MinTarget) and element.get("value", 0) > (rule.value or 0):
        key = "target.raised"
    return _finding(outcome, rs, outcome.verdict, _message(key, outcome, rs))


def merge(findings: list[Finding]) -> list[Finding]:
    """One finding per (rule, aspect): the worst verdict, with every piece of evidence."""
    merged: dict[tuple[str, str], Finding] = {}
    for finding in findings:
        key = (finding.rule_id, finding.aspect)
        if key not in merged:
            merged[key] = finding
            continue
        kept, other = merged[key], finding
        if other.verdict.rank < kept.verdict.rank:
            kept, other = other, kept
        evidence = list(kept.evidence)
        for item in other.evidence:
            if item not in evidence:
                evidence.append(item)
        merged[key] = kept.model_copy(update={"evidence": evidence})
    return list(merged.values())
