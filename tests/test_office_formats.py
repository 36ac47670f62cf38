"""Word 97-2003 (.doc) and OpenDocument (.odt) plans: converted by LibreOffice, they give the verdicts of
the .docx they were saved from, with the evidence naming the user's file; a folder picks them up; the web
page accepts them; without LibreOffice the user is told, in Vietnamese, to save the file as .docx in
Word, with exit code 2."""

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS))
import variants  # noqa: E402

pytest.importorskip("docx")
SEED = CORPUS / "seeds" / "lang_son_sldtbxh_plan_2021-2025.txt"
NO_OFFICE = "LibreOffice is not installed (Debian: apt-get install libreoffice-writer): .doc and .odt not checked"


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "ctxh_compliance", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=300)


def report(path: Path) -> dict:
    result = run(path, "-f", "json")
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def verdicts(data: dict) -> dict:
    return {(f["rule_id"], f["aspect"]): f["verdict"] for f in data["findings"]}


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> dict[str, Path]:
    """The Lạng Sơn seed as a .docx, and that file saved as .doc and .odt by LibreOffice."""
    out = tmp_path_factory.mktemp("office")
    docx = variants.word_variant(SEED, out, "numbering")
    files = {".docx": docx}
    binary = variants.office()
    if binary is None:
        return files
    for kind, target in ((".doc", "doc:MS Word 97"), (".odt", "odt")):
        subprocess.run([binary, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless", "--convert-to",
                        target, "--outdir", str(out / kind[1:]), str(docx)], check=True, capture_output=True, timeout=300)
        made = out / kind[1:] / f"{docx.stem}{kind}"
        files[kind] = made.rename(out / f"Kế hoạch CTXH Lạng Sơn (bản lưu){kind}")
    return files


def _needs_office(saved, kind: str) -> Path:
    if kind not in saved:
        pytest.skip(NO_OFFICE)
    return saved[kind]


@pytest.mark.parametrize("kind", [".doc", ".odt"])
def test_doc_and_odt_give_the_verdicts_of_the_docx(saved, kind):
    path = _needs_office(saved, kind)
    data = report(path)
    assert verdicts(data) == verdicts(report(saved[".docx"]))
    assert data["plan"]["file"] == str(path)
    locations = [e["location"] for f in data["findings"] for e in f["evidence"] if "đoạn" in e["location"]]
    assert locations and all(loc.startswith(f"{path} (") for loc in locations)


def test_without_libreoffice_a_doc_is_refused_with_what_to_do(saved, tmp_path):
    path = tmp_path / "Kế hoạch số 12 (bản cũ).doc"
    path.write_bytes(saved.get(".doc", saved[".docx"]).read_bytes())
    empty = tmp_path / "bin"
    empty.mkdir()
    result = run(path, env={"PATH": str(empty), "HOME": str(tmp_path)})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}: tệp .doc cần LibreOffice")
    assert "Tệp → Lưu thành → Tài liệu Word" in result.stderr


def test_a_damaged_odt_is_refused_with_what_to_do(tmp_path):
    if variants.office() is None:
        pytest.skip(NO_OFFICE)
    path = tmp_path / "hong.odt"
    path.write_bytes(b"PK\x03\x04 not really a document" * 20)
    result = run(path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}: ")
    assert "lưu thành .docx" in result.stderr


def test_a_folder_picks_up_doc_and_odt(saved, tmp_path):
    doc, odt = _needs_office(saved, ".doc"), _needs_office(saved, ".odt")
    folder = tmp_path / "ho-so"
    folder.mkdir()
    for path in (doc, odt):
        (folder / path.name).write_bytes(path.read_bytes())
    result = run(folder, "-o", tmp_path / "bao-cao/")
    assert result.returncode in (0, 1), result.stderr
    assert doc.name in result.stdout and odt.name in result.stdout
    summary = (tmp_path / "bao-cao" / "summary.csv").read_text(encoding="utf-8")
    assert doc.name in summary and odt.name in summary


def test_the_web_page_accepts_a_doc(saved):
    pytest.importorskip("fastapi")
    pytest.importorskip("python_multipart")
    doc = _needs_office(saved, ".doc")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from ctxh_compliance.web.app import create_app
    from ctxh_compliance.web.worker import Limits
    expected = report(saved[".docx"])["summary"]["overall"]
    labels = {"fail": "KHÔNG ĐẠT", "needs_review": "CẦN XEM XÉT", "warning": "CẢNH BÁO", "pass": "ĐẠT"}
    with TestClient(create_app(Limits(workers=1, seconds=60, cpu_seconds=30))) as web:
        assert ".doc,.odt" in web.get("/").text
        answer = web.post("/check", files={"file": ("ke-hoach-cu.doc", doc.read_bytes())})
        assert answer.status_code == 200, answer.text[:2000]
        box = answer.text[answer.text.index('id="conclusion"'):]
        box = box[box.index('class="badge'):]
        assert box[box.index(">") + 1:box.index("</span>")] == labels[expected]
        # the report names the user's file once, and each place inside it (never the converted copy's name)
        assert "ke-hoach-cu.doc" in answer.text and "đoạn " in answer.text and ".docx" not in answer.text.split("<body", 1)[1]


def test_an_odt_over_the_page_limit_is_refused_before_conversion(saved, tmp_path):
    import re
    import zipfile
    odt = _needs_office(saved, ".odt")
    path = tmp_path / "dai-qua.odt"
    with zipfile.ZipFile(odt) as source, zipfile.ZipFile(path, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "meta.xml":
                data = re.sub(rb'meta:page-count="\d+"', b'meta:page-count="400"', data)
                assert b'meta:page-count="400"' in data
            copy.writestr(info, data)
    result = run(path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}: tệp .odt có quá nhiều trang (400; giới hạn 60)")
