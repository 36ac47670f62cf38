"""The facts of a plan, drawn with a seeded random generator: who issues it, when, for which period,
which targets with which values, which task groups led by whom, what budget. The wording is chosen
later (render.py) from one half of the bank; the facts do not depend on the half."""

import datetime as dt
import random
from dataclasses import dataclass, field

# The 34 provincial units from 1/7/2025 (reference note §3.3): name, level.
NEW_PROVINCES = [
    ("Hà Nội", "thành phố"), ("Huế", "thành phố"), ("Hải Phòng", "thành phố"), ("Đà Nẵng", "thành phố"),
    ("Hồ Chí Minh", "thành phố"), ("Cần Thơ", "thành phố"),
    ("Lai Châu", "tỉnh"), ("Điện Biên", "tỉnh"), ("Sơn La", "tỉnh"), ("Lạng Sơn", "tỉnh"), ("Quảng Ninh", "tỉnh"),
    ("Thanh Hóa", "tỉnh"), ("Nghệ An", "tỉnh"), ("Hà Tĩnh", "tỉnh"), ("Cao Bằng", "tỉnh"), ("Tuyên Quang", "tỉnh"),
    ("Lào Cai", "tỉnh"), ("Thái Nguyên", "tỉnh"), ("Phú Thọ", "tỉnh"), ("Bắc Ninh", "tỉnh"), ("Hưng Yên", "tỉnh"),
    ("Ninh Bình", "tỉnh"), ("Quảng Trị", "tỉnh"), ("Quảng Ngãi", "tỉnh"), ("Gia Lai", "tỉnh"), ("Khánh Hòa", "tỉnh"),
    ("Lâm Đồng", "tỉnh"), ("Đắk Lắk", "tỉnh"), ("Đồng Nai", "tỉnh"), ("Tây Ninh", "tỉnh"), ("Vĩnh Long", "tỉnh"),
    ("Đồng Tháp", "tỉnh"), ("Cà Mau", "tỉnh"), ("An Giang", "tỉnh"),
]
# The 63 units before 1/7/2025: the 34 above (with their old level) and the 29 merged into them.
_MERGED = ["Hà Giang", "Yên Bái", "Bắc Kạn", "Vĩnh Phúc", "Hòa Bình", "Bắc Giang", "Thái Bình", "Hải Dương", "Hà Nam",
           "Nam Định", "Quảng Bình", "Quảng Nam", "Kon Tum", "Bình Định", "Ninh Thuận", "Đắk Nông", "Bình Thuận",
           "Phú Yên", "Bình Dương", "Bà Rịa - Vũng Tàu", "Bình Phước", "Long An", "Sóc Trăng", "Hậu Giang", "Bến Tre",
           "Trà Vinh", "Tiền Giang", "Bạc Liêu", "Kiên Giang"]
