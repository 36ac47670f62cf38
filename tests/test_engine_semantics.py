"""durable-rules behaviour the engine module is designed around, each pinned by a test."""

import threading

import pytest
from durable.lang import c, m, none, when_all

from ctxh_compliance import CheckerError, check, load_plan, load_ruleset

from ctxh_compliance.rules import engine  # noqa: E402

from conftest import EXAMPLES


def _tag(name):
    return engine.Action(None, name, engine.Verdict.PASS, False)


def _run(name, build, facts):
    """Compile ``build``'s engine rules, assert ``facts`` as one session, return the fired tags."""
    compiled = engine.compile_definition(name, build)
    return [action.name for action, _ in compiled.run([dict(f, sid="s") for f in facts], "s")]


def test_a_fact_that_no_rule_matches_is_accepted_by_the_catch_all_without_firing():
    assert _run("sem_catch_all", lambda: when_all(m.type == "a")(_tag("a")), [{"type": "b"}, {"type": "c"}]) == []


def test_comma_joins_two_facts_and_ampersand_one():
    def build():
        when_all((m.type == "a") & (m.x == 1), (m.type == "b") & (m.y == 2))(_tag("two facts"))
        when_all((m.type == "a") & (m.x == 1) & (m.y == 2))(_tag("one fact"))
    assert _run("sem_comma", build, [{"type": "a", "x": 1, "y": 2}]) == ["one fact"]
    assert _run("sem_comma", build, [{"type": "a", "x": 1}, {"type": "b", "y": 2}]) == ["two facts"]


def test_none_is_evaluated_when_the_plan_fact_arrives_so_it_goes_last():
    def build():
        when_all(c.p << (m.type == "plan"), none((m.type == "target") & (m.k == 1)))(_tag("absent"))
    assert _run("sem_none", build, [{"type": "plan"}, {"type": "target", "k": 1}]) == ["absent"]  # wrong answer
    assert _run("sem_none", build, [{"type": "target", "k": 1}, {"type": "plan"}]) == []


def test_long_regex_alternations_fail_silently_so_each_pattern_is_its_own_rule():
    """durable-rules' own regex engine misses matches in a long alternation; the kinds therefore
    never join a rule's patterns with "|"."""
    patterns = ["(ubnd|ủy ban nhân dân) (các |cấp )*huyện", "cấp huyện", "phòng lđ (các )*huyện",
                "phòng lđtbxh (các |cấp )*huyện", "phòng lđ, tb, xh"]

    def build():
        when_all((m.type == "body") & m.name.matches(".*(" + "|".join(patterns) + ").*"))(_tag("joined"))
        when_all((m.type == "body") & m.name.matches(f".*({patterns[0]}).*"))(_tag("single"))
    assert _run("sem_regex", build, [{"type": "body", "name": "ubnd các huyện, thị xã, thành phố"}]) == ["single"]


def test_a_ruleset_is_compiled_once_per_process():
    rs = load_ruleset("qd112_2021")
    assert engine.compiled_for(rs) is engine.compiled_for(rs)


def test_each_check_uses_its_own_session_and_deletes_it(monkeypatch):
    loaded = load_plan(EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml")
    rs = load_ruleset("qd112_2021")
    deleted = []
    original = engine.native.delete_state

    def spy(handle, sid):
        deleted.append(sid)
        original(handle, sid)
    monkeypatch.setattr(engine.native, "delete_state", spy)
    first, second = check(loaded, rs), check(loaded, rs)
    assert len(set(deleted)) == 2
    assert first == second
    with pytest.raises(Exception, match="309"):  # durable-rules: no such session any more
        engine.native.get_state(engine.compiled_for(rs).handle, deleted[0])


def test_an_engine_failure_is_a_checker_error_not_a_traceback(monkeypatch):
    def broken(handle, facts):
        raise RuntimeError("engine broke")
    monkeypatch.setattr(engine.native, "assert_facts", broken)
    with pytest.raises(CheckerError) as caught:
        check(load_plan(EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml"), load_ruleset("qd112_2021"))
    assert "RuntimeError: engine broke" in caught.value.detail
    assert "lỗi nội bộ khi đánh giá quy tắc" in caught.value.render("vi")


def test_the_engine_runs_no_background_thread_and_no_durable_host():
    """durable-rules' own Host dispatches from timer threads, racing the C engine (a segfault
    under load); the engine module drives the C engine itself and never creates a Host."""
    import durable.lang
    check(load_plan(EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml"), load_ruleset("qd112_2021"))
    assert durable.lang._main_host is None
    assert not [t for t in threading.enumerate() if isinstance(t, threading.Timer) and t.is_alive()]


def test_an_engine_rule_without_the_plan_fact_is_refused_when_compiled():
    """Outcomes are built from the plan fact (c.p): a kind that forgets it is told at compile time,
    not by an internal error on some plan."""
    rs = load_ruleset("qd112_2021")
    builder = engine.Builder(rs)
    with pytest.raises(ValueError, match="must bind the plan fact as c.p"):
        engine.compile_definition("no_plan", lambda: builder.when(rs.rules[0], "x", engine.Verdict.PASS,
                                                                   m.type == "plan"))


def test_engine_rules_kept_between_runs_are_those_of_the_ruleset_read_from_its_files(tmp_path, monkeypatch):
    """A ruleset read from its folder has its engine rules kept between runs (core/cache.py); one built or
    changed in memory is compiled from its own rules, never from what was kept for its files."""
    from ctxh_compliance.rules.ruleset_loader import files_key
    monkeypatch.setenv("CTXH_CACHE_DIR", str(tmp_path))
    rs = load_ruleset("qd112_2021")
    fresh = engine._declared(rs)
    engine._compiled.clear()
    kept = engine.compiled_for(rs)  # fills the cache
    engine._compiled.clear()
    again = engine.compiled_for(rs)  # read from it
    assert list(tmp_path.glob("engine-qd112_2021-*.pickle"))
    assert {k: (a.rule.id if a.rule else None, a.name, a.verdict.value, a.capped) for k, a in again.actions.items()} \
        == fresh[1] == {k: (a.rule.id if a.rule else None, a.name, a.verdict.value, a.capped) for k, a in kept.actions.items()}
    assert all(a.rule is None or a.rule in rs.rules for a in again.actions.values())
    changed = rs.model_copy(update={"rules": rs.rules[:3]})
    assert files_key(rs) and files_key(changed) is None
    assert {a.rule.id for a in engine.compiled_for(changed).actions.values() if a.rule} == {r.id for r in rs.rules[:3]}
