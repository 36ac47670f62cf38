"""Targets: percentages, counts and per-unit staffing in the objectives part, mapped to indicator ids."""

import re
from functools import cache

from ..core.i18n import translate
from ..core.regex import compile_once
from ..core.text import fold
from .patterns import (
    BY_YEAR,
    COUNT,
    YEAR,
    YEAR_SPAN,
    comparison_before,
    deadline_years,
    has_any,
    parse_float,
    parse_number,
    percents,
    wording,
)
from .population import of_target
from .record import Recorder
from .sections import scope_year

_CLAUSE_END = compile_once(r";|\.\s+(?=[A-ZĐÀ-Ỹ])|\.$")
def _alternatives(words) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


def _per_unit_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Staff per unit (patterns.yaml ``per_unit``): a range, its least first ("ít nhất từ 01 đến 02 cán bộ",
    "từ một đến hai người"), and one number after the verb that gives it ("có ít nhất 01 cán bộ", "bố trí
    tối thiểu hai người", "có 01 cán bộ trở lên")."""
    spec = wording()["per_unit"]
    # "01 (một)", "một (01)": the number said twice
    number = r"(\d{1,2}|" + _alternatives(spec["number_words"]) + r")(?:\s*\((?:[^()\d]{1,12}|\s*\d{1,2}\s*)\))?"
    staff = r"(" + _alternatives(spec["staff_word"]) + r")"
    least = r"(?:" + _alternatives(spec["at_least"]) + r")"
    span = compile_once(r"(?<!\w)(?:" + least + r"\s+)?(?:từ\s+)?" + number + r"\s*(?:đến|tới|-|–)\s*" + number
                        + r"\s+" + staff, re.IGNORECASE)
    one = compile_once(r"(?<!\w)(?:" + _alternatives(spec["verbs"]) + r")\s+(" + least + r"\s+)?" + number + r"\s+"
                       + staff + r"(?:\s+(?:\S+\s+){0,8}?(" + _alternatives(spec["at_least_after"]) + r"))?(?!\w)",
                       re.IGNORECASE)
    return span, one


def _count_word(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else wording()["per_unit"]["number_words"].get(raw.lower())


def clause(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(before, after, whole clause) around text[start:end], bounded by ';' and sentence ends."""
    left = 0
    for match in _CLAUSE_END.finditer(text, 0, start):
        left = match.end()
    right_match = _CLAUSE_END.search(text, end)
    right = right_match.start() if right_match else len(text)
    return text[left:start], text[end:right], text[left:right].strip(" -;")


def _sentence(text: str, start: int) -> str:
    left = 0
    for match in re.finditer(r"\.\s+(?=[A-ZĐÀ-Ỹ])", text[:start]):
        left = match.end()
    return text[left:start]


def _with_population(target: dict, text: str, start: int, end: int, before: str, quote: str) -> str:
    """Add the groups the target's sentence names (its population) to ``target``; the quote, made
    to reach the last group when the list goes on past a ";"."""
    stop = compile_once(r"\.\s+(?=[A-ZĐÀ-Ỹ])|\.$").search(text, end)
    rest = text[end:stop.start() if stop else len(text)]
    population = of_target(before, rest)
    if not population:
        return quote
    target["population"] = population
    at = rest.find(population[-1])
    if population[-1] not in quote and at != -1:
        quote = text[start - len(before):end + at + len(population[-1])].strip(" -;")
    return quote


def _allowance() -> re.Pattern:
    spec = wording()["allowance"]
    words = sorted(spec["at_least"] + spec["exactly"], key=len, reverse=True)
    multiple = r"\d+(?:,\d+)?|" + _alternatives(wording()["per_unit"]["number_words"])  # "1,5 lần", "một lần"
    coefficient, compared = _alternatives(spec["coefficient"]), _alternatives(spec["compared_with"])
    # the multiple as a coefficient ("hệ số 1,5 (so với) mức lương cơ sở") or a share ("bằng 100% mức lương cơ sở")
    return compile_once(
        rf"(?<!\w)(?:(?P<said>{'|'.join(map(re.escape, words))})|(?P<coefficient_word>{coefficient}))\s*"
        rf"(?:(?P<multiple>{multiple})\s*lần\s*"
        rf"|(?(coefficient_word)(?P<coefficient>\d+(?:,\d+)?)\s*(?:lần\s*)?(?:(?:{compared})\s*)?|(?!))"
        rf"|(?:{coefficient})\s*(?P<said_coefficient>\d+(?:,\d+)?)\s*(?:(?:{compared})\s*)?"
        rf"|(?P<percent>\d{{2,3}})\s*%\s*(?:(?:{_alternatives(spec['share_of'])})\s*)?)?"
        rf"(?:{'|'.join(map(re.escape, spec['wage']))})", re.IGNORECASE)


@cache
def _years() -> dict[str, re.Pattern]:
    """The year of a value from the words around it (patterns.yaml target_years)."""
    spec = wording()["target_years"]
    compared, after = _alternatives(spec["compared_with"]), _alternatives(spec["by_year"])
    return {
        # a year a value is compared with, not its own: "so với năm 2020", "so với cuối năm 2020", "so với thời
        # điểm năm 2025"
        "compared": compile_once(rf"(?:{compared})\s+(?:[^\W\d]+\s+){{0,3}}$|(?:{compared})\s*$", re.IGNORECASE),
        "relative": compile_once(rf"(?:{compared})\s+(?:[^\W\d]+\s+){{0,3}}?((?:19|20)\d{{2}})(?!\d)", re.IGNORECASE),
        # a year written bare before the number, where a heading or a lead-in ends: "Đến 2027, …", "Mục tiêu
        # 2027: …", "2027: đạt …" (not a date, a document's number or a count: "22/01/2021", "110/2024/NĐ-CP",
        # "2000 học viên")
        "bare": compile_once(r"(?<![\d/])(?<!\d[.,])((?:19|20)\d{2})(?=\s*(?:[,:;)–]|-\s|$)|\s+(?:"
                             + _alternatives(spec["bare_year_then"]) + r")(?!\w))", re.IGNORECASE),
        # a year the words after a number give it ("… đạt 60% … vào năm 2025", "… đến hết năm 2027", "… trước
        # năm 2025", "… (năm 2025)")
        "after": compile_once(rf"(?:(?:{after})\s+(?:(?:{_alternatives(spec['by_year_end'])})\s+)?(?:năm\s+)?"
                              r"((?:19|20)\d{2})(?![\d/])|\(\s*(?:năm\s+)?((?:19|20)\d{2})\s*\))", re.IGNORECASE),
    }


def _explicit_year(before_sentence: str, relative_to: int | None, after: str = "") -> int | None:
    """The year the words before the number name ("Đến năm 2025, …", "từ năm 2026 đến năm 2030, …",
    "Đến 2027, …"), else the words after it in its clause ("… vào năm 2025"); never a year it is compared
    with ("so với năm 2020")."""
    def found(text: str, regexes) -> list[tuple[int, int]]:
        out = []
        for regex, group in regexes:
            for match in regex.finditer(text):
                if _years()["compared"].search(text[:match.start()]):
                    continue
                if match.group(group):
                    out.append((match.end(), int(match.group(group))))
        return out

    before_sentence, after = deadline_years(before_sentence), deadline_years(after)  # "đến ngày 31/12/2025"
    years = _years()
    candidates = found(before_sentence, ((YEAR_SPAN, 2), (BY_YEAR, 1), (YEAR, 1), (years["bare"], 1)))
    if not candidates:
        candidates = [(-end, year) for end, year in found(after, ((YEAR_SPAN, 2), (years["after"], 1),
                                                                  (years["after"], 2)))]
    if not candidates:
        return None
    year = max(candidates)[1]
    return None if relative_to is not None and year <= relative_to else year


@cache
def _words_regex(phrases: tuple[str, ...]) -> re.Pattern:
    return compile_once(r"(?<!\w)(?:" + _alternatives(fold(p) for p in phrases) + r")(?!\w)")


def _says(text: str, phrases) -> bool:
    """Whether ``text`` (folded) has one of ``phrases`` as whole words."""
    return _words_regex(tuple(phrases)).search(text) is not None


def _names(text: str, spec: dict, by_meaning: bool = True) -> bool:
    """Whether ``text`` names the indicator of ``spec``: one of its phrases, or (``by_meaning``) a phrase of
    every group of one of its meanings (patterns.yaml ``indicators``)."""
    if has_any(text, spec["phrases"]):
        return True
    if not by_meaning:
        return False
    folded = fold(text)
    return any(all(_says(folded, group) for group in meaning) for meaning in spec.get("meanings", []))


def _indicator(unit: str, ruleset: str | None, after: str, before: str, by_meaning: bool = True) -> str | None:
    """The indicator the words around a number name: the first in file order (the more specific first)
    named after the number or before it in its clause ("đào tạo … cho 40% số cán bộ …, các cơ sở có cung
    cấp dịch vụ": training, though the words after it name facilities too)."""
    table = wording()["indicators"]
    for ind, spec in table.items():
        if ruleset and ruleset not in spec["rulesets"]:
            continue
        if unit not in spec["units"]:
            continue
        if unit == "count" and not has_any(before, spec.get("before", [])):
            continue
        if _names(after, spec, by_meaning) or _names(before, spec, by_meaning):
            return ind
    return None


_BULLET = compile_once(r"^([-+•])\s*")


def _label(items: list[str]) -> list[str]:
    """What tells the items of a list apart ("… trình độ Đại học", "… trình độ Cao đẳng" -> Đại học,
    Cao đẳng): the words that are not common to all at the start or the end; the whole item when none."""
    words = [COUNT.sub("#", item).split() for item in items]
    head = 0
    while all(len(w) > head for w in words) and len({w[head] for w in words}) == 1:
        head += 1
    tail = 0
    while all(len(w) > head + tail for w in words) and len({w[-1 - tail] for w in words}) == 1:
        tail += 1
    labels = [" ".join(w[head:len(w) - tail]) for w in words]
    return [label if label and "#" not in label else item for label, item in zip(labels, items, strict=True)]


def _breakdowns(tagged, out: list[dict], rec: Recorder) -> None:
    """A count target split "trong đó:" into counts of the same people ("- Đào tạo khoảng 220 cán bộ …,
    trong đó:" then "+ Đào tạo 30 cán bộ … Đại học." …): its breakdown, each part as the list writes it."""
    paras = [para for para, kind, _ in tagged if kind != "history"]
    for i, para in enumerate(paras):
        if not re.search(rf"(?:{'|'.join(map(re.escape, wording()['breakdown']))})\s*:?\s*$", para.text, re.IGNORECASE):
            continue
        counts = list(COUNT.finditer(para.text))
        if len(counts) != 1:
            continue
        whole, noun = parse_number(counts[0].group(1)), counts[0].group(2).lower()
        bullet = _BULLET.match(para.text)
        items = []
        for nxt in paras[i + 1:]:
            mark = _BULLET.match(nxt.text)
            if not mark or (bullet and mark.group(1) == bullet.group(1)) or (items and mark.group(1) != items[0][0]):
                break
            found = list(COUNT.finditer(nxt.text))
            if len(found) != 1 or found[0].group(2).lower() != noun:
                items = []
                break
            items.append((mark.group(1), nxt, parse_number(found[0].group(1))))
        if len(items) < 2:
            continue
        texts = [_BULLET.sub("", item.text).rstrip(" .;") for _, item, _ in items]
        parts = [{"label": label, "value": value, "quote": item.text}
                 for label, (_, item, value) in zip(_label(texts), items, strict=True)]
        for n, target in enumerate(out):
            if target["unit"] == "count" and target["value"] == whole and "breakdown" not in target:
                target["breakdown"] = parts
                rec.note(f"targets[{n}].breakdown", para, "medium")


@cache
def _not_target_before() -> re.Pattern:
    """Words just before a value that make it no target (patterns.yaml ``not_target_before``): what was reached
    ("hiện nay đạt 35%", "mới đạt 40%", "từ mức 40%"), a share of the value before ("trong đó 50% là nữ"), a
    decrease ("giảm 10%")."""
    words = _alternatives(fold(w) for w in wording()["not_target_before"])
    return compile_once(r"(?<!\w)(?:" + words + r")(?P<tail>(?:\s+[^\s\d]+){0,2})\s*$")


@cache
def _target_lead() -> re.Pattern:
    return compile_once(r"(?<!\w)(?:" + _alternatives(fold(w) for w in wording()["target_lead_words"]) + r")(?!\w)")


def _no_target(before: str, after: str) -> bool:
    """What was reached, a share of the value before or a decrease (``_not_target_before``), unless a word of
    a target follows those words ("… hiện nay lên 60%"); the first of "từ 40% … lên 60%" (where it starts from)."""
    folded = fold(before)
    match = _not_target_before().search(folded)
    if match and not _target_lead().search(match.group("tail")):
        return True
    return bool(re.search(r"(?<!\w)từ(?:\s+mức)?\s*$", folded)
                and re.match(r"\s*(?:[^\s\d]+\s+){0,4}lên\s+(?:mức\s+)?(?:\S+\s+)?\d", fold(after)))


_PAST_YEAR = compile_once(r"(?<![\d/])(?<!\d[.,])((?:19|20)\d{2})(?![\d/])")


def _past(before_sentence: str, plan_start: int | None) -> bool:
    """The value is said of a year before the plan's period ("Năm 2020, tỷ lệ … đạt 40%", "(năm 2020 đạt 40%)"):
    the nearest year before it in its sentence is earlier than the plan's first year, is no base year it is
    compared with, and no word of a target ("phấn đấu", "đến năm …") stands between that year and the value."""
    if plan_start is None:
        return False
    years = [m for m in _PAST_YEAR.finditer(before_sentence) if not _years()["compared"].search(before_sentence[:m.start()])
             and not re.search(r"(?:số|/)\s*$", before_sentence[:m.start()])]
    if not years or int(years[-1].group(1)) >= plan_start:
        return False
    between = fold(before_sentence[years[-1].end():])
    return not _target_lead().search(between)


def extract_targets(tagged, ruleset: str | None, plan_end: int | None, rec: Recorder,
                    plan_start: int | None = None) -> list[dict]:
    out: list[dict] = []
    seen = set()
    context_year: int | None = None
    under_context: set = set()

    def add(target: dict, para, why_year: str, year_conf: str, conf: str) -> None:
        key = (target["indicator"], target["year"], target["value"])
        if key in seen:
            return
        seen.add(key)
        rec.note(f"targets[{len(out)}]", para, conf)
        rec.note(f"targets[{len(out)}].year", para, year_conf, why_year)
        if year_conf == "low":  # the plan's last year, taken for want of a year in the sentence or its headings
            rec.infer(f"targets[{len(out)}].year", why_year)
        if target.get("population"):
            rec.note(f"targets[{len(out)}].population", para, "medium")
        out.append(target)

    for para, kind, _section in tagged:
        text = para.text
        in_zone = kind == "targets"
        if not in_zone and not (kind != "history" and "phấn đấu" in fold(text)):
            continue
        scoped = scope_year(para.scope)
        if _section is not None or para.heading not in under_context:
            context_year = None  # a paragraph that opens a period scopes the paragraphs after it, to the next heading
        span = YEAR_SPAN.match(re.sub(r"^(mục tiêu cụ thể|mục tiêu)\s*", "", text, flags=re.IGNORECASE)) \
            or YEAR_SPAN.match(text)
        if in_zone and span:
            context_year = int(span.group(2))  # "Từ năm 2026 đến năm 2030, có 60% …" and the paragraphs after it
            # … under the same heading, or under this paragraph when it is a heading itself
            under_context = {para.heading, para.text, para.text.rstrip(":")}

        # year_of reads the scope of this iteration's paragraph: it is called within the iteration only
        def year_of(before_sentence: str, relative_to: int | None = None, after: str = "") -> tuple[int | None, str, str]:
            """A target's year: from its own sentence, else from the heading it sits under (its scope);
            the plan's period alone only as a guess, marked as inferred (it never decides a verdict)."""
            year = _explicit_year(before_sentence, relative_to, after)
            if year and plan_start and year < plan_start and para.table is None:  # noqa: B023
                year = None  # "Từ mức 40% năm 2020, phấn đấu đạt 60%": 2020 is what was, not the target's year
            if year:
                return year, "high", "năm ghi trong câu"
            if context_year:  # noqa: B023
                return context_year, "medium", translate("extract.year_from_opening", "vi")  # noqa: B023
            if scoped:  # noqa: B023
                year, heading, orientation = scoped  # noqa: B023
                key = "extract.year_from_orientation" if orientation else "extract.year_from_heading"
                return year, "medium", translate(key, "vi", heading=heading)
            if plan_end:
                return plan_end, "low", translate("extract.year_from_period", "vi")
            return None, "low", ""

        taken: list[tuple[int, int]] = []
        # per-unit staffing: "ít nhất từ 01 đến 02 cán bộ" (lower bound), "có ít nhất 01 cán bộ", "có một cán bộ"
        span_re, one_re = _per_unit_patterns()
        for regex in (span_re, one_re):
            for match in regex.finditer(text):
                if any(s <= match.start() < e for s, e in taken):
                    continue
                taken.append((match.start(), match.end()))
                is_span = regex is span_re
                value = _count_word(match.group(1) if is_span else match.group(2))
                before, after, quote = clause(text, match.start(), match.end())
                ind = None
                specs = [s for s in wording()["per_unit"]["indicators"] if not ruleset or ruleset in s["rulesets"]]
                # the unit is named before the number ("mỗi xã có …") or after it ("… tại mỗi xã"), as each one
                # first, else by its level ("100% xã, phường có …")
                for words in ("before", "level"):
                    for spec in specs:
                        named = spec.get(words) or []
                        if (words == "before" and not named) or has_any(before[-60:], named) or has_any(after, named):
                            ind = spec["id"]
                            break
                    if ind is not None:
                        break
                # a unit has a few people ("có 30 cán bộ được tập huấn" is no staffing of a unit), unless "mỗi"
                if ind is None or value is None or (value > wording()["per_unit"]["most"]
                                                    and not has_any(quote, wording()["per_unit"]["each"])):
                    continue
                year, yconf, why = year_of(_sentence(text, match.start()), after=after)
                if year is None:
                    continue
                least = is_span or bool(match.group(1)) or bool(match.group(4))
                comparison = "at_least" if least else "exactly"
                add({"indicator": ind, "year": year, "value": value, "unit": "per_unit", "comparison": comparison,
                     "quote": quote}, para, why, yconf, "high" if least else "medium")
        # monthly allowance measured in the base wage: "phụ cấp … không thấp hơn (1,5 lần) mức lương cơ sở"
        spec = wording()["allowance"]
        if (not ruleset or ruleset in spec["rulesets"]) and has_any(text, spec["subject"]):
            for match in _allowance().finditer(text):
                if not has_any(_sentence(text, match.start())[-200:], spec["subject"]):
                    continue
                year, yconf, why = year_of(_sentence(text, match.start()))
                if not year:
                    continue
                said = fold(match.group("said") or match.group("coefficient_word"))
                comparison = "exactly" if said in [fold(w) for w in spec["exactly"]] else "at_least"
                _, _, quote = clause(text, match.start(), match.end())
                raw = match.group("multiple")
                value = (_count_word(raw) if raw and not raw[0].isdigit() else parse_float(raw)) if raw else 1
                coefficient = match.group("coefficient") or match.group("said_coefficient")
                if coefficient:
                    value = parse_float(coefficient)
                elif match.group("percent"):
                    value = parse_float(match.group("percent")) / 100
                add({"indicator": spec["id"], "year": year, "value": value, "unit": "wage_multiple",
                     "comparison": comparison, "quote": quote}, para, why, yconf, "medium")
                break
        # percentages
        for start, end, value in percents(text):
            before, after, quote = clause(text, start, end)
            # a range ("60 - 70%", "từ 60% đến 70%"): its least is the target, the top of it none
            if re.search(r"\d\s*%\s*(?:-|–|đến|tới)\s*$", before):
                continue
            low = re.search(r"(?<![\d.,])(\d+(?:,\d+)?)\s*(?:-|–|đến|tới)\s*$", before)
            if low and parse_float(low.group(1)) < value:  # not "Năm 2025 – 60%"
                value = parse_float(low.group(1))
            # "tăng ít nhất mức 20%", "cao hơn 20%" (patterns.yaml increase_words); in a table, the row's
            # indicator says it ("Tỷ lệ tăng đội ngũ … so với năm 2010" | 10%)
            grows = r"(?<!\w)(?:" + _alternatives(fold(w) for w in wording()["increase_words"]) + r")(?!\w)"
            in_row = para.table is not None and re.search(r"\(năm \d{4}: [^()]*$", before)
            increase = bool(re.search(grows + r"(\s+\w+){0,3}\s*$", fold(before))) \
                or bool(in_row and re.search(grows, fold(before)))
            unit = "percent_increase" if increase else "percent"
            relative = _years()["relative"].search(after) or _years()["relative"].search(before)
            relative_to = int(relative.group(1)) if relative else None
            ind = _indicator(unit, ruleset, after, before, in_zone)
            if ind is None and relative_to and not increase:
                # a value measured against a base year is an increase ("… so với năm 2020: 20%")
                increase, unit = True, "percent_increase"
                ind = _indicator(unit, ruleset, after, before, in_zone)
            if ind is None:
                continue
            # (a table's year column says its own year: it is read as written)
            if _no_target(before, after) or (para.table is None and _past(_sentence(text, start), plan_start)):
                continue  # what was reached, a share of the value before, a decrease: no target
            comparison, said = comparison_before(before)
            if increase and not said:
                comparison = "exactly"
            year, yconf, why = year_of(_sentence(text, start), relative_to, after)
            if year is None:
                continue
            target = {"indicator": ind, "year": year, "value": value, "unit": unit, "comparison": comparison}
            if relative_to:
                target["relative_to"] = relative_to
            target["quote"] = _with_population(target, text, start, end, before, quote)
            add(target, para, why, yconf, "high" if said else "medium")
        # counts: "cho 220 cán bộ"
        for match in COUNT.finditer(text):
            if any(s <= match.start() < e for s, e in taken):
                continue
            before, after, quote = clause(text, match.start(), match.end())
            if not re.search(r"(?<!\w)(cho|khoảng|đào tạo|tập huấn|bồi dưỡng)(\s+(ít nhất|tối thiểu|khoảng|trên|hơn))?\s*$",
                             fold(before)):
                continue
            ind = _indicator("count", ruleset, after, before, in_zone)
            if ind is None:
                continue
            comparison, said = comparison_before(before)
            year, yconf, why = year_of(_sentence(text, match.start()), after=after)
            if year is None:
                continue
            target = {"indicator": ind, "year": year, "value": parse_number(match.group(1)), "unit": "count",
                      "comparison": comparison}
            # the count's noun opens the list ("cho 220 cán bộ, viên chức, …")
            target["quote"] = _with_population(target, text, match.start(), match.start(2), before, quote)
            add(target, para, why, yconf, "medium")
    _breakdowns(tagged, out, rec)
    return out
