"""Where the rulesets and templates are: inside an installed wheel, or in a source checkout."""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


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
