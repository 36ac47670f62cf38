"""The server's memory under many large uploads at once, on loopback only, bounded (it stops by itself).

    python bench/web_memory.py                       # 8, 40 and 80 concurrent 19 MB uploads
    python bench/web_memory.py --clients 8 80
    python bench/web_memory.py --only steady         # the server's PSS idle and after 100 documents
    python bench/web_memory.py --only dense          # the dense PDF's processor time, server / command line

For each number of clients it starts ``ctxh-check serve`` on a free loopback port (a fresh server:
peak memory is per process), sends that many 19 MB Word files at once to ``POST /api/check`` (the
Lạng Sơn seed as a Word file, padded with a stored member of random bytes: within every limit),
and reads the peak resident memory (VmHWM) of the server process and of its workers. It prints
each peak against the one with the fewest clients (ratio: flat is 1.0 ± 0.2), the answers by
status (200 checked; 503 told to come back, before the body was read), then sends an over-limit
upload in chunks (413 expected), a 1 MB PDF flate bomb (a 4xx with a Vietnamese message
expected) and a 60-page PDF dense with text, whose processor time on the server (its workers and their
readers) it prints against the command line's (the command and its reader; ratio, target within 1.5×).
Last, a server with 2 workers: the PSS of all its processes idle after start (target 300 MiB) and after
100 documents (Word and PDF, 10 at a time). Needs the web extra (pip install
'ctxh-compliance[web]') and fpdf2 with a Unicode font for the dense PDF.
"""

import argparse
import http.client
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "corpus"))

import variants  # noqa: E402
from measure import free_port, start_server  # noqa: E402
from hostile_docs import flate_bomb  # noqa: E402

SEED = ROOT / "tests" / "corpus" / "seeds" / "lang_son_sldtbxh_plan_2021-2025.txt"
UPLOAD_BYTES = 19 * 1024 * 1024
TIMEOUT = 300  # seconds a client waits for its answer


def large_docx(folder: Path) -> bytes:
    """The seed as a Word file, with a stored member of random bytes that makes it 19 MB."""
    docx = variants.word_variant(SEED, folder, "tables")
    out = io.BytesIO()
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr(zipfile.ZipInfo("word/media/image1.bin"), os.urandom(UPLOAD_BYTES - docx.stat().st_size),
                        compress_type=zipfile.ZIP_STORED)
    return out.getvalue()



FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
         Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")]


def dense_pdf(out: Path) -> Path | None:
    """60 pages of small Vietnamese text (about 350,000 characters), or None without fpdf2 or a font."""
    font = next((f for f in FONTS if f.exists()), None)
    try:
        import fpdf
    except ImportError:
        return None
    if font is None:
        return None
    pdf = fpdf.FPDF()
    pdf.add_font("U", fname=str(font))
    pdf.set_font("U", size=5)
    for page in range(60):
        pdf.add_page()
        for line in range(60):
            pdf.cell(0, 2.5, f"Trang {page} dòng {line}: kế hoạch thực hiện chương trình công tác xã hội giai đoạn "
                             "2021-2025 tỉnh Lạng Sơn chỉ tiêu", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))
    return out


