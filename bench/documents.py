"""Documents: what reading a Word or PDF plan costs, each figure a ratio to a floor timed in the same run
(machines here are noisy; nothing here is asserted by the tests).

    python bench/documents.py            # every figure (a few minutes; LibreOffice makes the PDFs)
    python bench/documents.py --quick    # fewer rounds, a folder of 20 documents

  1. One document on the command line: ``ctxh-check plan.docx -f json`` against the interpreter importing
     python-docx and reading the same file's paragraphs and tables; ``ctxh-check plan.pdf -f json`` against
     pypdfium2's text extraction of the same file (both floors are whole processes too).
  2. In one process: the whole pipeline (read, extract, validate, check, render JSON) per document, against
     the same floors in one process: what is left when no process is started.
  3. A folder of documents (half .docx, half .pdf) with ``--jobs 2``: documents per second and the peak
     memory of all processes together (PSS), against the in-process pipeline over the same documents.
  4. Scaling: a plan's body repeated to about 5, 20 and 50 pages, as .docx and PDF: the command's time per
     page against the floor's.

The documents are the seed plans as offices send them (tests/corpus/variants.py: Word with tables,
LibreOffice PDF). The package is compiled to bytecode first, as an installed one is. The machine's load
average is printed with the figures: a loaded machine slows the command more than its floor, since the
command's reader process overlaps the command only on a free core.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from measure import interleaved, watch_memory  # noqa: E402

DOCX_FLOOR = ("import sys, docx; d = docx.Document(sys.argv[1]); [p.text for p in d.paragraphs]; "
              "[c.text for t in d.tables for r in t.rows for c in r.cells]")
PDF_FLOOR = ("import sys, pypdfium2 as pdfium; d = pdfium.PdfDocument(sys.argv[1]); "
             "[d[i].get_textpage().get_text_range() for i in range(len(d))]")


def corpus(out: Path) -> tuple[list[Path], list[Path]]:
    from corpus.variants import build, office
    if office() is None:
        sys.exit("LibreOffice (soffice) is needed to make the PDFs: apt-get install libreoffice-writer-nogui")
    made = build(out, pdf=True)
    files = [p for paths in made.values() for p in paths]
    return sorted(p for p in files if p.name.endswith("tables.docx")), sorted(p for p in files if p.name.endswith("tables.pdf"))


def floor_in_process(path: Path) -> None:
    if path.suffix == ".docx":
        import docx
        d = docx.Document(str(path))
        [p.text for p in d.paragraphs]
        [c.text for t in d.tables for r in t.rows for c in r.cells]
    else:
        import pypdfium2 as pdfium
        d = pdfium.PdfDocument(str(path))
        [d[i].get_textpage().get_text_range() for i in range(len(d))]


def pipeline_in_process(path: Path) -> None:
    from ctxh_compliance.extract.document import load_document
    from ctxh_compliance.reports.report import render
    from ctxh_compliance.rules.checker import check
    from ctxh_compliance.rules.ruleset_loader import select_ruleset
    loaded, _ = load_document(path)
    ruleset, cited = select_ruleset(loaded)
    render(check(loaded, ruleset, cited), "json")


def median_seconds(function, paths: list[Path], rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for path in paths:
            function(path)
        samples.append((time.perf_counter() - start) / len(paths))
    return statistics.median(samples)


def one_document(docx: Path, pdf: Path, rounds: int) -> None:
    for path, floor, name in ((docx, DOCX_FLOOR, "python-docx read"), (pdf, PDF_FLOOR, "pypdfium2 text")):
        command = [sys.executable, "-m", "ctxh_compliance", str(path), "-f", "json"]
        subprocess.run(command, capture_output=True, check=False)  # fills the caches, as after a user's first check
        base, whole = interleaved([sys.executable, "-c", floor, str(path)], command, rounds)
        target = 3 if path.suffix == ".docx" else 5
        print(f"1. One {path.suffix:5s} ctxh-check {whole * 1e3:7.0f} ms   floor ({name}) {base * 1e3:6.0f} ms   "
              f"ratio {whole / base:5.2f}x   (target <= {target}x)", flush=True)


def in_process(docs: list[Path], pdfs: list[Path], rounds: int) -> None:
    for paths, kind in ((docs, ".docx"), (pdfs, ".pdf")):
        pipeline_in_process(paths[0])  # imports and compiled rules, once per process
        floor_in_process(paths[0])
        base = median_seconds(floor_in_process, paths, rounds)
        whole = median_seconds(pipeline_in_process, paths, rounds)
        print(f"2. In process {kind:5s} pipeline {whole * 1e3:6.1f} ms/document   floor {base * 1e3:6.1f} ms   "
              f"ratio {whole / base:5.2f}x", flush=True)


def folder(docs: list[Path], pdfs: list[Path], count: int, tmp: Path) -> None:
    plans = tmp / "folder"
    plans.mkdir()
    for i in range(count):
        source = (docs if i % 2 == 0 else pdfs)[(i // 2) % len(docs)]
        shutil.copy(source, plans / f"{i:03d}-{source.name}")
    paths = sorted(plans.iterdir())
    pipeline_in_process(paths[0])
    start = time.perf_counter()
    for path in paths:
        pipeline_in_process(path)
    alone = time.perf_counter() - start
    command = [sys.executable, "-m", "ctxh_compliance", str(plans), "-f", "json", "-o", str(tmp / "out"), "--jobs", "2"]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak, peak_rss = watch_memory(process)
    elapsed = time.perf_counter() - start
    print(f"3. Folder     {count} documents --jobs 2: {elapsed:6.1f} s, {count / elapsed:5.1f} documents/s, "
          f"peak memory (PSS) {peak:4.0f} MiB (RSS summed {peak_rss:4.0f})   in one process {count / alone:5.1f} "
          f"documents/s   ratio {elapsed / alone:5.2f}x   exit {process.returncode}   (target >= 20 documents/s, <= 400 MiB)",
          flush=True)


def long_docx(seed_docx: Path, pages: int, out: Path) -> Path:
    """The plan's body repeated until the document has about ``pages`` pages (a 5-page plan repeated)."""
    import docx
    document = docx.Document(str(seed_docx))
    body = document.element.body
    original = [el for el in body if not el.tag.endswith("sectPr")]
    from copy import deepcopy
    sect = body[-1] if body[-1].tag.endswith("sectPr") else None
    for _ in range(max(0, pages // 5 - 1)):
        for element in original:
            clone = deepcopy(element)
            if sect is not None:
                sect.addprevious(clone)
            else:
                body.append(clone)
    path = out / f"long-{pages}.docx"
    document.save(str(path))
    return path


def scaling(docx: Path, tmp: Path, rounds: int) -> None:
    from corpus.variants import office
    for pages in (5, 20, 50):
        word = long_docx(docx, pages, tmp)
        subprocess.run([office(), "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(word)],
                       capture_output=True, check=False, timeout=300)
        pdf = word.with_suffix(".pdf")
        for path, floor in ((word, DOCX_FLOOR), (pdf, PDF_FLOOR)):
            if not path.exists():
                continue
            command = [sys.executable, "-m", "ctxh_compliance", str(path), "-f", "json"]
            code = subprocess.run(command, capture_output=True, check=False).returncode  # 2: refused (a limit)
            base, whole = interleaved([sys.executable, "-c", floor, str(path)], command, rounds)
            print(f"4. Scaling    {pages:2d} pages {path.suffix:5s} ctxh-check {whole * 1e3:7.0f} ms   "
                  f"floor {base * 1e3:6.0f} ms   ratio {whole / base:5.2f}x   exit {code}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description="what reading a document costs, as ratios to floors measured in the same run")
    parser.add_argument("--quick", action="store_true", help="fewer rounds, a folder of 20 documents")
    parser.add_argument("--only", choices=["one", "process", "folder", "scaling"], help="one figure only")
    args = parser.parse_args()
    rounds = 3 if args.quick else 7
    import compileall  # the package's bytecode written first, as an installed package has it (even when
    compileall.compile_dir(str(ROOT / "src"), quiet=1)  # PYTHONDONTWRITEBYTECODE keeps runs from writing it)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        docs, pdfs = corpus(tmp / "corpus")
        print(f"{len(docs)} Word plans and their LibreOffice PDFs (tests/corpus/variants.py), Python {sys.version.split()[0]}, "
              f"{os.cpu_count()} cores, load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
        if args.only in (None, "one"):
            one_document(docs[0], pdfs[0], rounds)
        if args.only in (None, "process"):
            in_process(docs, pdfs, rounds)
        if args.only in (None, "folder"):
            folder(docs, pdfs, 20 if args.quick else 100, tmp)
        if args.only in (None, "scaling"):
            scaling(docs[0], tmp, 3 if args.quick else 5)
        print(f"load average at the end {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
