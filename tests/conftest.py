"""Shared helpers: write a plan to a file, run the command line in-process."""

import os
import tempfile
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from ctxh_compliance.cli.main import app

# the caches (compiled templates, validated rulesets) of a test run stay out of the user's home, in
# a folder removed when the run ends
if "CTXH_CACHE_DIR" not in os.environ:
    _CACHE = tempfile.TemporaryDirectory(prefix="ctxh-test-cache-")
    os.environ["CTXH_CACHE_DIR"] = _CACHE.name

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

MINIMAL_PLAN = {
    "identification": {"title": "Kế hoạch thử", "province": "Lạng Sơn", "kind": "phase"},
    "legal_bases": [{"number": "112/QĐ-TTg"}],
    "period": {"start": 2021, "end": 2025},
}


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def write_plan(tmp_path):
    """Write a plan (dict or raw text/bytes) to a file and return its path."""
    counter = iter(range(10_000))

    def _write(content, name: str | None = None) -> Path:
        path = tmp_path / (name or f"plan{next(counter)}.yaml")
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(dump(content), encoding="utf-8")
        return path
    return _write


@pytest.fixture
def cli():
    runner = CliRunner()

    def _run(*args: str):
        return runner.invoke(app, [str(a) for a in args])
    return _run


FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
         Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")]


def pdf_of(text_file: Path, out: Path) -> Path:
    """The lines of a text file in a PDF written with a Unicode font (skipped where there is none)."""
    fpdf = pytest.importorskip("fpdf")
    font = next((f for f in FONTS if f.exists()), None)
    if font is None:
        pytest.skip("no Unicode TrueType font on this machine to write a Vietnamese PDF")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.add_font("U", fname=str(font))
    pdf.set_font("U", size=9)
    for line in text_file.read_text(encoding="utf-8").splitlines():
        if line.strip():
            pdf.multi_cell(0, 5, line.strip().replace("*", ""), new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))
    return out
