"""Benchmarks: speed and memory of the checker, as ratios to baselines measured in this run.

    python bench/run.py            # 10,000 checks (about a minute)
    python bench/run.py --checks 2000

Printed figures:
  * check / load     time of one check() against the time to read and validate the same plan
                     file (YAML + pydantic), both measured here on the same plan;
  * engine / facts   time of one check() against building its facts alone;
  * RSS growth       resident memory after N checks in one process minus after a warm-up,
                     with the per-check session state deleted each time.
No timing is asserted anywhere: machines here are noisy.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ctxh_compliance import check, load_plan, select_ruleset  # noqa: E402
from ctxh_compliance.facts import plan_facts  # noqa: E402

PLAN = ROOT / "examples" / "lang_son_sldtbxh_2021-2025.yaml"


def rss_mib() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def per_call(function, repeat: int) -> float:
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeat):
            function()
        samples.append((time.perf_counter() - start) / repeat)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checks", type=int, default=10_000, help="checks in the memory run")
    args = parser.parse_args()

    loaded = load_plan(PLAN)
    ruleset, _ = select_ruleset(loaded)
    check(loaded, ruleset)  # compile once

    t_load = per_call(lambda: load_plan(PLAN), 50)
    t_facts = per_call(lambda: plan_facts(loaded), 200)
    t_check = per_call(lambda: check(loaded, ruleset), 50)

    for _ in range(500):
        check(loaded, ruleset)
    before = rss_mib()
    start = time.perf_counter()
    for _ in range(args.checks):
        check(loaded, ruleset)
    elapsed = time.perf_counter() - start
    after = rss_mib()

    print(f"plan: {PLAN.relative_to(ROOT)}  ruleset: {ruleset.id} ({len(ruleset.rules)} rules)")
    print(f"load (baseline)     {t_load * 1e3:8.2f} ms/plan")
    print(f"facts (baseline)    {t_facts * 1e3:8.2f} ms/plan")
    print(f"check               {t_check * 1e3:8.2f} ms/plan   check/load = {t_check / t_load:5.2f}x"
          f"   check/facts = {t_check / t_facts:6.1f}x")
    print(f"{args.checks} checks       {elapsed:8.2f} s       = {args.checks / elapsed:7.0f} checks/s")
    print(f"RSS                 {before:8.1f} MiB after warm-up -> {after:.1f} MiB after {args.checks} checks"
          f"   growth = {after - before:+.1f} MiB")


if __name__ == "__main__":
    main()
