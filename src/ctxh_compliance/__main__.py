"""The ``ctxh-check`` command (also ``python -m ctxh_compliance``).

A one-shot process: the cyclic garbage collector is paused while the modules load (start-up
builds tens of thousands of objects and none of them is garbage), then the start-up objects are
frozen out of its way and it runs as usual for the checks. At the end the output is flushed and
the process exits without tearing down every object one by one.
"""

import gc
import os
import sys


def run() -> None:
    gc.disable()
    from .cli import main_entry
    gc.freeze()
    gc.enable()
    code = main_entry()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader went away (``| head``), or stdout is closed
        code = code or 0
    os._exit(code)


if __name__ == "__main__":
    run()
