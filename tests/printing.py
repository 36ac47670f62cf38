"""Print an HTML report as headless Chromium does, and read the PDF back with poppler-utils.

Tests that use it are skipped, saying why, when chromium or pdftotext/pdfinfo is not installed."""

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

CHROMIUM = next((shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome") if shutil.which(name)),
                None)
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")

needs_printing = pytest.mark.skipif(not (CHROMIUM and POPPLER),
                                    reason="printing needs chromium and pdftotext/pdfinfo (poppler-utils)")


def print_pdf(html: Path, pdf: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="ctxh-chromium-") as profile:
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
                        html.resolve().as_uri()], capture_output=True, timeout=120, check=False)
    assert pdf.is_file() and pdf.stat().st_size > 0, f"chromium printed nothing for {html}"
    return pdf


def info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in out.splitlines())}


def pages(pdf: Path) -> int:
    return int(info(pdf)["Pages"])


def page_text(pdf: Path, page: int | None = None) -> str:
    """The text of one page (1-based), or of the whole document, laid out as printed."""
    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def dump_dom(html: Path, width: int) -> str:
    """The page's DOM after it ran in a window ``width`` pixels wide (for a measuring script)."""
    with tempfile.TemporaryDirectory(prefix="ctxh-chromium-") as profile:
        return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                               "--disable-background-networking", "--disable-component-update", "--disable-sync",
                               f"--user-data-dir={profile}", f"--window-size={width},900", "--dump-dom",
                               html.resolve().as_uri()], capture_output=True, text=True, timeout=120, check=False).stdout
