"""``ctxh-check serve`` through HTTP (the framework's test client): each kind of upload gives the
report the command line gives; bad uploads, a document bomb, a 2,000-page PDF and a crashing check
each end their own request with a message and the server answers the next one; nothing is left on
disk; the pages carry security headers and show plan text as text."""

import http.client
import html
import io
import json
import re
import subprocess
import sys
import threading
import time
import warnings
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi", reason="the web packages are not installed: make serve, or pip install -e '.[test]'")
pytest.importorskip("python_multipart", reason="the web packages are not installed: make serve, or pip install -e '.[test]'")

with warnings.catch_warnings():  # the test client's transport names its successor; it works the same
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from ctxh_compliance.web.app import MAX_UPLOAD, create_app  # noqa: E402
from ctxh_compliance.web.worker import Limits  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS))
import variants  # noqa: E402
from hostile_docs import flate_bomb  # noqa: E402
from conftest import pdf_of  # noqa: E402

SEEDS = sorted((CORPUS / "seeds").glob("*.txt"))
LANG_SON_SEED = CORPUS / "seeds" / "lang_son_sldtbxh_plan_2021-2025.txt"
LANG_SON_YAML = ROOT / "examples" / "lang_son_sldtbxh_2021-2025.yaml"
LABELS = {"fail": "KHÔNG ĐẠT", "needs_review": "CẦN XEM XÉT", "warning": "CẢNH BÁO", "pass": "ĐẠT"}
#: limits small enough for the tests to reach them quickly, large enough for any real plan
LIMITS = Limits(workers=2, waiting=8, wait_seconds=30, seconds=8, cpu_seconds=6)


@pytest.fixture(scope="module")
def web():
    with TestClient(create_app(LIMITS, job="web_jobs:crash_or_check")) as client:
        yield client


