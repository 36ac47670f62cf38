"""The review written into the user's own Word file (``--annotate``): a draft from ``ctxh-check draft``,
partly filled (one target below the national level, one left blank, a task group taken out), with a
reviewer's comment and a tracked change of its own, is annotated; python-docx reads back one comment per
finding to act on, each on the paragraph that holds the finding's quote, and a summary comment on the
title; every other part of the file is byte for byte the user's, and the main text only gained the
comments' anchors. LibreOffice opens the copy and prints the comments."""

import base64
import io
import json
import re
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402
from lxml import etree  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS))
import variants  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WNS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
EPOCH = "1767225600"  # 2026-01-01
LABEL = re.compile(r"^(?:[ivxlc]+\.|\d+(?:\.\d+)*\.?|[a-zđ]\)|[-+•])\s+")
MAIN = "word/document.xml"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "ctxh_compliance", *map(str, args)], capture_output=True, text=True,
                          timeout=300, cwd=cwd, env={**__import__("os").environ, "SOURCE_DATE_EPOCH": EPOCH})


def norm(text: str) -> str:
    return LABEL.sub("", " ".join(text.split()).casefold())


def _fill(document, start: str, old: str, new: str) -> None:
    paragraph = next(p for p in document.paragraphs if p.text.startswith(start))
    run_ = next(r for r in paragraph.runs if old in r.text)
    run_.text = run_.text.replace(old, new, 1)


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> Path:
    """A filled draft: one target below the national level, one left blank, a task group taken out,
    the totals written; a reviewer's comment and a tracked insertion of its own."""
    out = tmp_path_factory.mktemp("annotate")
    draft = out / "du-thao.docx"
    made = run("draft", "-p", "Lào Cai", "--period", "2026-2030", "-o", draft)
    assert made.returncode == 0, made.stderr
    document = docx.Document(str(draft))
    _fill(document, "- Đến năm 2030, ít nhất có …%", "…", "25")
    _fill(document, "1. Tổng kinh phí", "… đồng (… đồng)", "5.000.000.000 đồng (năm tỷ đồng)")
    _fill(document, "2. Kinh phí thực hiện hằng năm", "…", "1.000.000.000")
    paragraphs = document.paragraphs
    first = next(i for i, p in enumerate(paragraphs) if p.text.startswith("6. Kiểm tra, giám sát"))
    end = next(i for i, p in enumerate(paragraphs) if p.text.startswith("7. Hợp tác quốc tế"))
    for paragraph in paragraphs[first:end]:
        paragraph._p.getparent().remove(paragraph._p)
    basis = next(p for p in document.paragraphs if p.text.startswith("Căn cứ Nghị định"))
    basis._p.append(parse_xml(f'<w:ins {WNS} w:id="801" w:author="Phòng KHTC" w:date="2026-02-01T08:00:00Z">'
                              f'<w:r><w:t xml:space="preserve"> (đã sửa đổi)</w:t></w:r></w:ins>'))
    document.add_comment(basis.runs[0], text="Bổ sung văn bản hướng dẫn của Bộ Y tế", author="Phòng KHTC",
                         initials="KT")
    path = out / "ke-hoach.docx"
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def annotated(plan) -> tuple[Path, dict, str]:
    """The annotated copy, the JSON report of the plan, and what the command line said."""
    target = plan.with_name("ke-hoach-gop-y.docx")
    done = run(plan, "--annotate", "-o", target)
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    report = json.loads(run(plan, "-f", "json").stdout)
    return target, report, done.stderr


def _anchored(document) -> dict[int, str]:
    """Comment id -> the text of the paragraph its range starts in."""
    from ctxh_compliance.core.wordml import accepted_text
    return {int(mark.get(W + "id")): accepted_text(mark.getparent())
            for mark in document.element.body.iter(W + "commentRangeStart")}


def _ours(document) -> list:
    return [c for c in document.comments if c.author == "ctxh-check"]


def _to_act_on(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["verdict"] in ("fail", "needs_review", "warning")]


