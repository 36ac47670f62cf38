"""The ``ctxh-check`` command line, thin over the library: options, usage in the user's language, the
batch over a folder, and the ``draft`` subcommand. May import every stage below it; not web."""
