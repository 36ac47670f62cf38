"""Property-based tests: mutated plans give a report or a clean input error, never anything else;
verdicts do not depend on key order or on NFC/NFD form.

Short in CI; a longer run: ``CTXH_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz.py``."""

import os
import random
import unicodedata

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctxh_compliance import InputError, check, load_ruleset
from ctxh_compliance.yaml_source import parse_yaml
from ctxh_compliance.plan_loader import validate_plan

from conftest import EXAMPLES

EXAMPLES_RUN = int(os.environ.get("CTXH_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES_RUN, deadline=None, derandomize=not os.environ.get("CTXH_FUZZ_EXAMPLES"),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SEED = yaml.safe_load((EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml").read_text(encoding="utf-8"))
RULESET = load_ruleset("qd112_2021")

leaf = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False),
                 st.text(max_size=30), st.dates().map(str), st.lists(st.text(max_size=5), max_size=3),
                 st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, path + (i,))


PATHS = [p for p in _paths(SEED) if p]


def _mutate(plan, path, action, value):
    import copy
    plan = copy.deepcopy(plan)
    parent = plan
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    if action == "replace":
        parent[key] = value
    elif action == "delete":
        del parent[key]
    elif isinstance(parent, dict):
        parent[f"{key}_x"] = value
    return plan


def _run(text: str):
    try:
        loaded = validate_plan(parse_yaml(text, "fuzz.yaml"))
        return check(loaded, RULESET)
    except InputError as exc:
        assert exc.problems and all(p.render("vi") for p in exc.problems)
        return None


@FUZZ
@given(st.sampled_from(PATHS), st.sampled_from(["replace", "delete", "add"]), leaf)
def test_mutated_plan_gives_report_or_clean_input_error(path, action, value):
    plan = _mutate(SEED, path, action, value)
    _run(yaml.safe_dump(plan, allow_unicode=True))


@FUZZ
@given(st.text(max_size=200))
def test_arbitrary_text_gives_report_or_clean_input_error(text):
    _run(text)


def _verdicts(report):
    return sorted((f.rule_id, f.aspect, f.verdict.value) for f in report.findings)


def _shuffled(node, rng):
    if isinstance(node, dict):
        items = list(node.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng) for k, v in items}
    if isinstance(node, list):
        return [_shuffled(v, rng) for v in node]
    return node


@FUZZ
@given(st.integers(0, 10**6))
def test_verdicts_do_not_depend_on_key_order_or_normal_form(seed):
    base = _run(yaml.safe_dump(SEED, allow_unicode=True, sort_keys=False))
    shuffled = yaml.safe_dump(_shuffled(SEED, random.Random(seed)), allow_unicode=True, sort_keys=False)
    assert _verdicts(_run(shuffled)) == _verdicts(base)
    assert _verdicts(_run(unicodedata.normalize("NFD", shuffled))) == _verdicts(base)
