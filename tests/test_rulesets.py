"""The rulesets are data: complete against the reference note, self-consistent, and a broken
one is a clear error naming the file and the rule."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ctxh_compliance import RulesetError, check, load_plan, load_ruleset
from ctxh_compliance.rules.kinds.min_target import Rule as MinTarget

from conftest import MINIMAL_PLAN, ROOT

REFERENCE = ROOT / "docs" / "reference" / "national_decisions.md"
RULESETS = ("qd112_2021", "qd32_2010")


@pytest.mark.parametrize("name", RULESETS)
def test_every_rule_cites_and_quotes(name):
    rs = load_ruleset(name)
    prefix = {"qd112_2021": "QD112-", "qd32_2010": "QD32-"}[name]
    for rule in rs.rules:
        assert rule.id.startswith((prefix, "CTXH-"))
        assert rule.citation.strip() and rule.quote.strip() and rule.sources
        assert rule.title.vi.strip() and rule.title.en.strip()
        if isinstance(rule, MinTarget) and rule.value is None:
            assert rule.grade == "C" and "chưa đọc được" in rule.title.vi


def test_every_reference_target_and_task_group_is_a_rule():
    text = REFERENCE.read_text(encoding="utf-8")
    ids = set(re.findall(r"^\| (Q(?:112|32)-[A-Z0-9-]+) \|", text, flags=re.MULTILINE))
    assert len(ids) >= 15
    referenced = {r.reference for name in RULESETS for r in load_ruleset(name).rules}
    assert ids <= referenced, sorted(ids - referenced)
    groups_112 = [r for r in load_ruleset("qd112_2021").rules if r.kind == "task_group"]
    groups_32 = [r for r in load_ruleset("qd32_2010").rules if r.kind == "task_group"]
    assert len(groups_112) == 7 and len(groups_32) == 8


def _round_3_rows() -> list[str]:
    """The first cell of each fact of the reference note's Round 3 table."""
    text = REFERENCE.read_text(encoding="utf-8").split("## Round 3", 1)[1]
    return [line.split(" | ")[0].lstrip("| ").strip() for line in text.splitlines()
            if line.startswith("| ") and not line.startswith(("| fact", "|---"))]


def _text(*rules) -> str:
    return " ".join(f"{r.citation} {r.quote} {r.grade_note.vi if r.grade_note else ''} "
                    f"{getattr(getattr(r, 'successor', None), 'vi', '')} {' '.join(s.name for s in r.sources)}"
                    for r in rules)


def _related(number: str):
    return next(c for c in load_ruleset("qd112_2021").decision_file.detect.related if c.number == number)


