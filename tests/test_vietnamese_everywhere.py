"""Every word a user meets is Vietnamese (English only with --lang en or the page's English button): each
command's help and a bad call of each, the server's console, every web page and every API error. A test
fails on an English word outside a short list of names that are the same in both languages."""

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import EXAMPLES

#: English words that appear in the frames of command-line and web libraries and in their messages
ENGLISH = set("""
usage options option arguments argument commands command error errors missing required show this message and exit
help value values invalid choose choice not one of is are the for with from into field fields input should be valid
string integer number file files found method allowed internal server started process waiting application startup
complete running press quit shutting down finished unexpected extra got such did you mean try type body request
requests response detail loc msg see default true false none null page documentation docs swagger check plan plans
report reports province period ruleset rulesets target targets task group groups budget title year population
heading amount source sources lead partners identification issued issuer date kind phase annual programme upload
download correct again values read sentence where sure guessed confidence high medium low
""".split())
#: names the same in Vietnamese and English (a product, a format, a language's own name, an address)
ALLOWED = {"English", "Word", "Excel", "PDF", "YAML", "JSON", "API", "OpenAPI", "Markdown", "HTML", "CSV", "Ctrl",
           "localhost", "http", "docx", "pdf", "txt", "yaml", "yml", "md", "xlsx", "csv", "html", "json", "openapi",
           # values typed after an option, as the command line takes them (each is explained in Vietnamese)
           "phase", "annual", "programme"}


def english_words(text: str) -> set[str]:
    text = re.sub(r"\(khóa [\w.]+\)", "", text)  # a plan file's key, named as the file must write it
    words = set(re.findall(r"(?<![\w./-])[A-Za-z]+(?![\w/])", text))
    return {w for w in words if w.lower() in ENGLISH and w not in ALLOWED}


class _Visible(HTMLParser):
    """The text a reader sees: not the style sheet, not the plan file in the advanced box, no attributes."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "textarea"):
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script", "textarea"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    return " ".join(parser.parts)


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ctxh_compliance", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args", [
    ["-h"], ["--bogus"], ["--format", "pdf", "x.yaml"], ["khong-co.yaml"],
    ["draft", "-h"], ["draft"], ["draft", "--province", "Lào Cai", "--period", "2026-2030", "-o", "x.docx", "--kind", "x"],
    ["draft", "--province", "Hà Tây", "--period", "2026-2030", "-o", "x.md"],
    ["serve", "-h"], ["serve", "--port", "tám"], ["serve", "--bogus"],
], ids=lambda args: " ".join(args))
def test_every_command_speaks_vietnamese(args, tmp_path):
    result = subprocess.run([sys.executable, "-m", "ctxh_compliance", *args], capture_output=True, text=True,
                            timeout=120, cwd=tmp_path)
    said = result.stdout + result.stderr
    assert said.strip()
    assert not english_words(said), (english_words(said), said[:600])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    pytest.importorskip("uvicorn")
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path_factory.mktemp("server") / "console.txt"
    with log.open("w") as console:
        process = subprocess.Popen([sys.executable, "-m", "ctxh_compliance", "serve", "--port", str(port), "--workers", "1"],
                                   stdout=console, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)
            break
        except OSError:
            time.sleep(0.1)
    yield base, log
    process.terminate()
    process.wait(timeout=30)


def _ask(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read().decode("utf-8")


def _multipart(fields: dict, file: tuple[str, bytes] | None) -> tuple[bytes, dict]:
    boundary = "----ctxh-boundary"
    body = b""
    for name, value in fields.items():
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    if file:
        body += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file[0]}"\r\n'
                 f"Content-Type: application/octet-stream\r\n\r\n").encode() + file[1] + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def test_every_page_api_answer_and_console_line_speaks_vietnamese(server):
    base, log = server
    word = EXAMPLES / "lang_son_sldtbxh_2021-2025.docx"
    answers = {
        "GET /": _ask(base + "/"),
        "POST /check (Word)": _ask(base + "/check", *_multipart({"lang": "vi"}, (word.name, word.read_bytes()))),
        "POST /check (no file)": _ask(base + "/check", *_multipart({"lang": "vi"}, None)),
        "POST /check (wrong kind)": _ask(base + "/check", *_multipart({"lang": "vi"}, ("a.exe", b"MZ"))),
        "POST /draft (old province)": _ask(base + "/draft", *_multipart({"province": "Hà Tây", "period": "2026-2030"}, None)),
        "POST /draft (empty)": _ask(base + "/draft", *_multipart({"province": "", "period": ""}, None)),
        "POST /recheck (empty)": _ask(base + "/recheck", *_multipart({"plan": "", "lang": "vi"}, None)),
        "GET /khong-co": _ask(base + "/khong-co"),
        "GET /docs": _ask(base + "/docs"),
        "PUT /": _ask(base + "/", b"", method="PUT"),
        "POST /api/check (no file)": _ask(base + "/api/check", b"", method="POST"),
        "POST /api/check (wrong kind)": _ask(base + "/api/check", *_multipart({}, ("a.exe", b"MZ"))),
        "POST /api/check (bad date)": _ask(base + "/api/check", *_multipart({"as_of": "hôm qua"},
                                                                            ("a.yaml", b"identification: {}\n"))),
        "POST /api/check (not a plan)": _ask(base + "/api/check", *_multipart({}, ("a.yaml", b"identification: {}\n"))),
        "GET /api/khong-co": _ask(base + "/api/khong-co"),
    }
    assert answers["POST /check (Word)"][0] == 200 and "Giá trị đã đọc" in answers["POST /check (Word)"][1]
    assert answers["POST /api/check (no file)"][0] == 400
    for what, (status, text) in answers.items():
        if text.lstrip().startswith("{"):  # an API answer: its sentences are in "problems" (the keys are for programs)
            answer = json.loads(text)
            assert set(answer) == {"error", "problems"}, (what, answer)  # never the framework's "detail"
            shown = " ".join(answer["problems"])
        else:
            shown = visible(text)
        assert not english_words(shown), (what, status, english_words(shown))
    console = Path(log).read_text(encoding="utf-8")
    assert "Trang kiểm tra kế hoạch đang chạy: mở http://localhost:" in console
    assert "127.0.0.1:" not in console.split("\n", 1)[1]  # the access log names no client address
    assert not english_words(console), english_words(console)
