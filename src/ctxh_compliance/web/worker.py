"""Worker processes: each check runs in one, under a memory limit (RLIMIT_AS), a processor-time
limit (RLIMIT_CPU, counted per check) and a wall-clock limit kept by the server. A check that
breaks a limit, or crashes the engine, ends that worker; the server starts a fresh one and the next
request is served as usual.

Workers are started with ``spawn`` (a clean interpreter, no state copied from the server) and
warmed up (modules imported, rulesets compiled) before they take work; each takes one check at a
time, so the number of workers bounds the checks that run at once.

A worker reads its documents (.docx and .pdf) as a batch worker does: with one reader process that it
keeps for many of them (``sandbox.keep_readers``), forked at its first document, each document read
under the reader's limits with the command line's messages; a reader that crashes or goes over a limit
is that document's fault and is replaced, as it is after ``sandbox.LIVE_DOCUMENTS`` documents.
"""

import asyncio
import gc
import importlib
import math
import multiprocessing
import os
import signal
import tempfile
import threading
from dataclasses import dataclass

from ..core.memory import give_back

JOB = "ctxh_compliance.web.job:run"
_WARM_PLAN = """\
identification: {title: "Kế hoạch", province: "Lạng Sơn", kind: phase}
legal_bases: [{number: "112/QĐ-TTg"}]
period: {start: 2021, end: 2025}
"""


@dataclass(frozen=True)
class Limits:
    workers: int = max(1, os.cpu_count() or 1)
    waiting: int = 32              # requests that may wait for a worker; more are told to come back later
    receiving: int = 8             # uploads received at once (each streamed to disk); more are told the same
    wait_seconds: float = 20.0     # how long a request waits for a worker before it is told the same
    seconds: float = 30.0          # wall-clock time of one check
    cpu_seconds: int = 20          # processor time of one check
    memory: int = 1536 * 1024 * 1024  # address space of a worker (bytes)
    start_seconds: float = 120.0   # how long a worker may take to start


class Busy(Exception):
    """Every worker is taken and too many requests wait already."""


def _target(spec: str):
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


def _warm() -> None:
    """Import what a check uses and compile every bundled ruleset, so the first request is not slow."""
    from .. import extract  # noqa: F401  (the document readers)
    from ..inputs.plan_loader import validate_plan
    from ..inputs.yaml_source import parse_yaml
    from ..reports.report import render
    from ..rules.checker import check
    from ..rules.ruleset_loader import available_rulesets, load_ruleset
    loaded = validate_plan(parse_yaml(_WARM_PLAN, "plan.yaml"))
    for name in available_rulesets():
        try:
            report = check(loaded, load_ruleset(name))
        except Exception:  # a plan made for one ruleset may name what another lacks: the compile is what counts
            continue
        for fmt in ("html", "markdown", "json"):
            render(report, fmt)


def _cpu_used() -> float:
    import resource
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _serve(conn, limits: Limits, job: str) -> None:
    """The worker's life: set its limits, warm up, then answer checks until told to stop or a check
    leaves it in doubt (a memory error, a defect)."""
    import resource
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C on the server stops the server, which stops its workers
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if limits.memory:
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory, limits.memory))
    target = _target(job)
    _warm()
    from ..extract import sandbox
    sandbox.keep_readers()  # forked at the first document, not now: an idle worker has no reader
    gc.collect()
    gc.freeze()  # what start-up built (modules, compiled rulesets) lives as long as the worker: not scanned again
    conn.send("ready")
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            sandbox.end_readers()
            return
        resource.setrlimit(resource.RLIMIT_CPU, (math.ceil(_cpu_used()) + limits.cpu_seconds, resource.RLIM_INFINITY))
        ended = False
        try:
            answer = target(task)
        except (MemoryError, RecursionError):
            answer, ended = {"status": "limit"}, True
        except Exception as exc:  # a defect: its kind only (a message could quote the plan)
            answer, ended = {"status": "defect", "detail": type(exc).__name__}, True
        try:
            conn.send(answer)
        except MemoryError:
            conn.send({"status": "limit"})
            ended = True
        if ended:
            os._exit(0)
        give_back()  # what this check freed goes back to the system: an idle worker stays small


