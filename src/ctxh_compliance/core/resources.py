"""Where the rulesets and templates are: inside an installed wheel, or in a source checkout."""

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # the package folder (this file is in core/)


def data_dir(name: str) -> Path:
    """Return the folder ``rulesets`` or ``templates``.

    A wheel carries them under ``ctxh_compliance/_data/``; an editable install or a
    source checkout uses the top-level folders of the repository.
    """
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"missing data folder {name!r} (looked beside {_PACKAGE})")


I18N_FILE = _PACKAGE / "messages.yaml"


def cache_dir() -> Path | None:
    """A folder for caches that only speed things up (compiled templates, validated rulesets), or
    None when there is no writable one; ``CTXH_CACHE_DIR`` chooses it, ``CTXH_CACHE_DIR=`` (empty)
    turns caching off. A relative ``XDG_CACHE_HOME`` is ignored, as the XDG specification says."""
    chosen = os.environ.get("CTXH_CACHE_DIR")
    if chosen is not None:
        base = Path(chosen) if chosen else None
    else:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        try:
            home = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
        except RuntimeError:  # no home folder
            return None
        base = home / "ctxh-compliance"
    if base is None:
        return None
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return base if os.access(base, os.W_OK) else None
