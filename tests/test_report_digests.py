"""Every report of every example plan, in every format and language, byte for byte.

The digests in tests/golden/report-digests.txt were taken from the reports as they were before the
rule kinds were reorganised (kinds/, engine.py); that change, and any change to speed, must not alter
a byte. A deliberate change to a report regenerates them (``CTXH_UPDATE_GOLDEN=1 python -m pytest
tests/test_report_digests.py``) after its diffs were read; tests/golden/*.yaml keep the reviewed
verdicts and tests/golden/*.report.txt one whole report to read.
"""

import hashlib
import os
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

DIGESTS = Path(__file__).resolve().parent / "golden" / "report-digests.txt"
UPDATE = os.environ.get("CTXH_UPDATE_GOLDEN") == "1"
CASES = [(stem, lang, fmt) for stem in sorted(p.stem for p in EXAMPLES.glob("*.yaml"))
         for lang in ("vi", "en") for fmt in ("text", "markdown", "html", "json")]


def _digest(cli, stem: str, lang: str, fmt: str) -> str:
    args = [f"examples/{stem}.yaml", "--lang", lang, "--format", fmt, "--colour", "never"]
    result = cli(*args)
    assert result.exit_code in (0, 1), result.stderr
    return hashlib.sha256(result.stdout.encode("utf-8")).hexdigest()


def _recorded() -> dict[str, str]:
    lines = DIGESTS.read_text(encoding="utf-8").splitlines() if DIGESTS.exists() else []
    return dict(reversed(line.split("  ", 1)) for line in lines if line.strip())


def test_every_example_report_is_byte_identical_to_the_recorded_one(cli, monkeypatch):
    monkeypatch.chdir(ROOT)  # locations in the reports are relative, as a user types them
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 for the undated plans
    observed = {f"{stem}.{lang}.{fmt}": _digest(cli, stem, lang, fmt) for stem, lang, fmt in CASES}
    if UPDATE:
        DIGESTS.write_text("".join(f"{d}  {name}\n" for name, d in observed.items()), encoding="utf-8")
    recorded = _recorded()
    assert len(observed) == 40
    changed = sorted(name for name in observed if recorded.get(name) != observed[name])
    if changed:
        pytest.fail(f"{len(changed)} report(s) changed: {', '.join(changed)}")
