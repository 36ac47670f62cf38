"""A plan skeleton built from a ruleset: the outline every writer renders (Word, Markdown) and the same
plan as a plan file (YAML).

Everything comes from the ruleset's data: the decision and its related instruments (decision.yaml), the
national targets of the milestones in the period (``min_target`` rules: wording, value, population,
grade), the task groups (``task_group`` rules), the general objective (a ``required_part`` rule's quote), the
current bodies (``stale_body`` rules' successors) and the
province's current name (``old_province``). A value the ruleset does not hold as verified (not read,
or grade C) is a visible blank ("…"), never a number.
"""

import re
from dataclasses import dataclass, field

from ..clock import today
from ..errors import InputError, Problem
from ..ruleset_loader import available_rulesets, load_ruleset, programme_period
from ..text import format_number
from .province import Province, resolve

BLANK = "…"
KINDS = ("phase", "annual", "programme")
#: document kinds and who issues them, from the part of a number after the slash ("QĐ-TTg", "NĐ-CP")
_DOC_KINDS = {"QĐ": "Quyết định", "NĐ": "Nghị định", "TT": "Thông tư", "NQ": "Nghị quyết", "CT": "Chỉ thị",
              "KH": "Kế hoạch"}
_ISSUERS = {"TTg": "Thủ tướng Chính phủ", "CP": "Chính phủ", "QH": "Quốc hội"}
_UNIT_SIGN = {"percent": "%", "percent_increase": "%"}
#: the sources a provincial budget is split into (the state budget's two levels, and socialised funding)
FUNDING_SOURCES = ("Ngân sách trung ương (nếu có)", "Ngân sách địa phương", "Nguồn xã hội hóa và các nguồn hợp pháp khác")


@dataclass
class Para:
    """One paragraph of the skeleton."""

    text: str
    style: str = "body"          # heading1, heading2, body, bullet, closing, sign
    note: str | None = None      # a remark after the text, set apart (italic in Word)
    blank: bool = False          # holds a blank the province fills


@dataclass
class Outline:
    province: Province
    ruleset: str
    start: int
    end: int
    kind: str
    issuer_lines: list[str]
    motto_lines: list[str]
    title_lines: list[str]
    paras: list[Para]
    signature: list[str]
    plan: dict
    filled: list[str] = field(default_factory=list)   # rule ids the skeleton fills
    blanks: list[str] = field(default_factory=list)   # rule ids left for the province to fill
    #: rule ids that pass only on a completed plan (no body of the past in any role of the whole plan)
    pending: list[str] = field(default_factory=list)

    @property
    def period_text(self) -> str:
        return period_words(self.start, self.end)


def period_words(start: int, end: int) -> str:
    return f"năm {start}" if start == end else f"giai đoạn {start} - {end}"


# --- choosing the ruleset and kind --------------------------------------------------------------------------
def choose(start: int, end: int, kind: str | None, ruleset: str | None):
    """The ruleset whose programme holds the period, and the kind of plan (from the period when not given)."""
    if end < start:
        raise InputError([Problem("--period", None, None, "draft.bad_period", {"period": f"{start}-{end}"})])
    if ruleset:
        rs = load_ruleset(ruleset)
        first, last = rs.decision_file.programme_start, rs.decision_file.programme_end
        if not (first <= start and end <= last):
            raise _outside(start, end)
    else:
        names = [n for n in available_rulesets() if _holds(programme_period(n), start, end)]
        if not names:
            raise _outside(start, end)
        if len(names) > 1:
            raise InputError([Problem("--period", None, None, "draft.ambiguous",
                                      {"period": f"{start}-{end}", "rulesets": ", ".join(names)})])
        rs = load_ruleset(names[0])
    whole = (start, end) == (rs.decision_file.programme_start, rs.decision_file.programme_end)
    inferred = "annual" if start == end else "programme" if whole else "phase"
    kind = kind or inferred
    if kind not in KINDS or (kind == "annual") != (start == end) or (kind == "programme" and not whole):
        raise InputError([Problem("--kind", None, None, "draft.kind_period",
                                  {"kind": kind, "period": f"{start}-{end}", "expected": inferred})])
    return rs, kind


def _holds(span: tuple[int, int], start: int, end: int) -> bool:
    return span[0] <= start and end <= span[1]


def _outside(start: int, end: int) -> InputError:
    listed = ", ".join(f"{n} ({a}-{b})" for n in available_rulesets() for a, b in [programme_period(n)])
    return InputError([Problem("--period", None, None, "draft.period_outside",
                               {"period": f"{start}-{end}", "rulesets": listed})])


