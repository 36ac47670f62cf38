"""durable-rules behaviour the checker is designed around, each pinned by a test."""

import pytest
from durable.lang import assert_facts, c, delete_state, get_host, get_state, m, none, ruleset, when_all

from ctxh_compliance import CheckerError, check, load_plan, load_ruleset
from ctxh_compliance import checker as checker_module
from ctxh_compliance import compiler

from conftest import EXAMPLES


def _define(name, build):
    hits = []
    with ruleset(name):
        build(hits)
        when_all(+m.type, m.type == "__never__")(lambda ctx: hits.append("catch-all fired"))
    get_host()
    return hits


def test_a_fact_no_rule_matches_is_refused_unless_a_catch_all_accepts_it():
    from durable.lang import assert_fact
    with ruleset("sem_unhandled"):
        when_all(m.type == "a")(lambda ctx: None)
    get_host()
    with pytest.raises(Exception) as refused:
        assert_fact("sem_unhandled", {"sid": "1", "type": "b"})
    assert type(refused.value).__name__ == "MessageNotHandledException"
    hits = _define("sem_catch_all", lambda hits: None)
    assert_facts("sem_catch_all", [{"sid": "1", "type": "b"}, {"sid": "1", "type": "c"}])
    assert hits == []  # accepted, and no Python callback ran


def test_comma_joins_two_facts_and_ampersand_one():
    def build(hits):
        when_all((m.type == "a") & (m.x == 1), (m.type == "b") & (m.y == 2))(lambda ctx: hits.append("two facts"))
        when_all((m.type == "a") & (m.x == 1) & (m.y == 2))(lambda ctx: hits.append("one fact"))
    hits = _define("sem_comma", build)
    assert_facts("sem_comma", [{"sid": "1", "type": "a", "x": 1, "y": 2}])
    assert hits == ["one fact"]
    assert_facts("sem_comma", [{"sid": "2", "type": "a", "x": 1}, {"sid": "2", "type": "b", "y": 2}])
    assert hits == ["one fact", "two facts"]


def test_none_is_evaluated_when_the_plan_fact_arrives_so_it_goes_last():
    def build(hits):
        when_all(c.p << (m.type == "plan"), none((m.type == "target") & (m.k == 1)))(lambda ctx: hits.append(ctx.s.sid))
    hits = _define("sem_none", build)
    assert_facts("sem_none", [{"sid": "plan-first", "type": "plan"}, {"sid": "plan-first", "type": "target", "k": 1}])
    assert_facts("sem_none", [{"sid": "plan-last", "type": "target", "k": 1}, {"sid": "plan-last", "type": "plan"}])
    assert hits == ["plan-first"]  # asserted first, the plan fact saw no target yet: wrong answer


def test_a_ruleset_name_can_be_registered_only_once_so_compilation_is_cached():
    rs = load_ruleset("qd112_2021")
    first = compiler.engine_name(rs, checker_module._sink)
    again = compiler.engine_name(rs, checker_module._sink)
    assert first == again
    assert list(compiler._compiled).count(first) == 1


def test_each_check_uses_its_own_session_and_deletes_it():
    loaded = load_plan(EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml")
    rs = load_ruleset("qd112_2021")
    seen = []
    original = checker_module.delete_state

    def spy(name, sid):
        seen.append((name, sid))
        original(name, sid)
    checker_module.delete_state = spy
    try:
        first = check(loaded, rs)
        second = check(loaded, rs)
    finally:
        checker_module.delete_state = original
    assert len({sid for _, sid in seen}) == 2
    assert [f.verdict for f in first.findings] == [f.verdict for f in second.findings]
    assert checker_module._outcomes == {} and checker_module._errors == {}
    name, sid = seen[0]
    with pytest.raises(Exception, match="309"):  # durable-rules: no such session any more
        get_state(name, sid)


def test_an_exception_inside_an_action_becomes_a_clear_error(monkeypatch):
    def build(hits):
        when_all(m.type == "boom")(lambda ctx: 1 / 0)
    _define("sem_exception", build)
    assert_facts("sem_exception", [{"sid": "x", "type": "boom"}])  # the engine does not raise…
    assert "exception" in get_state("sem_exception", "x")  # …it records the error in the session
    delete_state("sem_exception", "x")

    def broken(outcome, rs):
        raise AssertionError("not reached")
    loaded = load_plan(EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml")
    rs = load_ruleset("qd112_2021")
    monkeypatch.setattr(compiler, "_content", lambda ctx, name: 1 / 0)
    with pytest.raises(CheckerError) as caught:
        check(loaded, rs)
    assert caught.value.rule_id.startswith("QD112-")
    assert "ZeroDivisionError" in caught.value.detail
    assert "lỗi nội bộ khi đánh giá quy tắc QD112-" in caught.value.render("vi")


def test_long_regex_alternations_fail_silently_so_each_pattern_is_its_own_rule():
    """durable-rules' own regex engine misses matches in a long alternation; the compiler
    therefore never joins a rule's patterns with "|"."""
    patterns = ["(ubnd|ủy ban nhân dân) (các |cấp )*huyện", "cấp huyện", "phòng lđ (các )*huyện",
                "phòng lđtbxh (các |cấp )*huyện", "phòng lđ, tb, xh"]

    def build(hits):
        when_all((m.type == "body") & m.name.matches(".*(" + "|".join(patterns) + ").*"))(
            lambda ctx: hits.append("joined"))
        when_all((m.type == "body") & m.name.matches(f".*({patterns[0]}).*"))(lambda ctx: hits.append("single"))
    hits = _define("sem_regex", build)
    assert_facts("sem_regex", [{"sid": "1", "type": "body", "name": "ubnd các huyện, thị xã, thành phố"}])
    assert hits == ["single"]


def test_the_engine_runs_no_background_thread():
    """durable-rules' own host dispatches from timer threads, racing the C engine (a segfault
    under load); the checker installs a host that runs every action on the caller's thread."""
    import threading
    import time

    from durable.lang import get_host as host_of

    from ctxh_compliance.engine_host import SynchronousHost
    check(load_plan(EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml"), load_ruleset("qd112_2021"))
    assert isinstance(host_of(), SynchronousHost)
    time.sleep(0.3)
    assert not [t for t in threading.enumerate() if isinstance(t, threading.Timer) and t.is_alive()]
