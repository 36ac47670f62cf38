"""Message catalogue: every sentence shown to a user, Vietnamese first, English as an option."""

import sys
from functools import lru_cache
from typing import Any

import yaml

from .cache import cached
from .resources import I18N_FILE
from .text import format_number

LANGUAGES = ("vi", "en")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """The catalogue, as parsed last time when messages.yaml has not changed (parsing it is a tenth of a
    short run)."""
    return cached("messages", [I18N_FILE], _parse, f"{sys.version}|{yaml.__version__}")


def _parse() -> dict[str, dict[str, str]]:
    with open(I18N_FILE, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: ~20x faster


def translate(key: str, lang: str = "vi", **params: Any) -> str:
    entry = catalogue().get(key)
    if entry is None:
        raise KeyError(f"message {key!r} is not in {I18N_FILE.name}")
    template = entry.get(lang) or entry["vi"]
    return template.format(**params)

def field_label(path: tuple, lang: str = "vi") -> str:
    """A value's place in a file as words: ``("targets", 0, "value")`` -> ``chỉ tiêu số 1 › giá trị``.

    ``field.<key>`` in messages.yaml names a key, ``field.<key>.item`` (with ``{n}``) an item of its list;
    a key without a label is shown as written."""
    entries = catalogue()
    labels: list[str] = []
    previous: Any = None
    for part in path:
        if isinstance(part, int):
            key = f"field.{previous}.item"
            if key in entries:
                if labels:
                    labels.pop()
                labels.append(translate(key, lang, n=part + 1))
            else:
                labels.append(translate("field.item", lang, n=part + 1))
        else:
            labels.append(translate(f"field.{part}", lang) if f"field.{part}" in entries else str(part))
        previous = part
    return " › ".join(labels) or translate("field.root", lang)


def quantity(value: float, unit: str, lang: str, baseline: int | None = None, comparison: str | None = None) -> str:
    """``60%``, ``mức tăng 20% so với năm 2020``; "khoảng"/"tối đa" shown, "ít nhất" implied."""
    base = translate("unit.base_year", lang, year=baseline) if baseline else translate("unit.no_base", lang)
    text = translate(f"unit.{unit}", lang, n=format_number(value, lang), base=base)
    if comparison in ("about", "at_most"):
        text = f"{translate(f'comparison.{comparison}', lang)} {text}"
    return text
