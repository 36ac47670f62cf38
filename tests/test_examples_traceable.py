"""Every value in the bundled seed plans is traceable: each quote is in its source document."""

import re
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, ROOT

SEEDS = ROOT / "tests" / "corpus" / "seeds"


def _squash(text: str) -> str:
    text = text.replace("*", "")  # bold markers of the converted documents
    return re.sub(r"\s+", " ", text).strip()


def _quotes(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "quote" and isinstance(value, str):
                yield path, value
            else:
                yield from _quotes(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _quotes(item, f"{path}[{i}]")


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_quote_is_in_the_seed_document(example):
    plan = yaml.safe_load(example.read_text(encoding="utf-8"))
    seed = SEEDS / Path(plan["source"]["document"]).name
    source = _squash(seed.read_text(encoding="utf-8"))
    quotes = list(_quotes(plan))
    assert len(quotes) >= 3
    for where, quote in quotes:
        for fragment in quote.split("…"):
            fragment = _squash(fragment).strip(" .;,")
            if fragment:
                assert fragment in source, f"{example.name} {where}: {fragment!r}"
