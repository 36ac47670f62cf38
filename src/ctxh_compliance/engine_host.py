"""The durable-rules host this tool runs on: the package's Host without its timer threads.

durable-rules' Host starts two threading.Timer loops that dispatch queued actions and timers
every 0.2 s from another thread, while assert_facts runs actions on the caller's thread. The C
engine is not thread-safe: under load (a long fuzz run) the two crashed the process with a
segmentation fault. This tool uses neither queued messages nor timers — every action runs
synchronously inside assert_facts — so the host here starts no thread at all.
"""

import threading

import durable.lang as lang
from durable import engine


class SynchronousHost(engine.Host):
    def _run(self):  # the parent starts the dispatch and timer threads here
        pass


def install() -> engine.Host:
    """Make durable.lang use a SynchronousHost; stop the timers of a host created earlier."""
    host = lang._main_host
    if host is None:
        lang._main_host = host = SynchronousHost()
    elif not isinstance(host, SynchronousHost):
        for name in ("_d_timer", "_t_timer"):
            timer = getattr(host, name, None)
            if isinstance(timer, threading.Timer):
                timer.cancel()
        host._run = lambda: None
    return host