# Every fact of the reference note's Round 3: where it is encoded (a check that fails if it is not), or why it
# is deliberately not encoded. Keyed by words of the fact's first cell.
ROUND_3 = {
    "QĐ 2096/QĐ-TTg": lambda q112, q32: _related("2096/QĐ-TTg").grade == "A"
    and "Mục III" in q112.rule("QD112-S03").citation and "2096" in q112.rule("QD112-S05").citation,
    "QĐ 627/QĐ-TTg": lambda q112, q32: _related("627/QĐ-TTg").grade == "A"
    and "627" in _text(q112.rule("QD112-S05")),
    "2030 training target": lambda q112, q32: q112.rule("QD112-T13").grade == "C"
    and {mv.value for mv in q112.rule("QD112-T13").mirror_values} == {40}
    and len(q112.rule("QD112-T13").mirror_values) == 2
    and ["ngành có liên quan", "các ngành có liên quan"] in q112.rule("QD112-T13").population
    and ["trại giam"] not in q112.rule("QD112-T13").population
    and q112.rule("QD112-T12").grade == q112.rule("QD112-T14").grade == "C",
    "QĐ 32, 2010-2015": lambda q112, q32: all(q32.rule(i).grade == "A" for i in ("QD32-T01", "QD32-T03", "QD32-T05",
                                                                                 "QD32-T07"))
    and "1305" not in q32.rule("QD32-T05").citation,
    "QĐ 32, 2016-2020": lambda q112, q32: q32.rule("QD32-T02").grade == "A"
    and all(q32.rule(i).grade == "C" for i in ("QD32-T04", "QD32-T06", "QD32-T08"))
    and "thành phố thuộc tỉnh" in _text(q32.rule("QD32-T08")),
    "NĐ 42/2025/NĐ-CP": lambda q112, q32: all("công tác xã hội, công tác người cao tuổi" in q112.rule(i).quote
                                               for i in ("CTXH-I01", "CTXH-I02")),
    "xã, phường, đặc khu": lambda q112, q32: ["thị trấn", "đặc khu"] in q112.rule("QD112-T01").population
    and "A−" in q112.rule("QD112-T01").population_gone[0].note and "đặc khu" in _text(q112.rule("CTXH-I03")),
    "72/2025/QH15": lambda q112, q32: any(r.number == "65/2025/QH15" and "72/2025/QH15" in r.by
                                          for r in q112.rule("CTXH-L02").replaced),
    "NĐ 150/2025/NĐ-CP": lambda q112, q32: all(w in _text(q112.rule("CTXH-I03"))
                                               for w in ("Phòng Văn hóa - Xã hội", "150/2025", "20/2025/TT-BYT")),
    "TT 43/2025/TT-BYT": lambda q112, q32: "Trạm Y tế" in _text(q112.rule("CTXH-I03")),
    "TT 51/2024/TT-BYT": lambda q112, q32: {r.number for r in q112.rule("CTXH-L02").replaced}
    >= {"43/2015/TT-BYT", "33/2018/TT-BGDĐT"},
    "QĐ 966 is 966/QĐ-TTg": lambda q112, q32: _related("966/QĐ-TTg").grade == "A"
    and not any("966/QĐ-L" in path.read_text(encoding="utf-8") for path in (ROOT / "rulesets").rglob("*.yaml")),
    "Thông báo 432-TB/VPTW": "not encoded: an orientation of the Party Central Office for the children and network "
                             "parts of a 2026-2030 plan, not a legal requirement — nothing a plan must contain or "
                             "may not cite; no ruleset named it, so its corrected date changes nothing",
    "Still not found": "not encoded: absences (no successor of QĐ 112, no Bộ Y tế guidance for 2026-2030, QĐ 112 "
                       "Mục IV and NĐ 110/2024's provincial duties unread): QĐ 112 stays the programme of "
                       "2026-2030 plans and the unread clauses stay grade C",
}


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared reference note not beside the checkout")
def test_every_round_3_fact_is_encoded_or_said_to_be_deliberately_not():
    rows = _round_3_rows()
    assert len(rows) >= 13
    q112, q32 = load_ruleset("qd112_2021"), load_ruleset("qd32_2010")
    for row in rows:
        head = re.split(r":| \(", row.replace("**", "").replace('"', ""), maxsplit=1)[0]
        keys = [key for key in ROUND_3 if key in head]
        assert len(keys) == 1, (row, keys)
        entry = ROUND_3[keys[0]]
        if callable(entry):
            assert entry(q112, q32), keys[0]
        else:
            assert entry.startswith("not encoded: "), keys[0]


def test_grades_match_the_reference_note():
    """Spot checks of grades and values against the note (§1.4, §2.3)."""
    rs = load_ruleset("qd112_2021")
    expected = {"QD112-T01": ("A", 60), "QD112-T06": ("B", 20), "QD112-T07": ("B", 85), "QD112-T08": ("A", 90),
                "QD112-T11": ("A", 60), "QD112-T12": ("C", None), "QD112-T13": ("C", None), "QD112-T14": ("C", None)}
    for rule_id, (grade, value) in expected.items():
        rule = rs.rule(rule_id)
        assert (rule.grade, rule.value) == (grade, value), rule_id
    qd32 = load_ruleset("qd32_2010")
    assert (qd32.rule("QD32-T01").value, qd32.rule("QD32-T02").value) == (10, 50)
    assert qd32.rule("QD32-T04").grade == "C"


@pytest.mark.parametrize("name", RULESETS)
def test_no_grade_c_rule_ever_fails(name, write_plan):
    """Whatever the plan, a grade-C rule gives at most needs_review."""
    rs = load_ruleset(name)
    plans = [{**MINIMAL_PLAN, "period": {"start": 2010, "end": 2030}}]
    low = [{"indicator": i.id, "year": y, "value": 0, "unit": i.unit} for i in rs.indicators.values()
           for y in (2012, 2015, 2020, 2025, 2030)]
    plans.append({**plans[0], "targets": low, "task_groups": [{"heading": "x", "covers": list(rs.groups)}]})
    for plan in plans:
        report = check(load_plan(write_plan(plan)), rs)
        for finding in report.findings:
            if finding.grade == "C":
                assert finding.verdict.value != "fail", finding.rule_id