def cli_json(path: Path, *options: str) -> dict:
    result = subprocess.run([sys.executable, "-m", "ctxh_compliance", str(path), "-f", "json", *options],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def verdicts(report: dict) -> dict:
    return {(f["rule_id"], f["aspect"]): f["verdict"] for f in report["findings"]}


def upload(web, path: Path, url: str = "/check", name: str | None = None, **form):
    return web.post(url, files={"file": (name or path.name, path.read_bytes())}, data=form)


def conclusion(page: str) -> str:
    """The overall verdict shown in the conclusion box."""
    box = page[page.index('id="conclusion"'):]
    box = box[box.index('class="badge'):]
    return box[box.index(">") + 1:box.index("</span>")]


def left_on_disk(web) -> list[str]:
    return [str(p) for p in Path(web.app.state.folder).rglob("*")]


def healthy(web) -> None:
    answer = web.get("/healthz")
    assert answer.status_code == 200 and answer.json()["status"] == "ok"




def test_each_kind_of_upload_gives_the_command_lines_conclusion(web, tmp_path):
    docx = variants.word_variant(LANG_SON_SEED, tmp_path, "tables")
    txt = tmp_path / "ke-hoach.txt"
    txt.write_bytes(LANG_SON_SEED.read_bytes())
    pdf = pdf_of(LANG_SON_SEED, tmp_path / "ke-hoach.pdf")
    for path in (LANG_SON_YAML, txt, docx, pdf):
        answer = upload(web, path)
        assert answer.status_code == 200, (path.name, answer.text[:2000])
        expected = cli_json(path)["summary"]["overall"]
        assert conclusion(answer.text) == LABELS[expected], path.name
        assert "Các vấn đề cần xử lý" in answer.text and 'id="edit"' in answer.text
        if path.suffix != ".yaml":  # a document: what was read, where, how sure
            assert 'id="read"' in answer.text and "Câu trong văn bản" in answer.text
    assert left_on_disk(web) == []


def test_what_was_read_from_a_word_document_is_shown_with_its_sentence_and_place(web, tmp_path):
    docx = variants.word_variant(LANG_SON_SEED, tmp_path, "tables")
    page = upload(web, docx).text
    read = page[page.index('<section id="read">'):page.index('<section id="edit">')]
    # laid out as a reviewer reads a plan: a table of targets (chỉ tiêu, năm, giá trị, đối tượng, câu, vị trí) …
    targets = read[read.index("<h3>Chỉ tiêu ("):]
    header = targets[:targets.index("</tr>")]
    for heading in ("Chỉ tiêu", "năm", "Giá trị", "Đối tượng", "Câu trong văn bản", "Vị trí"):
        assert f"<th>{heading}</th>" in header, heading
    row = next(r for r in targets.split("<tr")[2:] if "<td>60%</td>" in r)
    assert "Tỷ lệ cơ quan, tổ chức, cơ sở, xã, phường, thị trấn bố trí nhân sự làm công tác xã hội" in row
    assert "<td>2025</td>" in row and "bảng 2, hàng 2" in row and "Đến năm 2025, đạt 60%" in row and "trại giam" in row
    guessed = next(r for r in targets.split("<tr")[2:] if 'class="c-low"' in r)
    assert "phải đoán</b>: câu không ghi năm" in guessed
    # … the task groups with their bodies, the budget
    assert "<h3>Nhóm nhiệm vụ (" in read and "Sở Lao động – Thương binh và Xã hội" in read
    assert "Tổng kinh phí" in read and "2.000.000.000 đồng" in read
    assert "Không tìm thấy trong văn bản:</b> thông tin văn bản › số hiệu" in read
    # no field names or dotted paths anywhere a reviewer reads
    for internal in ("staff_assignment", "targets[", "identification.", "population", "heading:", "amount:"):
        assert internal not in read, internal
    # the edit box is the advanced way, the usual one said first
    assert "Cách nâng cao: sửa trực tiếp các giá trị đã đọc" in page and "sửa văn bản rồi tải lên lại" in page
    # the plan file to correct, with every value's place as a comment
    editor = page[page.index('<textarea name="plan"'):page.index("</textarea>")]
    assert 'indicator: &#34;staff_assignment&#34;' in editor and "# bảng 2, hàng 2, high" in editor
    for label in ("Báo cáo để in (HTML)", "JSON", "Markdown", "Tệp kế hoạch (YAML)"):
        assert f">{label}</a>" in page
    assert 'download="lang_son_sldtbxh_plan_2021-2025.tables.bao-cao.html"' in page


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_each_seeds_word_variant_has_the_command_lines_verdicts(web, tmp_path, seed):
    docx = variants.word_variant(seed, tmp_path, "tables")
    answer = upload(web, docx, "/api/check")
    assert answer.status_code == 200, answer.text
    served, local = answer.json(), cli_json(docx)
    assert verdicts(served) == verdicts(local)
    assert served["summary"] == local["summary"]
    assert served["plan"]["file"] == docx.name  # the name the user knows, not the server's folder
    page = upload(web, docx)
    assert conclusion(page.text) == LABELS[local["summary"]["overall"]]


def test_correcting_a_value_and_checking_again(web, tmp_path):
    docx = variants.word_variant(LANG_SON_SEED, tmp_path, "tables")
    page = upload(web, docx).text
    assert conclusion(page) == "CẦN XEM XÉT"
    plan = cli_plan_from_page(page)
    edited = plan.replace("    value: 60\n", "    value: 50\n", 1)
    assert edited != plan
    again = web.post("/recheck", data={"plan": edited, "name": docx.name, "lang": "vi", "ruleset": "", "as_of": ""})
    assert again.status_code == 200
    assert conclusion(again.text) == "KHÔNG ĐẠT"
    problems = again.text[again.text.index('class="problems"'):again.text.index('id="reviewer"')]
    assert "QD112-T01" in problems and "50%" in problems
    # the corrected plan comes back as a file, under a safe name, and nothing is kept
    saved = web.post("/plan", data={"plan": edited, "name": docx.name})
    assert saved.text == edited
    disposition = saved.headers["content-disposition"]
    assert "filename*=UTF-8''" + quote("lang_son_sldtbxh_plan_2021-2025.tables (đã sửa).yaml") in disposition
    assert left_on_disk(web) == []


def cli_plan_from_page(page: str) -> str:
    import html
    start = page.index(">", page.index('<textarea name="plan"')) + 1
    return html.unescape(page[start:page.index("</textarea>")])


def test_the_page_in_english(web):
    assert "Self-check of a social work plan" in web.get("/?lang=en").text
    answer = upload(web, LANG_SON_YAML, lang="en")
    assert answer.status_code == 200 and ">Overall: <span" in answer.text and "Check again" in answer.text


@pytest.mark.parametrize("name, content, status, message", [
    ("ke-hoach.docx", b"", 400, "rỗng"),
    ("ke-hoach.exe", b"MZ\x90\x00", 415, "không thuộc loại được nhận"),
    ("ke-hoach.docx", b"PK\x03\x04 not really a zip", 422, "không đọc được tệp .docx"),
    ("ke-hoach.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF", 422, "không đọc được tệp .pdf"),
    ("ke-hoach.yaml", b"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", 422, "không dùng neo/tham chiếu YAML"),
    ("ke-hoach.yaml", b"[" * 100_000, 422, "lồng nhau quá sâu"),
    ("ke-hoach.txt", b"Bai tho ve mua xuan\n", 422, "không phải kế hoạch"),
])
def test_a_bad_upload_gets_a_message_and_the_server_goes_on(web, name, content, status, message):
    answer = web.post("/check", files={"file": (name, content)})
    assert answer.status_code == status, answer.text[:1000]
    assert 'id="error"' in answer.text and message in answer.text
    api = web.post("/api/check", files={"file": (name, content)})
    assert api.status_code == status and message in " ".join(api.json()["problems"])
    healthy(web)
    assert left_on_disk(web) == []


def test_no_file_chosen(web):
    answer = web.post("/check", files={"file": ("", b"")})
    assert answer.status_code == 400 and "Chưa chọn tệp kế hoạch" in answer.text


def test_a_request_too_large_is_refused_before_its_body_is_read(web):
    answer = web.post("/check", content=b"x", headers={"Content-Length": str(MAX_UPLOAD * 2),
                                                       "Content-Type": "multipart/form-data; boundary=x"})
    assert answer.status_code == 413 and "Tệp quá lớn: tối đa 20 MB" in answer.text
    big = io.BytesIO(b"0" * (MAX_UPLOAD + 1024 * 1024))
    api = web.post("/api/check", files={"file": ("ke-hoach.pdf", big)})
    assert api.status_code == 413 and api.json()["error"] == "too_large"
    healthy(web)


def _chunked_multipart(size: int, name: str = "ke-hoach.pdf"):
    """A form with one file of ``size`` bytes, sent in pieces with no declared length (chunked)."""
    yield (f"--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
           "Content-Type: application/pdf\r\n\r\n").encode()
    for _ in range(size >> 20):
        yield b"0" * (1 << 20)
    yield b"\r\n--x--\r\n"


def test_an_over_limit_chunked_upload_is_413_in_vietnamese_on_the_page_and_the_api(web):
    headers = {"Content-Type": "multipart/form-data; boundary=x"}
    page = web.post("/check", content=_chunked_multipart(MAX_UPLOAD + (2 << 20)), headers=headers)
    assert page.status_code == 413 and 'id="error"' in page.text and "Tệp quá lớn: tối đa 20 MB" in page.text
    api = web.post("/api/check", content=_chunked_multipart(MAX_UPLOAD + (2 << 20)), headers=headers)
    assert api.status_code == 413
    assert api.json() == {"error": "too_large", "problems": ["Tệp quá lớn: tối đa 20 MB."]}
    healthy(web)
    assert left_on_disk(web) == []


def test_an_upload_within_the_limit_sent_in_pieces_is_checked(web):
    body = LANG_SON_YAML.read_bytes()
    parts = [b'--x\r\nContent-Disposition: form-data; name="file"; filename="lang-son.yaml"\r\n\r\n', body,
             b"\r\n--x--\r\n"]
    api = web.post("/api/check", content=iter(parts), headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert api.status_code == 200 and api.json()["plan"]["province"] == "Lạng Sơn"



def test_a_pdf_flate_bomb_is_the_uploads_fault_with_the_command_lines_message(web, tmp_path):
    bomb = tmp_path / "bom.pdf"
    bomb.write_bytes(flate_bomb())
    api = upload(web, bomb, "/api/check")
    assert api.status_code == 422, api.text
    # which of the reader's limits the inflating stream reaches first depends on the machine's speed;
    # either way it is the command line's message for that limit, naming the file
    memory = "bom.pdf: đọc văn bản vượt giới hạn bộ nhớ (440 MiB); văn bản quá lớn hoặc bị hỏng (có thể là bom nén)"
    time = "bom.pdf: đọc văn bản vượt giới hạn thời gian (3 giây xử lý); văn bản quá lớn hoặc bị hỏng"
    assert api.json()["problems"] in ([memory], [time])
    page = upload(web, bomb)
    assert page.status_code == 422 and "bom.pdf: đọc văn bản vượt giới hạn" in page.text
    healthy(web)
    assert upload(web, LANG_SON_YAML, "/api/check").status_code == 200
    assert left_on_disk(web) == []


def _children(pid: int) -> list[int]:
    return sorted(int(child) for task in Path(f"/proc/{pid}/task").iterdir()
                  for child in (task / "children").read_text().split())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a reader is a fork on Linux only")
def test_a_worker_reads_its_documents_with_one_reader_it_keeps_and_a_bad_one_is_that_uploads_fault(tmp_path):
    """As a batch worker does: no reader while idle, one forked at the first document and kept for the
    next ones (Word and PDF); a damaged document is answered with the command line's message, naming it."""
    docx = variants.word_variant(LANG_SON_SEED, tmp_path, "tables")
    pdf = pdf_of(LANG_SON_SEED, tmp_path / "ke-hoach.pdf")
    damaged = tmp_path / "hong.docx"
    damaged.write_bytes(docx.read_bytes()[:2000])
    with TestClient(create_app(Limits(workers=1, seconds=30, cpu_seconds=20))) as client:
        [worker] = client.app.state.pool.workers
        assert _children(worker.process.pid) == []
        for path in (docx, pdf, docx):
            assert upload(client, path, "/api/check").status_code == 200, path.name
        readers = _children(worker.process.pid)
        assert len(readers) == 1
        answer = upload(client, damaged, "/api/check")
        assert answer.status_code == 422 and answer.json()["problems"][0].startswith("hong.docx: "), answer.text
        assert upload(client, pdf, "/api/check").status_code == 200
        assert _children(worker.process.pid) == readers
        assert left_on_disk(client) == []


def test_a_scanned_pdf_is_answered_at_once_as_a_scan(web, tmp_path):
    """A scan is read by its own child process, as on the command line, but never by OCR on the
    server (its checks are limited to seconds): the answer says it is a scan."""
    pytest.importorskip("PIL")
    from test_documents import _scan
    answer = upload(web, _scan(tmp_path), "/api/check")
    assert answer.status_code == 422
    assert answer.json()["problems"] == ["ban-quet.pdf: tệp PDF là bản quét (cần đọc bằng OCR)"]
    healthy(web)


def test_uploads_over_the_cap_being_received_are_told_to_come_back_before_their_body_is_read():
    """One upload is being received (its body half sent); with a cap of one, the next is answered 503
    with Retry-After at once, as JSON for the API and as the page for a browser; the first then goes on."""
    import socket

    import uvicorn
    application = create_app(Limits(workers=1, receiving=1))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(application, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run)
    thread.start()
    try:
        deadline = time.monotonic() + 120
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        body = (b'--x\r\nContent-Disposition: form-data; name="file"; filename="lang-son.yaml"\r\n\r\n'
                + LANG_SON_YAML.read_bytes() + b"\r\n--x--\r\n")
        first = socket.create_connection(("127.0.0.1", port), timeout=60)
        first.sendall(b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=x\r\n"
                      b"Content-Length: %d\r\n\r\n" % len(body) + body[:100])
        limiter = application.app  # SecurityHeaders -> BodyLimit
        while limiter.active < 1 and time.monotonic() < deadline:
            time.sleep(0.02)
        answers = []
        for path in ("/api/check", "/check"):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            connection.request("POST", path, body=body, headers={"Content-Type": "multipart/form-data; boundary=x"})
            response = connection.getresponse()
            answers.append((response.status, response.getheader("Retry-After"), response.read().decode("utf-8")))
            connection.close()
        first.sendall(body[100:])
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += first.recv(65536)
        first.close()
    finally:
        server.should_exit = True
        thread.join(30)
    (api_status, api_retry, api_text), (page_status, page_retry, page_text) = answers
    assert api_status == 503 and api_retry == "5"
    assert json.loads(api_text) == {"error": "busy", "problems": ["Máy chủ đang kiểm tra nhiều kế hoạch cùng lúc. "
                                                                  "Hãy thử lại sau 5 giây."]}
    assert page_status == 503 and page_retry == "5" and "Hãy thử lại sau 5 giây" in page_text
    assert answer.startswith(b"HTTP/1.1 200")


def test_bad_options(web):
    answer = upload(web, LANG_SON_YAML, ruleset="../../etc")
    assert answer.status_code == 400 and "Không có bộ quy tắc" in answer.text
    answer = upload(web, LANG_SON_YAML, as_of="30/6/2025")
    assert answer.status_code == 400 and "năm-tháng-ngày" in answer.text
    answer = upload(web, LANG_SON_YAML, ruleset="qd112_2021", as_of="2025-06-30")
    assert answer.status_code == 200


def docx_bomb(path: Path, out: Path, gigabytes: float = 1.0) -> Path:
    """The Word file with a body that inflates to about ``gigabytes`` (a few MB on disk)."""
    paragraphs = b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 30000
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                bomb.writestr(item, source.read(item))
                continue
            head, tail = source.read(item).split(b"<w:body>", 1)
            with bomb.open("word/document.xml", "w", force_zip64=True) as body:
                body.write(head + b"<w:body>")
                for _ in range(int(gigabytes * 1e9 / len(paragraphs))):
                    body.write(paragraphs)
                body.write(tail)
    return out


def thousands_of_pages(out: Path, pages: int = 2000) -> Path:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_font("helvetica", size=9)
    for page in range(pages):
        pdf.add_page()
        for line in range(8):
            pdf.cell(0, 5, f"Trang {page} dong {line}: ke hoach thuc hien chuong trinh cong tac xa hoi",
                     new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(out))
    return out


def test_a_document_bomb_ends_its_own_request(web, tmp_path):
    docx = variants.word_variant(LANG_SON_SEED, tmp_path, "tables")
    answer = upload(web, docx_bomb(docx, tmp_path / "bomb.docx"), "/api/check")
    assert answer.status_code == 422 and answer.json()["problems"][0].startswith("bomb.docx: ")
    healthy(web)
    assert upload(web, docx, "/api/check").status_code == 200
    assert left_on_disk(web) == []


def test_a_two_thousand_page_pdf_ends_its_own_request(web, tmp_path):
    answer = upload(web, thousands_of_pages(tmp_path / "dai.pdf"))
    assert answer.status_code == 422 and 'id="error"' in answer.text
    assert "dai.pdf" in answer.text and "tệp PDF có quá nhiều trang (2000; giới hạn 60)" in answer.text
    healthy(web)
    assert upload(web, LANG_SON_YAML).status_code == 200
    assert left_on_disk(web) == []


def test_an_upload_that_crashes_its_worker_is_its_own_fault_with_a_message_and_the_next_one_works(web, tmp_path):
    plan = LANG_SON_YAML.read_text(encoding="utf-8") + "\n# CRASH-THE-ENGINE\n"
    answer = web.post("/check", files={"file": ("ke-hoach.yaml", plan.encode())})
    assert answer.status_code == 422 and 'id="error"' in answer.text
    assert "Tệp ke-hoach.yaml làm tiến trình đọc và kiểm tra dừng đột ngột" in answer.text
    api = web.post("/api/check", files={"file": ("ke-hoach.yaml", plan.encode())})
    assert api.status_code == 422 and api.json()["error"] == "crash"
    assert api.json()["problems"][0].startswith("Tệp ke-hoach.yaml làm tiến trình đọc và kiểm tra dừng đột ngột")
    healthy(web)
    for _ in range(3):  # the next requests are served (by the other worker, then by the fresh ones)
        assert upload(web, LANG_SON_YAML, "/api/check").status_code == 200
    assert left_on_disk(web) == []


def test_when_every_worker_is_busy_others_are_told_to_come_back():
    limits = Limits(workers=1, waiting=0, seconds=20)
    slow = LANG_SON_YAML.read_text(encoding="utf-8") + "\n# TAKE-YOUR-TIME\n"
    with TestClient(create_app(limits, job="web_jobs:slow_or_check")) as client:
        first = {}
        thread = threading.Thread(target=lambda: first.update(
            answer=client.post("/api/check", files={"file": ("a.yaml", slow.encode())})))
        thread.start()
        deadline = time.monotonic() + 10
        while client.get("/healthz").json()["workers_ready"] and time.monotonic() < deadline:
            time.sleep(0.05)
        busy = upload(client, LANG_SON_YAML, "/api/check")
        page = upload(client, LANG_SON_YAML)
        thread.join()
    assert busy.status_code == 503 and busy.headers["retry-after"] == "5"
    assert page.status_code == 503 and "Hãy thử lại sau 5 giây" in page.text
    assert first["answer"].status_code == 200


def test_plan_text_and_file_names_are_shown_as_text(web):
    plan = LANG_SON_YAML.read_text(encoding="utf-8").replace(
        "title: ", 'title: "<script>alert(1)</script><img src=x onerror=alert(2)>" # ', 1)
    answer = web.post("/check", files={"file": ('../../<b onmouseover="x">"evil".yaml', plan.encode())})
    assert answer.status_code == 200, answer.text[:2000]
    assert "<script>" not in answer.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text
    assert "<b onmouseover" not in answer.text and "../" not in answer.text
    shown = re.search(r'<td class="k">Tệp</td><td colspan="3">([^<]*)</td>', answer.text).group(1)
    assert re.fullmatch(r"b onmouseover[\w .()-]*evil[\w]*\.yaml", shown)  # the shown name: no folder, no markup
    csp = answer.headers["content-security-policy"]
    assert "script-src" not in csp and "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_security_headers_everywhere(web):
    for path in ("/", "/healthz", "/api/rulesets", "/static/web.css"):
        answer = web.get(path)
        assert answer.headers["x-content-type-options"] == "nosniff", path
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"], path
        assert "<script" not in answer.text, path


def test_api_lists_rulesets_and_documents_itself(web):
    rulesets = web.get("/api/rulesets").json()
    assert {r["name"] for r in rulesets} >= {"qd112_2021", "qd32_2010"}
    assert all(r["decision"] and r["rules"] > 0 and r["title"]["vi"] for r in rulesets)
    schema = web.get("/openapi.json").json()
    assert {"/api/check", "/api/rulesets", "/healthz"} <= set(schema["paths"])
    assert "/check" not in schema["paths"]
    # no interactive page: the framework's would load its script from a CDN, blank on an office network
    missing = web.get("/docs")
    assert missing.status_code == 404 and "Không có trang này" in missing.text and "cdn." not in missing.text


def test_the_api_report_is_the_versioned_json_report(web):
    jsonschema = pytest.importorskip("jsonschema")
    answer = upload(web, LANG_SON_YAML, "/api/check")
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(answer.json(), schema)
    assert answer.headers["content-type"] == "application/json"


def test_serve_on_the_command_line():
    run = [sys.executable, "-m", "ctxh_compliance", "serve"]
    shown = subprocess.run([*run, "--help"], capture_output=True, text=True, timeout=60)
    assert shown.returncode == 0 and "Cách dùng: ctxh-check serve [--host ĐỊA-CHỈ] [--port CỔNG]" in shown.stdout
    wrong = subprocess.run([*run, "--port", "tám nghìn"], capture_output=True, text=True, timeout=60)
    assert wrong.returncode == 2 and "--port: giá trị “tám nghìn” không hợp lệ" in wrong.stderr
    assert "Traceback" not in wrong.stderr and "Xem hướng dẫn: ctxh-check serve -h" in wrong.stderr


def test_a_check_past_its_time_processor_or_memory_limit_ends_alone():
    """Wall-clock time, processor time and memory: each limit ends the check with a message; the
    worker is replaced and the next check is served. (Filling memory takes processor time too: the
    memory case has a processor limit it cannot reach first on a busy machine.)"""
    plan = LANG_SON_YAML.read_text(encoding="utf-8")
    tight = Limits(workers=1, seconds=2.5, cpu_seconds=1, memory=LIMITS.memory)
    roomy = Limits(workers=1, seconds=60, cpu_seconds=30, memory=LIMITS.memory)
    for limits, marker, message in ((tight, "TAKE-YOUR-TIME", "giây nên đã dừng"), (tight, "SPIN-FOREVER", "giây nên đã dừng"),
                                    (roomy, "EAT-MEMORY", "giới hạn bộ nhớ của máy chủ (1536 MB)")):
        with TestClient(create_app(limits, job="web_jobs:greedy_or_check")) as client:
            [worker] = client.app.state.pool.workers
            limits_file = Path(f"/proc/{worker.process.pid}/limits").read_text()
            assert re.search(rf"Max address space\s+{limits.memory}\s+{limits.memory}\s+bytes", limits_file)
            answer = client.post("/check", files={"file": ("ke-hoach.yaml", f"{plan}\n# {marker}\n".encode())})
            assert answer.status_code == 422 and message in answer.text, (marker, answer.text[:500])
            healthy(client)
            assert upload(client, LANG_SON_YAML, "/api/check").status_code == 200, marker
            assert left_on_disk(client) == []


def test_a_corrected_plan_with_a_mistake_comes_back_with_the_problem_and_the_text(web):
    plan = LANG_SON_YAML.read_text(encoding="utf-8")
    broken = plan.replace("targets:", "targets:\n  - indicator: staff_assignment\n    year: 2025\n    value: [50\n", 1)
    answer = web.post("/recheck", data={"plan": broken, "name": "ke-hoach.docx", "lang": "vi"})
    assert answer.status_code == 422 and 'id="error"' in answer.text
    assert "ke-hoach (đã sửa).yaml:" in answer.text  # the problem names the line of the box
    import html
    start = answer.text.index(">", answer.text.index('<textarea name="plan"')) + 1
    assert html.unescape(answer.text[start:answer.text.index("</textarea>")]) == broken
    assert "<script" not in answer.text
    assert web.post("/recheck", data={"plan": " ", "lang": "vi"}).status_code == 400


def test_a_draft_from_the_page_is_a_word_file_that_checks_without_a_failure(web, tmp_path):
    """"Tạo dự thảo": the province and the period give a Word draft (ctxh-check draft's), which the
    same server then checks with no KHÔNG ĐẠT."""
    page = web.get("/")
    assert 'action="/draft?lang=vi"' in page.text and "Tạo dự thảo" in page.text
    answer = web.post("/draft", data={"lang": "vi", "province": "Lào Cai", "period": "2026-2030"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument")
    assert "filename*=UTF-8''du-thao-L%C3%A0o%20Cai-2026-2030.docx" in answer.headers["content-disposition"]
    draft = tmp_path / "du-thao.docx"
    draft.write_bytes(answer.content)
    report = upload(web, draft, "/api/check").json()
    assert not [f["rule_id"] for f in report["findings"] if f["verdict"] == "fail"]
    old = web.post("/draft", data={"lang": "vi", "province": "Yên Bái", "period": "2026-2030"})
    assert old.status_code == 422 and 'id="error"' in old.text and "Lào Cai" in old.text
    # in the words of the form: its field's label, never the command line's option
    assert "Tỉnh, thành phố (tên sau sắp xếp 2025): “Yên Bái” là tên tỉnh trước ngày 1/7/2025" in old.text
    assert "--province" not in old.text and "dự thảo dùng tên hiện nay: Lào Cai" in old.text
    bad = web.post("/draft", data={"lang": "vi", "province": "Lào Cai", "period": "sớm thôi"})
    assert bad.status_code == 400 and "thời kỳ dạng 2026-2030" in bad.text


def test_the_english_switch_keeps_the_result(web, tmp_path):
    """The other language's button checks the same upload again in that language: the result stays, with
    what was read from the document; nothing is kept on the server between the two."""
    docx = variants.word_variant(LANG_SON_SEED, tmp_path, "tables")
    page = upload(web, docx).text
    switch = page[page.index('<form class="switch"'):]
    switch = switch[:switch.index("</form>")]
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', switch))
    assert 'action="/switch?lang=en"' in switch and fields["lang"] == "en" and fields["original"]
    english = web.post("/switch?lang=en", data={k: html.unescape(v) for k, v in fields.items()})
    assert english.status_code == 200
    assert "Overall: " in english.text and "NEEDS REVIEW" in english.text
    assert "Targets (" in english.text and "Task groups (" in english.text  # what was read, kept
    assert docx.name in english.text and "(đã sửa)" not in english.text
