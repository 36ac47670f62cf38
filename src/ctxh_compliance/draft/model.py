"""A plan skeleton built from a ruleset: the outline every writer renders (Word, Markdown) and the same
plan as a plan file (YAML).

Everything comes from the ruleset's data: the decision and its related instruments (decision.yaml), the
national targets of the milestones in the period (``min_target`` rules: wording, value, population,
grade), the task groups (``task_group`` rules), the general objective (a ``required_part`` rule's quote),
the current bodies (``stale_body`` rules' successors) and the province's current name (``old_province``).
A value the ruleset does not hold as verified (not read, or grade C) is a visible blank ("…"), never a
number. The layout (headings, the funding lines, the closing) is the one provincial plans share.
"""

import re
from dataclasses import dataclass, field

from ..core.clock import today
from ..core.errors import InputError, Problem
from ..rules.ruleset_loader import available_rulesets, load_ruleset, programme_period
from .province import Province, resolve
from .references import Bodies, bodies, legal_bases
from .wording import BLANK, clauses, clean, join_clause, target_line, verified

KINDS = ("phase", "annual", "programme")
#: the sources a provincial budget is split into (the state budget's two levels, and socialised funding)
FUNDING_SOURCES = ("Ngân sách trung ương (nếu có)", "Ngân sách địa phương", "Nguồn xã hội hóa và các nguồn hợp pháp khác")
RAISE_NOTE = "mức tối thiểu quốc gia; tỉnh có thể đặt cao hơn"
BLANK_NOTE = "giá trị quốc gia chưa được kiểm chứng: tỉnh điền vào chỗ trống, không lấy số của tỉnh khác"


@dataclass
class Para:
    """One paragraph of the skeleton."""

    text: str
    style: str = "body"          # heading1, heading2, body, bullet, closing
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
    #: rule ids that pass only on a completed plan (no body of the past in any role of the whole plan; a
    #: funding part whose lines are filled)
    pending: list[str] = field(default_factory=list)


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


# --- the outline ----------------------------------------------------------------------------------------
@dataclass
class _Draft:
    """The paragraphs being written, what they fill and what they leave blank."""

    rs: object
    place: Province
    who: Bodies
    start: int
    end: int
    kind: str
    paras: list[Para] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)
    blanks: list[str] = field(default_factory=list)
    plan: dict = field(default_factory=dict)

    @property
    def programme(self) -> str:
        return (self.rs.decision_file.detect.programme_names or [self.rs.decision.title.vi])[0]

    @property
    def period(self) -> str:
        return period_words(self.start, self.end)

    def add(self, text: str, style: str = "body", note: str | None = None, blank: bool = False) -> None:
        self.paras.append(Para(text, style, note, blank))

    def rules(self, kind: str) -> list:
        return [r for r in self.rs.rules if r.kind == kind]


def _bases(d: _Draft) -> None:
    bases = legal_bases(d.rs, d.start)
    for basis in bases:
        d.add(basis["text"])
    d.filled += [r.id for r in d.rules("cites_decision")]
    d.add(f"Ủy ban nhân dân {d.place.full} ban hành Kế hoạch thực hiện {d.programme} {d.period} trên địa bàn "
          f"{d.place.unit} như sau:")
    d.plan["legal_bases"] = [{k: v for k, v in b.items() if k != "text" and v is not None} for b in bases]


