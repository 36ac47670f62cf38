"""Turn what an engine rule concluded (an Outcome) into a Finding with its message.

Nothing here depends on a rule's kind: the kind's module gives its requirement text, its message
parameters and, when one outcome needs more than one message, its own finding.
"""

import re
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

from ..core.i18n import LANGUAGES, translate
from ..model.findings import Evidence, Finding, Requirement, Verdict
from ..model.localized import Localized
from .engine import Outcome
from .kinds import module_for
from .ruleset_model import Ruleset


def requirement_text(rule, lang: str) -> str:
    """What the national decision asks for, in words ("ít nhất 60%")."""
    own = getattr(module_for(rule), "requirement", None)
    return own(rule, lang) if own else translate(f"requirement.{rule.kind}", lang)


_STATIC: dict[tuple[int, int, str], dict[str, Any]] = {}


def _rule_params(rule, rs: Ruleset, lang: str) -> dict[str, Any]:
    """Message parameters that depend on the rule only: computed once per process (the loader keeps
    every ruleset, so the ids stay valid)."""
    key = (id(rule), id(rs), lang)
    if key in _STATIC:
        return _STATIC[key]
    d = rs.decision_file
    params: dict[str, Any] = {
        "national": requirement_text(rule, lang),
        "year": rule.__dict__.get("year") or translate("year.whole_programme", lang),
        "decision": rs.decision.number,
        "title": getattr(rule.title, lang),
        "decision_date": rs.decision.date.strftime("%d/%m/%Y"),
        "programme": f"{d.programme_start}-{d.programme_end}",
    }
    own = getattr(module_for(rule), "params", None)
    if own:
        params.update(own(rule, rs, lang))
    _STATIC[key] = params
    return params


_PLAN: dict[str, tuple[Any, dict[str, Any]]] = {}  # per language: the plan fact last seen and its parameters


def _plan_params(plan, lang: str) -> dict[str, Any]:
    """Message parameters that depend on the plan only: computed once per plan and language (the plan
    fact is kept with them, so a later plan can never be taken for it)."""
    seen = _PLAN.get(lang)
    if seen is not None and seen[0] is plan:
        return seen[1]
    params = {"start": plan.start, "end": plan.end, "source_note": plan.source_note or "", "as_of_text": plan.as_of_text,
              "as_of_source": translate(f"as_of.{plan.as_of_source}", lang), "dated_text": plan.dated_text}
    _PLAN[lang] = (plan, params)
    return params


def _params(outcome: Outcome, rs: Ruleset, lang: str) -> dict[str, Any]:
    plan, element = outcome.plan, outcome.element
    params = dict(_rule_params(outcome.rule, rs, lang))
    params.update(_plan_params(plan, lang))
    params["shown"] = getattr(element, "shown", "") or plan.province
    if element is not None:
        params.update(element.params(lang))
    own = getattr(module_for(outcome.rule), "outcome_params", None)
    if own:
        params.update(own(outcome, lang))
    return params


def _evidence(outcome: Outcome) -> list[Evidence]:
    element = outcome.element
    if element is None:
        return []
    return [Evidence(text=Localized(**{lang: piece.evidence_text(lang) for lang in LANGUAGES}),
                     quote=getattr(piece, "quote", "") or None, location=getattr(piece, "loc", ""))
            for piece in element.pieces()]


def message(key: str, outcome: Outcome, rs: Ruleset) -> Localized:
    """The finding's sentence in every language; a grade-C rule says why its verdict is capped or
    what its pass rests on."""
    rule = outcome.rule
    rests_on_value = outcome.name in getattr(module_for(rule), "RESTS_ON_VALUE", ())
    texts = {}
    for lang in LANGUAGES:
        text = translate(key, lang, **_params(outcome, rs, lang))
        if outcome.guessed is not None:
            params = _params(outcome, rs, lang)
            reading = translate(f"guess.reads_{outcome.guessed.value}", lang, **params)
            guess = translate(f"guess.{outcome.element.guessed}", lang, reading=reading, **params)
            # what was inferred comes first (a one-line summary shows it), then what the plan says, then the guess's
            # own next step: the reading's next step waits for the value to be written
            why, todo = _cut_at_next_step(guess, lang)
            text = " ".join(filter(None, (why, _cut_at_next_step(text, lang)[0], todo)))
        if outcome.undated is not None:
            text += " " + translate("guess.undated", lang, verdict=translate(f"verdict.{outcome.undated.value}", lang))
        if outcome.unfound is not None:
            text += " " + translate("guess.not_found", lang, verdict=translate(f"verdict.{outcome.unfound.value}", lang))
        if outcome.capped:
            text += " " + translate("grade.c_cap", lang)
        elif rule.grade == "C" and rests_on_value:
            text += " " + translate("grade.c_unverified", lang)
        elif rule.grade == "C" and outcome.verdict in (Verdict.WARNING, Verdict.NEEDS_REVIEW):
            text += " " + translate("grade.c_gap", lang)
        texts[lang] = text
    return Localized(**texts)


