"""Accuracy of the extractor (a script, not a test), in three sections, in this order:

1. The held-out half of the generated corpus, "chưa dùng để chỉnh": plans generated from facts with the
   wording of tests/corpus/plangen/bank/heldout/ (never used to tune the extractor), as Word files and their
   LibreOffice PDFs, each read and checked as `ctxh-check FILE` does, against its answer key (a plan file
   written from the same facts): precision and recall of targets (indicator + year + value), leads,
   partners, task groups, budget total and legal bases; invented values (an extracted value that matches
   nothing in the key); verdict agreement per (plan, rule) cell, with false ĐẠT (the document passes where
   the key does not) and false KHÔNG ĐẠT (the document fails where the key does not).
2. The tune half, "dùng để chỉnh", measured the same way (tests/corpus/plangen/bank/tune/).
3. The existing corpus, kept as a regression check (below).

    python bench/extract_accuracy.py [--plans N] [--half heldout|tune|both|none] [--seed S] [--no-existing]
                                     [--no-pdf] [--ocr] [--keep DIR] [--quiet] [--json FILE]

docs/accuracy.md says how the corpus is built and how new wording is added.

The existing corpus: for each examples/<name>.yaml whose source.document is a seed text (tests/corpus/seeds/), extract
the seed and each of its variants (tests/corpus/variants.py: Word with tables, Word with automatic
numbering, both exported to PDF by LibreOffice, and a scan read by OCR when Tesseract is installed)
and compare, per field: legal bases (number + date), targets (indicator + year + value), the population
of each target (each group its sentence names, compared as the check compares them), task groups (the
national group ids covered), the lead and the partners of each group (group id + body), budget total.
Prints precision and recall per field, per plan and
per variant, and counts invented values: extracted values that match nothing in the hand-made file
AND whose number does not occur in the source text (should be zero).

The seed texts are the texts the wording patterns were tuned on; the Word and PDF variants change
the layout, not the wording. The responsibilities-table plans (tests/corpus/task_tables.py: Word files
and their LibreOffice PDFs, rows "table-plans docx/pdf") were written to measure how a table's lead
and partner cells reach their task group, each measured before the extractor was taught it (the README
gives those figures; after that, they are no longer unseen). A lead or partner is scored only for the
groups whose hand-made plan names leads (a hand-made plan that names none says nothing about them).
"""

import re
import sys
from pathlib import Path

import yaml

from ctxh_compliance.extract import extract
from ctxh_compliance.core.text import fold_item, fold_name, fold_number

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "seeds"
UNSEEN = ROOT / "tests" / "corpus" / "unseen"
TASK_TABLES = ROOT / "tests" / "corpus" / "task_tables"


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
        # each group a target's sentence names, as the check compares them (fold_item: "các xã" is "xã")
        "population": {(t["indicator"], int(t["year"]), float(t["value"]), fold_item(item))
                       for t in plan.get("targets") or [] for item in t.get("population") or []},
        "task_groups": {c for g in plan.get("task_groups") or [] for c in g.get("covers", [])},
        "budget_total": set(),
    }
    for role, key in (("lead", "lead"), ("partners", "partners")):
        out[role] = {(c, fold_name(body)) for g in plan.get("task_groups") or [] for c in g.get("covers", [])
                     for body in g.get(key) or []}
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


def score(result, truth_plan: dict, text: str) -> tuple[dict, list[str], dict, dict]:
    got, truth = keys(result.data), keys(truth_plan)
    invented = []
    led = {c for g in truth_plan.get("task_groups") or [] if g.get("lead") for c in g.get("covers", [])}
    for role in ("lead", "partners"):  # scored for the groups whose hand-made plan names leads
        got[role] = {k for k in got[role] if k[0] in led}
    folded = fold_name(text)
    for role in ("lead", "partners"):
        for cover, body in sorted(got[role] - truth[role]):
            if body not in folded:
                invented.append(f"{role} {cover} {body}")
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
    counts = {f: pr(got[f], truth[f]) for f in FIELDS}
    return counts, invented, got, truth


FIELDS = ("legal_bases", "targets", "population", "task_groups", "lead", "partners", "budget_total")


