"""Load on ``ctxh-check serve``, on loopback only, bounded (it stops by itself).

    python bench/web_load.py                         # 300 requests, 8 at a time, POST /api/check
    python bench/web_load.py --page                  # the result page (POST /check) instead of JSON
    python bench/web_load.py --requests 100 --clients 4

It builds the Lạng Sơn seed as a Word file, checks it in this process (the same check a worker
runs, one after another) for the baseline, starts the server on a free loopback port, sends the
file with N concurrent clients, and prints requests per second and latency (p50, p95, max) against
the in-process figures (ratio), then lists what the server left in its temporary folders (nothing,
when all is well). Needs the web packages (make serve installs them).
"""

import argparse
import http.client
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "corpus"))

import variants  # noqa: E402
from measure import free_port, start_server  # noqa: E402

SEED = ROOT / "tests" / "corpus" / "seeds" / "lang_son_sldtbxh_plan_2021-2025.txt"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def in_process(docx: Path, want: str, repeat: int) -> list[float]:
    from ctxh_compliance.web.job import run
    data = docx.read_bytes()
    times = []
    with tempfile.TemporaryDirectory() as folder:
        task = {"data": data, "suffix": ".docx", "name": docx.name, "lang": "vi", "ruleset": None, "as_of": None,
                "want": want, "folder": folder}
        run(task)  # imports and compiled rulesets, as a warmed-up worker has them
        for _ in range(repeat):
            start = time.perf_counter()
            answer = run(task)
            times.append(time.perf_counter() - start)
            assert answer["status"] == "ok", answer
    return times


def multipart(docx: Path) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{docx.name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode() + docx.read_bytes() + \
        f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"




def load(port: int, path: str, body: bytes, content_type: str, requests: int, clients: int):
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    remaining = iter(range(requests))

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while True:
            with lock:
                if next(remaining, None) is None:
                    return
            start = time.perf_counter()
            connection.request("POST", path, body=body, headers={"Content-Type": content_type})
            answer = connection.getresponse()
            answer.read()
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                statuses[answer.status] = statuses.get(answer.status, 0) + 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, statuses, time.perf_counter() - start


def cpu_seconds(pid: int) -> tuple[float, float]:
    """Processor time used so far by the server process and by its worker processes (live ones)."""
    def used(process: int) -> float:
        fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    children = [child for task in Path(f"/proc/{pid}/task").iterdir() for child in (task / "children").read_text().split()]
    return used(pid), sum(used(int(child)) for child in children)


def left_behind() -> list[str]:
    return [str(p) for folder in Path(tempfile.gettempdir()).glob("ctxh-web-*") for p in folder.rglob("*")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--page", action="store_true", help="the result page (POST /check) instead of the JSON API")
    args = parser.parse_args()
    want, path = ("page", "/check") if args.page else ("json", "/api/check")
    with tempfile.TemporaryDirectory() as folder:
        docx = variants.word_variant(SEED, Path(folder), "tables")
        baseline = in_process(docx, want, 30)
        body, content_type = multipart(docx)
        port = free_port()
        server = start_server(port)
        try:
            load(port, path, body, content_type, 2 * args.clients, args.clients)  # every worker has seen a docx
            before = cpu_seconds(server.pid)
            latencies, statuses, seconds = load(port, path, body, content_type, args.requests, args.clients)
            after = cpu_seconds(server.pid)
        finally:
            server.terminate()
            server.wait(30)
    cores = os.cpu_count() or 1
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    base50, base95 = percentile(baseline, 0.5), percentile(baseline, 0.95)
    print(f"machine: {cores} cores; file: {docx.name} ({len(body) // 1024} KiB request); endpoint: POST {path}")
    print(f"in process, one at a time: p50 {base50 * 1000:.0f} ms, p95 {base95 * 1000:.0f} ms "
          f"({1 / statistics.mean(baseline):.1f} checks/s on one core)")
    print(f"server, {args.requests} requests, {args.clients} concurrent: {len(latencies) / seconds:.1f} requests/s; "
          f"p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {max(latencies) * 1000:.0f} ms; "
          f"statuses {dict(sorted(statuses.items()))}")
    print(f"ratio server/in-process: p50 {p50 / base50:.1f}x, p95 {p95 / base95:.1f}x; "
          f"throughput {len(latencies) / seconds * statistics.mean(baseline) / cores:.2f} of {cores} cores' in-process rate")
    print(f"processor time per request: server process {(after[0] - before[0]) / len(latencies) * 1000:.0f} ms, "
          f"workers {(after[1] - before[1]) / len(latencies) * 1000:.0f} ms; load average now "
          f"{os.getloadavg()[0]:.1f} (other work on the machine slows every figure)")
    print(f"p95 under 1 s: {'yes' if p95 < 1 else 'NO'}")
    print(f"left in the server's temporary folders: {left_behind() or 'nothing'}")


if __name__ == "__main__":
    main()
