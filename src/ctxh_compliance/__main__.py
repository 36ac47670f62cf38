"""The ``ctxh-check`` command (also ``python -m ctxh_compliance``).

A one-shot process: a Word or PDF document named alone on the command line has its reader process
forked first (``sandbox.start_early``), so that reading it overlaps the command's own imports. The
cyclic garbage collector is paused while the modules load (start-up builds tens of thousands of
objects and none of them is garbage), then the start-up objects are frozen out of its way and it runs
as usual for the checks. At the end the output is flushed and the process exits without tearing down
every object one by one.
"""

import gc
import os
import sys


def _flush() -> bool:
    """Flush what is left to write; False when the output could not be written (a full disk)."""
    written = True
    for stream in (sys.stdout, sys.stderr):
        if stream is None:
            continue
        try:
            stream.flush()
        except BrokenPipeError:  # the reader went away: what it did not read is not lost to anyone
            pass
        except (OSError, ValueError):
            written = False
    return written


def _plain_letters(error: UnicodeEncodeError) -> tuple[str, int]:
    """What a terminal that cannot show Vietnamese gets instead: the letters without their marks
    ("Kế hoạch" -> "Ke hoach"), "?" for what has no such form."""
    import unicodedata
    out = []
    for char in error.object[error.start:error.end]:
        plain = "".join(c for c in unicodedata.normalize("NFKD", char.replace("đ", "d").replace("Đ", "D"))
                        if not unicodedata.combining(c))
        try:
            plain.encode(error.encoding)
        except UnicodeEncodeError:
            plain = "?"
        out.append(plain or "?")
    return "".join(out), error.end


def _degrade_to_plain_letters() -> None:
    """A terminal or pipe whose encoding cannot write Vietnamese (PYTHONIOENCODING=ascii, a Latin-1
    console) still gets the report, without diacritics, rather than an error."""
    import codecs
    codecs.register_error("ctxh-plain-letters", _plain_letters)
    for stream in (sys.stdout, sys.stderr):
        try:
            "Kế hoạch".encode(stream.encoding)
        except (UnicodeEncodeError, LookupError, AttributeError, TypeError):
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="ctxh-plain-letters")


def _one_document(args: list[str]) -> str | None:
    """The Word or PDF document a check names, when its arguments name exactly one (a guess from the
    names alone, made before anything is imported: a wrong guess costs a reader process that is never
    asked and ends with the command)."""
    if args[:1] == ["draft"]:
        return None
    named = [arg for i, arg in enumerate(args) if arg.lower().endswith((".docx", ".pdf")) and not arg.startswith("-")
             and (i == 0 or args[i - 1] not in ("-o", "--output"))]
    return named[0] if len(named) == 1 else None


def run() -> None:
    if sys.stderr is None:  # started with standard error closed: messages go nowhere, not to a crash
        sys.stderr = open(os.devnull, "w", encoding="utf-8")
    _degrade_to_plain_letters()
    if sys.argv[1:2] == ["serve"]:  # ``ctxh-check serve``: the web page and API, a long-running server
        from .cli.serve import parse
        options = parse(sys.argv[2:])
        if isinstance(options, int):  # help, or a usage error
            sys.exit(options)
        from .web import main as serve
        sys.exit(serve(**options))
    document = _one_document(sys.argv[1:])
    if document is not None:  # its reader imports its library and reads it while this process imports
        from .extract import sandbox
        sandbox.start_early(document)
    gc.disable()
    from .cli.main import EXIT_INPUT, main_entry
    gc.freeze()
    gc.enable()
    code = main_entry()
    if "ctxh_compliance.extract.sandbox" in sys.modules:  # a reader started early and never asked ends now
        sys.modules["ctxh_compliance.extract.sandbox"].end_early()
    if "ctxh_compliance.core.regex" in sys.modules:  # the patterns compiled by this run, for the next runs
        sys.modules["ctxh_compliance.core.regex"].save()
    if not _flush() and code in (0, 1):
        code = EXIT_INPUT  # the report did not reach its destination
    os._exit(code)


if __name__ == "__main__":
    run()
