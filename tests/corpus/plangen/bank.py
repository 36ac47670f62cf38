"""The wording bank: many ways to write each part of a plan, as data, split in two halves.

``bank/<half>/<part>.yaml`` holds ``part``, ``about`` and ``phrasings``; each phrasing has an ``id``
(``<part>-<n>``, never reused), an optional ``key`` (what it is for: an indicator, a task group, a
unit …) and ``text`` or ``lines`` (some parts carry more fields, e.g. a target's ``population``).

A phrasing goes into a half when it is added, by a seeded random draw that does not look at its
words: within its part and key, to the half that has fewer, and on a tie by a coin drawn from
``random.Random(f"{SPLIT_SEED}:{part}:{key}:{n}")`` where ``n`` counts the phrasings of that part and
key already in the bank. ``python tests/corpus/plangen add FILE.yaml…`` adds new phrasings (a file
per part, named after the part); nobody reads how they read before they are in their half. Once the
extractor is being tuned, new wording goes into the held-out half unread: ``add --heldout FILE.yaml…``.
"""

import random
import unicodedata
from pathlib import Path

import yaml

BANK = Path(__file__).resolve().parent / "bank"
HALVES = ("tune", "heldout")
SPLIT_SEED = 20261207


def _nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(text, encoding="utf-8")


def wording(phrasing: dict) -> tuple:
    """What a phrasing says (its words), to compare phrasings across halves."""
    return tuple(phrasing["lines"]) if "lines" in phrasing else (phrasing.get("text"), tuple(phrasing.get("cols", ())))


class Bank:
    """One half of the bank: ``bank.pick(rng, part, key)`` draws a phrasing of that part."""

    def __init__(self, half: str, root: Path = BANK):
        if half not in HALVES:
            raise ValueError(f"half must be one of {HALVES}, not {half!r}")
        self.half = half
        self.parts: dict[str, list[dict]] = {}
        for path in sorted((root / half).glob("*.yaml")):
            data = _read(path)
            self.parts[data["part"]] = data["phrasings"]

    def choices(self, part: str, key=None) -> list[dict]:
        items = self.parts.get(part, [])
        if key is not None:
            items = [p for p in items if p.get("key") == key]
        if not items:
            raise LookupError(f"the {self.half} half has no phrasing for {part}" + (f" [{key}]" if key is not None else ""))
        return items

    def pick(self, rng: random.Random, part: str, key=None) -> dict:
        return rng.choice(self.choices(part, key))

    def has(self, part: str, key=None) -> bool:
        try:
            self.choices(part, key)
        except LookupError:
            return False
        return True


def add(part: str, phrasings: list[dict], about: str | None = None, root: Path = BANK,
        only: str | None = None, first: int = 1) -> dict[str, int]:
    """Put each new phrasing of ``part`` into a half (see the module's doc), or all into ``only``; return how
    many went where."""
    files = {half: root / half / f"{part}.yaml" for half in HALVES}
    data = {half: _read(path) if path.is_file() else {} for half, path in files.items()}
    for half in HALVES:
        data[half].setdefault("part", part)
        data[half]["about"] = data[half].get("about") or about or part
        data[half].setdefault("phrasings", [])
    known = {wording(p) for half in HALVES for p in data[half]["phrasings"]}
    used = [int(p["id"].rsplit("-", 1)[1]) for half in HALVES for p in data[half]["phrasings"]]
    next_id = max(max(used, default=0) + 1, first)
    placed = dict.fromkeys(HALVES, 0)
    for phrasing in phrasings:
        phrasing = _nfc(dict(phrasing))
        if wording(phrasing) in known:
            continue
        known.add(wording(phrasing))
        key = phrasing.get("key")
        counts = {half: sum(1 for p in data[half]["phrasings"] if p.get("key") == key) for half in HALVES}
        if only is not None:
            half = only
        elif counts["tune"] != counts["heldout"]:
            half = min(HALVES, key=counts.__getitem__)
        else:
            half = random.Random(f"{SPLIT_SEED}:{part}:{key}:{sum(counts.values())}").choice(HALVES)
        data[half]["phrasings"].append({"id": f"{part}-{next_id:03d}", **phrasing})
        next_id += 1
        placed[half] += 1
    for half in HALVES:
        _write(files[half], data[half])
    return placed


def add_file(path: Path, root: Path = BANK, only: str | None = None, first: int = 1) -> dict[str, int]:
    """Add the phrasings of ``path`` (a YAML list; the file's name is the part; its first comment line says what it is)."""
    text = path.read_text(encoding="utf-8")
    top = text.splitlines()[0] if text else ""
    about = top.lstrip("# ").strip() if top.startswith("#") else None
    return add(path.stem, yaml.safe_load(text) or [], about, root, only, first)
