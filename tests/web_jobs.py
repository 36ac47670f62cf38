"""Worker jobs for the web tests: the real check, except for uploads that ask for a crash of the
worker (as an engine crash would end it) or a slow check (to fill every worker)."""

import os
import time

from ctxh_compliance.web.job import run


def crash_or_check(task: dict) -> dict:
    if b"CRASH-THE-ENGINE" in task["data"]:
        os.abort()  # what durable's C engine does on a defect: free(): invalid pointer
    return run(task)


def slow_or_check(task: dict) -> dict:
    if b"TAKE-YOUR-TIME" in task["data"]:
        time.sleep(3)
    return run(task)
