"""Benchmarks: each figure is a ratio to a baseline measured in the same run (machines here are
noisy; nothing here is asserted by the tests).

    python bench/run.py                   # full run (a few minutes)
    python bench/run.py --quick           # smaller counts
    python bench/run.py --scale           # only the command-line batch of 1,000 and 10,000 plans

  1. CLI: one `ctxh-check plan.yaml` process (``python -m ctxh_compliance``, what the console
     script runs) against the bare interpreter importing its dependencies (durable.lang, pydantic's
     BaseModel, typer, jinja2, yaml); the first run fills the caches (compiled templates, validated
     rulesets) and is not counted, as on a user's machine after the first check.
  2. Engine: the durable-rules evaluation of a plan against a plain-Python evaluation of the same
     rules (the test oracle, tests/oracle.py), both building the plan's facts; both must give the
     same outcomes. The plain-Python reading prepares what it derives from a ruleset (folded lists,
     regular expressions) once, as the engine compiles a ruleset once.
  3. Batch: plans per second, 1,000 and 10,000 generated plan files, JSON report per plan, in one
     process (the library); with --scale, through the command line (``ctxh-check DIR -f json -o OUT
     --jobs 2``): plans per second for 1,000 and 10,000 plans (the same rate means time linear in the
     number of plans) and the peak memory of all its processes together (PSS: a page shared by the
     processes counted once; the RSS sum, which counts it in each, is printed beside it).
  4. Memory: peak RSS, and RSS growth over 10,000 checks in one process.
  5. Reports: every report of every example plan (4 formats, 2 languages) is byte-identical to the
     one recorded in tests/golden/report-digests.txt (speed must not change a byte).
"""

import argparse
import hashlib
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import yaml  # noqa: E402

import oracle  # noqa: E402
from measure import interleaved, process_time, watch_memory  # noqa: E402
from ctxh_compliance import check, load_plan, select_ruleset  # noqa: E402
from ctxh_compliance.rules import engine  # noqa: E402
from ctxh_compliance.reports.report import render  # noqa: E402

PLAN = ROOT / "examples" / "lang_son_sldtbxh_2021-2025.yaml"


def rss_mib() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def median_time(function, repeat: int, rounds: int = 5) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(repeat):
            function()
        samples.append((time.perf_counter() - start) / repeat)
    return statistics.median(samples)


def cli_figure(rounds: int) -> None:
    floor_args = [sys.executable, "-c", "import durable.lang; from pydantic import BaseModel; import typer, jinja2, yaml"]
    command = [sys.executable, "-m", "ctxh_compliance", str(PLAN)]
    process_time(command, 1)  # fills the caches
    floor, whole = interleaved(floor_args, command, rounds)
    print(f"1. CLI        import floor {floor * 1e3:7.1f} ms   ctxh-check {whole * 1e3:7.1f} ms   "
          f"ratio {whole / floor:5.2f}x   (target <= 2.0x)")


def engine_figure(loaded, ruleset, repeat: int) -> None:
    facts = oracle.facts_of(loaded, ruleset)
    by_engine = sorted((o.rule.id, o.name, repr(o.element)) for o in engine.evaluate(loaded, ruleset))
    by_oracle = sorted((rule, name, repr(facts[i] if i is not None else None))
                       for rule, name, i in oracle.evaluate(facts, ruleset))
    assert by_engine == by_oracle, f"the baseline disagrees with the engine: {set(by_engine) ^ set(by_oracle)}"
    # both timings include building the plan's facts
    t_plain = median_time(lambda: oracle.evaluate(oracle.facts_of(loaded, ruleset), ruleset), repeat)
    t_engine = median_time(lambda: engine.evaluate(loaded, ruleset), repeat)
    print(f"2. Engine     plain Python {t_plain * 1e3:7.2f} ms   durable-rules {t_engine * 1e3:7.2f} ms   "
          f"ratio {t_engine / t_plain:5.2f}x   (target <= 5x and < 1 ms; same {len(by_engine)} outcomes)")


def generate(folder: Path, count: int) -> list[Path]:
    base = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    rng = random.Random(count)
    paths = []
    for i in range(count):
        for target in base["targets"]:
            target["value"] = rng.choice([10, 30, 50, 60, 85, 90])
        path = folder / f"plan{i:05d}.yaml"
        path.write_text(yaml.safe_dump(base, allow_unicode=True), encoding="utf-8")
        paths.append(path)
    return paths


