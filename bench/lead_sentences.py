"""How the reader reads who leads a task group and who takes part, on its own (a script, not a test).

Every lead sentence of a half of the wording bank (tests/corpus/plangen/bank/<half>/lead_sentence.yaml) is
written out under a task heading as the generated plans write it, with the same bodies in three ways (a lead
and one partner; two partners; three partners, one of them a list of its own: "Ủy ban nhân dân các xã,
phường"), and read as a task group's lines are read. Each reading is compared with the bodies written:

- lead right / no lead / other lead;
- partners: recall and precision over all the bodies written (names compared folded: "sở giáo dục đào tạo").

It reads a group's own lines only (``of_group``): a lead the document reader infers afterwards from the bodies a
document names elsewhere (extract/leads.py ``add_subject_leads``) needs a whole plan, and is measured by
bench/extract_accuracy.py.

The held-out half, "chưa dùng để chỉnh", is printed first and only as counts: nobody who changes the reader reads
its wording. The tune half may print each miss (``--show``).

    python bench/lead_sentences.py [--half heldout|tune|both] [--show]
"""

import sys
from collections import Counter
from types import SimpleNamespace

from bank_parts import LABELS, run  # noqa: E402  (the package's and the bank's import paths)

from ctxh_compliance.core.text import fold_name  # noqa: E402
from ctxh_compliance.extract.roles import of_group  # noqa: E402
from plangen.bank import Bank  # noqa: E402
from plangen.render import cap, joined, nfc  # noqa: E402

LEVEL = "tỉnh"
CTX = {"level": LEVEL, "LEVEL": LEVEL.upper(), "unit": "tỉnh Lào Cai", "UNIT": "TỈNH LÀO CAI", "province": "Lào Cai",
       "dept": "Sở Y tế", "short": "UBND tỉnh Lào Cai"}
HEADING = "3. Tuyên truyền, nâng cao nhận thức về công tác xã hội"
CASES = [("Sở Y tế", ["Sở Tư pháp"]),
         ("Sở Nội vụ", ["Sở Tài chính", "Công an tỉnh"]),
         ("Sở Y tế", ["Sở Giáo dục và Đào tạo", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ủy ban nhân dân các xã, phường"])]


def read(phrasing: dict, lead: str, partners: list[str]) -> tuple[set, set, set, set]:
    """(lead read, lead written, partners read, partners written), as folded names."""
    lines = [cap(nfc(line.format(**{**CTX, "lead": lead, "partners": joined(partners)}))) for line in phrasing["lines"]]
    want_lead = set() if phrasing.get("no_lead") else {fold_name(lead)}
    want_partners = set() if phrasing.get("no_partners") else {fold_name(p) for p in partners}
    want_partners |= {fold_name(nfc(b.format(**CTX))) for b in phrasing.get("extra_partners", [])}
    said = of_group(SimpleNamespace(text=HEADING), [SimpleNamespace(text=line) for line in lines])
    return ({fold_name(b) for b in said.lead or []}, want_lead,
            {fold_name(b) for b in said.partners or []}, want_partners)


def measure(half: str, show: bool) -> None:
    phrasings = Bank(half).choices("lead_sentence")
    leads: Counter = Counter()
    hit = found = written = 0
    for phrasing in phrasings:
        for lead, partners in CASES:
            got_lead, want_lead, got_partners, want_partners = read(phrasing, lead, partners)
            result = "right" if got_lead == want_lead else "none" if not got_lead else "other"
            leads[result] += 1
            hit += len(got_partners & want_partners)
            found += len(got_partners)
            written += len(want_partners)
            if show and half == "tune" and (result != "right" or got_partners != want_partners):
                print(f"  {phrasing['id']:<20} lead {result:<6} partners missed {sorted(want_partners - got_partners)}"
                      f" extra {sorted(got_partners - want_partners)}\n      {' / '.join(phrasing['lines'])}")
    n = sum(leads.values())
    print(f"\n{LABELS[half]}: {len(phrasings)} lead sentences × {len(CASES)} — lead right {leads['right']}/{n} = "
          f"{leads['right'] / n:.2f} (none {leads['none']}, other {leads['other']}); partners R {hit}/{written} = "
          f"{hit / max(written, 1):.2f}, P {hit}/{found} = {hit / max(found, 1):.2f}")


if __name__ == "__main__":
    sys.exit(run(__doc__, measure, sys.argv[1:]))
