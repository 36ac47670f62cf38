"""Worker jobs for the web tests: the real check, except for uploads that ask the worker to crash
(as an engine crash would end it), to take its time, to spin the processor or to eat memory."""

import os
import time
from pathlib import Path

from ctxh_compliance.web.job import run


def _content(task: dict) -> bytes:
    return Path(task["path"]).read_bytes() if task.get("path") else task["data"]


def crash_or_check(task: dict) -> dict:
    if b"CRASH-THE-ENGINE" in _content(task):
        os.abort()  # what durable's C engine does on a defect: free(): invalid pointer
    return run(task)


def slow_or_check(task: dict) -> dict:
    if b"TAKE-YOUR-TIME" in _content(task):
        time.sleep(3)
    return run(task)


def greedy_or_check(task: dict) -> dict:
    if b"SPIN-FOREVER" in _content(task):
        while True:
            pass
    if b"EAT-MEMORY" in _content(task):
        hoard = [bytearray(256 * 1024 * 1024) for _ in range(64)]  # 16 GiB: more than any worker may have
        return {"status": "ok", "held": len(hoard)}
    return slow_or_check(task)
