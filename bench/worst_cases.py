"""Worst cases: hostile inputs of at most 5 MB, each run through the command line in its own process,
with its wall time, peak memory (the process and what it starts) and exit code, and ratios to the
plain Lạng Sơn example measured in the same run. Nothing here is asserted by the tests.

    python bench/worst_cases.py                  # every case
    python bench/worst_cases.py pdf docx         # the cases whose name contains one of these words
    python bench/worst_cases.py --timeout 300    # let a slow case run longer (default 60 s)

The promise (README, "Giới hạn"): every input of at most 5 MB is refused or checked within 5 s and
500 MB. A case still running at --timeout is stopped and shown as such; --memory caps each run's
address space (default 8 GiB) so that a case cannot take the machine down.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import zlib

from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "corpus"))
from hostile_docs import docx_bytes, pdf_bytes  # noqa: E402  (shared with the tests)

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "examples" / "lang_son_sldtbxh_2021-2025.yaml"
GOOD = PLAN.read_text(encoding="utf-8")
HEAD = """identification:
  title: Kế hoạch thử
  province: Lạng Sơn
  kind: phase
legal_bases:
- number: 112/QĐ-TTg
period:
  start: 2021
  end: 2025
"""


def _target(population: str) -> str:
    return ("targets:\n- indicator: staff_assignment\n  year: 2025\n  value: 60\n  unit: percent\n"
            f"  population: [\"{population}\"]\n")


def _many_paragraphs_docx() -> bytes:
    body = b"<w:p><w:r><w:t>x\xc3\xa3 ph\xc6\xb0\xe1\xbb\x9dng</w:t></w:r></w:p>" * 400_000
    xml = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           + body + b"</w:body></w:document>")
    return docx_bytes(xml)



def _pdf_bomb(size: int = 2 << 30) -> bytes:
    """One page whose content stream inflates to ``size`` bytes of blanks."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    stream = b"".join(compressor.compress(chunk) for _ in range(size >> 20)) + compressor.flush()
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                 b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"])


def _pdf_pages(pages: int = 2000) -> bytes:
    """``pages`` pages of text, about 5 MB."""
    line = b"(Ke hoach thuc hien Chuong trinh phat trien cong tac xa hoi giai doan 2021 - 2025 tren dia ban) Tj T*"
    content = b"BT /F1 9 Tf 11 TL 40 800 Td " + b" ".join([line] * 21) + b" ET"
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    contents = 4 + pages
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                b"/Contents %d 0 R >>" % contents for _ in range(pages)]
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    return pdf_bytes(objects)