def _objectives(d: _Draft) -> None:
    d.add("I. MỤC TIÊU", "heading1")
    d.add("1. Mục tiêu chung", "heading2")
    objective = next((r for r in d.rules("required_part") if "general_objective" in r.parts and r.quote_is != "none"),
                     None)
    text = clean(objective.quote) + "." if objective else BLANK
    d.add(text, blank=objective is None)
    if objective:
        d.plan["general_objective"] = {"text": text}
    d.add(f"2. Mục tiêu cụ thể đến năm {d.end}", "heading2")
    as_of = today()
    rules = d.rules("min_target")
    in_period = [r for r in rules if r.year is not None and d.start <= r.year <= d.end]
    whole_programme = [r for r in rules if r.year is None]
    targets: list[dict] = []
    for clause in clauses(sorted(in_period, key=lambda r: r.year) + whole_programme):
        lines = []
        for rule in clause:
            year = rule.year or d.end
            blank = not verified(rule)
            line = target_line(rule, d.rs, year, blank, as_of)
            lines.append(line)
            (d.blanks if blank else d.filled).append(rule.id)
            if not blank:
                targets.append(_target(rule, year, line))
        blank = [line.blank for line in lines]
        note = BLANK_NOTE if all(blank) else f"{RAISE_NOTE}; chỗ “{BLANK}”: {BLANK_NOTE}" if any(blank) else RAISE_NOTE
        d.add(f"- {join_clause([line.text for line in lines])}", "bullet", note, any(blank))
    if d.kind == "annual" and not in_period:
        # an annual plan between milestones: the province sets this year's step towards the next one
        phase = next((p for p in d.rs.decision_file.phases if p.start <= d.start <= p.end), None)
        for clause in clauses([r for r in rules if phase and r.year == phase.milestone]):
            texts = [target_line(rule, d.rs, d.start, True, as_of, words_kept=True).text for rule in clause]
            d.add(f"- {join_clause(texts)}", "bullet",
                  f"tỉnh điền mức năm {d.start}, hướng tới mức tối thiểu quốc gia đến năm {phase.milestone}", True)
    d.plan["targets"] = targets


def _target(rule, year: int, line) -> dict:
    value = int(rule.value) if float(rule.value).is_integer() else rule.value
    target = {"indicator": rule.indicator, "year": year, "value": value, "unit": rule.unit, "comparison": "at_least"}
    if rule.baseline_year:
        target["relative_to"] = rule.baseline_year
    if line.population:
        target["population"] = line.population
    target["quote"] = line.text
    return target


def _tasks(d: _Draft) -> None:
    d.add("II. NHIỆM VỤ VÀ GIẢI PHÁP", "heading1")
    groups: list[dict] = []
    partners = ["Các cơ quan, đơn vị liên quan", d.who.local]
    for number, rule in enumerate(d.rules("task_group"), 1):
        heading = f"{number}. {_strip_aside(rule.title.vi)}"
        d.add(heading, "heading2")
        d.add(f"- Nội dung thực hiện: {BLANK}", "bullet", "tỉnh nêu các hoạt động, chỉ tiêu và thời gian", True)
        d.add(f"- Chủ trì: {d.who.lead}", "bullet")
        d.add(f"- Phối hợp: {'; '.join(partners)}", "bullet")
        d.add(f"- Kinh phí thực hiện: {BLANK} đồng/năm", "bullet", blank=True)
        groups.append({"heading": heading, "covers": [rule.group], "contents": [BLANK], "lead": [d.who.lead],
                       "partners": list(partners)})
        d.blanks.append(rule.id)  # named and led, its contents left to the province: not yet a pass
    d.plan["task_groups"] = groups


