"""A national target as a plan states it, in the decision's own words (the rule's quote, or the twin clause
of another milestone), with today's population names and "…" where the value is left to the province."""

import re
from dataclasses import dataclass

from ..core.regex import compile_once
from ..core.text import format_number

BLANK = "…"
_UNIT_SIGN = {"percent": "%", "percent_increase": "%"}


def clean(quote: str) -> str:
    """A quote as plan text: elisions dropped, and the words in brackets — supplied from a copy, not read in
    the decision — left out (the end of a cut word, "vi[ện trợ]", is kept)."""
    text = re.sub(r"(?<=\w)\[([^\]]*)\]", r"\1", quote)
    text = re.sub(r"\s*\[[^\]]*\]", "", text)
    text = re.sub(r"\s*…\s*", " ", text).strip(" ,;.")
    return re.sub(r"\s+(?=[,;.])", "", re.sub(r"\s{2,}", " ", text))


def _value_pattern(value: float) -> re.Pattern:
    number = format_number(value, "vi")
    return compile_once(rf"(?<![\d/.,])0*{re.escape(number)}(?:\s*(?:đến|-)\s*\d+)?(?![\d/])")


def _wording_source(rule, rs):
    """The rule whose quote gives the wording: the rule's own, else one of the same indicator (the
    decision's twin clause of another milestone), a quote without elisions first."""
    siblings = [r for r in rs.rules if r.kind == "min_target" and r.indicator == rule.indicator and r is not rule]
    candidates = [r for r in [rule, *siblings] if r.quote_is != "none"]
    # a quote that opens with an elision has lost its subject; one with none is whole
    ranked = sorted(candidates, key=lambda r: (r.quote.lstrip().startswith("…"), "…" in r.quote))
    return ranked[0] if ranked else None


def _current_population(text: str, source, as_of) -> tuple[str, list[str]]:
    """The wording and population with the groups gone by ``as_of`` replaced by their successor
    spelling ("thị trấn" -> "đặc khu") or dropped."""
    population = [list(v) for v in source.population]
    for gone in getattr(source, "population_gone", []):
        if as_of < gone.after:
            continue
        variants = next((v for v in population if v[0] == gone.group), None)
        if variants is None:
            continue
        if len(variants) > 1:
            text = text.replace(gone.group, variants[-1])
            variants[:] = [variants[-1]]
        else:
            text = re.sub(rf",?\s*{re.escape(gone.group)}", "", text)
            population.remove(variants)
    return text, [v[0] for v in population]


@dataclass
class TargetLine:
    rule: object
    year: int
    text: str
    blank: bool
    population: list[str]


def target_line(rule, rs, year: int, blank: bool, as_of, words_kept: bool = False) -> TargetLine:
    """The target as the plan states it; ``blank``: its number is "…"; ``words_kept``: a level the
    decision states in words only ("tối thiểu bằng mức lương cơ bản") stays as it is."""
    source = _wording_source(rule, rs)
    indicator = rs.indicators[rule.indicator]
    sign = _UNIT_SIGN.get(rule.unit, "")
    text, population = None, []
    if source is not None:
        text = clean(source.quote)
        text, population = _current_population(text, source, as_of)
        # the twin clause of another milestone: its years and value become this one's
        years = {source.year: year} if source.year else {}
        if source.baseline_year:
            years[source.baseline_year] = rule.baseline_year or BLANK
        text = re.sub(r"năm (\d{4})", lambda m: f"năm {years.get(int(m.group(1)), m.group(1))}", text)
        value_at = _value_pattern(source.value).search(text) if source.value is not None else None
        if value_at is None and not (source is rule and (not blank or words_kept)):
            text = None  # the value cannot be placed in the words
        elif value_at is not None and (blank or source.value != rule.value):
            shown = BLANK if blank else format_number(rule.value, "vi")
            text = text[:value_at.start()] + shown + text[value_at.end():]
    if text is None:
        shown = BLANK if blank else format_number(rule.value, "vi")
        text = f"{indicator.name.vi}: {shown}{sign}"
        if indicator.denominator and rule.unit == "percent":
            text += f" ({indicator.denominator})"
        population = [v[0] for v in rule.population]
    if f"năm {year}" not in text:
        text = re.sub(r"^trong đó,\s*", "", text, flags=re.IGNORECASE)
        text = f"Đến năm {year}, {text[0].lower()}{text[1:]}"
    if rule.baseline_year and "so với" not in text:
        text += f" so với năm {rule.baseline_year}"
    return TargetLine(rule, year, text[0].upper() + text[1:], blank, population)


def verified(rule) -> bool:
    return rule.value is not None and rule.grade != "C"


def clauses(rules: list) -> list[list]:
    """Targets the decision states in one clause (the same citation but for a trailing "(câu thứ hai)",
    "(vế sau)"), together and in order: a plan restates them as one sentence."""
    out: list[list] = []
    keys: list[tuple] = []
    for rule in rules:
        key = (rule.year, re.sub(r"\s*\([^)]*\)\s*$", "", rule.citation))
        if key in keys:
            out[keys.index(key)].append(rule)
        else:
            keys.append(key)
            out.append([rule])
    return out


def join_clause(texts: list[str]) -> str:
    """Sentences of one clause as one: the first as it stands, the next without its "Đến năm …"."""
    parts = [texts[0]] + [re.sub(r"^Đến năm \d{4}, ", "", t)[0].lower() + re.sub(r"^Đến năm \d{4}, ", "", t)[1:]
                          for t in texts[1:]]
    joined = parts[0]
    for part in parts[1:]:
        joined += (" " if part.startswith("với ") else "; ") + part
    return joined if joined.endswith(BLANK) else joined + "."
