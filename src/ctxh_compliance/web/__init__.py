"""``ctxh-check serve``: the web page and JSON API (needs the ``web`` extra: FastAPI, uvicorn,
python-multipart). May import every stage below it; not cli."""

import sys

USAGE = ("ctxh-check serve [--host 127.0.0.1] [--port 8000] [--workers N]\n"
         "  Mở trang web tự kiểm tra kế hoạch và API JSON (POST /api/check, GET /api/rulesets, GET /healthz, /docs).\n"
         "  Starts the self-check web page and JSON API.\n")


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int | None = None) -> None:
    import uvicorn

    from .app import create_app
    from .worker import Limits
    limits = Limits(workers=workers) if workers else Limits()
    # the access log names method, path and status only: never a file name or plan content
    uvicorn.run(create_app(limits), host=host, port=port, log_level="info", server_header=False)


def main(args: list[str]) -> int:
    """``ctxh-check serve`` and its options; the exit code."""
    import argparse

    from ..core.i18n import translate
    parser = argparse.ArgumentParser(prog="ctxh-check serve", usage=USAGE, add_help=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=int, default=None)
    try:
        options = parser.parse_args(args)
    except SystemExit as exit:
        return 0 if exit.code == 0 else 2
    from importlib.util import find_spec
    missing = [name for name, module in (("fastapi", "fastapi"), ("uvicorn", "uvicorn"),
                                         ("python-multipart", "python_multipart")) if find_spec(module) is None]
    if missing:
        sys.stderr.write(translate("web.not_installed", "vi", detail=" ".join(missing)) + "\n")
        return 2
    serve(options.host, options.port, options.workers)
    return 0
