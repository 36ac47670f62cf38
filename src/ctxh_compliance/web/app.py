"""The web page and the JSON API of ``ctxh-check serve``.

One page, server-rendered, no script: upload a plan, read the report (the CLI's HTML report, with
what was read from the document and the plan file to correct below it), correct and check again,
download the report. ``POST /api/check`` gives the JSON report to other systems. Nothing is stored:
an upload is streamed (never held whole in memory) to a folder of the request's own, within the size
limit as it arrives, and the folder is removed when the request ends; no log line carries plan
content. The uploads received at once are capped (``Limits.receiving``): one more is told to come
back later (503, Retry-After) before its body is read, so the server's memory does not grow with
the number of clients.
"""

import base64
import os
import re
import shutil
import tempfile
from contextlib import asynccontextmanager
from functools import cache
from urllib.parse import parse_qs, quote

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload
from starlette.exceptions import HTTPException

from ..core.i18n import translate
from ..inputs.yaml_source import MAX_BYTES
from .uploads import KINDS, as_of_value, ascii_name, safe_name, suffix_of
from .worker import JOB, Busy, Limits, Pool

#: the largest upload: a document may be four times a plan file's limit; the form adds a little
MAX_UPLOAD = 4 * MAX_BYTES
MAX_REQUEST = MAX_UPLOAD + 256 * 1024
RETRY_AFTER = 5
LANGS = ("vi", "en")
CSP = ("default-src 'none'; style-src 'self'{styles}; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
#: the draft form's fields, by the command-line option a draft's problem names
FORM_FIELDS = {"--province": "web.draft_province", "--period": "web.draft_period", "--kind": "web.draft_kind"}


class Refused(Exception):
    """An upload refused before any check: an HTTP status and a message key with its values."""

    def __init__(self, status: int, key: str, **params):
        super().__init__(key)
        self.status, self.key, self.params = status, key, params


def _lang(value: str | None) -> str:
    return value if value in LANGS else "vi"


@cache
def _rulesets() -> tuple[tuple[str, str, int, str, str], ...]:
    from ..rules.ruleset_loader import available_rulesets, load_ruleset
    rows = []
    for name in available_rulesets():
        rs = load_ruleset(name)
        rows.append((name, rs.decision.number, len(rs.rules), rs.decision.title.vi, rs.decision.title.en))
    return tuple(rows)


def _css() -> bytes:
    from ..core.resources import data_dir
    return (data_dir("templates") / "web" / "web.css").read_bytes()


def _form_page(lang: str, errors: list[str] | None = None, status: int = 200) -> HTMLResponse:
    from ..reports.report import environment
    page = environment(lang, False, html=True).get_template("web/form.html.j2").render(
        errors=errors or [], rulesets=_rulesets(), max_mb=MAX_UPLOAD // (1024 * 1024))
    headers = {"Retry-After": str(RETRY_AFTER)} if status == 503 else None
    return HTMLResponse(page, status_code=status, headers=headers)


def _in_form_words(problem, lang: str) -> str:
    """A draft's problem as the form says it: the field's label, not the command-line option, and the
    form's own wording where the command line's names an option."""
    from ..core.errors import Problem
    from ..core.i18n import catalogue
    label = translate(FORM_FIELDS[problem.file], lang) if problem.file in FORM_FIELDS else problem.file
    key = f"web.{problem.key}" if f"web.{problem.key}" in catalogue() else problem.key
    return Problem(label, None, None, key, problem.params).render(lang)


def _not_understood(request: Request, status: int, key: str, **params) -> Response:
    """What the framework would answer in English (a missing field, an unknown page, a method not
    allowed), in the user's language: JSON for the API, the upload page for a browser."""
    lang = _lang(request.query_params.get("lang"))
    message = translate(key, lang, **params)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": key.removeprefix("web."), "problems": [message]}, status_code=status)
    return _form_page(lang, [message], status)


def _corrected(name: str, lang: str) -> str:
    """The name of a corrected plan: the upload's, marked as corrected (once)."""
    mark = f" ({translate('web.corrected', lang)})"
    stem = name.rsplit(".", 1)[0]
    stem = stem[:-len(mark)] if stem.endswith(mark) else stem
    return safe_name(stem[:60] + mark, ".yaml")


def _fix_page(lang: str, errors: list[str], status: int, form: dict) -> HTMLResponse:
    """A corrected plan that could not be checked: the problems, and the plan given back to fix."""
    from ..reports.report import environment
    page = environment(lang, False, html=True).get_template("web/fix.html.j2").render(
        errors=errors, rulesets=[row[0] for row in _rulesets()], **form)
    headers = {"Retry-After": str(RETRY_AFTER)} if status == 503 else None
    return HTMLResponse(page, status_code=status, headers=headers)


def _options(ruleset: str | None, as_of: str | None) -> dict:
    ruleset = (ruleset or "").strip()
    if ruleset and ruleset not in {row[0] for row in _rulesets()}:
        raise Refused(400, "web.bad_ruleset", value=ruleset[:60])
    try:
        day = as_of_value(as_of)
    except ValueError:
        raise Refused(400, "web.bad_date", value=(as_of or "")[:40]) from None
    return {"ruleset": ruleset or None, "as_of": day}


_COPY_CHUNK = 1 << 16


async def _upload(file, lang: str, folder: str) -> dict:
    """The upload copied in pieces to ``folder`` (the request's own), its kind and shown name; refused
    when missing, empty, of another kind or too large."""
    if not isinstance(file, StarletteUpload) or not file.filename:
        raise Refused(400, "web.no_file")
    suffix = suffix_of(file.filename)
    name = safe_name(file.filename, suffix or "")
    if suffix is None:
        raise Refused(415, "web.wrong_type", name=name, kinds=", ".join(sorted(set(KINDS))))
    from .job import STORED_NAME
    path = os.path.join(folder, STORED_NAME + suffix)
    size, blank = 0, True
    with open(path, "wb") as target:
        while chunk := await file.read(_COPY_CHUNK):
            size += len(chunk)
            if size > MAX_UPLOAD:
                raise Refused(413, "web.too_large", limit=MAX_UPLOAD // (1024 * 1024))
            blank = blank and not chunk.strip()
            target.write(chunk)
    await file.close()
    if blank:
        raise Refused(400, "web.empty", name=name)
    return {"path": path, "suffix": suffix, "name": name, "lang": lang}


def _outcome(answer: dict, task: dict, limits: Limits) -> tuple[int, list[str]]:
    """A check that did not give a report: its HTTP status and what to tell the user."""
    lang, name = task["lang"], task["name"]
    status = answer.get("status")
    if status == "input":
        return 422, answer["problems"]
    if status == "limit":
        return 422, [translate("web.limit", lang, name=name, memory=limits.memory // (1024 * 1024))]
    if status == "timeout":
        return 422, [translate("web.timeout", lang, name=name, seconds=int(limits.seconds))]
    if status == "crash":  # the process ended in native code on this upload: the file's fault, said so
        return 422, [translate("web.crash_upload", lang, name=name)]
    return 500, [translate("web.crash", lang, name=name)]


def create_app(limits: Limits | None = None, job: str = JOB) -> FastAPI:
    limits = limits or Limits()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        folder = tempfile.mkdtemp(prefix="ctxh-web-")
        app.state.folder = folder
        app.state.pool = Pool(limits, folder, job)
        await app.state.pool.start()
        try:
            yield
        finally:
            await app.state.pool.close()
            shutil.rmtree(folder, ignore_errors=True)

    # no interactive API page: the framework's loads its script from a CDN (blank on an office network);
    # the OpenAPI description stays at /openapi.json
    app = FastAPI(title="ctxh-check", version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Kiểm tra kế hoạch công tác xã hội cấp tỉnh theo quyết định quốc gia. "
                              "Checks a provincial social-work plan against the national decision it implements. "
                              "Nothing is stored: uploads and results live only while the request runs.")
    app.state.limits = limits

    async def _run(request: Request, task: dict) -> dict:
        try:
            return await request.app.state.pool.run(task)
        except Busy:
            raise Refused(503, "web.busy", seconds=RETRY_AFTER) from None

    async def _page_check(request: Request, task: dict, failed=None) -> Response:
        """The result page; when there is none, the upload page (or ``failed``) with the problems."""
        failed = failed or (lambda messages, status: _form_page(task["lang"], messages, status))
        try:
            answer = await _run(request, {**task, "want": "page"})
        except Refused as exc:
            return failed([translate(exc.key, task["lang"], **exc.params)], exc.status)
        if answer.get("status") != "ok":
            status, messages = _outcome(answer, task, limits)
            return failed(messages, status)
        csp = CSP.format(styles="".join(" " + s for s in answer["styles"]) + (" 'unsafe-hashes'" if answer["styles"] else ""))
        return HTMLResponse(answer["page"], headers={"Content-Security-Policy": csp})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def home(lang: str = "vi") -> Response:
        return _form_page(_lang(lang))

    @app.get("/static/web.css", include_in_schema=False)
    async def style() -> Response:
        return Response(_css(), media_type="text/css", headers={"Cache-Control": "public, max-age=3600"})

    @app.post("/check", response_class=HTMLResponse, include_in_schema=False)
    async def check_upload(request: Request) -> Response:
        lang = "vi"
        with _request_folder(request) as folder:
            try:
                async with request.form(max_files=1, max_fields=8) as form:
                    lang = _lang(form.get("lang"))
                    task = {**await _upload(form.get("file"), lang, folder),
                            **_options(form.get("ruleset"), form.get("as_of"))}
                    # the page carries the upload for the language switch when it fits in a request
                    task["switchable"] = os.path.getsize(task["path"]) * 4 // 3 < MAX_REQUEST - 64 * 1024
            except Refused as exc:
                return _form_page(lang, [translate(exc.key, lang, **exc.params)], exc.status)
            except HTTPException:  # a form the framework could not read (too many parts, a part too large)
                return _form_page(lang, [translate("web.bad_form", lang)], 400)
            return await _page_check(request, {**task, "folder": folder})

    @app.post("/switch", response_class=HTMLResponse, include_in_schema=False)
    async def switch(request: Request) -> Response:
        """The result in the other language: the upload (or the plan as corrected) the page carried, checked
        again; its name stays as it was."""
        lang = "vi"
        try:
            async with request.form(max_files=0, max_fields=8, max_part_size=MAX_REQUEST) as form:
                lang = _lang(form.get("lang"))
                name = str(form.get("name") or "")[:200]
                original, suffix = str(form.get("original") or ""), str(form.get("suffix") or ".yaml")
                try:
                    data = base64.b64decode(original, validate=True) if original else \
                        str(form.get("plan") or "").replace("\r\n", "\n").encode("utf-8")
                except ValueError:
                    raise Refused(400, "web.bad_form") from None
                if suffix not in KINDS or not data.strip():
                    raise Refused(400, "web.bad_form")
                task = {"data": data, "suffix": suffix, "name": safe_name(name, suffix), "lang": lang,
                        "switchable": bool(original), **_options(form.get("ruleset"), form.get("as_of"))}
        except Refused as exc:
            return _form_page(lang, [translate(exc.key, lang, **exc.params)], exc.status)
        except HTTPException:
            return _form_page(lang, [translate("web.bad_form", lang)], 400)
        return await _page_check(request, task)

    @app.post("/recheck", response_class=HTMLResponse, include_in_schema=False)
    async def recheck(request: Request) -> Response:
        lang, given = "vi", {}
        try:
            async with request.form(max_files=0, max_fields=8, max_part_size=MAX_BYTES) as form:
                lang = _lang(form.get("lang"))
                text = str(form.get("plan") or "").replace("\r\n", "\n")
                name = _corrected(str(form.get("name") or ""), lang)
                given = {"plan_text": text, "name": name, "chosen": str(form.get("ruleset") or "")[:60],
                         "as_of": str(form.get("as_of") or "")[:40]}
                if not text.strip():
                    raise Refused(400, "web.empty_plan")
                task = {"data": text.encode("utf-8"), "suffix": ".yaml", "name": name,
                        "lang": lang, **_options(form.get("ruleset"), form.get("as_of"))}
        except Refused as exc:
            return _fix_page(lang, [translate(exc.key, lang, **exc.params)], exc.status,
                             given or {"plan_text": "", "name": "", "chosen": "", "as_of": ""})
        except HTTPException:  # a form the framework could not read (too many parts, a part too large)
            return _form_page(lang, [translate("web.bad_form", lang)], 400)
        return await _page_check(request, task, lambda messages, status: _fix_page(lang, messages, status, given))

    @app.post("/draft", include_in_schema=False)
    async def draft(request: Request) -> Response:
        """A draft plan (Word) built from the ruleset's data only (``ctxh-check draft``): nothing uploaded."""
        from ..core.errors import InputError
        from ..draft import write_draft
        async with request.form(max_files=0, max_fields=8, max_part_size=1024) as form:
            lang = _lang(form.get("lang"))
            province = " ".join(str(form.get("province") or "").split())[:60]
            period = str(form.get("period") or "").strip()[:20]
            kind = str(form.get("kind") or "") or None
        span = re.fullmatch(r"(\d{4})\s*[-–]\s*(\d{4})|(\d{4})", period)
        if not province or span is None or kind not in (None, "phase", "annual", "programme"):
            return _form_page(lang, [translate("web.draft_bad", lang)], 400)
        start, end = (int(span.group(1)), int(span.group(2))) if span.group(1) else (int(span.group(3)),) * 2
        try:
            data = await run_in_threadpool(write_draft, province, start, end, kind, None, "docx")
        except InputError as exc:
            return _form_page(lang, [_in_form_words(p, lang) for p in exc.problems], 422)
        name = f"du-thao-{province}-{start}-{end}.docx"
        disposition = f"attachment; filename=\"{ascii_name(name)}\"; filename*=UTF-8''{quote(name)}"
        return Response(data, media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        headers={"Content-Disposition": disposition})

    @app.post("/plan", include_in_schema=False)
    async def plan_file(request: Request) -> Response:
        """The plan in the text area, back as a file to keep (nothing is kept here)."""
        async with request.form(max_files=0, max_fields=8, max_part_size=MAX_BYTES) as form:
            text = str(form.get("plan") or "").replace("\r\n", "\n")
            name = _corrected(str(form.get("name") or ""), _lang(form.get("lang")))
        disposition = f"attachment; filename=\"{ascii_name(name)}\"; filename*=UTF-8''{quote(name)}"
        return PlainTextResponse(text, media_type="application/yaml", headers={"Content-Disposition": disposition})

    @app.post("/api/check", summary="Check a plan: the JSON report",
              description="Upload a plan (.docx, .doc, .odt, .pdf, .txt or .yaml). Answers the versioned JSON report "
                          "(docs/report.schema.json, `ctxh-check --report-schema`). 4xx: the input cannot be "
                          "checked (`problems` says why, in `lang`: a file that crashes the reader is among them); "
                          "503: busy, try again after `Retry-After` seconds; 500: a defect of the tool.",
              responses={200: {"description": "The JSON report (schema_version 1.x)"},
                         400: {"description": "No file, an empty file, a bad option"},
                         413: {"description": "The file is too large (also when sent in chunks)"},
                         415: {"description": "Not an accepted kind"},
                         422: {"description": "The plan cannot be checked (problems listed)"},
                         503: {"description": "Busy: try again later"}})
    async def api_check(request: Request, file: UploadFile = File(..., description="the plan"),
                        ruleset: str | None = Form(None, description="a ruleset name (GET /api/rulesets); "
                                                                      "default: from the plan's legal bases"),
                        as_of: str | None = Form(None, description="judge the plan at this date (YYYY-MM-DD)"),
                        lang: str = Form("vi", description="language of the messages: vi or en")) -> Response:
        lang = _lang(lang)
        try:
            with _request_folder(request) as folder:
                task = {**await _upload(file, lang, folder), **_options(ruleset, as_of)}
                answer = await _run(request, {**task, "want": "json", "folder": folder})
        except Refused as exc:
            headers = {"Retry-After": str(RETRY_AFTER)} if exc.status == 503 else None
            return JSONResponse({"error": exc.key.removeprefix("web."), "problems": [translate(exc.key, lang, **exc.params)]},
                                status_code=exc.status, headers=headers)
        if answer.get("status") != "ok":
            status, messages = _outcome(answer, task, limits)
            return JSONResponse({"error": answer.get("status"), "problems": messages}, status_code=status)
        return Response(answer["json"], media_type="application/json")

    @app.get("/api/rulesets", summary="The rulesets this server checks against")
    async def api_rulesets() -> list[dict]:
        return [{"name": name, "decision": number, "rules": count, "title": {"vi": vi, "en": en}}
                for name, number, count, vi, en in _rulesets()]

    @app.get("/healthz", summary="Liveness: answers while the server runs")
    async def healthz(request: Request) -> dict:
        return {"status": "ok", "workers_ready": request.app.state.pool.ready, "workers": limits.workers}

    @app.exception_handler(RequestValidationError)
    async def not_valid(request: Request, exc: RequestValidationError) -> Response:
        fields = [str(error.get("loc", ["", ""])[-1]) for error in exc.errors()]
        if "file" in fields:
            return _not_understood(request, 400, "web.no_file")
        return _not_understood(request, 400, "web.bad_field", fields=", ".join(fields))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        key = {404: "web.not_found", 405: "web.method_not_allowed"}.get(exc.status_code, "web.bad_request")
        response = _not_understood(request, exc.status_code, key)
        for name, value in (exc.headers or {}).items():
            response.headers[name] = value
        return response

    @app.exception_handler(_TooLarge)
    async def too_large(request: Request, exc: _TooLarge) -> Response:
        return _refusal(request.scope)

    return SecurityHeaders(BodyLimit(app, MAX_REQUEST, limits.receiving))


class _request_folder:
    """A folder of the request's own in the server's temporary folder, removed when the request ends
    however it ends (the upload is written there, the check reads it there)."""

    def __init__(self, request: Request):
        self.root = request.app.state.folder

    def __enter__(self) -> str:
        self.folder = tempfile.mkdtemp(prefix="check-", dir=self.root)
        return self.folder

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _version() -> str:
    from ..reports.report_json import _version as version
    return version()


class SecurityHeaders:
    """Every answer: a Content-Security-Policy (no script; the API page's own), no sniffing, no
    framing, no referrer, no caching (a report is an internal document)."""

    def __init__(self, app):
        self.app = app
        self.state = app.state

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def sending(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])]
                names = {k.lower() for k, _ in headers}
                extra = {b"x-content-type-options": b"nosniff", b"x-frame-options": b"DENY",
                         b"referrer-policy": b"no-referrer", b"cross-origin-opener-policy": b"same-origin"}
                if b"content-security-policy" not in names:
                    extra[b"content-security-policy"] = CSP.format(styles="").encode()
                if b"cache-control" not in names:
                    extra[b"cache-control"] = b"no-store"
                headers += [(k, v) for k, v in extra.items() if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, sending)


class _TooLarge(Exception):
    pass


def _refusal(scope, status: int = 413) -> Response:
    """413 (too large) or 503 (too many uploads at once, with Retry-After), before the body is read:
    as JSON for the API, as the upload page for a browser; in the language the address asks for."""
    lang = _lang((parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang") or ["vi"])[0])
    if status == 503:
        error, message = "busy", translate("web.busy", lang, seconds=RETRY_AFTER)
    else:
        error, message = "too_large", translate("web.too_large", lang, limit=MAX_UPLOAD // (1024 * 1024))
    if scope["path"].startswith("/api/"):
        headers = {"Retry-After": str(RETRY_AFTER)} if status == 503 else None
        return JSONResponse({"error": error, "problems": [message]}, status_code=status, headers=headers)
    return _form_page(lang, [message], status)


class BodyLimit:
    """Requests larger than ``limit`` bytes are refused (413) before their body is read: by the
    declared length, or while it arrives when no length is declared (chunked): the answer is then
    the 413 whatever the application made of the cut body. At most ``receiving`` request bodies are
    received at once; one more is refused (503, Retry-After) before its body is read."""

    def __init__(self, app, limit: int, receiving: int = 0):
        self.app, self.limit, self.receiving = app, limit, receiving
        self.state = app.state
        self.active = 0

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers", []))
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            return await _refusal(scope)(scope, receive, send)
        has_body = scope.get("method") in ("POST", "PUT", "PATCH") and (length != b"0")
        if has_body and self.receiving and self.active >= self.receiving:
            return await _refusal(scope, 503)(scope, receive, send)
        received, started, exceeded, receiving = 0, False, False, has_body
        if receiving:
            self.active += 1

        def done_receiving() -> None:
            nonlocal receiving
            if receiving:
                receiving = False
                self.active -= 1

        async def counting():
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    exceeded = True
                    done_receiving()
                    raise _TooLarge()
                if not message.get("more_body", False):
                    done_receiving()
            else:  # the client went away
                done_receiving()
            return message

        async def sending(message):
            nonlocal started
            if exceeded and not started:  # the application answered a cut body (400): the answer is 413
                started = True
                return await _refusal(scope)(scope, receive, send)
            if exceeded:
                return None
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting, sending)
        except _TooLarge:
            if not started:
                await _refusal(scope)(scope, receive, send)
        finally:
            done_receiving()
