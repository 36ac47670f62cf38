"""The README's promises: its example plan is valid, its id tables match the rulesets,
and its set-up commands are the ones CI runs."""

import re

from ctxh_compliance import check, load_plan, load_ruleset, select_ruleset

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_example_plan_loads_and_is_checked(write_plan):
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", README, flags=re.DOTALL) if "identification:" in b)
    loaded = load_plan(write_plan(block))
    ruleset, cited = select_ruleset(loaded)
    assert (ruleset.id, cited) == ("qd112_2021", "112/QĐ-TTg")
    report = check(loaded, ruleset)
    assert report.verdict_of("QD112-T08").value == "pass"
    assert report.verdict_of("QD112-G02").value == "pass"


def test_readme_lists_every_indicator_and_task_group():
    for name in ("qd112_2021", "qd32_2010"):
        rs = load_ruleset(name)
        row = next(line for line in README.splitlines() if line.startswith(f"| `{name}`"))
        listed = set(re.findall(r"`([a-z_]+)`", row)) - {name}
        assert listed == set(rs.indicators) | set(rs.groups), name


def test_readme_setup_commands_are_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make demo" in README and "make test" in README
    assert "make test PYTHON=" in ci and "make demo PYTHON=" in ci


def test_readme_waiver_example_is_a_valid_waiver_file(tmp_path):
    from ctxh_compliance.rules.waivers import load_waivers
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", README, flags=re.DOTALL) if "waivers:" in b)
    path = tmp_path / "w.yaml"
    path.write_text(block, encoding="utf-8")
    assert load_waivers(path, {"QD112-T01"})[0].reason.startswith("Tỉnh miền núi")


def test_readme_lists_every_rule_kind_and_each_kind_has_its_module():
    from ctxh_compliance.rules.kinds import KINDS
    table = README.split("## Bộ quy tắc là dữ liệu")[1].split("## Kiến trúc")[0]
    listed = set(re.findall(r"`([a-z_]+)`", "\n".join(line.split("|")[1] for line in table.splitlines()
                                                       if line.startswith("| `"))))
    assert listed == set(KINDS)
    for kind, module in KINDS.items():
        assert module.__name__ == f"ctxh_compliance.rules.kinds.{kind}" and module.__doc__


def test_durable_rules_is_imported_by_the_engine_module_only():
    src = ROOT / "src" / "ctxh_compliance"
    importing = sorted(str(p.relative_to(src)) for p in src.rglob("*.py")
                       if re.search(r"^\s*(import durable|from durable)", p.read_text(encoding="utf-8"), re.M))
    assert importing == ["rules/engine.py"]
