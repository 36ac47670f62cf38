"""``ctxh-check draft``: a plan skeleton built from the ruleset, and the round trip as its oracle.

For every ruleset, a sample of current provinces and each kind of plan the programme allows, the draft
written as Word (and as its LibreOffice PDF, and as a plan file) is checked through the command line:

- no KHÔNG ĐẠT and no CẢNH BÁO;
- ĐẠT on every verified requirement the skeleton fills;
- CẦN XEM XÉT only on what the draft leaves to the province (its blanks, the grade-C values, the
  rules that pass only on a completed plan) and, for a document, on the parts the document reader
  does not read (see ``READ_PARTS``).
"""

import json
import subprocess
import sys

import pytest

from ctxh_compliance.draft import build
from ctxh_compliance.ruleset_loader import available_rulesets, load_ruleset

#: the parts of a plan the document reader fills (extract/): a required part outside them is for review
#: when the plan is read from a document, whatever the document says
READ_PARTS = {"targets", "task_groups", "budget", "budget.sources", "budget.total"}
PROVINCES = ["Lào Cai", "thành phố Huế", "Hà Nội", "Cà Mau", "tỉnh Đồng Nai", "Lai Châu"]


def _combinations() -> list[tuple[str, int, int, str]]:
    """(ruleset, start, end, kind): each phase, the whole programme, an annual plan between milestones
    and one in a milestone year."""
    out = []
    for name in available_rulesets():
        decision = load_ruleset(name).decision_file
        for phase in decision.phases:
            out.append((name, phase.start, phase.end, "phase"))
        out.append((name, decision.programme_start, decision.programme_end, "programme"))
        last = decision.phases[-1]
        out.append((name, last.start + 1, last.start + 1, "annual"))
        out.append((name, decision.phases[0].milestone, decision.phases[0].milestone, "annual"))
    return out


COMBINATIONS = _combinations()


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ctxh_compliance", *args], capture_output=True, text=True,
                          timeout=300)


def _verdicts(path) -> dict[str, str]:
    """rule id -> its worst verdict, from the JSON report of the command line."""
    result = _run(str(path), "-f", "json")
    assert result.returncode in (0, 1), result.stderr
    order = ["fail", "warning", "needs_review", "pass", "not_applicable"]
    worst: dict[str, str] = {}
    for finding in json.loads(result.stdout)["findings"]:
        rule, verdict = finding["rule_id"], finding["verdict"]
        if rule not in worst or order.index(verdict) < order.index(worst[rule]):
            worst[rule] = verdict
    return worst


def _unread_parts(rs, document) -> set[str]:
    """Required parts the document reader did not give (it reads targets, task groups and funding lines
    in the words it knows; a general objective, the assignments and the reporting duties not at all)."""
    from ctxh_compliance.extract import extract
    plan = extract(document).plan
    read = {path for path in READ_PARTS if _present(plan, path)}
    return {r.id for r in rs.rules if r.kind == "required_part" and not set(r.parts) & read}


def _present(plan, path: str) -> bool:
    value = plan
    for name in path.split("."):
        value = getattr(value, name, None)
    return bool(value)


def assert_round_trip(verdicts: dict[str, str], outline, document=None) -> None:
    rs = load_ruleset(outline.ruleset)
    grade = {r.id: r.grade for r in rs.rules}
    assert not {r: v for r, v in verdicts.items() if v in ("fail", "warning")}
    left = set(outline.blanks) | set(outline.pending) | (_unread_parts(rs, document) if document else set())
    for rule in outline.filled:
        if grade[rule] != "C" and rule not in left:
            assert verdicts[rule] in ("pass", "not_applicable"), (rule, verdicts[rule])
    reviewed = {r for r, v in verdicts.items() if v == "needs_review"}
    assert reviewed <= left | {r for r in verdicts if grade[r] == "C"}, reviewed - left
    for rule in outline.blanks:
        assert verdicts[rule] in ("needs_review", "not_applicable"), (rule, verdicts[rule])


@pytest.mark.parametrize("index", range(len(COMBINATIONS)))
def test_the_draft_checks_with_no_fail_pass_where_filled_and_review_on_the_blanks(tmp_path, index):
    name, start, end, kind = COMBINATIONS[index]
    province = PROVINCES[index % len(PROVINCES)]
    period = f"{start}-{end}" if start != end else str(start)
    outline = build(province, start, end, kind, name)
    for suffix in ("docx", "yaml"):
        path = tmp_path / f"du-thao.{suffix}"
        result = _run("draft", "--province", province, "--period", period, "--kind", kind, "-o", str(path))
        assert result.returncode == 0, result.stderr
        verdicts = _verdicts(path)
        assert_round_trip(verdicts, outline, document=path if suffix == "docx" else None)
        # every verified national target of a milestone in the period is filled at the national value
        for rule in load_ruleset(name).rules:
            if rule.kind == "min_target" and rule.year and start <= rule.year <= end and rule.grade != "C" \
                    and rule.value is not None:
                assert verdicts[rule.id] == "pass", (suffix, rule.id, verdicts[rule.id])