# --- bodies ---------------------------------------------------------------------------------------------
@dataclass
class Bodies:
    lead: str = "Sở …"                      # the provincial department that leads social work
    ministry: str = "Bộ …"                  # the ministry reports go to
    local: str = "UBND cấp xã"              # the local level


def _first_successor(text: str) -> tuple[str, str | None]:
    """"Sở Y tế (bảo trợ xã hội, …); Sở Nội vụ (…)" -> ("Sở Y tế", "bảo trợ xã hội, …")."""
    first = re.split(r";|\s+hoặc\s+", text)[0].strip()
    match = re.match(r"^(.*?)\s*\((.*)\)", first)
    return (match.group(1).strip(), match.group(2).strip()) if match else (first, None)


def bodies(rs) -> Bodies:
    """The bodies of today from the ruleset's ``stale_body`` rules: the successor of the provincial
    department (a rule that covers the issuer), of the ministry ("bộ …" patterns) and of the local level."""
    found = Bodies()
    for rule in (r for r in rs.rules if r.kind == "stale_body"):
        name, inside = _first_successor(rule.successor.vi)
        if "issuer" in rule.roles:
            found.lead = name
        elif rule.patterns[0].startswith("bộ "):
            found.ministry = name
        else:
            # "UBND cấp xã (xã, phường, đặc khu)" -> "UBND các xã, phường, đặc khu"
            found.local = re.sub(r"\bcấp \S+$", f"các {inside}", name) if inside else name
    return found


# --- legal bases ----------------------------------------------------------------------------------------
def _doc_kind(number: str) -> tuple[str, str | None]:
    tail = number.split("/")[-1]
    kind_code, _, issuer_code = tail.partition("-")
    return _DOC_KINDS.get(kind_code, "Văn bản"), _ISSUERS.get(issuer_code)


def _date(day) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _subject(note: str | None) -> str | None:
    """The Vietnamese description at the start of a citation's note ("Quy hoạch … — the …")."""
    if not note:
        return None
    text = re.split(r"\s+—\s+|\s+\(|;", note)[0].strip()
    return text or None


def legal_bases(rs, start: int) -> list[dict]:
    """The decision itself, then its related instruments of grade A or B issued by the period's first year."""
    decision = rs.decision
    kind, _ = _doc_kind(decision.number)
    title = decision.title.vi
    if title.lower().startswith(kind.lower() + " "):
        title = title[len(kind) + 1:]
    out = [{"number": decision.number, "date": decision.date, "issuer": decision.issuer, "title": title,
            "text": f"Căn cứ {kind} số {decision.number} ngày {_date(decision.date)} của {decision.issuer} {title};"}]
    for related in rs.decision_file.detect.related:
        if related.grade not in ("A", "B") or related.date is None or related.date.year > start:
            continue
        kind, issuer = _doc_kind(related.number)
        subject = _subject(related.note) or ""
        if subject.lower().startswith(kind.lower() + " "):
            subject = subject[len(kind) + 1:]
        about = subject if subject.startswith(("về ", "ban hành", "phê duyệt")) else f"về {subject}" if subject else ""
        by = f" của {issuer}" if issuer else ""
        out.append({"number": related.number, "date": related.date, "issuer": issuer, "title": about or None,
                    "text": f"Căn cứ {kind} số {related.number} ngày {_date(related.date)}{by} {about}".rstrip() + ";"})
    return out


# --- targets --------------------------------------------------------------------------------------------
def _clean(quote: str) -> str:
    """A quote as plan text: words supplied in brackets kept, elisions dropped."""
    text = quote.replace("[", "").replace("]", "")
    text = re.sub(r"\s*…\s*", " ", text).strip(" ,;.")
    return re.sub(r"\s{2,}", " ", text)


def _value_pattern(value: float) -> re.Pattern:
    number = format_number(value, "vi")
    return re.compile(rf"(?<![\d/.,])0*{re.escape(number)}(?:\s*(?:đến|-)\s*\d+)?(?![\d/])")


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
        text = _clean(source.quote)
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


def _verified(rule) -> bool:
    return rule.value is not None and rule.grade != "C"


# --- the outline ----------------------------------------------------------------------------------------
def _strip_aside(title: str) -> str:
    return re.sub(r"\s*\([^)]*\)\s*$", "", title).strip()


