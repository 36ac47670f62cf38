"""What the benchmarks share: timing whole commands alternately against a floor, the memory of a
process tree (PSS, RSS) while it runs, and a server of this checkout on a free loopback port."""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def process_time(args: list[str], rounds: int, **kwargs) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, **kwargs)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def interleaved(first: list[str], second: list[str], rounds: int, **kwargs) -> tuple[float, float]:
    """Medians of two commands run alternately (a noisy machine slows both alike)."""
    a, b = [], []
    for _ in range(rounds):
        a.append(process_time(first, 1, **kwargs))
        b.append(process_time(second, 1, **kwargs))
    return statistics.median(a), statistics.median(b)


def _tree(pid: int) -> list[int]:
    """A process and all its descendants."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:  # every thread's children (a server starts its workers from threads)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    pending += [int(child) for child in handle.read().split()]
        except OSError:
            continue
    return found


def _parent(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def _tree_memory_mib(pid: int) -> tuple[float, float]:
    """(PSS, RSS) of a process and all its descendants, MiB (0 once they are gone). PSS counts a
    page shared by several processes (the interpreter's libraries, what a forked worker still shares
    with its parent) once, in parts: the memory the run takes from the machine. RSS counts it in
    every process that maps it."""
    pss = rss = 0
    for current in _tree(pid):
        try:
            with open(f"/proc/{current}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
                    elif line.startswith("Rss:"):
                        rss += int(line.split()[1])
        except OSError:
            continue
    return pss / 1024, rss / 1024




def _pss_mib(pid: int) -> float:
    """PSS of one process, MiB (0 once it is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            return next((int(line.split()[1]) for line in handle if line.startswith("Pss:")), 0) / 1024
    except OSError:
        return 0.0


def watch_memory(process: subprocess.Popen, every: float = 0.25, apart: dict | None = None) -> tuple[float, float]:
    """Peak (PSS, RSS summed) of a running process and its descendants until it ends, MiB. ``apart``, if
    given, receives the peak PSS of the process itself ("main") and of its largest child with what that
    child started ("child": a batch worker and its reader; "child_rss": the largest RSS of one)."""
    peak = peak_rss = 0.0
    while process.poll() is None:
        pss, rss = _tree_memory_mib(process.pid)
        peak, peak_rss = max(peak, pss), max(peak_rss, rss)
        if apart is not None:
            apart["main"] = max(apart.get("main", 0.0), _pss_mib(process.pid))
            kids = _tree(process.pid)[1:]
            kids = [kid for kid in kids if _parent(kid) == process.pid]
            for kid in kids:
                kid_pss, kid_rss = _tree_memory_mib(kid)
                apart["child"] = max(apart.get("child", 0.0), kid_pss)
                apart["child_rss"] = max(apart.get("child_rss", 0.0), kid_rss)
        time.sleep(every)  # reading every process's page tables costs time too
    return peak, peak_rss


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int, wait: float = 180, workers: int | None = None) -> subprocess.Popen:
    """``ctxh-check serve`` of this checkout on 127.0.0.1:``port`` (``workers``: its --workers), once it
    answers /healthz."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    process = subprocess.Popen([sys.executable, "-m", "ctxh_compliance", "serve", "--host", "127.0.0.1",
                                "--port", str(port), *(["--workers", str(workers)] if workers else [])],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("the server did not start")
