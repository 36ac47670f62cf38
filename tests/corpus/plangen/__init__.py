"""Whole provincial plans generated from facts, for measuring the extractor on wording it was not tuned on.

Each plan: facts drawn with a seeded random generator (facts.py); its wording drawn from one half of the
wording bank (bank.py, bank/tune/ and bank/heldout/); the document written as Word (word.py) and, with
LibreOffice, exported to PDF; the answer key written from the same facts as a plan file (render.py).

    python tests/corpus/plangen OUT --half heldout --plans 30 [--seed 1] [--no-pdf]
    python tests/corpus/plangen add NEW/<part>.yaml …      # new wording goes into a half at random

Plans built from the held-out half use only held-out wording (the bank of the other half is not loaded).
"""

import random
from dataclasses import dataclass
from pathlib import Path

import yaml

from .bank import HALVES, Bank
from .facts import draw
from .render import Plan
from . import word
from .word import plain_text, write

__all__ = ["HALVES", "Generated", "build", "generate", "word"]

#: the seed of each half's corpus, so that the two halves do not draw the same facts
HALF_SEEDS = {"tune": 1, "heldout": 2}


@dataclass
class Generated:
    name: str
    key: Path
    docx: Path
    pdf: Path | None
    profile: str
    kind: str
    used: list[str]


def generate(half: str, index: int, seed: int) -> Plan:
    """The plan number ``index`` of ``half`` (facts and wording from one seed)."""
    rng = random.Random(f"ctxh-plangen:{half}:{seed}:{index}")
    facts = draw(rng, index)
    return Plan(facts, Bank(half), random.Random(f"ctxh-plangen-wording:{half}:{seed}:{index}")).build()


def _dump(key: dict) -> str:
    return yaml.safe_dump(key, allow_unicode=True, sort_keys=False, width=1000)


def build(out: Path, half: str, plans: int, seed: int | None = None, pdf: bool = True,
          validate: bool = True) -> list[Generated]:
    """Write ``plans`` plans of ``half`` into ``out``: <name>.yaml (the key), <name>.docx and <name>.pdf."""
    seed = HALF_SEEDS[half] if seed is None else seed
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for index in range(1, plans + 1):
        plan = generate(half, index, seed)
        facts = plan.f
        key_path = out / f"{facts.name}.yaml"
        key_path.write_text(_dump(plan.key), encoding="utf-8")
        if validate:
            from ctxh_compliance import load_plan
            load_plan(key_path)  # raises InputError when the key is not a valid plan file
        docx_path = write(plan.blocks, out / f"{facts.name}.docx", facts.layout["numbering"], plan.running)
        made.append(Generated(facts.name, key_path, docx_path, None, facts.profile, facts.kind, plan.used))
    if pdf:
        import sys
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        import variants
        if variants.office() is None:
            print("LibreOffice (soffice) không có trên máy: bỏ qua các bản PDF.")
        else:
            pdfs = {p.stem: p for p in variants.pdf_variants([g.docx for g in made], out)}
            for g in made:
                g.pdf = pdfs.get(g.name)
    return made


def text_of(path: Path) -> str:
    return plain_text(path)