def _cpu_tree(pid: int) -> float:
    """Processor time of a process and of its descendants, living and ended (seconds)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    own = sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime
    return own + sum(_cpu_tree(child) for child in children(pid))


def dense_reading(port: int, server: int, folder: Path, rounds: int = 3) -> str:
    """The dense PDF's answer and processor time on the server (its workers and their readers) against the
    command line (the command and its reader), medians of ``rounds`` alternate runs."""
    import resource
    import statistics
    pdf = dense_pdf(folder / "day-chu.pdf")
    if pdf is None:
        return "skipped (no fpdf2 or no Unicode font)"
    body, content_type = multipart(pdf.name, pdf.read_bytes())
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    served, command_line = [], []
    for _ in range(rounds):
        before = sum(_cpu_tree(worker) for worker in children(server))
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        connection.request("POST", "/api/check", body=body, headers={"Content-Type": content_type})
        answer = connection.getresponse()
        text = answer.read().decode("utf-8", "replace")
        served.append(sum(_cpu_tree(worker) for worker in children(server)) - before)
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run([sys.executable, "-m", "ctxh_compliance", str(pdf), "-f", "json"], capture_output=True,
                              env=env, timeout=TIMEOUT, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        command_line.append(after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime)
    web, cli = statistics.median(served), statistics.median(command_line)
    try:
        said = json.loads(text)["problems"][0][:60]
    except (ValueError, KeyError, IndexError, TypeError):
        said = ""
    return (f"processor time on the server {web:.2f} s (answer {answer.status} {said}), on the command line "
            f"{cli:.2f} s (exit {done.returncode}): ratio {web / cli:.2f}   (target <= 1.5)")


def steady_memory(documents: int = 100, at_once: int = 10) -> str:
    """PSS of ``ctxh-check serve --workers 2`` (the server and its workers, with their readers) idle after
    start and after ``documents`` uploads (half Word, half PDF made by LibreOffice), ``at_once`` at a time."""
    from concurrent.futures import ThreadPoolExecutor

    from measure import _tree_memory_mib
    with tempfile.TemporaryDirectory() as folder:
        docx = variants.word_variant(SEED, Path(folder), "tables")
        made = variants.pdf_variants([docx], Path(folder)) if variants.office() else []
        files = [docx, *made]
        bodies = [multipart(path.name, path.read_bytes()) for path in files]
    port = free_port()
    server = start_server(port, workers=2)
    try:
        time.sleep(3)
        idle = _tree_memory_mib(server.pid)[0]

        def one(i: int) -> int:
            body, content_type = bodies[i % len(bodies)]
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
            connection.request("POST", "/api/check", body=body, headers={"Content-Type": content_type})
            answer = connection.getresponse()
            answer.read()
            return answer.status
        with ThreadPoolExecutor(at_once) as pool:
            statuses = list(pool.map(one, range(documents)))
        time.sleep(1)
        after = _tree_memory_mib(server.pid)[0]
    finally:
        server.terminate()
        server.wait(30)
    kinds = "Word and PDF" if len(files) > 1 else "Word only (no LibreOffice for the PDF)"
    return (f"server --workers 2, PSS of all its processes: idle {idle:.0f} MiB   (target <= 300), after {documents} "
            f"documents ({kinds}, {at_once} at a time) {after:.0f} MiB; answers "
            f"{ {s: statuses.count(s) for s in sorted(set(statuses))} }")


def multipart(name: str, data: bytes) -> tuple[bytes, str]:
    head = (f'--x\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    return head + data + b"\r\n--x--\r\n", "multipart/form-data; boundary=x"




def peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    return [int(child) for task in Path(f"/proc/{pid}/task").iterdir()
            for child in (task / "children").read_text().split()]


def at_once(port: int, body: bytes, content_type: str, clients: int) -> dict[int, int]:
    """``clients`` uploads started together; the answers by status (0: no answer)."""
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    go = threading.Barrier(clients)

    def client() -> None:
        status = 0
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
            go.wait()
            connection.request("POST", "/api/check", body=body, headers={"Content-Type": content_type})
            answer = connection.getresponse()
            answer.read()
            status = answer.status
            connection.close()
        except OSError:  # refused before the whole body was sent: the connection closed under it
            status = -1
        with lock:
            statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return dict(sorted(statuses.items()))


def chunked(port: int, size: int) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)

    def pieces():
        yield b'--x\r\nContent-Disposition: form-data; name="file"; filename="lon.pdf"\r\n\r\n'
        for _ in range(size >> 20):
            yield b"0" * (1 << 20)
        yield b"\r\n--x--\r\n"
    try:
        connection.request("POST", "/api/check", body=pieces(), encode_chunked=True,
                           headers={"Content-Type": "multipart/form-data; boundary=x", "Transfer-Encoding": "chunked"})
        answer = connection.getresponse()
        return answer.status, answer.read().decode("utf-8", "replace")
    except OSError as exc:
        return -1, str(exc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 40, 80])
    parser.add_argument("--only", choices=["steady", "dense"], help="one figure only: the server's PSS idle and after "
                        "100 documents, or the dense PDF's processor time on the server against the command line")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}", flush=True)
    if args.only == "steady":
        print(steady_memory())
        return
    if args.only == "dense":
        port = free_port()
        server = start_server(port)
        try:
            with tempfile.TemporaryDirectory() as folder:
                print(f"60-page dense PDF: {dense_reading(port, server.pid, Path(folder))}")
        finally:
            server.terminate()
            server.wait(30)
        print(f"load average at the end {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
        return
    with tempfile.TemporaryDirectory() as folder:
        body, content_type = multipart("lang-son.docx", large_docx(Path(folder)))
    rows = []
    extra, dense = None, ""
    for count in args.clients:
        port = free_port()
        server = start_server(port)
        try:
            statuses = at_once(port, body, content_type, count)
            workers = sum(peak_mib(child) for child in children(server.pid))
            rows.append((count, peak_mib(server.pid), workers, statuses))
            if extra is None:
                over = chunked(port, 22 * 1024 * 1024)
                bomb_body, bomb_type = multipart("bom.pdf", flate_bomb())
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
                connection.request("POST", "/api/check", body=bomb_body, headers={"Content-Type": bomb_type})
                answer = connection.getresponse()
                extra = (over, (answer.status, answer.read().decode("utf-8", "replace")))
                with tempfile.TemporaryDirectory() as folder:
                    dense = dense_reading(port, server.pid, Path(folder))
        finally:
            server.terminate()
            server.wait(30)
    base = rows[0][1]
    print(f"machine: {os.cpu_count()} cores; upload: {len(body) / 2 ** 20:.1f} MiB to POST /api/check (loopback)")
    for count, server_peak, workers, statuses in rows:
        print(f"{count:>3} at once: server process peak {server_peak:.0f} MiB (ratio {server_peak / base:.2f} "
              f"against {rows[0][0]}), workers' peaks {workers:.0f} MiB in all; answers {statuses}")
    peaks = [row[1] for row in rows]
    print(f"server peak flat within ±20%: {'yes' if max(peaks) <= 1.2 * min(peaks) else 'NO'}")
    (over_status, over_text), (bomb_status, bomb_text) = extra
    print(f"over-limit chunked upload: {over_status} {over_text[:120]}")
    try:
        problem = json.loads(bomb_text)["problems"][0]
    except (ValueError, KeyError, IndexError):
        problem = bomb_text[:200]
    print(f"1 MB PDF flate bomb: {bomb_status} {problem}")
    print(f"60-page dense PDF: {dense}")
    print(steady_memory())
    print(f"load average at the end {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