def test_one_comment_per_located_finding_on_the_paragraph_holding_its_quote(annotated):
    path, report, said = annotated
    document = docx.Document(str(path))
    anchored = _anchored(document)
    ours = _ours(document)
    findings = _to_act_on(report)
    located = [f for f in findings if any(e.get("quote") for e in f["evidence"])]
    assert located, "the filled draft has a target below the national level"
    on_paragraphs = [c for c in ours if not c.text.startswith("Kết quả kiểm tra")]
    assert len(on_paragraphs) == len(located)
    for finding in located:  # a rule may have several findings (a value and its population): one comment each
        mine = [c for c in on_paragraphs if f"— {finding['rule_id']}: " in c.text.split("\n")[0]]
        assert len(mine) == sum(f["rule_id"] == finding["rule_id"] for f in located), finding["rule_id"]
        quote = next(e["quote"] for e in finding["evidence"] if e.get("quote"))
        # on the paragraph holding the quote, or on the first of the paragraphs a quote of several lines spans
        # (a task group's "- Chủ trì: …" and "- Phối hợp: …" lines)
        assert any(norm(quote) in norm(anchored[c.comment_id])
                   or norm(quote).startswith(norm(anchored[c.comment_id])) for c in mine), (quote, mine)
        for text in (c.text for c in mine):
            assert finding["title"]["vi"] in text and finding["requirement"]["citation"] in text
            assert "Kế hoạch ghi: " in text and "Nhận xét: " in text and "Cần làm: " in text
    below = next(c for c in on_paragraphs if "QD112-T04" in c.text)
    assert "25%" in anchored[below.comment_id] and below.text.startswith("CẢNH BÁO — QD112-T04")
    assert f"{len(located)} góp ý gắn vào đoạn văn" in said


def test_the_summary_comment_on_the_title_gives_the_conclusion_and_the_unplaced_findings(annotated):
    path, report, _ = annotated
    document = docx.Document(str(path))
    summary = next(c for c in _ours(document) if c.text.startswith("Kết quả kiểm tra"))
    assert _anchored(document)[summary.comment_id] == "KẾ HOẠCH"
    labels = {"fail": "KHÔNG ĐẠT", "needs_review": "CẦN XEM XÉT", "warning": "CẢNH BÁO", "pass": "ĐẠT"}
    assert summary.text.split("\n")[0] == f"Kết quả kiểm tra (ctxh-check): {labels[report['summary']['overall']]}"
    from ctxh_compliance.rules.ruleset_loader import fingerprint
    assert f"dấu vân tay {fingerprint('qd112_2021')}" in summary.text and "01/01/2026" in summary.text
    unplaced = [f for f in _to_act_on(report) if not any(e.get("quote") for e in f["evidence"])]
    lines = summary.text.split("\n")
    for finding in unplaced:
        line = next(line for line in lines if f"— {finding['rule_id']}: " in line)
        assert "cần bổ sung" in line
    group = next(line for line in lines if "QD112-G06" in line)  # the task group taken out
    assert "cần bổ sung trong phần “II. NHIỆM VỤ VÀ GIẢI PHÁP”" in group
    for comment in _ours(document):
        assert comment.initials == "CTXH" and comment.timestamp.date().isoformat() == "2026-01-01"


def _without_our_anchors(xml: bytes, ids: set[int]) -> bytes:
    root = etree.fromstring(xml)
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for mark in list(root.iter(W + tag)):
            if int(mark.get(W + "id")) in ids:
                mark.getparent().remove(mark)
    for reference in list(root.iter(W + "commentReference")):
        if int(reference.get(W + "id")) in ids:
            run_ = reference.getparent()
            run_.getparent().remove(run_)
    return etree.tostring(root, method="c14n")


def test_nothing_else_in_the_document_changes(plan, annotated):
    path = annotated[0]
    ids = {c.comment_id for c in _ours(docx.Document(str(path)))}
    with zipfile.ZipFile(plan) as before, zipfile.ZipFile(path) as after:
        assert after.namelist()[:len(before.namelist())] == before.namelist()
        for name in before.namelist():
            if name not in (MAIN, "word/comments.xml"):
                assert before.read(name) == after.read(name), name
        assert _without_our_anchors(after.read(MAIN), ids) == etree.tostring(etree.fromstring(before.read(MAIN)),
                                                                               method="c14n")
        old, new = (etree.fromstring(z.read("word/comments.xml")) for z in (before, after))
        kept = [etree.tostring(c, method="c14n") for c in new if int(c.get(W + "id")) not in ids]
        assert kept == [etree.tostring(c, method="c14n") for c in old]
    reviewer = [c for c in docx.Document(str(path)).comments if c.author == "Phòng KHTC"]
    assert [c.text for c in reviewer] == ["Bổ sung văn bản hướng dẫn của Bộ Y tế"]


def test_every_finding_is_a_comment_with_all(plan, annotated, tmp_path):
    target = tmp_path / "tat-ca.docx"
    done = run(plan, "--annotate", "--all", "-o", target)
    assert done.returncode in (0, 1), done.stderr
    findings = annotated[1]["findings"]
    ours = _ours(docx.Document(str(target)))
    located = [f for f in findings if any(e.get("quote") for e in f["evidence"])]
    assert len(ours) > len(_ours(docx.Document(str(annotated[0]))))
    assert len([c for c in ours if not c.text.startswith("Kết quả kiểm tra")]) <= len(located)
    assert any(c.text.startswith("ĐẠT — ") for c in ours)