OLD_PROVINCES = ([(name, "thành phố" if name in ("Hà Nội", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ")
                   else "tỉnh") for name, _ in NEW_PROVINCES if name != "Huế"]
                 + [("Thừa Thiên Huế", "tỉnh")] + [(name, "tỉnh") for name in _MERGED])

SIGNERS = ["Nguyễn Văn Hùng", "Trần Thị Thu Hà", "Lê Quang Minh", "Phạm Thị Lan", "Hoàng Văn Thắng", "Vũ Đức Long",
           "Đặng Thị Hồng", "Bùi Văn Toàn", "Đỗ Thị Mai", "Ngô Xuân Trường", "Dương Văn Sơn", "Lý Thị Hạnh",
           "Trịnh Minh Tuấn", "Mai Văn Phúc", "Phan Thị Ngọc", "Võ Thanh Bình"]

# National values each plan kind answers to (QĐ 112, QĐ 32). A year of a phase or a year between milestones
# gets a value between them (a province's own intermediate target).
QD112 = {  # indicator: {year: value}
    "staff_assignment": {2025: 60, 2030: 90}, "staff_per_unit": {2025: 1, 2030: 1},
    "collaborator_allowance": {2025: 1, 2030: 1}, "staff_trained": {2025: 30, 2030: 40},
    "facility_network": {2025: 50, 2030: 60}, "reach_increase": {2025: 20, 2030: 30},
    "children_served": {2025: 85, 2030: 90},
}
QD32 = {"workforce_growth": {2015: 10, 2020: 50}, "staff_trained": {2015: 50, 2020: 50},
        "commune_staff": {2015: 1, 2020: 1}, "district_officer": {2015: 1, 2020: 1}}
UNITS = {"staff_assignment": "percent", "staff_per_unit": "per_unit", "collaborator_allowance": "wage_multiple",
         "staff_trained": "percent", "facility_network": "percent", "reach_increase": "percent_increase",
         "children_served": "percent", "workforce_growth": "percent_increase", "commune_staff": "per_unit",
         "district_officer": "per_unit"}
QD112_GROUPS = ["legal_framework", "service_network", "workforce", "training", "communication", "monitoring",
                "cooperation_data"]
QD32_GROUPS = ["steering", "legal_framework", "service_network", "workforce", "training", "communication",
               "survey_database", "monitoring"]

PROFILES = ["meets", "raises", "below", "omits", "cut", "blanks"]
PROFILE_WEIGHTS = [3, 2, 2, 2, 1, 1]
KINDS = ["phase2630", "annual2026", "annual2027", "qd112_2021", "qd32_2011", "qd32_2016"]
KIND_WEIGHTS = [4, 2, 2, 3, 1, 1]


@dataclass
class Target:
    indicator: str
    year: int
    value: float
    unit: str
    relative_to: int | None = None
    blank: bool = False


@dataclass
class Group:
    id: str
    lead: list[str]
    partners: list[str]
    blank_lead: bool = False


@dataclass
class Basis:
    key: str  # which bank entries may cite it
    number: str
    date: dt.date
    issuer: str
    extra: dict = field(default_factory=dict)


@dataclass
class Facts:
    name: str
    kind: str  # one of KINDS
    profile: str
    ruleset: str  # qd112 or qd32
    province: str
    level: str  # tỉnh or thành phố
    issuer_kind: str  # ubnd or so
    dept: str  # the department that leads (Sở Y tế, Sở Lao động - Thương binh và Xã hội)
    number: str | None
    date: dt.date
    blank_date: bool
    start: int
    end: int
    plan_kind: str  # phase or annual
    orient: int | None  # the orientation year of a 2021 plan
    bases: list[Basis]
    targets: list[Target]
    blocks: list[tuple[str, int, int, int]]  # (block kind, start, end, the year its targets take)
    groups: list[Group]
    budget_total: int | None
    budget_phases: list[tuple[str, int]]  # (span words key, amount)
    sources: list[tuple[str, int | None]]  # (state|other, amount)
    money_unit: str
    bodies: list[tuple[str, str]]  # (role, body)
    recipients: list[str]  # to whom reports go
    signer: str
    cut_after: str | None  # tasks, budget, organisation: the document ends there
    report_part: bool  # reporting in a part of its own (else inside the lead's duties)
    layout: dict  # how the document is laid out (target table, responsibilities table, numbering …)

    @property
    def new_era(self) -> bool:
        return self.date >= dt.date(2025, 7, 1)

    @property
    def communes(self) -> list[str]:
        return ["xã", "phường", "đặc khu"] if self.new_era and self.layout["dac_khu"] else (
            ["xã", "phường"] if self.new_era else ["xã", "phường", "thị trấn"])


def _date(rng: random.Random, year: int, first_month: int, last_month: int) -> dt.date:
    return dt.date(year, rng.randint(first_month, last_month), rng.randint(1, 28))


def _value(rng: random.Random, national: float, unit: str, profile: str, lowered: bool) -> float:
    if unit == "per_unit":
        return 2 if profile == "raises" and rng.random() < 0.5 else national
    if unit == "wage_multiple":
        return 1.5 if profile == "raises" and rng.random() < 0.5 else national
    if lowered:
        return max(5, national - rng.choice([5, 10, 15, 20]))
    if profile == "raises" and rng.random() < 0.6:
        return min(100 if unit == "percent" else 200, national + rng.choice([5, 10, 15]))
    return national


def _between(table: dict[int, float], year: int) -> float:
    years = sorted(table)
    if year in table:
        return table[year]
    low = max([y for y in years if y < year], default=years[0])
    high = min([y for y in years if y > year], default=years[-1])
    if table[low] == table[high]:
        return table[low]
    share = (year - low) / (high - low)
    return int(round((table[low] + share * (table[high] - table[low])) / 5) * 5)


def _bodies(era_new: bool, level: str) -> dict[str, str]:
    if era_new:
        return {"lead": "Sở Y tế", "finance": "Sở Tài chính", "home_affairs": "Sở Nội vụ",
                "education": "Sở Giáo dục và Đào tạo", "culture": "Sở Văn hóa, Thể thao và Du lịch",
                "police": f"Công an {level}", "locals": "Ủy ban nhân dân các xã, phường",
                "front": f"Ủy ban Mặt trận Tổ quốc Việt Nam {level}", "justice": "Sở Tư pháp",
                "science": "Sở Khoa học và Công nghệ"}
    return {"lead": "Sở Lao động - Thương binh và Xã hội", "finance": "Sở Tài chính", "home_affairs": "Sở Nội vụ",
            "education": "Sở Giáo dục và Đào tạo", "culture": "Sở Thông tin và Truyền thông",
            "police": f"Công an {level}", "locals": "Ủy ban nhân dân các huyện, thị xã, thành phố",
            "front": f"Ủy ban Mặt trận Tổ quốc Việt Nam {level}", "justice": "Sở Tư pháp",
            "science": "Sở Kế hoạch và Đầu tư"}


_GROUP_LEADS = {"workforce": ["lead", "lead", "home_affairs"], "communication": ["lead", "lead", "culture"],
                "cooperation_data": ["lead", "science"], "survey_database": ["lead"], "training": ["lead"],
                "legal_framework": ["lead", "lead", "justice"]}


def _amount(rng: random.Random, unit: str, low: int, high: int) -> int:
    step = {"ty": 100_000_000, "trieu": 1_000_000, "nghin": 1_000_000, "dong": 1_000_000}[unit]
    return rng.randint(low // step, high // step) * step


def draw(rng: random.Random, index: int, kind: str | None = None, profile: str | None = None) -> Facts:
    """The facts of plan number ``index``."""
    kind = kind or rng.choices(KINDS, KIND_WEIGHTS)[0]
    profile = profile or rng.choices(PROFILES, PROFILE_WEIGHTS)[0]
    ruleset = "qd32" if kind.startswith("qd32") else "qd112"
    orient = None
    if kind == "phase2630":
        province, level = rng.choice(NEW_PROVINCES)
        date, start, end, plan_kind = _date(rng, 2026, 1, 6), 2026, 2030, "phase"
    elif kind.startswith("annual"):
        year = int(kind[-4:])
        province, level = rng.choice(NEW_PROVINCES)
        date, start, end, plan_kind = _date(rng, year, 1, 3), year, year, "annual"
    elif kind == "qd112_2021":
        province, level = rng.choice(OLD_PROVINCES)
        date, start, end, plan_kind, orient = _date(rng, 2021, 10, 12), 2021, 2025, "phase", 2030
    else:
        province, level = rng.choice(OLD_PROVINCES)
        first = int(kind[-4:])
        date = _date(rng, first, 8 if first == 2016 else 1, 12 if first == 2016 else 6)
        start, end, plan_kind = first, first + 4, "phase"
    era_new = date >= dt.date(2025, 7, 1)
    bodies = _bodies(era_new, level)
    issuer_kind = "so" if rng.random() < 0.3 else "ubnd"
    dept = bodies["lead"]
    suffix = "UBND" if issuer_kind == "ubnd" else ("SYT" if era_new else "SLĐTBXH")
    blanks = profile == "blanks"
    number = None if blanks and rng.random() < 0.5 else f"{rng.randint(12, 480)}/KH-{suffix}"
    blank_date = blanks and rng.random() < 0.5

    bases: list[Basis] = []
    if ruleset == "qd112":
        written = "112/2021/QĐ-TTg" if rng.random() < 0.25 else "112/QĐ-TTg"
        bases.append(Basis("qd112", written, dt.date(2021, 1, 22), "Thủ tướng Chính phủ"))
        if era_new:
            if rng.random() < 0.6:
                bases.append(Basis("nd110", "110/2024/NĐ-CP", dt.date(2024, 8, 30), "Chính phủ"))
            if rng.random() < 0.4:
                bases.insert(0, Basis("law_local", "72/2025/QH15", dt.date(2025, 6, 16), "Quốc hội"))
            if plan_kind == "annual" and rng.random() < 0.7:
                phase_date = (dt.date(2026, 1, rng.randint(5, 28)) if start == 2027
                              else dt.date(2021, rng.randint(4, 9), rng.randint(1, 28)))
                bases.append(Basis("provincial", f"{rng.randint(10, 300)}/KH-UBND", phase_date, "Ủy ban nhân dân tỉnh",
                                   {"pstart": 2026 if start == 2027 else 2021, "pend": 2030}))
        else:
            if rng.random() < 0.4:
                bases.insert(0, Basis("law_local", "77/2015/QH13", dt.date(2015, 6, 19), "Quốc hội"))
            if rng.random() < 0.5:
                bases.append(Basis("guide", "1070/QĐ-LĐTBXH", dt.date(2021, 9, 27), "Bộ Lao động - Thương binh và Xã hội",
                                   {"gstart": 2021, "gend": 2025}))
    else:
        bases.append(Basis("qd32", "32/2010/QĐ-TTg", dt.date(2010, 3, 25), "Thủ tướng Chính phủ"))
        if start == 2011:
            bases.append(Basis("guide", "1305/QĐ-LĐTBXH", dt.date(2010, 10, 22), "Bộ Lao động - Thương binh và Xã hội",
                               {"gstart": 2011, "gend": 2015}))
        elif rng.random() < 0.7:
            bases.append(Basis("guide", "990/QĐ-LĐTBXH", dt.date(2016, 7, 22), "Bộ Lao động - Thương binh và Xã hội",
                               {"gstart": 2016, "gend": 2020}))

    # the blocks that scope targets, and the year their targets take
    if kind == "phase2630":
        blocks = ([("year", 2027, 2027, 2027)] if rng.random() < 0.5 else []) + [
            rng.choice([("phase", 2026, 2030, 2030), ("year", 2030, 2030, 2030)])]
    elif plan_kind == "annual":
        blocks = [("year", start, start, start)]
    elif kind == "qd112_2021":
        blocks = [("phase", 2021, 2025, 2025), ("orientation", 2026, 2030, 2030)]
    elif start == 2011:
        blocks = [("phase", 2011, 2015, 2015)] + ([("orientation", 2016, 2020, 2020)] if rng.random() < 0.5 else [])
    else:
        blocks = [("phase", 2016, 2020, 2020)]
    table = QD112 if ruleset == "qd112" else QD32
    indicators = list(table)
    lowered = set(rng.sample(indicators, rng.randint(1, 2))) if profile == "below" else set()
    lowered = {i for i in lowered if UNITS[i] not in ("per_unit", "wage_multiple")} or (
        {"staff_assignment" if ruleset == "qd112" else "workforce_growth"} if profile == "below" else set())
    omitted = set(rng.sample(indicators, 1)) if profile == "omits" else set()
    targets: list[Target] = []
    for _, _, _, year in blocks:
        for indicator in indicators:
            if indicator in omitted:
                continue
            if kind == "phase2630" and year == 2027 and indicator in ("staff_per_unit", "collaborator_allowance"):
                continue  # a sub-period repeats only the shares
            unit = UNITS[indicator]
            value = _value(rng, _between(table[indicator], year), unit, profile, indicator in lowered)
            relative = None
            if unit == "percent_increase":
                relative = 2010 if ruleset == "qd32" else (2020 if year <= 2025 else 2025)
            targets.append(Target(indicator, year, float(value), unit, relative))
    if blanks:
        for target in rng.sample(targets, min(2, len(targets))):
            target.blank = True

    groups_all = QD112_GROUPS if ruleset == "qd112" else QD32_GROUPS
    omitted_groups = set(rng.sample(groups_all[1:-1], 1)) if profile == "omits" and rng.random() < 0.7 else set()
    groups: list[Group] = []
    pool = [r for r in ("finance", "home_affairs", "education", "culture", "police", "locals", "front", "justice")]
    for gid in groups_all:
        if gid in omitted_groups:
            continue
        lead_role = rng.choice(_GROUP_LEADS.get(gid, ["lead"]))
        partners = [bodies[r] for r in rng.sample([r for r in pool if r != lead_role], rng.randint(1, 3))]
        if lead_role != "lead" and rng.random() < 0.7:
            partners.insert(0, bodies["lead"])
        groups.append(Group(gid, [bodies[lead_role]], partners))
    if blanks:
        rng.choice(groups).blank_lead = True

    money_unit = rng.choice(["dong", "nghin", "trieu", "ty"])
    high = 300_000_000 if plan_kind == "annual" else 3_000_000_000
    if money_unit == "ty":
        high *= 10
    total = _amount(rng, money_unit, high // 10, high)
    phases: list[tuple[str, int]] = []
    if plan_kind == "phase" and rng.random() < 0.7:
        split = start + 1
        first = _amount(rng, money_unit, total // 4, total // 2)
        phases = [(f"{start}-{split}", first), (f"{split + 1}-{end}", total - first)]
    if rng.random() < 0.5:
        s1 = _amount(rng, money_unit, total // 2, total * 9 // 10)
        sources = [("state", s1), ("other", total - s1)]
    else:
        sources = [("state", None), ("other", None)]
    budget_total = None if blanks and rng.random() < 0.6 else total

    roles = ["lead", "finance", "home_affairs", "education", "culture", "police", "locals", "front"]
    chosen = ["lead", "finance"] + rng.sample(roles[2:], rng.randint(2, 5))
    chosen = [r for r in roles if r in chosen]
    superior = "Bộ Y tế" if era_new else "Bộ Lao động - Thương binh và Xã hội"
    recipients = [f"Ủy ban nhân dân {level}", superior] if issuer_kind == "so" or rng.random() < 0.5 else [superior]
    cut_after = rng.choice(["tasks", "budget", "organisation"]) if profile == "cut" else None
    layout = {
        "numbering": "auto" if rng.random() < 0.75 else "typed",
        "targets": rng.choices(["blocks", "inline", "table"], [5, 3, 2])[0],
        "block_level": rng.choice([2, 3]),
        "leads": rng.choices(["sentences", "table"], [3, 1])[0],
        "purpose": rng.random() < 0.8,
        "dac_khu": rng.random() < 0.3,
        "unit_column": rng.random() < 0.5,
        "running_header": rng.random() < 0.7,
    }
    if plan_kind == "annual" and layout["targets"] == "blocks" and rng.random() < 0.4:
        layout["targets"] = "bare"  # an annual plan's targets straight under "Mục tiêu cụ thể": the plan's year
    return Facts(
        name=f"plan{index:03d}_{kind}", kind=kind, profile=profile, ruleset=ruleset, province=province, level=level,
        issuer_kind=issuer_kind, dept=dept, number=number, date=date, blank_date=blank_date, start=start, end=end,
        plan_kind=plan_kind, orient=orient, bases=bases, targets=targets, blocks=blocks, groups=groups,
        budget_total=budget_total, budget_phases=phases, sources=sources, money_unit=money_unit,
        bodies=[(r, bodies[r]) for r in chosen], recipients=recipients, signer=rng.choice(SIGNERS),
        cut_after=cut_after, report_part=rng.random() < 0.5, layout=layout)