def _pdf_dense(pages: int = 60, lines: int = 700) -> bytes:
    """``pages`` pages, each with its own ``lines`` lines of text: about 5 MB, under the page limit."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for page in range(pages):
        words = b" ".join(b"(Trang %d dong %d: ke hoach cong tac xa hoi giai doan 2021 - 2025) Tj T*" % (page, n)
                          for n in range(lines))
        content = b"BT /F1 1 Tf 1 TL 10 830 Td " + words + b" ET"
        kids.append(len(objects) + 1)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (len(objects) + 2))
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % pages
    return pdf_bytes(objects)


def cases(folder: Path) -> dict[str, tuple[list[str], dict[str, str], str | None]]:
    """name -> (command-line arguments, extra environment, file to give as standard input)."""
    made: dict[str, tuple[list[str], dict[str, str], str | None]] = {}

    def plan(name: str, content: str | bytes, *extra: str, env: dict | None = None, stdin: str | None = None,
             suffix: str = ".yaml") -> None:
        path = folder / f"{name}{suffix}"
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        made[name] = ([str(path), *extra], env or {}, stdin)

    plan("baseline", GOOD)
    plan("apostrophe-then-deep", "identification: {text: it's}\nx: " + "[" * 100_000 + "\n")
    plan("brackets-in-quotes", GOOD.replace('  signer: "', '  signer: "' + "[" * 60 + " it's ", 1))
    plan("amount-400-digits", HEAD + "budget:\n  total: {amount: " + "9" * 400 + "}\n")
    plan("population-2000-words", HEAD + _target(" ".join(["xã"] * 2_000)))
    plan("population-100000-words", HEAD + _target(" ".join(["xã"] * 100_000)))
    plan("combining-480k-comment", "# a" + "\u0301\u0323" * 120_000 + "\n" + GOOD)
    targets = "".join(f"- {{indicator: staff_assignment, year: 2025, value: {i % 100}, unit: percent}}\n"
                      for i in range(8_000))
    plan("targets-8000", HEAD + "targets:\n" + targets)
    plan("list-2.4M-items", HEAD + "targets: [" + "1," * 2_400_000 + "1]\n")
    long_name = folder / ("k" * 300 + ".yaml")
    made["file-name-300-bytes"] = ([str(long_name)], {}, None)
    made["ascii-terminal"] = ([str(PLAN)], {"PYTHONIOENCODING": "ascii"}, None)
    made["c-locale"] = ([str(PLAN)], {"LANG": "C", "LC_ALL": "C"}, None)
    made["dev-zero"] = (["/dev/zero"], {}, None)
    fifo = folder / "fifo.yaml"
    os.mkfifo(fifo)
    made["fifo"] = ([str(fifo)], {}, None)
    big = folder / "big-stdin.yaml"
    big.write_bytes(b"# " + b"x" * (50 << 20) + b"\n")
    made["stdin-pipe-50MB"] = (["/dev/stdin"], {}, str(big))
    made["stdin-pipe-plan"] = (["-"], {}, str(PLAN))
    plan("docx-many-paragraphs", _many_paragraphs_docx(), suffix=".docx")
    plan("docx-bomb", docx_bytes(spaces=2 << 30), suffix=".docx")
    plan("pdf-bomb", _pdf_bomb(), suffix=".pdf")
    plan("pdf-2000-pages", _pdf_pages(), suffix=".pdf")
    plan("pdf-60-dense-pages", _pdf_dense(), suffix=".pdf")
    return made


def run(args: list[str], env: dict[str, str], stdin: str | None, timeout: float, memory: int) -> tuple:
    """(seconds, peak MiB, exit code or 'stopped', bytes written to stderr) of one command-line run."""
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        feeder = subprocess.Popen(["cat", stdin], stdout=subprocess.PIPE) if stdin else None  # a pipe, not a file
        source = feeder.stdout if feeder else subprocess.DEVNULL
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "ctxh_compliance", *args], stdin=source, stdout=out,
                                   stderr=err, env={**os.environ, **env}, preexec_fn=limits, start_new_session=True)
        stopped = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                os.killpg(process.pid, 9)
                pid, status, usage = os.wait4(process.pid, 0)
                stopped = True
                break
            time.sleep(0.01)
        elapsed = time.perf_counter() - start
        if feeder:
            source.close()
            feeder.kill()
            feeder.wait()
        process.returncode = os.waitstatus_to_exitcode(status)
        code = "stopped" if stopped else process.returncode
        err.seek(0, 2)
        return elapsed, usage.ru_maxrss / 1024, code, err.tell(), _first_line(err)


def _first_line(stream) -> str:
    stream.seek(0)
    return stream.read(300).decode("utf-8", "replace").split("\n")[0][-110:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("only", nargs="*", help="run only the cases whose name contains one of these")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--memory", type=float, default=8.0, help="address-space cap per run, GiB")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ctxh-worst-") as tmp:
        made = cases(Path(tmp))
        limit = int(options.memory * 2**30)
        base_time, base_memory, *_ = run(*made["baseline"], options.timeout, limit)
        print(f"{'case':26} {'time':>8} {'x base':>7} {'peak MiB':>9} {'x base':>7} {'exit':>7} {'stderr':>9}  first line")
        for name, (args, env, stdin) in made.items():
            if options.only and name != "baseline" and not any(word in name for word in options.only):
                continue
            elapsed, memory, code, err_bytes, first = run(args, env, stdin, options.timeout, limit)
            print(f"{name:26} {elapsed:7.2f}s {elapsed / base_time:6.1f}x {memory:9.0f} {memory / base_memory:6.1f}x "
                  f"{code!s:>7} {err_bytes:9d}  {first}", flush=True)


if __name__ == "__main__":
    main()
