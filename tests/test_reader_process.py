"""The process that reads a document: on Linux a fork of the process that asks (its libraries already
imported), elsewhere a new interpreter. Both read the same paragraphs, keep the same limits, and leave
no process behind."""

import os
import sys
from pathlib import Path

import pytest

from ctxh_compliance.core.errors import InputError
from ctxh_compliance.extract import sandbox

ROOT = Path(__file__).resolve().parents[1]
WORD = ROOT / "examples" / "lang_son_sldtbxh_2021-2025.docx"

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the forked reader is Linux's")


def _children() -> list[int]:
    children = []
    for task in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{task}/children") as handle:
            children += [int(pid) for pid in handle.read().split()]
    return children


def _read(path: Path, monkeypatch, fork: bool) -> list:
    """The document read by the one kind of reader; no reader process is left once it is read (other
    tests' servers may be running: only the children this reading started count)."""
    monkeypatch.setattr(sandbox, "_can_fork", lambda: fork)
    before = set(_children())
    try:
        return sandbox.read_document(path, path.name)
    finally:
        assert set(_children()) - before == set()


@pytest.fixture(scope="module")
def pdf(tmp_path_factory) -> Path:
    from corpus.variants import office, pdf_variants
    if office() is None:
        pytest.skip("LibreOffice is not installed: no PDF of the Word example")
    return pdf_variants([WORD], tmp_path_factory.mktemp("pdf"))[0]


def test_a_forked_reader_reads_a_word_file_as_a_new_interpreter_does(monkeypatch):
    forked = _read(WORD, monkeypatch, True)
    started = _read(WORD, monkeypatch, False)
    assert forked and [p.text for p in forked] == [p.text for p in started]
    assert [p.where() for p in forked] == [p.where() for p in started]


def test_a_forked_reader_reads_a_pdf_with_its_tables_as_a_new_interpreter_does(monkeypatch, pdf):
    forked = _read(pdf, monkeypatch, True)
    started = _read(pdf, monkeypatch, False)
    assert [(p.text, p.where(), p.role) for p in forked] == [(p.text, p.where(), p.role) for p in started]
    assert any(p.table for p in forked), "the Word example's tables are read as table rows"


@pytest.mark.parametrize("fork", [True, False])
def test_a_reading_over_its_time_is_stopped_with_the_limit_named(monkeypatch, fork):
    monkeypatch.setattr(sandbox, "_WALL_SECONDS", 0)  # no time at all: the reader is stopped at once
    with pytest.raises(InputError) as raised:
        _read(WORD, monkeypatch, fork)
    assert [p.key for p in raised.value.problems] == ["document.limit_time"]


def test_a_damaged_word_file_is_the_same_input_error_either_way(monkeypatch, tmp_path):
    damaged = tmp_path / "hong.docx"
    damaged.write_bytes(WORD.read_bytes()[:2000])
    keys = []
    for fork in (True, False):
        with pytest.raises(InputError) as raised:
            _read(damaged, monkeypatch, fork)
        keys.append([(p.key, p.file) for p in raised.value.problems])
    assert keys[0] == keys[1] and keys[0][0][1] == "hong.docx"