def _cut_at_next_step(text: str, lang: str) -> tuple[str, str]:
    """``text`` before the sentence that says what to do next ("Cần: …"), and that sentence on."""
    starts = [m.start() for marker in translate("report.next_markers", lang).split("|")
              for m in re.finditer(re.escape(marker), text)
              if m.start() == 0 or text[:m.start()].rstrip().endswith((".", ";", ")"))]
    cut = min(starts, default=len(text))
    return text[:cut].strip(), text[cut:].strip()


_REQUIREMENTS: dict[tuple[int, int], Requirement] = {}


def _requirement(rule, rs: Ruleset) -> Requirement:
    """What the decision asks for, once per rule and process (rules live as long as the process)."""
    key = (id(rule), id(rs))
    if key not in _REQUIREMENTS:
        _REQUIREMENTS[key] = Requirement(
            text=Localized(vi=requirement_text(rule, "vi"), en=requirement_text(rule, "en")),
            year=rule.__dict__.get("year"), citation=rule.citation, quote=rule.quote, quote_is=rule.quote_is,
            quote_from=rule.quote_from, quote_outdated=rule.quote_outdated,
            decision=rule.instrument or rs.decision.number)
    return _REQUIREMENTS[key]


def finding(outcome: Outcome, rs: Ruleset, text: Localized, aspect: str = "value") -> Finding:
    rule = outcome.rule
    return Finding(
        rule_id=rule.id, aspect=aspect, section=rule.section, title=rule.title,
        verdict=outcome.verdict, grade=rule.grade, grade_note=rule.grade_note, severity=rule.severity,
        requirement=_requirement(rule, rs), evidence=_evidence(outcome), message=text)


def _never_on_a_guess(outcome: Outcome) -> Outcome:
    """A guess never decides: a pass, a fail or a warning on a value the reader inferred (a target's
    year taken from the plan's period) is for review, the message saying what was inferred and what
    this reading gives."""
    element = outcome.element
    if element is None or not getattr(element, "guessed", "") or outcome.verdict not in (
            Verdict.PASS, Verdict.FAIL, Verdict.WARNING, Verdict.NEEDS_REVIEW):
        return outcome
    return replace(outcome, verdict=Verdict.NEEDS_REVIEW, guessed=outcome.verdict)


def _absence_not_proved(outcome: Outcome) -> Outcome:
    """A plan read from a document: what the reader did not find (a target, a task group, a part, a lead,
    a legal basis: ``outcome.absence``) may be there in words the reader does not know. A fail or a warning
    resting on it is for review, saying what it would be if the document truly lacks it; a plan file a
    person wrote or checked decides."""
    if (not outcome.plan.from_document or not outcome.absence
            or outcome.verdict not in (Verdict.FAIL, Verdict.WARNING)):
        return outcome
    return replace(outcome, verdict=Verdict.NEEDS_REVIEW, unfound=outcome.verdict)


def _date_not_read(outcome: Outcome) -> Outcome:
    """A plan read from a document whose date was not read is judged at today's date: a rule that
    depends on the day a change took effect (a dissolved body, a merged province) then rests on an
    inferred date when the plan's period begins no later than the change's year, so that the plan may
    have been issued before it. Its pass, fail or warning is for review, saying so. A plan for a period
    that begins after the change's year is taken as issued after it."""
    effective = getattr(outcome.rule, "effective", None)
    if (not outcome.plan.from_document or outcome.plan.as_of_source != "today" or effective is None
            or outcome.plan.start > effective.year
            or outcome.verdict not in (Verdict.PASS, Verdict.FAIL, Verdict.WARNING)):
        return outcome
    return replace(outcome, verdict=Verdict.NEEDS_REVIEW, undated=outcome.verdict)


def build(outcome: Outcome, rs: Ruleset) -> Finding | None:
    """The finding for one outcome; ``None`` when there is nothing to report."""
    outcome = _date_not_read(_absence_not_proved(_never_on_a_guess(outcome)))
    own = getattr(module_for(outcome.rule), "finding", None)
    if own:
        return own(outcome, rs, _BUILDERS)
    return finding(outcome, rs, message(outcome.name, outcome, rs))


def merge(findings: list[Finding]) -> list[Finding]:
    """One finding per (rule, aspect): the worst verdict, with every piece of evidence."""
    merged: dict[tuple[str, str], Finding] = {}
    for item in findings:
        key = (item.rule_id, item.aspect)
        if key not in merged:
            merged[key] = item
            continue
        kept, other = merged[key], item
        if other.verdict.rank < kept.verdict.rank:
            kept, other = other, kept
        evidence = list(kept.evidence)
        for piece in other.evidence:
            if piece not in evidence:
                evidence.append(piece)
        merged[key] = kept.model_copy(update={"evidence": evidence})
    return list(merged.values())


#: what a kind's own ``finding`` hook builds with
_BUILDERS = SimpleNamespace(finding=finding, message=message)
