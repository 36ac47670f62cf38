"""A guess never decides, over the whole corpus (the seed texts, the plans generated from the tuning half
of the wording bank, the project's own draft left unfilled): no pass and no fail rests on a value the
reader inferred (a target's year taken from the plan's period), and no value read is a blank ("…")."""

import subprocess
import sys
from pathlib import Path

import pytest

from ctxh_compliance.extract.document import load_extraction
from ctxh_compliance.extract.patterns import is_blank
from ctxh_compliance.model.findings import Verdict
from ctxh_compliance.rules.engine import evaluate
from ctxh_compliance.rules.outcomes import build, merge
from ctxh_compliance.rules.ruleset_loader import load_ruleset

CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS))
import plangen  # noqa: E402

SEEDS = sorted((CORPUS / "seeds").glob("*.txt")) + sorted((CORPUS / "unseen").glob("*.txt"))


def _strings(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("corpus")
    generated = [g.docx for g in plangen.build(folder / "tune", "tune", 8, pdf=False)]
    draft = folder / "du-thao.docx"
    subprocess.run([sys.executable, "-m", "ctxh_compliance", "draft", "-p", "Lào Cai", "--period", "2026-2030",
                    "-o", str(draft)], check=True, capture_output=True, timeout=300)
    return SEEDS + generated + [draft]


def test_no_pass_or_fail_rests_on_an_inferred_value_or_a_blank(documents):
    inferred_seen, unfilled_seen = 0, False
    for path in documents:
        loaded, _, extraction = load_extraction(path, in_process=True)
        # a blank is never a value: no lead, body, source, amount or heading read is only "…"; a group's
        # contents left blank are kept as "…", the mark of a group named but not yet planned
        groups = extraction.data.get("task_groups") or []
        unfilled = {c for g in groups if g.get("contents") == ["…"] for c in g["covers"]}
        data = {**extraction.data, "task_groups": [{k: v for k, v in g.items() if k != "contents"} for g in groups]}
        blanks = [s for s in _strings(data) if is_blank(s)]
        assert not blanks, (path.name, blanks)
        rs = load_ruleset(extraction.ruleset)
        for outcome in evaluate(loaded, rs):
            if outcome.element is None or not getattr(outcome.element, "guessed", ""):
                continue
            inferred_seen += 1
            finding = build(outcome, rs)
            if finding is not None:
                assert finding.verdict not in (Verdict.PASS, Verdict.FAIL, Verdict.WARNING), (
                    path.name, outcome.rule.id, finding.verdict)
                if finding.aspect == "value":  # the finding on the value says what was inferred
                    assert "suy ra" in finding.message.vi, (path.name, outcome.rule.id)
        if unfilled:  # a group left to fill never passes
            rs_groups = {r.group: r.id for r in rs.rules if r.kind == "task_group"}
            built = [build(o, rs) for o in evaluate(loaded, rs)]
            findings = {f.rule_id: f for f in merge([b for b in built if b is not None]) if f.aspect == "value"}
            for group in unfilled & set(rs_groups):
                assert findings[rs_groups[group]].verdict != Verdict.PASS, (path.name, group)
            unfilled_seen = True
    assert inferred_seen  # the corpus has targets with no year of their own: the check is not empty
    assert unfilled_seen  # the unfilled draft's groups are in the corpus