def _strip_aside(title: str) -> str:
    """A rule's title without its bracketed remark ("… (chưa kiểm chứng)")."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", title).strip()


def _funding(d: _Draft) -> None:
    """The figures the plan's own arithmetic is checked on: the total (its words in brackets), the yearly
    amount, each source under the name budgets use — all blank."""
    d.add("III. KINH PHÍ THỰC HIỆN", "heading1")
    d.add(f"1. Tổng kinh phí thực hiện Kế hoạch {d.period}: {BLANK} đồng ({BLANK} đồng)", "heading2",
          "số tiền bằng chữ ghi trong ngoặc", blank=True)
    if d.start != d.end:
        d.add(f"2. Kinh phí thực hiện hằng năm: {BLANK} đồng/năm", "heading2", blank=True)
    d.add(f"{3 if d.start != d.end else 2}. Nguồn kinh phí", "heading2")
    for name in FUNDING_SOURCES:
        d.add(f"- {name}: {BLANK} đồng;", "bullet", blank=True)
    d.blanks += [r.id for r in d.rs.rules if r.kind in ("sum_check", "amount_words")]
    # each line with its blank amount, as the document writes it: a line not filled is no funding source
    d.plan["budget"] = {"sources": [{"name": name.removesuffix(" (nếu có)"), "amount": BLANK} for name in FUNDING_SOURCES]}


def _organisation(d: _Draft) -> None:
    """Who does what, the reporting to the province and the ministry, the closing and the recipients."""
    who, unit = d.who, d.place.unit
    d.add("IV. TỔ CHỨC THỰC HIỆN", "heading1")
    report_to = [f"UBND {unit}", who.ministry]
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
        d.add(f"{number}. {body}: {duty}")
    d.add(f"Trên đây là Kế hoạch thực hiện {d.programme} {d.period} trên địa bàn {d.place.full}. Trong quá trình "
          f"thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị phản ánh về {who.lead} để tổng hợp, "
          f"báo cáo UBND {unit} xem xét, quyết định./.")
    d.add("Nơi nhận:", "closing")
    for recipient in (who.ministry, f"Thường trực Tỉnh ủy, Thường trực HĐND {unit}",
                      f"Chủ tịch, các Phó Chủ tịch UBND {unit}", "Các sở, ban, ngành liên quan", who.local):
        d.add(f"- {recipient};", "closing")
    d.add("- Lưu: VT.", "closing")
    d.plan["organisation"] = [{"body": body, "duties": [duty]} for body, duty in duties]
    d.plan["monitoring"] = {"reporting": [{"text": duties[0][1], "by": [who.lead], "to": report_to,
                                           "frequency": "hằng năm"}]}


def build(province: str, start: int, end: int, kind: str | None = None, ruleset: str | None = None) -> Outline:
    """The skeleton of a plan of ``province`` for ``start``-``end`` (InputError: see ``choose``, ``resolve``)."""
    rs, kind = choose(start, end, kind, ruleset)
    place = resolve(rs, province)
    d = _Draft(rs, place, bodies(rs), start, end, kind)
    title = f"Kế hoạch thực hiện {d.programme} {d.period} trên địa bàn {place.full}"
    d.plan.update({
        "identification": {"number": None, "title": title, "issuer": f"UBND {place.full}", "province": place.name,
                           "date_text": f"ngày {BLANK} tháng {BLANK} năm {BLANK}", "kind": kind},
        "source": {"document": "ctxh-check draft", "complete": False,
                   "note": f"dự thảo: các chỗ “{BLANK}” chưa điền (giá trị, kinh phí, nội dung)"},
    })
    _bases(d)
    d.plan["period"] = {"start": start, "end": end}
    for section in (_objectives, _tasks, _funding, _organisation):
        section(d)
    d.filled += [r.id for r in rs.rules if r.kind in ("required_part", "stated", "old_province", "timeline",
                                                      "cites_superseded", "cited_before_plan") and r.id not in d.blanks]
    order = ("identification", "source", "legal_bases", "period", "general_objective", "targets", "task_groups",
             "budget", "organisation", "monitoring")
    return Outline(
        province=place, ruleset=rs.id, start=start, end=end, kind=kind,
        issuer_lines=["ỦY BAN NHÂN DÂN", place.full.upper()],
        motto_lines=["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        title_lines=["KẾ HOẠCH", f"Thực hiện {d.programme} {d.period} trên địa bàn {place.full}"],
        paras=d.paras,
        signature=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Ký tên, đóng dấu)", BLANK * 3],
        plan={key: d.plan[key] for key in order if key in d.plan},
        filled=list(dict.fromkeys(d.filled)), blanks=list(dict.fromkeys(d.blanks)),
        pending=[r.id for r in d.rules("stale_body")]
        + [r.id for r in d.rules("required_part") if any(part.startswith("budget") for part in r.parts)])
