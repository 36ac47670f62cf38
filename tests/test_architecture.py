"""The package's layout: the folders read as the pipeline, the map in docs/architecture.md names exactly the
packages in the tree, and the import contracts hold (the same check `make test` runs with lint-imports)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "ctxh_compliance"
MAP = ROOT / "docs" / "architecture.md"


def packages_in_tree() -> set[str]:
    return {str(p.parent.relative_to(PACKAGE)) for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE}


def packages_in_map() -> set[str]:
    block = MAP.read_text(encoding="utf-8").split("```\nsrc/ctxh_compliance/\n", 1)[1].split("```", 1)[0]
    return {m[1].rstrip("/") for m in re.finditer(r"^  (\S+/)\s", block, re.M)}


def test_the_map_names_every_package_and_only_those():
    tree, mapped = packages_in_tree(), packages_in_map()
    assert mapped, "no package found in the map of docs/architecture.md"
    assert tree - mapped == set(), f"packages missing from docs/architecture.md: {sorted(tree - mapped)}"
    assert mapped - tree == set(), f"docs/architecture.md names packages that do not exist: {sorted(mapped - tree)}"


def test_the_top_level_holds_only_the_entry_points_the_messages_and_the_stage_folders():
    loose = sorted(p.name for p in PACKAGE.iterdir()
                   if p.is_file() and p.name not in ("__init__.py", "__main__.py", "messages.yaml"))
    assert loose == []


def test_every_stage_folder_says_what_it_holds_and_what_it_may_import():
    for init in PACKAGE.rglob("*/__init__.py"):
        doc = init.read_text(encoding="utf-8").lstrip().split('"""')
        where = init.parent.relative_to(PACKAGE)
        assert doc[0] == "" and len(doc) > 2, f"{where}/__init__.py has no docstring"
        assert "May import" in doc[1] or "Imports nothing" in doc[1], f"{where}/__init__.py does not say what it may import"


def test_the_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.skip("lint-imports is not installed (pip install -e '.[test]')")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "0 broken" in done.stdout


def test_a_rule_kind_named_in_a_ruleset_is_a_module_where_the_map_says():
    kinds = {m[1] for f in (ROOT / "rulesets").glob("*/rules-*.yaml")
             for m in re.finditer(r"^\s*kind:\s*(\w+)", f.read_text(encoding="utf-8"), re.M)}
    assert kinds
    missing = sorted(k for k in kinds if not (PACKAGE / "rules" / "kinds" / f"{k}.py").is_file())
    assert missing == []