def _copy_ruleset(tmp_path: Path) -> Path:
    target = tmp_path / "broken"
    shutil.copytree(ROOT / "rulesets" / "qd112_2021", target)
    return target


def test_broken_ruleset_names_file_and_rule(tmp_path, cli):
    folder = _copy_ruleset(tmp_path)
    rules = folder / "rules-targets.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("grade: B\n", "grade: D\n", 1), encoding="utf-8")
    with pytest.raises(RulesetError) as caught:
        load_ruleset(folder)
    message = caught.value.render("vi")
    assert str(rules) in message and "quy tắc QD112-T06" in message
    result = cli(ROOT / "examples" / "lang_son_sldtbxh_2021-2025.yaml", "--ruleset", folder)
    assert result.exit_code == 2 and "QD112-T06" in result.stderr


def test_unknown_indicator_in_a_ruleset_is_an_error(tmp_path):
    folder = _copy_ruleset(tmp_path)
    rules = folder / "rules-targets.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("indicator: children_served", "indicator: kids", 1),
                     encoding="utf-8")
    with pytest.raises(RulesetError, match="QD112-T07"):
        load_ruleset(folder)


def test_duplicate_rule_id_is_an_error(tmp_path):
    folder = _copy_ruleset(tmp_path)
    rules = folder / "rules-targets.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("id: QD112-T02", "id: QD112-T01", 1), encoding="utf-8")
    with pytest.raises(RulesetError, match="QD112-T01"):
        load_ruleset(folder)


def test_a_task_group_can_be_required_outright(tmp_path, write_plan):
    """`when_absent: fail` (the default) makes a missing task group a failure."""
    folder = _copy_ruleset(tmp_path)
    rules = folder / "rules-tasks.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("    when_absent: warning\n", ""), encoding="utf-8")
    report = check(load_plan(write_plan(MINIMAL_PLAN)), load_ruleset(folder))
    assert report.verdict_of("QD112-G01").value == "fail"


def _run(*args: str, cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ctxh_compliance", *args], capture_output=True, text=True,
                          env={**os.environ, "CTXH_CACHE_DIR": str(cache)}, cwd=ROOT, check=False)


def test_an_edited_ruleset_is_read_again_and_a_broken_cache_is_ignored(tmp_path, write_plan):
    """Validated rulesets are kept between runs; a rule edited between two runs must be the one used."""
    folder = _copy_ruleset(tmp_path)
    cache = tmp_path / "cache"
    plan = write_plan({**MINIMAL_PLAN, "targets": [
        {"indicator": "staff_assignment", "year": 2025, "value": 65, "unit": "percent"}]})
    first = _run(str(plan), "--ruleset", str(folder), "--select", "QD112-T01", "--all", cache=cache)
    assert first.returncode == 0 and "[ĐẠT] QD112-T01" in first.stdout, first.stderr
    assert list(cache.glob("ruleset-*.pickle"))
    rules = folder / "rules-targets.yaml"
    text = rules.read_text(encoding="utf-8")
    edited = text.replace("value: 60\n", "value: 70\n", 1)
    assert edited != text
    rules.write_text(edited, encoding="utf-8")
    second = _run(str(plan), "--ruleset", str(folder), "--select", "QD112-T01", cache=cache)
    assert second.returncode == 1 and "tối thiểu 70%" in second.stdout, second.stdout
    for entry in cache.iterdir():
        entry.write_bytes(b"not a pickle")
    third = _run(str(plan), "--ruleset", str(folder), "--select", "QD112-T01", cache=cache)
    assert third.returncode == 1 and "tối thiểu 70%" in third.stdout, third.stderr


@pytest.mark.parametrize("pattern", [r"sở lđtbxh\b", "(?:sở) lđtbxh", "^sở lđtbxh", "sở [^a]đtbxh", r"sở lđ\.tbxh"])
def test_a_pattern_the_engine_would_never_match_is_refused(pattern, tmp_path):
    """durable-rules never matches these (while Python's re does): such a pattern would let every old
    name pass, so loading the ruleset fails, naming the rule."""
    shutil.copytree(ROOT / "rulesets" / "common", tmp_path / "common")
    rules = tmp_path / "common" / "rules-institutions.yaml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace('      - "sở lđtbxh"\n', f"      - '{pattern}'\n", 1), encoding="utf-8")
    assert rules.read_text(encoding="utf-8") != text
    from ctxh_compliance.rules.ruleset_model import RuleFile
    from ctxh_compliance.inputs.yaml_source import load_yaml
    with pytest.raises(Exception, match="never matches"):
        RuleFile.model_validate(load_yaml(rules, allow_aliases=True).data)


