"""From facts and one half of the bank: the document (a list of blocks, laid out by word.py) and the answer
key (a plan file, what a careful reviewer encodes from the same facts)."""

import random
import re
import unicodedata

from .bank import Bank
from .facts import Facts, Target

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def words(n: int) -> str:
    """A whole number from 0 to 100 in Vietnamese words ("sáu mươi", "bảy mươi lăm")."""
    if n == 100:
        return "một trăm"
    if n < 10:
        return _DIGITS[n]
    tens, unit = divmod(n, 10)
    head = "mười" if tens == 1 else f"{_DIGITS[tens]} mươi"
    if unit == 0:
        return head
    tail = {1: "mốt" if tens > 1 else "một", 4: "tư" if tens > 1 else "bốn", 5: "lăm"}.get(unit, _DIGITS[unit])
    return f"{head} {tail}"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def _dots(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def money(n: int, unit: str, template: str) -> str:
    fields = {"dots": _dots(n), "nghin": _dots(n // 1000), "trieu": _dots(n // 1_000_000),
              "ty": _num(n / 1_000_000_000) if (n / 1_000_000_000) % 1 else str(n // 1_000_000_000)}
    return template.format(**fields)


def cap(text: str) -> str:
    """The sentence's first letter in capitals; an item's letter stays as typed ("a) Cơ quan chủ trì: …")."""
    if re.match(r"[a-zđ]\)\s", text):
        return text
    return text[:1].upper() + text[1:]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]


def _date_fields(date) -> dict:
    return {"dd": f"{date.day:02d}", "d": str(date.day), "mm": f"{date.month:02d}", "m": str(date.month),
            "yyyy": str(date.year)}


class Plan:
    """The blocks of one document and its key."""

    def __init__(self, facts: Facts, bank: Bank, rng: random.Random):
        self.f, self.bank, self.rng = facts, bank, rng
        self.blocks: list[tuple] = []
        self.key: dict = {}
        self.used: list[str] = []  # the ids of the phrasings used (the test checks they are all of one half)

    # --- drawing wording -------------------------------------------------------------------------------------------
    def pick(self, part: str, key=None) -> dict:
        phrasing = self.bank.pick(self.rng, part, key)
        self.used.append(phrasing["id"])
        return phrasing

    def text(self, part: str, key=None, **fields) -> str:
        return nfc(self.pick(part, key)["text"].format(**{**self.ctx, **fields}))

    def lines(self, part: str, key=None, **fields) -> list[str]:
        return [nfc(line.format(**{**self.ctx, **fields})) for line in self.pick(part, key)["lines"]]

    def add(self, *block) -> None:
        self.blocks.append(block)

    def blank(self) -> str:
        return self.pick("blank")["text"]

    # --- the whole plan ------------------------------------------------------------------------------------
    def build(self) -> "Plan":
        f = self.f
        unit = f"{f.level} {f.province}"
        self.communes_text = ", ".join(f.communes)
        if f.plan_kind == "annual":
            scope = self.bank.pick(self.rng, "scope", "annual")
        elif f.orient:
            scope = self.bank.pick(self.rng, "scope", "phase_orient")
        else:
            scope = self.bank.pick(self.rng, "scope", "phase")
        self.used.append(scope["id"])
        scope_text = scope["text"].format(start=f.start, end=f.end, orient=f.orient, end1=f.end + 1, unit=unit).strip()
        short = f"UBND {unit}" if f.issuer_kind == "ubnd" else f.dept
        issuer_name = f"Ủy ban nhân dân {f.level}" if f.issuer_kind == "ubnd" else f.dept
        self.ctx = {"unit": unit, "UNIT": unit.upper(), "province": f.province, "level": f.level,
                    "LEVEL": f.level.upper(), "DEPT": f.dept.upper(), "dept": f.dept, "scope": scope_text,
                    "SCOPE": scope_text.upper(), "issuer_name": issuer_name, "lead": f.dept, "short": short,
                    "communes": self.communes_text, "superior": f.recipients[-1], "totrinh": f.totrinh[0],
                    "ttdate": f"{f.totrinh[1].day:02d}/{f.totrinh[1].month:02d}/{f.totrinh[1].year}"}
        title = self.text("title", f.ruleset)
        self.ctx["title_lc"] = title[:1].lower() + title[1:] if not title.isupper() else self._lower(title, unit)
        self.ctx["proposer"] = "Giám đốc " + f.dept if f.issuer_kind == "ubnd" else "Trưởng phòng Bảo trợ xã hội"
        self.title = title
        self._opening(title)
        self.key["general_objective"] = None
        complete = f.cut_after is None and f.profile != "blanks"
        self._purpose()
        self._objectives()
        self._tasks()
        if f.cut_after != "tasks":
            self._budget()
            if f.cut_after != "budget":
                self._organisation()
                if f.cut_after is None:
                    self._closing()
        self._finish_key(title, complete)
        return self

    @staticmethod
    def _lower(title: str, unit: str) -> str:
        """An upper-case title as it reads inside a sentence: names keep their capitals."""
        text = title.lower().replace(unit.lower(), unit)
        for name in ("Chương trình phát triển công tác xã hội", "Đề án phát triển nghề công tác xã hội"):
            text = text.replace(name.lower(), name)
        return text

    # --- opening -------------------------------------------------------------------------------------------
    def _opening(self, title: str) -> None:
        f = self.f
        left = self.lines("header_left", f.issuer_kind)
        suffix = "UBND" if f.issuer_kind == "ubnd" else ("SYT" if f.new_era else "SLĐTBXH")
        number = f.number or f"      /KH-{suffix}"
        left.append(self.text("number_line", number=number, number_spaced=number.replace("/", " /")))
        date_fields = _date_fields(f.date)
        if f.blank_date:
            date_fields.update(dd="   ", d="   ")
        right = self.lines("motto") + self.lines("date_line", place=f.province, **date_fields)
        self.add("header", left, right)
        self.add("title", ["KẾ HOẠCH", title])
        self.key["legal_bases"] = []
        date_style = self.pick("basis_date")["text"]
        opening: list[str] = []
        for basis in f.bases:
            fields = {"number": basis.number, "date": date_style.format(**_date_fields(basis.date)),
                      "ministry": "Bộ Lao động - Thương binh và Xã hội", "ministry_short": "Lao động - Thương binh và Xã hội",
                      "programme": "Chương trình phát triển công tác xã hội" if f.ruleset == "qd112"
                      else "Đề án phát triển nghề công tác xã hội", "yyyy": basis.date.year, **basis.extra}
            sentence = self.text("legal_basis", basis.key, **fields)
            opening.append(sentence)
            entry = {"number": basis.number, "date": basis.date.isoformat(), "issuer": basis.issuer, "quote": sentence}
            self.key["legal_bases"].append(entry)
        opening.append(self.text("opening"))
        if f.layout["bases_joined"]:
            self.add("para", " ".join(opening))
        else:
            for sentence in opening:
                self.add("para", sentence)
        if self.f.layout["running_header"]:
            self.running = self.text("running_header", number=f.number or "", short=self.ctx["short"]).strip(" —")
        else:
            self.running = None

    # --- parts ---------------------------------------------------------------------------------------------
    def _purpose(self) -> None:
        if not self.f.layout["purpose"]:
            return
        self.add("heading", 0, self.text("section_heading", "purpose"))
        for key in ("purpose", "requirement"):
            self.add("heading", 1, self.text("purpose_sub", key))
            for phrasing in self.rng.sample(self.bank.choices("purpose_text", key), 2):
                self.used.append(phrasing["id"])
                self.add("bullet", nfc(phrasing["text"]))

    def _value_phrase(self, target: Target) -> str:
        if target.blank:
            blank = self.blank()
            if target.unit == "per_unit":
                return blank
            return self.text("blank_wrap", "wage" if target.unit == "wage_multiple" else "percent", blank=blank)
        if target.unit == "per_unit":
            return self.text("value_per_unit", int(target.value))
        if target.unit == "wage_multiple":
            key = 1 if target.value == 1 else 1.5
            return self.text("value_wage", key)
        choices = self.bank.choices("value_percent")
        if not float(target.value).is_integer():
            choices = [c for c in choices if "{words}" not in c["text"]]
        phrasing = self.rng.choice(choices)
        self.used.append(phrasing["id"])
        return phrasing["text"].format(n=_num(target.value), words=words(int(target.value))).strip()

    def _population(self, phrasing: dict) -> list[str]:
        out = []
        for item in phrasing.get("population", []):
            out.extend(self.f.communes if item == "{communes_list}" else [item.format(**self.ctx)])
        return out

    def _target_sentence(self, target: Target, year_lead: bool) -> str:
        phrasing = self.pick("target", target.indicator)
        value = self._value_phrase(target)
        field = {"per_unit": "P", "wage_multiple": "W"}.get(target.unit, "V")
        sentence = phrasing["text"].format(**{**self.ctx, field: value, "base": target.relative_to or ""})
        if year_lead:
            sentence = self.text("year_lead", year=target.year) + sentence
        final = nfc(cap(sentence.strip()) + ".")
        self._key_target(target, phrasing, final)
        return final

    def _item(self, sentence: str) -> None:
        """A target as a "-" item, or as a lettered one ("a) Đạt 60% …")."""
        if self.f.layout["target_items"] == "letter":
            self.add("heading", 3, sentence)
        else:
            self.add("bullet", sentence)

    def _sentences(self, targets: list[Target], year_lead: bool) -> list[str]:
        """One sentence per target; staff per unit and the allowance sometimes in one sentence, as the decision has them."""
        pair = [t for t in targets if t.indicator in ("staff_per_unit", "collaborator_allowance")]
        together = len(pair) == 2 and self.rng.random() < 0.5
        out = []
        for target in targets:
            if together and target is pair[1]:
                continue
            if together and target is pair[0]:
                staff, allowance = (pair if pair[0].indicator == "staff_per_unit" else pair[::-1])
                phrasing = self.pick("target_pair")
                sentence = phrasing["text"].format(P=self._value_phrase(staff), W=self._value_phrase(allowance))
                if year_lead:
                    sentence = self.text("year_lead", year=staff.year) + sentence
                final = nfc(cap(sentence.strip()) + ".")
                self._key_target(staff, phrasing, final)
                self._key_target(allowance, phrasing, final)
                out.append(final)
                continue
            out.append(self._target_sentence(target, year_lead))
        return out

    def _key_target(self, target: Target, phrasing: dict, quote: str) -> None:
        if target.blank:
            return  # a blank is no value: a careful reviewer records nothing (the draft is incomplete)
        entry = {"indicator": target.indicator, "year": target.year, "value": target.value, "unit": target.unit,
                 "comparison": "at_least"}
        if target.relative_to:
            entry["relative_to"] = target.relative_to
        population = self._population(phrasing)
        if population:
            entry["population"] = population
        entry["quote"] = nfc(quote)
        self.key["targets"].append(entry)

    def _objectives(self) -> None:
        f = self.f
        self.key["targets"] = []
        self.add("heading", 0, self.text("section_heading", "objectives"))
        self.add("heading", 1, self.text("objective_heading", "general"))
        objective = self.text("general_objective")
        self.add("para", objective)
        self.key["general_objective"] = {"text": objective}
        self.add("heading", 1, self.text("objective_heading", "specific"))
        layout = f.layout["targets"]
        by_year = {year: [t for t in f.targets if t.year == year] for _, _, _, year in f.blocks}
        if layout == "table":
            self._target_table(by_year)
            return
        for kind, start, end, year in f.blocks:
            if layout == "blocks":
                heading = self.text("block_heading", kind, start=start, end=end, year=year)
                self.add("heading", f.layout["block_level"], heading)
            for sentence in self._sentences(by_year[year], year_lead=layout == "inline"):
                self._item(sentence)

    def _target_table(self, by_year: dict[int, list[Target]]) -> None:
        f = self.f
        years = list(by_year)
        in_table = [i for i in dict.fromkeys(t.indicator for t in f.targets)
                    if t_unit(f, i) in ("percent", "percent_increase") and self.bank.has("target_label", i)]
        unit_col = f.layout["unit_column"]
        header = [self.text("table_columns", "number"), self.text("table_columns", "name")]
        if unit_col:
            header.append(self.text("table_columns", "unit"))
        header += [self.text("year_column", year=y) for y in years]
        rows = [header]
        for n, indicator in enumerate(in_table, 1):
            label = self.pick("target_label", indicator)
            base = next((t.relative_to for t in f.targets if t.indicator == indicator and t.relative_to), "")
            text = nfc(label["text"].format(**self.ctx, base=base))
            row = [str(n), text] + (["%"] if unit_col else [])
            for year in years:
                target = next((t for t in by_year[year] if t.indicator == indicator), None)
                if target is None:
                    row.append("-")
                    continue
                if target.blank:
                    row.append(self.blank())
                else:
                    cell = self.text("table_value", "bare" if unit_col else "with_unit", n=_num(target.value))
                    row.append(cell)
                    self._key_target(target, label, f"{text}: {cell} ({header[len(row) - 1]})")
            rows.append(row)
        self.add("table", rows, {"merge_unit": unit_col and self.rng.random() < 0.6, "unit_col": 2})
        for year in years:
            for sentence in self._sentences([t for t in by_year[year] if t.indicator not in in_table], year_lead=True):
                self._item(sentence)

    def _tasks(self) -> None:
        f = self.f
        self.key["task_groups"] = []
        self.add("heading", 0, self.text("section_heading", "tasks"))
        table_rows = []
        resp = self.pick("resp_table") if f.layout["leads"] == "table" else None
        for group in f.groups:
            heading = self.text("task_heading", group.id)
            self.add("heading", 1, heading)
            bullets = []
            for phrasing in self.rng.sample(self.bank.choices("task_content", "any"), self.rng.randint(1, 2)):
                self.used.append(phrasing["id"])
                bullets.append(nfc(phrasing["text"]))
            lead = self.blank() if group.blank_lead else joined(group.lead)
            partners = joined(group.partners)
            entry = {"heading": heading, "covers": [group.id], "lead": [] if group.blank_lead else list(group.lead),
                     "partners": list(group.partners)}
            if resp is None:
                phrasing = self.pick("lead_sentence")
                # a phrasing may name no lead (the group then has none: nothing to read) or name more bodies of
                # its own ("Ủy ban nhân dân cấp xã"), which take part too
                if phrasing.get("no_lead"):
                    entry["lead"] = []
                if phrasing.get("no_partners"):
                    entry["partners"] = []
                entry["partners"] += [nfc(b.format(**self.ctx)) for b in phrasing.get("extra_partners", [])]
                lines = [nfc(line.format(**{**self.ctx, "lead": lead, "partners": partners})) for line in phrasing["lines"]]
                # a sentence that ends in ":" ("… thực hiện các nội dung sau:") opens the activities it names
                opens = lines[-1].rstrip().endswith(":")
                for text in ([] if opens else bullets):
                    self.add("bullet", text)
                for line in lines:
                    self.add("para", cap(line))
                    entry.setdefault("quote", line)
                for text in (bullets if opens else []):
                    self.add("bullet", text)
            else:
                for text in bullets:
                    self.add("bullet", text)
                extra = [self._resp_cell("product" if col == "Sản phẩm" else "time") for col in resp["cols"][4:]]
                # a cell may list its bodies one to a line ("Sở Nội vụ;" / "Sở Tài chính")
                sep = resp.get("cell_sep")
                cell_partners = sep.join(group.partners) if sep else partners
                cell_lead = sep.join(group.lead) if sep and not group.blank_lead else lead
                table_rows.append([str(len(table_rows) + 1), heading, cell_lead, cell_partners, *extra])
            self.key["task_groups"].append(entry)
        if resp is not None:
            self.add("para", self.text("resp_intro"))
            self.add("table", [list(resp["cols"]), *table_rows], {})

    def _resp_cell(self, key: str) -> str:
        choices = [c for c in self.bank.choices("resp_cell", key)
                   if self.f.plan_kind == "phase" or "{end}" not in c["text"]]  # an annual plan has no span
        phrasing = self.rng.choice(choices)
        self.used.append(phrasing["id"])
        return phrasing["text"].format(start=self.f.start, end=self.f.end)

    def _budget(self) -> None:
        f = self.f
        self.add("heading", 0, self.text("section_heading", "budget"))
        template = self.pick("money", f.money_unit)["text"]
        total = (money(f.budget_total, f.money_unit, template) if f.budget_total
                 else self.text("blank_wrap", "amount", blank=self.blank()))
        spans = []
        for span, amount in f.budget_phases:
            a, b = span.split("-")
            span_words = f"năm {a}" if a == b else f"giai đoạn {a} - {b}"
            spans.append(self.text("budget_phase", span=span_words, amount=money(amount, f.money_unit, template)))
        key = "after" if spans and self.rng.random() < 0.5 else "before"
        sentence = self.text("budget_total", key, total=total,
                             phases_after_colon=(", trong đó: " + "; ".join(spans)) if spans else "",
                             phases_in_brackets=(" (" + "; ".join(spans) + ")") if spans else "",
                             phases_sentence=cap("; ".join(spans)) + "." if spans else "")
        self.add("para", sentence.strip())
        names = [self.text("source_name", kind) for kind, _ in f.sources]
        amounts = [amount for _, amount in f.sources]
        if amounts[0] is not None and f.budget_total:
            text = self.text("budget_sources", "amounts", s1_name=names[0], s2_name=names[1],
                             s1=money(amounts[0], f.money_unit, template), s2=money(amounts[1], f.money_unit, template))
        else:
            amounts = [None, None]
            text = self.text("budget_sources", "names", s1_name=names[0], s2_name=names[1])
        self.add("para", cap(text))
        budget = {"sources": [{"name": cap(n), **({"amount": a} if a is not None else {})}
                              for n, a in zip(names, amounts, strict=True)]}
        if f.budget_total:
            budget["total"] = {"amount": f.budget_total, "quote": sentence.strip()}
        self.key["budget"] = budget

    def _report_sentence(self) -> str:
        f = self.f
        sentence = self.text("reporting", by=f.dept, to=joined(f.recipients), deadline=self.text("report_deadline"))
        self.key["monitoring"] = {"reporting": [{"text": cap(sentence), "by": [f.dept], "to": list(f.recipients)}]}
        return cap(sentence)

    def _organisation(self) -> None:
        f = self.f
        self.add("heading", 0, self.text("section_heading", "organisation"))
        self.key["organisation"] = []
        for role, body in f.bodies:
            self.add("heading", 1, body)
            duties = [self.text("org_duty", role if self.bank.has("org_duty", role) else "lead")]
            for duty in duties:
                self.add("bullet", duty)
            if role == "lead" and not f.report_part:
                self.add("bullet", self._report_sentence())
            self.key["organisation"].append({"body": body, "duties": duties})
        if f.report_part:
            self.add("heading", 0, self.text("section_heading", "reporting"))
            self.add("para", self._report_sentence())

    def _closing(self) -> None:
        f = self.f
        self.add("para", self.text("closing"))
        self.add("signature", self.lines("recipients"), self.lines("signature", f.issuer_kind, signer=f.signer))

    def _finish_key(self, title: str, complete: bool) -> None:
        f = self.f
        ident = {"number": f.number, "title": title,
                 "issuer": (f"Ủy ban nhân dân {f.level} {f.province}" if f.issuer_kind == "ubnd"
                            else f"{f.dept} {f.level} {f.province}"),
                 "province": f.province}
        if f.blank_date:
            ident["date_text"] = f"ngày tháng {f.date.month} năm {f.date.year}"
        else:
            ident["date"] = f.date.isoformat()
        if f.cut_after is None:
            ident["signer"] = f.signer
        ident["kind"] = f.plan_kind
        note = None
        if f.cut_after:
            part = {"tasks": "nhiệm vụ", "budget": "kinh phí", "organisation": "tổ chức thực hiện"}[f.cut_after]
            note = f"Văn bản dừng sau phần {part}: không có phần kết, chữ ký."
        elif f.profile == "blanks":
            note = "Bản dự thảo còn chỗ trống (…): giá trị để trống không được ghi."
        source = {"document": f"{f.name}.docx", "complete": complete, **({"note": note} if note else {})}
        key = {"identification": ident, "source": source, "legal_bases": self.key["legal_bases"],
               "period": {"start": f.start, "end": f.end}}
        if self.key.get("general_objective"):
            key["general_objective"] = self.key["general_objective"]
        key["targets"] = self.key["targets"]
        key["task_groups"] = self.key["task_groups"]
        for part in ("budget", "organisation", "monitoring"):
            if self.key.get(part):
                key[part] = self.key[part]
        self.key = key


def t_unit(facts: Facts, indicator: str) -> str:
    return next(t.unit for t in facts.targets if t.indicator == indicator)