def build(province: str, start: int, end: int, kind: str | None = None, ruleset: str | None = None) -> Outline:
    rs, kind = choose(start, end, kind, ruleset)
    place = resolve(rs, province)
    who = bodies(rs)
    as_of = today()
    programme = (rs.decision_file.detect.programme_names or [rs.decision.title.vi])[0]
    period = period_words(start, end)
    plan_title = f"Kế hoạch thực hiện {programme} {period} trên địa bàn {place.full}"
    paras: list[Para] = []
    filled: list[str] = []
    blanks: list[str] = []

    def add(text: str, style: str = "body", note: str | None = None, blank: bool = False) -> None:
        paras.append(Para(text, style, note, blank))

    bases = legal_bases(rs, start)
    for basis in bases:
        add(basis["text"])
    filled += [r.id for r in rs.rules if r.kind == "cites_decision"]
    add(f"Ủy ban nhân dân {place.full} ban hành Kế hoạch thực hiện {programme} {period} trên địa bàn "
        f"{place.unit} như sau:")

    # I. objectives
    add("I. MỤC TIÊU", "heading1")
    add("1. Mục tiêu chung", "heading2")
    objective = next((r for r in rs.rules if r.kind == "required_part" and "general_objective" in r.parts
                      and r.quote_is != "none"), None)
    objective_text = _clean(objective.quote) + "." if objective else BLANK
    add(objective_text, blank=objective is None)
    add(f"2. Mục tiêu cụ thể đến năm {end}", "heading2")
    targets: list[dict] = []
    raise_note = "mức tối thiểu quốc gia; tỉnh có thể đặt cao hơn"
    blank_note = "giá trị quốc gia chưa được kiểm chứng: tỉnh điền vào chỗ trống, không lấy số của tỉnh khác"
    rules = [r for r in rs.rules if r.kind == "min_target"]
    in_period = [r for r in rules if r.year is not None and start <= r.year <= end]
    whole_programme = [r for r in rules if r.year is None]
    mixed_note = f"{raise_note}; chỗ “{BLANK}”: {blank_note}"
    for clause in _clauses(sorted(in_period, key=lambda r: r.year) + whole_programme):
        lines = []
        for rule in clause:
            year = rule.year or end
            blank = not _verified(rule)
            line = target_line(rule, rs, year, blank, as_of)
            lines.append(line)
            (blanks if blank else filled).append(rule.id)
            if not blank:
                target = {"indicator": rule.indicator, "year": year, "value": rule.value, "unit": rule.unit,
                          "comparison": "at_least"}
                if rule.baseline_year:
                    target["relative_to"] = rule.baseline_year
                if line.population:
                    target["population"] = line.population
                target["quote"] = line.text
                targets.append(target)
        text = _join([line.text for line in lines])
        blank = [line.blank for line in lines]
        note = blank_note if all(blank) else mixed_note if any(blank) else raise_note
        add(f"- {text}", "bullet", note, any(blank))
    if kind == "annual" and not in_period:
        # an annual plan between milestones: the province sets this year's step towards the next one
        phase = next((p for p in rs.decision_file.phases if p.start <= start <= p.end), None)
        for clause in _clauses([r for r in rules if phase and r.year == phase.milestone]):
            texts = [target_line(rule, rs, start, True, as_of, words_kept=True).text for rule in clause]
            add(f"- {_join(texts)}", "bullet", f"tỉnh điền mức năm {start}, hướng tới mức tối thiểu quốc gia đến "
                f"năm {phase.milestone}", True)

    # II. tasks
    add("II. NHIỆM VỤ VÀ GIẢI PHÁP", "heading1")
    groups: list[dict] = []
    partners = ["Các cơ quan, đơn vị liên quan", who.local]
    for number, rule in enumerate((r for r in rs.rules if r.kind == "task_group"), 1):
        heading = _strip_aside(rule.title.vi)
        add(f"{number}. {heading}", "heading2")
        add(f"- Nội dung thực hiện: {BLANK}", "bullet", "tỉnh nêu các hoạt động, chỉ tiêu và thời gian", True)
        add(f"- Chủ trì: {who.lead}", "bullet")
        add(f"- Phối hợp: {'; '.join(partners)}", "bullet")
        add(f"- Kinh phí thực hiện: {BLANK} đồng/năm", "bullet", blank=True)
        groups.append({"heading": f"{number}. {heading}", "covers": [rule.group], "lead": [who.lead],
                       "partners": partners})
        filled.append(rule.id)

    # III. funding
    add("III. KINH PHÍ THỰC HIỆN", "heading1")
    # the figures the plan's own arithmetic is checked on: the total (with its words in brackets), the
    # yearly amount, each source under the name budgets use
    add(f"1. Tổng kinh phí thực hiện Kế hoạch {period}: {BLANK} đồng ({BLANK} đồng)", "heading2",
        "số tiền bằng chữ ghi trong ngoặc", blank=True)
    if start != end:
        add(f"2. Kinh phí thực hiện hằng năm: {BLANK} đồng/năm", "heading2", blank=True)
    add(f"{3 if start != end else 2}. Nguồn kinh phí", "heading2")
    for name in FUNDING_SOURCES:
        add(f"- {name}: {BLANK} đồng;", "bullet", blank=True)
    sources = [name.removesuffix(" (nếu có)") for name in FUNDING_SOURCES]
    blanks += [r.id for r in rs.rules if r.kind in ("sum_check", "amount_words")]

    # IV. organisation and reporting
    add("IV. TỔ CHỨC THỰC HIỆN", "heading1")
    report_to = [f"UBND {place.unit}", who.ministry]
    duties = [
        (who.lead, f"Chủ trì, hướng dẫn, theo dõi, đôn đốc các cơ quan, đơn vị triển khai Kế hoạch; định kỳ hằng năm "
                   f"(trước ngày {BLANK} tháng {BLANK}) tổng hợp tình hình và kết quả thực hiện, báo cáo "
                   f"{' và '.join(report_to)} theo quy định."),
        ("Các cơ quan, đơn vị liên quan", "Theo chức năng, nhiệm vụ được giao, phối hợp với "
                                         f"{who.lead} tổ chức thực hiện các nhiệm vụ của Kế hoạch."),
        (who.local, f"Xây dựng kế hoạch và tổ chức thực hiện trên địa bàn; báo cáo kết quả thực hiện về {who.lead} "
                    f"để tổng hợp."),
    ]
    for number, (body, duty) in enumerate(duties, 1):
        add(f"{number}. {body}: {duty}", "body")
    closing = (f"Trên đây là Kế hoạch thực hiện {programme} {period} trên địa bàn {place.full}. Trong quá trình "
               f"thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh về {who.lead} để tổng hợp, "
               f"báo cáo UBND {place.unit} xem xét, quyết định./.")
    add(closing)
    add("Nơi nhận:", "closing")
    for recipient in (who.ministry, "Thường trực Tỉnh ủy, Thường trực HĐND " + place.unit,
                      f"Chủ tịch, các Phó Chủ tịch UBND {place.unit}", "Các sở, ban, ngành liên quan", who.local):
        add(f"- {recipient};", "closing")
    add("- Lưu: VT.", "closing")
    filled += [r.id for r in rs.rules if r.kind in ("required_part", "stated", "old_province", "timeline",
                                                    "cites_superseded", "cited_before_plan") and r.id not in blanks]
    pending = [r.id for r in rs.rules if r.kind == "stale_body"]

    plan = {
        "identification": {"number": None, "title": plan_title, "issuer": f"UBND {place.full}",
                           "province": place.name, "date_text": f"ngày {BLANK} tháng {BLANK} năm {BLANK}",
                           "kind": kind},
        "source": {"document": "ctxh-check draft", "complete": False,
                   "note": "dự thảo: các chỗ “…” chưa điền (giá trị, kinh phí, nội dung)"},
        "legal_bases": [{k: v for k, v in b.items() if k != "text" and v is not None} for b in bases],
        "period": {"start": start, "end": end},
        "general_objective": {"text": objective_text} if objective else None,
        "targets": targets,
        "task_groups": groups,
        "budget": {"sources": [{"name": name} for name in sources]} if sources else None,
        "organisation": [{"body": body, "duties": [duty]} for body, duty in duties],
        "monitoring": {"reporting": [{"text": duties[0][1], "by": [who.lead], "to": report_to,
                                      "frequency": "hằng năm"}]},
    }
    plan = {k: v for k, v in plan.items() if v is not None}
    return Outline(
        province=place, ruleset=rs.id, start=start, end=end, kind=kind,
        issuer_lines=["ỦY BAN NHÂN DÂN", place.full.upper()],
        motto_lines=["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        title_lines=["KẾ HOẠCH", f"Thực hiện {programme} {period} trên địa bàn {place.full}"],
        paras=paras,
        signature=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Ký tên, đóng dấu)", BLANK * 3],
        plan=plan, filled=list(dict.fromkeys(filled)), blanks=list(dict.fromkeys(blanks)), pending=pending)


def _clauses(rules: list) -> list[list]:
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


def _join(texts: list[str]) -> str:
    """Sentences of one clause as one: the first as it stands, the next without its "Đến năm …"."""
    parts = [texts[0]] + [re.sub(r"^Đến năm \d{4}, ", "", t)[0].lower() + re.sub(r"^Đến năm \d{4}, ", "", t)[1:]
                          for t in texts[1:]]
    joined = parts[0]
    for part in parts[1:]:
        joined += (" " if part.startswith("với ") else "; ") + part
    return joined if joined.endswith(BLANK) else joined + "."