def existing_corpus(args) -> int:
    import tempfile

    sys.path.insert(0, str(ROOT / "tests" / "corpus"))
    import variants

    work = (args.keep / "existing") if args.keep else Path(tempfile.mkdtemp(prefix="ctxh-variants-"))
    examples = {}
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        truth_plan = yaml.safe_load(example.read_text(encoding="utf-8"))
        seed = CORPUS / Path((truth_plan.get("source") or {}).get("document", "")).name
        if seed.is_file():
            examples[seed] = (example, truth_plan)
    # documents written to measure wording the patterns were not tuned on, each beside its hand-made plan
    for truth in sorted(UNSEEN.glob("*.yaml")):
        examples[truth.with_suffix(".txt")] = (truth, yaml.safe_load(truth.read_text(encoding="utf-8")))
    made = variants.build(work, list(examples), pdf=not args.no_pdf)
    # plans whose tasks stand in a responsibilities table, each beside its hand-made plan (not tuned on)
    import task_tables
    tabled = task_tables.build(work / "task-tables", pdf=not args.no_pdf)
    texts = {}
    for path in tabled["docx"]:
        truth = TASK_TABLES / f"{path.stem}.yaml"
        examples[path] = (truth, yaml.safe_load(truth.read_text(encoding="utf-8")))
        texts[path] = task_tables.plain_text(path)
    made["table-plans docx"] = tabled["docx"]
    if tabled["pdf"]:
        made["table-plans pdf"] = tabled["pdf"]
    if args.ocr:
        made["scan.pdf"] = [variants.scan_variant(p, work) for p in made.get("numbering.pdf", [])]

    unseen = [seed for seed in examples if seed.parent == UNSEEN]
    totals = {kind: {f: [0, 0, 0] for f in FIELDS} for kind in made}
    totals.update({f"unseen {kind}": {f: [0, 0, 0] for f in FIELDS} for kind in made if "table-plans" not in kind})
    invented_total = 0
    widths = [36, 20, 26, 26, 26, 26, 26, 26, 22, 9]
    print("".join(h.ljust(w) for h, w in zip(["plan", "variant", *FIELDS, "invented"], widths, strict=True)))
    for kind, paths in made.items():
        for path in paths:
            seed = next(s for s in examples if path.name.startswith(s.stem + "."))
            example, truth_plan = examples[seed]
            group = f"unseen {kind}" if seed in unseen else kind
            result = extract(path, document=path.name)
            text = texts[seed] if seed in texts else seed.read_text(encoding="utf-8")
            counts, invented, got, truth = score(result, truth_plan, text)
            invented_total += len(invented)
            row = [example.stem[:34], group]
            for f in FIELDS:
                hit, n_found, n_truth = counts[f]
                for i, v in enumerate(counts[f]):
                    totals[group][f][i] += v
                row.append(f"P {fmt(hit, n_found)} R {fmt(hit, n_truth)}"[:25])
            row.append(str(len(invented)))
            if not args.quiet:
                print("".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
                for f in FIELDS:
                    extra, lost = got[f] - truth[f], truth[f] - got[f]
                    if extra:
                        print(f"    {f} extracted, not in hand-made: {sorted(map(str, extra))}")
                    if lost:
                        print(f"    {f} missed: {sorted(map(str, lost))}")
                for item in invented:
                    print(f"    INVENTED: {item}")
    print()
    print("per variant".ljust(22) + "".join(f.ljust(26) for f in FIELDS))
    overall = {f: [0, 0, 0] for f in FIELDS}
    for kind, fields in totals.items():
        if not any(n for counts in fields.values() for n in counts):
            continue
        cells = []
        for f in FIELDS:
            hit, n_found, n_truth = fields[f]
            for i, v in enumerate(fields[f]):
                overall[f][i] += v
            cells.append(f"P {fmt(hit, n_found)[-4:]} R {fmt(hit, n_truth)[-4:]}".ljust(26))
        print(kind.ljust(22) + "".join(cells))
    print()
    print("whole corpus".ljust(20) + "precision".ljust(22) + "recall")
    for f in FIELDS:
        hit, n_found, n_truth = overall[f]
        print(f.ljust(20) + fmt(hit, n_found).ljust(22) + fmt(hit, n_truth))
    print(f"invented values: {invented_total}")
    if not args.keep:
        import shutil
        shutil.rmtree(work, ignore_errors=True)
    return 1 if invented_total else 0


# --- the generated corpus (tests/corpus/plangen): two halves of the wording bank ------------------------------
HALF_TITLES = {"heldout": "chưa dùng để chỉnh (held-out half: never used to tune the extractor)",
               "tune": "dùng để chỉnh (tune half)"}
GEN_FIELDS = ("targets", "lead", "partners", "task_groups", "budget_total", "legal_bases")


def _verdicts(report) -> dict[tuple[str, str], str]:
    return {(f.rule_id, f.aspect): f.verdict.value for f in report.findings}


def _key_report(key_path: Path):
    from ctxh_compliance import check, load_plan, select_ruleset
    loaded = load_plan(key_path)
    ruleset, cited = select_ruleset(loaded)
    return check(loaded, ruleset, cited)


def _document_report(path: Path):
    """The document read and checked as `ctxh-check FILE` reads and checks it: (plan as a dict, report)."""
    from ctxh_compliance import check, select_ruleset
    from ctxh_compliance.extract.document import load_document
    loaded, _ = load_document(path)
    ruleset, cited = select_ruleset(loaded)
    return loaded.plan.model_dump(mode="json"), check(loaded, ruleset, cited)


def gen_score(got_plan: dict | None, key_plan: dict) -> tuple[dict, list[str], dict, dict]:
    """Counts per field and the invented values: an extracted value that matches nothing in the key."""
    truth = keys(key_plan)
    got = keys(got_plan) if got_plan else {f: set() for f in truth}
    # a target whose year the reader inferred (listed in source.assumed, never deciding a verdict) and got
    # wrong is counted apart from a value read wrong: "inferred"
    assumed = set((got_plan or {}).get("source", {}).get("assumed") or [])
    inferred = {(t["indicator"], int(t["year"]), float(t["value"]))
                for i, t in enumerate((got_plan or {}).get("targets") or []) if f"targets[{i}].year" in assumed}
    invented = [f"target {t}" for t in sorted(got["targets"] - truth["targets"] - inferred)]
    invented += [f"inferred target {t}" for t in sorted((got["targets"] - truth["targets"]) & inferred)]
    invented += [f"budget {b}" for b in sorted(got["budget_total"] - truth["budget_total"])]
    numbers = {n for n, _ in truth["legal_bases"]}
    invented += [f"legal basis {n}" for n, _ in sorted(got["legal_bases"]) if n not in numbers]
    named = {(c, body) for role in ("lead", "partners") for c, body in truth[role]}
    # a lead the reader inferred, or the lead of a group whose heading's reading was inferred (listed in
    # source.assumed: its group is for review, never a pass), that the key does not name is counted apart from a
    # lead read wrong, as inferred target years are
    guessed = {(c, fold_name(body)) for i, g in enumerate((got_plan or {}).get("task_groups") or [])
               if {f"task_groups[{i}].lead", f"task_groups[{i}].covers"} & assumed
               for c in g.get("covers") or [] for body in g.get("lead") or []}
    invented += [f"{'inferred ' if (c, body) in guessed else ''}lead {c} {body}"
                 for c, body in sorted(got["lead"]) if (c, body) not in named]
    return {f: pr(got[f], truth[f]) for f in GEN_FIELDS}, invented, got, truth


def _missed_causes(got_plan: dict | None, got: dict, truth: dict) -> list[str]:
    """Each missed lead or partner by where its reading stopped: its group was not read, its group was read
    with no lead (no partners), or with others."""
    groups = (got_plan or {}).get("task_groups") or []
    causes = []
    for role in ("lead", "partners"):
        for c, _ in sorted(truth[role] - got[role]):
            read = [g for g in groups if c in (g.get("covers") or [])]
            cause = ("group not read" if not read else
                     f"group read, no {role}" if not any(g.get(role) for g in read) else f"group read, other {role}")
            causes.append(f"{role}: {cause}")
    return causes


def generated_half(half: str, plans: int, work: Path, pdf: bool, quiet: bool, seed: int | None) -> dict:
    sys.path.insert(0, str(ROOT / "tests" / "corpus"))
    import plangen
    made = plangen.build(work / half, half, plans, seed, pdf=pdf)
    layouts = {"docx": [(g, g.docx) for g in made]}
    if any(g.pdf for g in made):
        layouts["pdf"] = [(g, g.pdf) for g in made if g.pdf]
    expected = {g.name: _key_report(g.key) for g in made}
    results = {}
    used_seed = seed or plangen.HALF_SEEDS[half]
    print(f"\n=== {half}: {HALF_TITLES[half]} — {len(made)} kế hoạch sinh từ dữ kiện (seed {used_seed}) ===")
    for layout, docs in layouts.items():
        totals = {f: [0, 0, 0] for f in GEN_FIELDS}
        cells = agree = false_pass = false_fail = invented_n = inferred_n = unread = 0
        false_by_rule: dict[str, int] = {}  # "QD112-T09 ĐẠT": how many cells (rule ids only: no wording)
        invented_by_field: dict[str, int] = {}  # "target", "lead", "legal basis" …: how many (no values)
        missed_by_cause: dict[str, int] = {}  # a missed lead or partner, by where the reading stopped (no values)
        for g, path in docs:
            key_plan = yaml.safe_load(g.key.read_text(encoding="utf-8"))
            want = _verdicts(expected[g.name])
            try:
                got_plan, report = _document_report(path)
                have = _verdicts(report)
            except Exception as error:  # the document was refused (not a plan, invalid): every cell disagrees
                got_plan, have = None, {}
                unread += 1
                if not quiet:
                    print(f"  {g.name}.{layout}: not read ({type(error).__name__}: {str(error)[:120]})")
            counts, invented, got, truth = gen_score(got_plan, key_plan)
            for f in GEN_FIELDS:
                for i, v in enumerate(counts[f]):
                    totals[f][i] += v
            invented_n += sum(not i.startswith("inferred ") for i in invented)
            for item in invented:
                kind = ("inferred lead" if item.startswith("inferred lead") else "inferred target year") \
                    if item.startswith("inferred ") else item.split(" (")[0].rsplit(" ", 2)[0] \
                    if item.startswith(("lead ", "legal basis ")) else item.split(" ", 1)[0]
                # a lead by the national group it was given to (a fact's id, never the body or the wording)
                kind = " ".join(kind.split(" ")[:2]) + f" [{g.profile}]" if kind.startswith("lead ") else kind
                invented_by_field[kind] = invented_by_field.get(kind, 0) + 1
            inferred_n += sum(i.startswith("inferred ") for i in invented)
            for cause in _missed_causes(got_plan, got, truth):
                missed_by_cause[cause] = missed_by_cause.get(cause, 0) + 1
            wrong = []
            for cell in sorted(set(want) | set(have)):
                cells += 1
                w, h = want.get(cell), have.get(cell)
                agree += w == h
                false_pass += h == "pass" and w != "pass"
                false_fail += h == "fail" and w != "fail"
                if h in ("pass", "fail") and w != h:
                    # the rule and the kind of plan the facts made (a profile: "omits", "blanks" …), never wording
                    label = f"{cell[0]} {'ĐẠT' if h == 'pass' else 'KHÔNG ĐẠT'} [{g.profile}]"
                    false_by_rule[label] = false_by_rule.get(label, 0) + 1
                if w != h:
                    wrong.append(f"{cell[0]}{'' if cell[1] == 'value' else '/' + cell[1]}: {h} (key {w})")
            if not quiet:
                lost = {f: sorted(map(str, truth[f] - got[f])) for f in GEN_FIELDS if truth[f] - got[f]}
                if lost or invented or wrong:
                    print(f"  {g.name}.{layout} [{g.profile}]")
                    for f, items in lost.items():
                        print(f"      missed {f}: {items}")
                    for item in invented:
                        print(f"      INVENTED {item}")
                    if wrong:
                        print(f"      verdicts differ: {'; '.join(wrong)}")
        results[layout] = {"fields": totals, "invented": invented_n, "inferred_wrong": inferred_n, "cells": cells, "agree": agree,
                           "false_pass": false_pass, "false_fail": false_fail, "unread": unread, "plans": len(docs),
                           "false_by_rule": false_by_rule, "invented_by_field": invented_by_field,
                           "missed_by_cause": missed_by_cause}
    print(f"\n{half} ({HALF_TITLES[half]})")
    print("layout  " + "".join(f.ljust(27) for f in GEN_FIELDS) + "invented  verdicts agree   false ĐẠT  false KHÔNG ĐẠT")
    for layout, r in results.items():
        row = []
        for f in GEN_FIELDS:
            hit, n_found, n_truth = r["fields"][f]
            row.append(f"P {fmt(hit, n_found)[-4:]} R {fmt(hit, n_truth)[-4:]} ({n_truth})".ljust(27))
        share = f"{r['agree']}/{r['cells']} = {r['agree'] / r['cells']:.2f}" if r["cells"] else "-"
        invented = str(r["invented"]) + (f" (+{r['inferred_wrong']})" if r["inferred_wrong"] else "")
        print(layout.ljust(8) + "".join(row) + invented.ljust(10) + share.ljust(18)
              + str(r["false_pass"]).ljust(11) + str(r["false_fail"])
              + (f"   ({r['unread']} not read)" if r["unread"] else ""))
    for layout, r in results.items():
        if r["false_by_rule"]:  # which rules, never which plan or wording: safe to print for the held-out half
            print(f"false verdicts {layout}: " + ", ".join(f"{k} ×{v}" for k, v in sorted(r["false_by_rule"].items())))
        if r["invented_by_field"]:  # which fields, never which values
            print(f"invented {layout}: " + ", ".join(f"{k} ×{v}" for k, v in sorted(r["invented_by_field"].items())))
        if r["missed_by_cause"]:  # where the reading stopped, never which plan, body or wording
            print(f"missed {layout}: " + ", ".join(f"{k} ×{v}" for k, v in sorted(r["missed_by_cause"].items())))
    if any(r["inferred_wrong"] for r in results.values()):
        print("invented (+N): N more values inferred, not read (a target's year, a group's lead or heading: marked in "
              "source.assumed, never deciding a verdict) that are not the key's")
    return results


def main() -> int:
    import argparse
    import tempfile

    parser = argparse.ArgumentParser()
    parser.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice PDF variants")
    parser.add_argument("--ocr", action="store_true", help="also the scanned variants (needs tesseract-ocr-vie)")
    parser.add_argument("--keep", type=Path, help="write the documents to this folder and keep them")
    parser.add_argument("--quiet", action="store_true", help="totals only")
    parser.add_argument("--plans", type=int, default=30, help="generated plans per half (default 30)")
    parser.add_argument("--half", choices=["heldout", "tune", "both", "none"], default="both",
                        help="which generated half to measure (default: both, the held-out half first)")
    parser.add_argument("--seed", type=int, help="the generated corpus's seed (default: one fixed seed per half)")
    parser.add_argument("--no-existing", action="store_true", help="skip the existing corpus (seeds, variants, tables)")
    parser.add_argument("--json", type=Path, help="also write the generated halves' figures to this JSON file")
    parser.add_argument("--show-heldout", action="store_true",
                        help="also print the held-out half's misses plan by plan (by default only its totals: whoever "
                             "tunes the extractor must not read how the held-out wording reads)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="ctxh-plangen-"))
    halves = {"both": ["heldout", "tune"], "none": []}.get(args.half, [args.half])
    figures = {half: generated_half(half, args.plans, work, not args.no_pdf,
                                    args.quiet or (half == "heldout" and not args.show_heldout), args.seed)
               for half in halves}
    if args.json:
        import json
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    status = 0
    if not args.no_existing:
        print("\n=== the existing corpus (seeds, their Word/PDF variants, responsibilities tables): a regression check ===")
        status = existing_corpus(args)
    if not args.keep:
        import shutil
        shutil.rmtree(work, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