class Worker:
    """A worker process seen from the server."""

    def __init__(self, limits: Limits, job: str = JOB):
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, limits, job), daemon=True)
        self.process.start()
        child.close()
        self.alive = False
        if self.conn.poll(limits.start_seconds):
            try:
                self.alive = self.conn.recv() == "ready"
            except (EOFError, OSError):
                pass
        if not self.alive:
            self.stop()
            raise RuntimeError(f"worker did not start (exit code {self.process.exitcode})")

    def call(self, task: dict, seconds: float) -> dict:
        """Run one check; a worker that breaks a limit or dies is stopped and says how it ended."""
        try:
            self.conn.send(task)
        except (OSError, ValueError):
            self.stop()
            return {"status": "crash"}
        if not self.conn.poll(seconds):
            self.stop()
            return {"status": "timeout"}
        try:
            answer = self.conn.recv()
        except (EOFError, OSError):
            self.process.join(5)
            code = self.process.exitcode
            self.stop()
            return {"status": "timeout" if code == -signal.SIGXCPU else "crash", "exitcode": code}
        if answer.get("status") not in ("ok", "input"):
            self.stop()
        return answer

    def stop(self) -> None:
        self.alive = False
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class Pool:
    """A fixed number of workers; a request takes one, waits for one (a bounded queue), or is told
    to come back later (``Busy``)."""

    def __init__(self, limits: Limits, folder: str, job: str = JOB):
        self.limits, self.folder, self.job = limits, folder, job
        self.idle: asyncio.Queue[Worker] | None = None
        self.waiting = 0
        self.workers: set[Worker] = set()
        self._lock = threading.Lock()

    def _new(self) -> Worker:
        worker = Worker(self.limits, self.job)
        with self._lock:
            self.workers.add(worker)
        return worker

    async def start(self) -> None:
        self.idle = asyncio.Queue()
        for worker in await asyncio.gather(*(asyncio.to_thread(self._new) for _ in range(self.limits.workers))):
            self.idle.put_nowait(worker)

    @property
    def ready(self) -> int:
        return self.idle.qsize() if self.idle is not None else 0

    async def _replace(self, worker: Worker) -> None:
        with self._lock:
            self.workers.discard(worker)
        while True:
            try:
                fresh = await asyncio.to_thread(self._new)
                break
            except RuntimeError:
                await asyncio.sleep(1)
        self.idle.put_nowait(fresh)

    def _call(self, worker: Worker, task: dict) -> dict:
        """One check in the request's folder, or in a folder of its own removed when the check ends."""
        if task.get("folder"):
            return worker.call(task, self.limits.seconds)
        with tempfile.TemporaryDirectory(prefix="check-", dir=self.folder) as folder:
            return worker.call({**task, "folder": folder}, self.limits.seconds)

    def _release(self, worker: Worker) -> None:
        if worker.alive:
            self.idle.put_nowait(worker)
        else:
            asyncio.get_running_loop().create_task(self._replace(worker))

    async def run(self, task: dict) -> dict:
        if self.idle.empty() and self.waiting >= self.limits.waiting:
            raise Busy()
        self.waiting += 1
        try:
            worker = await asyncio.wait_for(self.idle.get(), self.limits.wait_seconds)
        except TimeoutError:
            raise Busy() from None
        finally:
            self.waiting -= 1
        # a request that goes away (the browser closed) does not free the worker before its check ends
        running = asyncio.ensure_future(asyncio.to_thread(self._call, worker, task))
        running.add_done_callback(lambda _: self._release(worker))
        return await asyncio.shield(running)

    async def close(self) -> None:
        with self._lock:
            workers = list(self.workers)
            self.workers.clear()
        for worker in workers:
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
        await asyncio.to_thread(lambda: [w.stop() for w in workers])