def test_the_reader_never_raises_a_limit_above_the_one_its_process_was_given():
    """A web worker runs under a memory limit; the reader it forks keeps it as the ceiling (a process
    that is not root could not raise it, and the reading would fail)."""
    import subprocess
    code = ("import resource; from ctxh_compliance.extract import sandbox\n"
            "cap = 3 << 30\n"
            "resource.setrlimit(resource.RLIMIT_AS, (cap, cap))\n"
            "sandbox._lower(resource.RLIMIT_AS, cap * 2, cap * 2)\n"
            "print(resource.getrlimit(resource.RLIMIT_AS) == (cap, cap))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "True", done.stderr


def test_a_reader_started_early_answers_as_a_reader_forked_when_asked(monkeypatch):
    """The command forks the reader of a document named alone before importing the rest of the package
    (``start_early``); what it answers is what a reader forked when the document is asked for reads."""
    monkeypatch.setattr(sandbox, "_can_fork", lambda: True)
    before = set(_children())
    sandbox.start_early(str(WORD))
    assert sandbox._early is not None
    early = sandbox.read_document(WORD, str(WORD))
    assert sandbox._early is None and set(_children()) - before == set()
    forked = _read(WORD, monkeypatch, True)
    assert [(p.text, p.where(), p.role) for p in early] == [(p.text, p.where(), p.role) for p in forked]


def test_a_reader_started_early_for_another_document_or_name_is_ended(monkeypatch, tmp_path):
    monkeypatch.setattr(sandbox, "_can_fork", lambda: True)
    copy = tmp_path / "ban-sao.docx"
    copy.write_bytes(WORD.read_bytes())
    before = set(_children())
    sandbox.start_early(str(copy))
    read = sandbox.read_document(WORD, str(WORD))  # not the document it was started for
    assert read and sandbox._early is None and set(_children()) - before == set()
    sandbox.start_early(str(copy))
    assert sandbox.read_document(copy, "ke-hoach.docx")  # the same file under another name
    sandbox.start_early(str(copy))
    sandbox.end_early()  # never asked
    assert sandbox._early is None and set(_children()) - before == set()


def test_a_document_changed_after_its_early_reader_started_is_read_as_it_is_now(monkeypatch, tmp_path):
    monkeypatch.setattr(sandbox, "_can_fork", lambda: True)
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(WORD.read_bytes())
    sandbox.start_early(str(path))
    path.write_bytes(WORD.read_bytes()[:2000])  # damaged since: whenever the reader read it, this is what is read
    with pytest.raises(InputError) as raised:
        sandbox.read_document(path, str(path))
    assert [p.key for p in raised.value.problems] == ["extract.bad_document"]


@pytest.fixture
def live(monkeypatch):
    """Documents read as a batch worker reads them: by one reader that lives for many."""
    monkeypatch.setattr(sandbox, "_can_fork", lambda: True)
    monkeypatch.setattr(sandbox, "_live_wanted", True)
    yield
    sandbox.end_readers()


def test_a_reader_for_many_documents_reads_each_as_a_reader_of_its_own_does(monkeypatch, live, tmp_path):
    before = set(_children())
    kept = [sandbox.read_document(WORD, WORD.name) for _ in range(3)]
    assert len(set(_children()) - before) == 1  # one reader for the three
    damaged = tmp_path / "hong.docx"
    damaged.write_bytes(WORD.read_bytes()[:2000])
    with pytest.raises(InputError) as raised:
        sandbox.read_document(damaged, damaged.name)
    assert [(p.key, p.file) for p in raised.value.problems] == [("extract.bad_document", "hong.docx")]
    monkeypatch.setattr(sandbox, "_live_wanted", False)
    alone = _read(WORD, monkeypatch, True)
    for read in kept:
        assert [(p.text, p.where(), p.role) for p in read] == [(p.text, p.where(), p.role) for p in alone]


def test_a_reader_for_many_documents_over_its_time_is_that_documents_fault_and_is_replaced(monkeypatch, live):
    real = sandbox._child

    def spin(path, display):
        if display == "cham.docx":
            while True:
                pass
        return real(path, display)
    monkeypatch.setattr(sandbox, "_child", spin)  # the reader is a fork: it runs this
    monkeypatch.setattr(sandbox, "LIMIT_SECONDS", 1)
    assert sandbox.read_document(WORD, WORD.name)
    first = sandbox._live[1]
    with pytest.raises(InputError) as raised:
        sandbox.read_document(WORD, "cham.docx")
    assert [p.key for p in raised.value.problems] == ["document.limit_time"] and sandbox._live is None
    assert sandbox.read_document(WORD, WORD.name) and sandbox._live[1] != first


def test_a_pdf_without_ruled_tables_is_read_without_importing_pdfplumber(tmp_path):
    """pdfium reads the text; pdfplumber's table finder is imported for a page with rulings only."""
    import subprocess
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.cell(0, 8, "KE HOACH thuc hien Chuong trinh phat trien cong tac xa hoi", new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "khong-bang.pdf"
    pdf.output(str(path))
    code = ("import sys; from ctxh_compliance.extract import sandbox\n"
            f"answer = sandbox._child({str(path)!r}, 'khong-bang.pdf')\n"
            "print(bool(answer.get('paras')), 'pdfplumber' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["True", "False"], done.stderr
