"""Message catalogue: every sentence shown to a user, Vietnamese first, English as an option."""

from functools import lru_cache
from typing import Any

import yaml

from .resources import I18N_FILE

LANGUAGES = ("vi", "en")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    with open(I18N_FILE, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: ~20x faster


def translate(key: str, lang: str = "vi", **params: Any) -> str:
    entry = catalogue().get(key)
    if entry is None:
        raise KeyError(f"message {key!r} is not in {I18N_FILE.name}")
    template = entry.get(lang) or entry["vi"]
    return template.format(**params)


def both(key: str, **params: Any) -> dict[str, str]:
    """The message in every language, for a finding that any reporter may render."""
    return {lang: translate(key, lang, **params) for lang in LANGUAGES}
