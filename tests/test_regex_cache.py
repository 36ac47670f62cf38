"""Regular expressions compiled once (core/regex.py): a pattern built from the code kept between runs is
the pattern re.compile builds (same pattern, flags and code), and a bad pattern is re's own error."""

import os
import re
import subprocess
import sys

import pytest

from ctxh_compliance.core import regex

from conftest import EXAMPLES


def test_every_pattern_kept_by_a_run_builds_what_re_compile_builds(tmp_path, monkeypatch):
    monkeypatch.setenv("CTXH_CACHE_DIR", str(tmp_path))
    plan = next(EXAMPLES.glob("*.yaml"))
    for _ in range(2):  # the first run keeps its patterns, the second builds them from what was kept
        done = subprocess.run([sys.executable, "-m", "ctxh_compliance", str(plan), "-f", "json"], capture_output=True,
                              env={**os.environ, "CTXH_CACHE_DIR": str(tmp_path)}, check=False)
        assert done.returncode in (0, 1), done.stderr
    monkeypatch.setattr(regex, "_kept", None)
    kept = regex._load()
    assert len(kept) > 100
    for (pattern, flags), made in kept.items():
        assert regex._sre.compile(pattern, *regex._unpacked(made)) == re.compile(pattern, flags), pattern


def test_a_pattern_is_built_from_its_kept_code_and_matches_as_re_does(tmp_path, monkeypatch):
    monkeypatch.setenv("CTXH_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(regex, "_kept", None)
    pattern, text = r"(?P<ngay>\d{1,2})\s+tháng\s+(\d{1,2})", "ngày 5 tháng 12 năm 2026"
    first = regex.compile_once(pattern, re.IGNORECASE)
    regex.save()
    monkeypatch.setattr(regex, "_kept", None)
    again = regex.compile_once(pattern, re.IGNORECASE)
    assert (pattern, re.IGNORECASE) in regex._kept
    assert first == again == re.compile(pattern, re.IGNORECASE)
    assert again.search(text).groupdict() == {"ngay": "5"} and again.groups == 2


def test_a_bad_pattern_is_res_own_error():
    with pytest.raises(re.error):
        regex.compile_once(r"(unclosed")
