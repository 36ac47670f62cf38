"""``ctxh-check serve``: the web page and JSON API (needs FastAPI, uvicorn, python-multipart: ``make serve``
installs them). Its options are read by cli/serve.py; ``__main__`` passes them here. May import every stage
below it; not cli."""

import sys

class AccessFormatter:
    """An access-log line with the method, the path (without its query) and the status: never the
    client's address, a file name or plan content."""

    def format(self, record) -> str:
        args = record.args if isinstance(record.args, tuple) and len(record.args) >= 5 else None
        if args is None:
            return record.getMessage()
        _client, method, path, _version, status = args[:5]
        return f"{method} {str(path).split('?', 1)[0]} {status}"


#: uvicorn's own lines (English: "Started server process", "Waiting for application startup" …) are quiet;
#: the server says in Vietnamese where to open it, and the access log has its own format.
LOG_CONFIG = {
    "version": 1, "disable_existing_loggers": False,
    "formatters": {"access": {"()": "ctxh_compliance.web.AccessFormatter"}},
    "handlers": {"access": {"class": "logging.StreamHandler", "formatter": "access", "stream": "ext://sys.stderr"}},
    "loggers": {"uvicorn": {"level": "WARNING"}, "uvicorn.error": {"level": "WARNING"},
                "uvicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False}},
}


def _can_listen(host: str, port: int) -> OSError | None:
    import socket
    try:
        with socket.create_server((host, port), reuse_port=False) as _:
            return None
    except OSError as exc:
        return exc


def serve(host: str = "127.0.0.1", port: int = 8000, workers: int | None = None) -> int:
    import uvicorn

    from ..core.i18n import translate
    from .app import create_app
    from .worker import Limits
    problem = _can_listen(host, port)
    if problem is not None:  # the port taken, an address not of this machine: said before anything starts
        sys.stderr.write(translate("web.cannot_listen", "vi", host=host, port=port) + "\n")
        return 2
    limits = Limits(workers=workers) if workers else Limits()
    shown = "localhost" if host in ("127.0.0.1", "::1", "localhost") else host
    key = "web.listening_all" if host in ("0.0.0.0", "::") else "web.listening"
    sys.stderr.write(translate(key, "vi", url=f"http://{shown}:{port}/", port=port) + "\n")
    sys.stderr.flush()
    uvicorn.run(create_app(limits), host=host, port=port, log_config=LOG_CONFIG, log_level="info", server_header=False)
    return 0


def main(host: str = "127.0.0.1", port: int = 8000, workers: int | None = None) -> int:
    """Start the server with the options ``cli/serve.py`` read; the exit code."""
    from importlib.util import find_spec

    from ..core.i18n import translate
    missing = [name for name, module in (("fastapi", "fastapi"), ("uvicorn", "uvicorn"),
                                         ("python-multipart", "python_multipart")) if find_spec(module) is None]
    if missing:
        sys.stderr.write(translate("web.not_installed", "vi", detail=" ".join(missing)) + "\n")
        return 2
    return serve(host, port, workers)
