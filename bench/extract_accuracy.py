"""Accuracy of the extractor against the hand-made plan files (a script, not a test).

For each examples/<name>.yaml whose source.document is a seed text under shared/seeds/, extract the
seed and compare, per field: legal bases (number + date), targets (indicator + year + value), task
groups (the national group ids covered), budget total. Prints precision and recall per field and
per plan, and counts invented values: extracted values that match nothing in the hand-made file AND
whose number does not occur in the source text (should be zero).

    /tmp/v311/bin/python bench/extract_accuracy.py
"""

import re
import sys
from pathlib import Path

import yaml

from ctxh_compliance.extract import extract
from ctxh_compliance.text import fold_number

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def _num(value) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def in_source(value, text: str) -> bool:
    """The number occurs in the source (01 for 1, 20.644.000.000 for 20644000000, một for 1)."""
    value = float(value)
    plain = _num(value)
    if re.search(r"(?<![\d.,])0*" + re.escape(plain) + r"(?![\d,]|\.\d)", text):
        return True
    if value.is_integer() and value >= 1000 and f"{int(value):,}".replace(",", ".") in text:
        return True
    words = {1: "một", 2: "hai", 3: "ba"}
    return value in words and re.search(r"(?<!\w)" + words[int(value)] + r"(?!\w)", text.lower()) is not None


def keys(plan: dict) -> dict[str, set]:
    out = {
        "legal_bases": {(fold_number(b["number"]), str(b.get("date"))) for b in plan.get("legal_bases") or []},
        "targets": {(t["indicator"], int(t["year"]), float(t["value"])) for t in plan.get("targets") or []},
        "task_groups": {c for g in plan.get("task_groups") or [] for c in g.get("covers", [])},
        "budget_total": set(),
    }
    budget = plan.get("budget") or {}
    total = (budget.get("total") or {}).get("amount")
    if total is not None:
        if isinstance(total, str):
            total = int(re.sub(r"\D", "", total))
        out["budget_total"].add(int(total))
    return out


def pr(found: set, truth: set) -> tuple[int, int, int]:
    return len(found & truth), len(found), len(truth)


def fmt(hit: int, n: int) -> str:
    return f"{hit}/{n} = {hit / n:.2f}" if n else "  -  "


def main() -> int:
    fields = ("legal_bases", "targets", "task_groups", "budget_total")
    totals = {f: [0, 0, 0] for f in fields}
    invented_total = 0
    rows = []
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        truth_plan = yaml.safe_load(example.read_text(encoding="utf-8"))
        doc = (truth_plan.get("source") or {}).get("document", "")
        seed = SEEDS / Path(doc).name
        if not seed.exists():
            print(f"skip {example.name}: {seed} not found")
            continue
        text = seed.read_text(encoding="utf-8")
        result = extract(seed, document=doc)
        got, truth = keys(result.data), keys(truth_plan)
        invented = []
        for t in result.data.get("targets", []):
            if (t["indicator"], int(t["year"]), float(t["value"])) not in truth["targets"] and not in_source(t["value"], text):
                invented.append(f"target {t['indicator']} {t['value']}")
        for total in got["budget_total"] - truth["budget_total"]:
            if not in_source(total, text):
                invented.append(f"budget {total}")
        for b in result.data.get("legal_bases", []):
            key = (fold_number(b["number"]), str(b.get("date")))
            if key not in truth["legal_bases"] and b["number"] not in text:
                invented.append(f"legal basis {b['number']}")
        invented_total += len(invented)
        row = [example.stem[:34], "valid" if result.valid else "INVALID"]
        for f in fields:
            hit, n_found, n_truth = pr(got[f], truth[f])
            for i, v in enumerate((hit, n_found, n_truth)):
                totals[f][i] += v
            row.append(f"P {fmt(hit, n_found)} R {fmt(hit, n_truth)}")
        row.append(str(len(invented)))
        rows.append((row, invented, got, truth))

    header = ["plan", "model"] + list(fields) + ["invented"]
    widths = [36, 8, 34, 34, 34, 30, 9]
    print("".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    for row, invented, got, truth in rows:
        print("".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
        for f in fields:
            extra, lost = got[f] - truth[f], truth[f] - got[f]
            if extra:
                print(f"    {f} extracted, not in hand-made: {sorted(map(str, extra))}")
            if lost:
                print(f"    {f} missed: {sorted(map(str, lost))}")
        for item in invented:
            print(f"    INVENTED: {item}")
    print()
    print("overall".ljust(20) + "precision".ljust(22) + "recall")
    all_hit = all_found = all_truth = 0
    for f in fields:
        hit, n_found, n_truth = totals[f]
        all_hit, all_found, all_truth = all_hit + hit, all_found + n_found, all_truth + n_truth
        print(f.ljust(20) + fmt(hit, n_found).ljust(22) + fmt(hit, n_truth))
    print("all fields".ljust(20) + fmt(all_hit, all_found).ljust(22) + fmt(all_hit, all_truth))
    print(f"invented values: {invented_total}")
    return 1 if invented_total else 0


if __name__ == "__main__":
    sys.exit(main())
