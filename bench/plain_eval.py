"""Baseline for the benchmark only: the ruleset's rules evaluated in plain Python over the same
facts, giving the same (rule id, outcome) pairs as the durable-rules checker. Not used by the tool."""

import re

from ctxh_compliance.facts import day
from ctxh_compliance.text import fold_number, fold_place


def evaluate(facts: list[dict], rs) -> list[tuple[str, str]]:
    plan = next(f for f in facts if f["type"] == "plan")
    by_type: dict[str, list[dict]] = {}
    for fact in facts:
        by_type.setdefault(fact["type"], []).append(fact)
    d = rs.decision_file
    out: list[tuple[str, str]] = []

    def emit(rule, name):
        out.append((rule.id, name))

    def in_programme():
        return plan["start"] <= d.programme_end and plan["end"] >= d.programme_start

    for rule in rs.rules:
        kind = rule.kind
        if kind in ("task_group", "required_part") or (kind == "min_target" and rule.year is None):
            if not in_programme():
                emit(rule, "plan.outside_programme")
                continue
        if kind == "min_target":
            if rule.year is not None and not (plan["start"] <= rule.year <= plan["end"]):
                emit(rule, "target.not_applicable")
                continue
            found = [t for t in by_type.get("target", []) if t["indicator"] == rule.indicator
                     and (rule.year is None or t["year"] == rule.year)]
            if not found:
                base = "target.unread_missing" if rule.value is None else "target.missing"
                emit(rule, base if plan["complete"] else base + "_incomplete")
            for t in found:
                if rule.value is None:
                    emit(rule, "target.unread_present")
                elif t["unit"] != rule.unit:
                    emit(rule, "target.other_form")
                else:
                    if t["value"] < rule.value:
                        emit(rule, "target.below")
                    elif t["comparison"] in ("at_least", "exactly"):
                        emit(rule, "target.meets")
                    else:
                        emit(rule, "target.soft")
                    if rule.baseline_year is not None and t["relative_to"] != rule.baseline_year:
                        emit(rule, "target.baseline")
                if rule.population and t["population"]:
                    emit(rule, "population.compare")
        elif kind == "national_target":
            found = [t for t in by_type.get("target", []) if rule.indicator and t["indicator"] == rule.indicator]
            emit(rule, "national.with_plan") if found else emit(rule, "national.only")
        elif kind == "task_group":
            found = [t for t in by_type.get("task", []) if t["group"] == rule.group]
            if not found:
                emit(rule, "group.missing" if plan["complete"] else "group.missing_incomplete")
            for t in found:
                emit(rule, "group.led" if t["has_lead"] else
                     ("group.no_lead" if plan["complete"] else "group.no_lead_incomplete"))
        elif kind == "required_part":
            found = [p for p in by_type.get("part", []) if p["path"] in rule.parts]
            if not found:
                emit(rule, "part.missing" if plan["complete"] else "part.missing_incomplete")
            for _ in found:
                emit(rule, "part.present")
        elif kind in ("stale_body", "old_province"):
            name = "stale" if kind == "stale_body" else "province"
            if plan["as_of"] < day(rule.effective):
                emit(rule, f"{name}.before")
                continue
            if kind == "stale_body":
                hits = [b for b in by_type.get("body", []) for p in rule.patterns
                        if b["role"] in rule.roles and re.search(p, b["name"])]
            else:
                old = {fold_place(n) for mg in rule.merges for n in mg.formed_from if fold_place(n) != fold_place(mg.new)}
                hits = [p for p in by_type.get("place", []) if p["name"] in old]
            for _ in hits:
                emit(rule, f"{name}.found")
            if not hits:
                emit(rule, f"{name}.none")
        elif kind == "sum_check":
            found = [s for s in by_type.get("sum", []) if s["sum"] == rule.sum]
            for s in found:
                emit(rule, "sum.agrees" if s["difference"] == 0 else "sum.differs")
            if not found:
                emit(rule, "sum.no_data")
        elif kind == "share_check":
            found = by_type.get("share", [])
            for s in found:
                emit(rule, "share.possible" if s["possible"] else "share.impossible")
            if not found:
                emit(rule, "share.none")
        elif kind == "amount_words":
            found = by_type.get("words", [])
            for w in found:
                emit(rule, "words.unreadable" if not w["readable"] else
                     ("words.agree" if w["difference"] == 0 else "words.differ"))
            if not found:
                emit(rule, "words.none")
        elif kind == "cites_decision":
            right = [fold_number(c.number) for c in d.detect.decisions if not c.miscitation]
            wrong = [fold_number(c.number) for c in d.detect.decisions if c.miscitation]
            date = day(rs.decision.date)
            bases = by_type.get("basis", [])
            for b in bases:
                if b["number"] in right:
                    emit(rule, "basis.right" if b["date"] in (date, 0) else "basis.wrong_date")
                elif b["number"] in wrong:
                    emit(rule, "basis.miscited")
            if not any(b["number"] in right + wrong for b in bases):
                emit(rule, "basis.not_cited" if plan["complete"] else "basis.not_cited_incomplete")
        elif kind == "cites_superseded":
            old = [fold_number(c.number) for c in d.superseded]
            hits = [b for b in by_type.get("basis", []) if b["number"] in old]
            for _ in hits:
                emit(rule, "superseded.cited")
            if not hits:
                emit(rule, "superseded.none")
        elif kind == "timeline":
            if rule.check == "period_within_programme":
                if plan["start"] >= d.programme_start and plan["end"] <= d.programme_end:
                    emit(rule, "timeline.period_inside")
                elif plan["end"] < d.programme_start or plan["start"] > d.programme_end:
                    emit(rule, "timeline.period_disjoint")
                else:
                    emit(rule, "timeline.period_outside")
            elif plan["dated"] == 0:
                emit(rule, "timeline.undated")
                if rule.check == "issued_within_programme" and plan["issued_year"] > d.programme_end:
                    emit(rule, "timeline.after_programme")
            elif rule.check == "dated_after_decision":
                emit(rule, "timeline.before_decision" if plan["dated"] < day(rs.decision.date) else "timeline.after_decision")
            else:
                emit(rule, "timeline.after_programme" if plan["issued_year"] > d.programme_end else "timeline.within_programme")
    return out