def batch_figure(counts: list[int]) -> None:
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            paths = generate(Path(tmp), count)
            start = time.perf_counter()
            for path in paths:
                loaded = load_plan(path)
                ruleset, cited = select_ruleset(loaded)
                render(check(loaded, ruleset, cited), "json")
            elapsed = time.perf_counter() - start
        print(f"3. Batch      {count:6d} plans  {elapsed:7.1f} s   {count / elapsed:6.0f} plans/s   (target >= 500)")


def cli_batch_figure(counts: list[int], jobs: int) -> None:
    workers: list[float] = []
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "plans"
            folder.mkdir()
            generate(folder, count)
            command = [sys.executable, "-m", "ctxh_compliance", str(folder), "-f", "json", "-o", str(Path(tmp) / "out"),
                       "--jobs", str(jobs)]
            start = time.perf_counter()
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            apart: dict = {}
            peak, peak_rss = watch_memory(process, apart=apart)
            elapsed = time.perf_counter() - start
            reports = len(list((Path(tmp) / "out").glob("*.json")))
            workers.append(apart.get("child", 0.0))
        print(f"3. CLI batch  {count:6d} plans  --jobs {jobs}  {elapsed:7.1f} s   {count / elapsed:6.0f} plans/s   "
              f"peak memory (all processes, PSS) {peak:5.0f} MiB (RSS summed {peak_rss:4.0f} MiB; main process "
              f"{apart.get('main', 0):4.0f}, largest worker {workers[-1]:4.0f}, its RSS {apart.get('child_rss', 0):4.0f})   "
              f"{reports} reports, "
              f"exit {process.returncode}   (target >= 200 plans/s on 2 cores, < 300 MiB)", flush=True)
    if len(workers) > 1 and workers[0]:
        print(f"3. CLI batch  largest worker's peak PSS at {counts[-1]} plans / at {counts[0]}: "
              f"{workers[-1] / workers[0]:.2f}   (target: flat, within 1.10)   load average "
              f"{' '.join(f'{v:.2f}' for v in os.getloadavg())}", flush=True)


def memory_figure(loaded, ruleset, checks: int) -> None:
    for _ in range(500):
        check(loaded, ruleset)
    before = rss_mib()
    for _ in range(checks):
        check(loaded, ruleset)
    after = rss_mib()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"4. Memory     peak RSS {peak:6.1f} MiB   growth over {checks} checks {after - before:+.1f} MiB   "
          f"(target < 10 MiB)")


def reports_figure() -> None:
    recorded = dict(reversed(line.split("  ", 1)) for line in
                    (ROOT / "tests" / "golden" / "report-digests.txt").read_text(encoding="utf-8").splitlines())
    same = 0
    for name, digest in recorded.items():
        stem, lang, fmt = name.rsplit(".", 2)
        args = [sys.executable, "-m", "ctxh_compliance", f"examples/{stem}.yaml", "--lang", lang, "--format", fmt]
        out = subprocess.run(args, capture_output=True, cwd=ROOT, check=False,
                             env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}).stdout
        same += hashlib.sha256(out).hexdigest() == digest
    print(f"5. Reports    {same}/{len(recorded)} byte-identical to the recorded reports   (target: all)")


def main() -> None:
    parser = argparse.ArgumentParser(description="ctxh-compliance benchmarks")
    parser.add_argument("--quick", action="store_true", help="smaller counts")
    parser.add_argument("--scale", action="store_true", help="only the command-line batch of 1,000 and 10,000 plans")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of the command-line batch")
    parser.add_argument("--counts", type=int, nargs="+", help="with --scale: these numbers of plans (1,000 and 10,000)")
    args = parser.parse_args()
    if args.scale:
        cli_batch_figure(args.counts or [1_000, 10_000], args.jobs)
        return
    loaded = load_plan(PLAN)
    ruleset, _ = select_ruleset(loaded)
    check(loaded, ruleset)
    print(f"plan {PLAN.relative_to(ROOT)}, ruleset {ruleset.id} ({len(ruleset.rules)} rules), Python {sys.version.split()[0]}")
    cli_figure(3 if args.quick else 7)
    engine_figure(loaded, ruleset, 20 if args.quick else 100)
    batch_figure([200] if args.quick else [1_000, 10_000])
    memory_figure(loaded, ruleset, 1_000 if args.quick else 10_000)
    reports_figure()


if __name__ == "__main__":
    main()
