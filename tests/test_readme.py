"""The README's and the guides' promises: the README is short (a newcomer reads it in five minutes), its
set-up commands are the ones CI runs and every command it shows works; every link of the documentation
leads somewhere; the guides' example plan and waiver file are valid and their id tables match the rulesets."""

import re
import shlex
import shutil
import subprocess
import sys

import pytest

from ctxh_compliance import check, load_plan, load_ruleset, select_ruleset

from conftest import EXAMPLES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDES = {path.name: path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").glob("*.md"))}
#: the README and every guide, where the examples and tables below are looked for
DOCUMENTATION = "\n".join([README, *GUIDES.values()])
#: guides the README links to that other parts of the documentation bring (their links are checked once there)


def test_the_readme_is_read_in_five_minutes():
    assert len(README.splitlines()) <= 200
    assert README.index("Trên Windows: dùng trang web do Sở/Bộ vận hành") < README.index("make demo")


@pytest.mark.parametrize("name", ["README.md", *GUIDES], ids=str)
def test_every_link_of_the_documentation_leads_somewhere(name):
    path = ROOT / name if name == "README.md" else ROOT / "docs" / name
    text = path.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"^(https?:|mailto:|#)", target):
            continue
        resolved = (path.parent / target.split("#")[0]).resolve()
        assert resolved.exists(), f"{name}: {target}"


def _readme_commands() -> list[list[str]]:
    """Each ctxh-check command of the README's shell blocks, as typed (comments left out)."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL):
        for line in block.splitlines():
            line = line.split(" #", 1)[0].strip()
            if line.startswith(("ctxh-check ", ".venv/bin/ctxh-check ")):
                commands.append(shlex.split(line)[1:])
    return commands


def test_every_command_of_the_readme_works(tmp_path):
    """In a folder with the examples, the plans of a ministry (ke-hoach/) and the guide's waiver file: each
    command, in the README's order (the province's draft, its check, its saved result and the comparison)."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    (tmp_path / "ke-hoach").mkdir()
    for plan in EXAMPLES.glob("*.yaml"):
        shutil.copy(plan, tmp_path / "ke-hoach" / plan.name)
    waivers = next(b for b in re.findall(r"```yaml\n(.*?)```", DOCUMENTATION, flags=re.DOTALL) if "waivers:" in b)
    (tmp_path / "mien-tru.yaml").write_text(waivers, encoding="utf-8")
    commands = _readme_commands()
    assert len(commands) >= 8 and ["draft", "--province", "Lào Cai", "--period", "2026-2030", "-o", "du-thao.docx"] in commands
    for args in commands:
        result = subprocess.run([sys.executable, "-m", "ctxh_compliance", *args], cwd=tmp_path, capture_output=True,
                                text=True, timeout=300)
        assert result.returncode in (0, 1), (args, result.stderr)
    assert (tmp_path / "tham-dinh" / "summary.xlsx").is_file() and (tmp_path / "bao-cao.html").is_file()


def test_readme_example_plan_loads_and_is_checked(write_plan):
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", DOCUMENTATION, flags=re.DOTALL) if "identification:" in b)
    loaded = load_plan(write_plan(block))
    ruleset, cited = select_ruleset(loaded)
    assert (ruleset.id, cited) == ("qd112_2021", "112/QĐ-TTg")
    report = check(loaded, ruleset)
    assert report.verdict_of("QD112-T08").value == "pass"
    assert report.verdict_of("QD112-G02").value == "pass"


def test_readme_lists_every_indicator_and_task_group():
    for name in ("qd112_2021", "qd32_2010"):
        rs = load_ruleset(name)
        row = next(line for line in DOCUMENTATION.splitlines() if line.startswith(f"| `{name}`"))
        listed = set(re.findall(r"`([a-z_]+)`", row)) - {name}
        assert listed == set(rs.indicators) | set(rs.groups), name


def test_readme_setup_commands_are_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make demo" in README and "make test" in README
    assert "make test PYTHON=" in ci and "make demo PYTHON=" in ci


def test_readme_waiver_example_is_a_valid_waiver_file(tmp_path):
    from ctxh_compliance.rules.waivers import load_waivers
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", DOCUMENTATION, flags=re.DOTALL) if "waivers:" in b)
    path = tmp_path / "w.yaml"
    path.write_text(block, encoding="utf-8")
    assert load_waivers(path, {"QD112-T01"})[0].reason.startswith("Tỉnh miền núi")


def test_readme_lists_every_rule_kind_and_each_kind_has_its_module():
    from ctxh_compliance.rules.kinds import KINDS
    table = GUIDES["maintenance.md"].split("## Rulesets are data")[1].split("\n## ")[0]
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