def test_every_stale_body_pattern_matches_in_the_engine_as_in_python():
    """Each pattern of the bundled rulesets, on the names it is written for, gives the same answer in
    durable-rules as in Python's re."""
    import re as python_re

    from durable.lang import m, when_all

    from ctxh_compliance.rules import engine
    from ctxh_compliance.core.text import fold
    names = ["Sở Lao động - Thương binh và Xã hội", "Sở LĐTBXH", "Sở LĐ-TBXH", "Sở Lao động-TB&XH",
             "Bộ Lao động - Thương binh và Xã hội", "Bộ LĐTBXH", "UBND các huyện", "Ủy ban nhân dân cấp huyện",
             "Phòng Lao động - Thương binh và Xã hội các huyện", "Phòng LĐTBXH cấp huyện",
             "UBND các huyện, thị xã, thành phố", "Sở Y tế", "UBND các xã, phường, đặc khu", "Bộ Y tế",
             "SLĐTBXH", "BLĐTBXH", "So Lao dong - Thuong binh va Xa hoi", "UBND cac huyen", "UBND thành phố Yên Bái",
             "Phòng Y tế thành phố Lào Cai", "UBND thành phố Hà Nội", "Phòng Văn hóa - Xã hội", "Trạm Y tế xã"]
    for rule in load_ruleset("qd112_2021").rules:
        if rule.kind != "stale_body":
            continue
        for pattern in rule.patterns:
            compiled = engine.compile_definition("pattern", lambda p=pattern: when_all(
                (m.type == "body") & m.name.matches(f".*({p}).*"))(engine.Action(None, "hit", None, False)))
            for n, name in enumerate(names):
                fired = bool(compiled.run([{"type": "body", "name": fold(name), "sid": str(n)}], str(n)))
                assert fired == bool(python_re.fullmatch(f".*({pattern}).*", fold(name))), (rule.id, pattern, name)


def test_a_related_basis_alone_does_not_choose_a_ruleset(write_plan):
    """NĐ 110/2024 or the QĐ 966 master plan are valid bases beside QĐ 112, not QĐ 112 itself: a plan citing
    only them is not judged against QĐ 112's targets without being asked (--ruleset)."""
    from ctxh_compliance import InputError, select_ruleset
    plan = {**MINIMAL_PLAN, "legal_bases": [{"number": "110/2024/NĐ-CP"}, {"number": "966/QĐ-TTg"}]}
    with pytest.raises(InputError) as refused:
        select_ruleset(load_plan(write_plan(plan)))
    assert "không dẫn quyết định nào mà công cụ có bộ" in refused.value.render("vi")


@pytest.mark.parametrize("period,chosen", [((2026, 2030), "qd112_2021"), ((2016, 2020), "qd32_2010")])
def test_a_plan_citing_both_decisions_is_checked_against_the_one_its_period_belongs_to(period, chosen, write_plan):
    from ctxh_compliance import select_ruleset
    plan = {**MINIMAL_PLAN, "period": {"start": period[0], "end": period[1]},
            "legal_bases": [{"number": "112/QĐ-TTg"}, {"number": "32/2010/QĐ-TTg"}]}
    rs, cited = select_ruleset(load_plan(write_plan(plan)))
    assert rs.id == chosen
    if chosen == "qd112_2021":
        report = check(load_plan(write_plan(plan)), rs)
        assert report.verdict_of("CTXH-L02").value == "warning"
        assert "32/2010/QĐ-TTg" in next(f for f in report.findings if f.rule_id == "CTXH-L02").message.vi


def test_a_plan_citing_both_decisions_over_both_periods_is_still_refused(write_plan):
    from ctxh_compliance import InputError, select_ruleset
    plan = {**MINIMAL_PLAN, "period": {"start": 2015, "end": 2025},
            "legal_bases": [{"number": "112/QĐ-TTg"}, {"number": "32/2010/QĐ-TTg"}]}
    with pytest.raises(InputError):
        select_ruleset(load_plan(write_plan(plan)))
