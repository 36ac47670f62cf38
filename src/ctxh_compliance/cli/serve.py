"""``ctxh-check serve``: its options, help and usage errors, through the same layer as every command
(usage.py). The server itself is in web/; ``__main__`` starts it with the options read here."""

import typer

from .usage import LocalCommand


class ServeCommand(LocalCommand):
    prog = "ctxh-check serve"
    pieces_key, help_key, option_keys = "usage.serve_pieces", "help.serve.command", "help.serve."
    use_config = False


app = typer.Typer(add_completion=False, rich_markup_mode=None, context_settings={"help_option_names": ["-h", "--help"]})
_chosen: dict = {}


@app.command(cls=ServeCommand)
def serve(
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    workers: int | None = typer.Option(None, "--workers", min=1),
) -> None:
    _chosen.update(host=host, port=port, workers=workers)


def parse(args: list[str]) -> dict | int:
    """The server's options, or the exit code when there is nothing to serve (help shown: 0; a usage
    error, said in the user's language: 2)."""
    _chosen.clear()
    try:
        app(args=list(args), prog_name="ctxh-check serve")
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 0
        if code or not _chosen:
            return code
    return dict(_chosen)