def test_libreoffice_opens_the_copy_and_prints_the_comments(annotated, tmp_path):
    binary = variants.office()
    if binary is None:
        pytest.skip("LibreOffice is not installed (Debian: apt-get install libreoffice-writer)")
    path = annotated[0]
    options = '{"ExportNotes":{"type":"boolean","value":"true"},"ExportNotesInMargin":{"type":"boolean","value":"true"}}'
    subprocess.run([binary, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to",
                    f"pdf:writer_pdf_Export:{options}", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=300)
    pdf = tmp_path / f"{path.stem}.pdf"
    printed = _pdf_text_and_notes(pdf)
    for comment in _ours(docx.Document(str(path))):
        first = comment.text.split("\n")[0]
        assert " ".join(first.split()[:6]) in printed, first


def _pdf_text_and_notes(pdf: Path) -> str:
    """The text of a PDF's pages and of its text annotations (comments in the margin are page text in
    LibreOffice 7.6 and later; before, each comment is a note on its paragraph)."""
    from pdfminer.high_level import extract_text
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text
    notes = []
    with open(pdf, "rb") as handle:
        for page in PDFPage.create_pages(PDFDocument(PDFParser(handle))):
            for ref in resolve1(page.annots) or []:
                contents = resolve1(resolve1(ref).get("Contents"))
                if isinstance(contents, bytes):
                    notes.append(decode_text(contents))
    return " ".join(" ".join([extract_text(str(pdf)), *notes]).split())


@pytest.mark.parametrize("kind", ["pdf", "yaml"])
def test_annotate_is_refused_for_a_pdf_or_a_plan_file(tmp_path, kind):
    path = tmp_path / f"ke-hoach.{kind}"
    path.write_bytes(b"%PDF-1.4\n" if kind == "pdf" else b"identification: {}\n")
    done = run(path, "--annotate", "-o", tmp_path / "gop-y.docx")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{path}: --annotate chỉ ghi góp ý vào văn bản Word .docx; tệp .{kind} không được")
    assert not (tmp_path / "gop-y.docx").exists()


def test_annotate_needs_a_docx_output_other_than_the_plan(plan, tmp_path):
    done = run(plan, "--annotate", "-o", tmp_path / "bao-cao.txt")
    assert done.returncode == 2 and "--annotate cần tệp ra .docx" in done.stderr
    done = run(plan, "--annotate")
    assert done.returncode == 2 and "--annotate cần tệp ra .docx" in done.stderr
    before = plan.read_bytes()
    done = run(plan, "--annotate", "-o", plan)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert plan.read_bytes() == before


def test_the_web_page_offers_the_document_with_comments(plan):
    pytest.importorskip("fastapi")
    pytest.importorskip("python_multipart")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from ctxh_compliance.web.app import create_app
    from ctxh_compliance.web.worker import Limits
    with TestClient(create_app(Limits(workers=1, seconds=60, cpu_seconds=30))) as web:
        page = web.post("/check", files={"file": ("Kế hoạch Lào Cai.docx", plan.read_bytes())}).text
    link = re.search(r'<a href="data:([^;"]+);base64,([^"]+)" download="([^"]+)">Văn bản có góp ý \(Word\)</a>', page)
    assert link is not None, page[:3000]
    assert link.group(3).endswith(".gop-y.docx")
    document = docx.Document(io.BytesIO(base64.b64decode(link.group(2))))
    ours = _ours(document)
    assert any(c.text.startswith("Kết quả kiểm tra") for c in ours)
    assert any("QD112-T04" in c.text for c in ours)


def test_a_line_repeated_under_every_task_group_is_commented_in_its_own_group(tmp_path):
    """The Lạng Sơn plan names the same lead ("Cơ quan chủ trì: Sở Lao động …") under several task
    groups: with --all, each group's comment sits on the lead line of its own group, in order."""
    seed = CORPUS / "seeds" / "lang_son_sldtbxh_plan_2021-2025.txt"
    plan = variants.word_variant(seed, tmp_path, "numbering")
    target = tmp_path / "gop-y.docx"
    done = run(plan, "--annotate", "--all", "-o", target)
    assert done.returncode in (0, 1), done.stderr
    document = docx.Document(str(target))
    paragraphs = list(document.element.body.iter(W + "p"))
    starts = {int(m.get(W + "id")): m.getparent() for m in document.element.body.iter(W + "commentRangeStart")}
    groups = sorted((c.text.split(" — ")[1].split(":")[0], starts[c.comment_id]) for c in _ours(document)
                    if " — QD112-G0" in c.text.split("\n")[0])
    assert [rule for rule, _ in groups] == [f"QD112-G0{n}" for n in range(1, 7)]
    positions = [paragraphs.index(p) for _, p in groups]
    assert positions == sorted(set(positions))  # six different paragraphs, in the groups' order
    from ctxh_compliance.core.wordml import accepted_text
    assert all("chủ trì" in accepted_text(p).casefold() for _, p in groups)
