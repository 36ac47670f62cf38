"""Hostile inputs and outputs: nothing crashes (exit 2 with a message naming the file, never 3 or a
signal), nothing is lost (no output replaces an input, a link or a device), nothing runs without
bound (a pipe, a device, a zip bomb, a document of thousands of pages is refused within seconds).

Cases too big or too machine-specific for tests/bad_inputs are made here; bench/worst_cases.py
measures the largest ones."""

import os
import resource
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))
from hostile_docs import docx_bytes, pdf_bytes  # noqa: E402

from conftest import EXAMPLES, dump

GOOD = (Path(__file__).resolve().parent / "bad_inputs" / "good.yaml").read_text(encoding="utf-8")
LANG_SON = EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml"


def run(*args, stdin=None, env=None, timeout=60, memory=2 << 30, cwd=None) -> subprocess.CompletedProcess:
    """The command line in its own process (a crash is seen as one), its memory capped so that a
    regression cannot take the machine down."""
    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    return subprocess.run([sys.executable, "-m", "ctxh_compliance", *map(str, args)], input=stdin,
                          capture_output=True, timeout=timeout, check=False, preexec_fn=cap, cwd=cwd,
                          env={**os.environ, **(env or {})})


def text(done: subprocess.CompletedProcess) -> str:
    return done.stderr.decode("utf-8", "replace")


# --- the YAML structure guard --------------------------------------------------------------------

def test_brackets_inside_a_quoted_value_are_text_not_nesting(cli, write_plan):
    plan = GOOD.replace("  kind: phase\n", '  kind: phase\n  signer: "' + "[" * 60 + " it's" + '"\n')
    result = cli(write_plan(plan))
    assert result.exit_code == 1, result.stderr  # checked: no targets, so KHÔNG ĐẠT
    assert "[" * 60 in result.stdout or "lồng nhau" not in result.stderr


def test_a_long_population_item_is_checked_in_linear_time(cli, write_plan):
    plan = GOOD + "targets:\n- indicator: staff_assignment\n  year: 2025\n  value: 60\n  unit: percent\n" \
                  "  population: [\"" + " ".join(["xã"] * 2_000) + "\"]\n"
    result = cli(write_plan(plan))
    assert result.exit_code == 1, result.stderr
    assert "QD112-T01" in result.stdout


def test_messages_stop_at_fifty_then_say_how_many_more(cli, write_plan):
    plan = GOOD + "".join(f"khoa_{i}: 1\n" for i in range(120))
    result = cli(write_plan(plan))
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2 and len(lines) == 51
    assert lines[-1] == "… và 70 lỗi khác"
    english = cli(write_plan(plan), "--lang", "en")
    assert english.stderr.strip().splitlines()[-1] == "… and 70 more problems"


# --- the input gate: what is not a regular file, what does not end, what cannot be named ------------

def test_a_file_name_over_255_bytes_is_an_input_error(cli, tmp_path):
    path = tmp_path / ("k" * 300 + ".yaml")
    result = cli(path)
    assert result.exit_code == 2 and "tên tệp quá dài (" in result.stderr and "Traceback" not in result.stderr


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "ke-hoach.yaml"
    os.mkfifo(fifo)
    done = run(fifo, timeout=20)
    assert done.returncode == 2 and f"{fifo}: không phải một tệp thường (FIFO)" in text(done)


def test_a_device_that_never_ends_is_refused(tmp_path):
    done = run("/dev/zero", timeout=20, memory=1 << 30)
    assert done.returncode == 2 and "/dev/zero: không phải một tệp thường (thiết bị)" in text(done)


def test_standard_input_is_read_up_to_the_limit_and_no_further():
    big = b"# " + b"x" * (6 << 20) + b"\n"
    done = run("/dev/stdin", stdin=big, timeout=20, memory=1 << 30)
    assert done.returncode == 2 and "/dev/stdin: đầu vào quá lớn (hơn 5242880 byte)" in text(done)
    plan = run("-", stdin=GOOD.encode("utf-8"), timeout=20)
    assert plan.returncode == 1 and "Kế hoạch thử" in plan.stdout.decode("utf-8")


@pytest.mark.parametrize("args, uses", [
    (["-", "--waivers", "-"], "kế hoạch, --waivers"),
    (["--diff", "-", "-"], "2 kế hoạch"),
    (["-", "/dev/stdin"], "2 kế hoạch"),
])
def test_standard_input_named_twice_is_refused_before_it_is_read(tmp_path, args, uses):
    done = run(*args, "-o", tmp_path / "bao-cao.txt", stdin=GOOD.encode("utf-8"), timeout=20)
    assert done.returncode == 2
    assert text(done) == f"-: đầu vào chuẩn (“-”) chỉ đọc được một lần trong một lần chạy, nhưng được dùng cho " \
                         f"{uses}; hãy lưu các tệp còn lại rồi ghi tên tệp\n"
    assert list(tmp_path.iterdir()) == []


def test_a_document_on_standard_input_is_read_once_and_extracted(tmp_path):
    document = (Path(__file__).resolve().parent / "corpus" / "seeds" / "ben_tre_outline_qd32_2016-2020.txt").read_bytes()
    from_stdin = run("--extract", "-", stdin=document, timeout=60)
    (tmp_path / "ben-tre.txt").write_bytes(document)
    from_file = run("--extract", tmp_path / "ben-tre.txt", timeout=60)
    assert from_stdin.returncode == from_file.returncode
    assert b"identification:" in from_stdin.stdout
    assert from_stdin.stdout.replace(b"<stdin>", b"-").count(b"\n") == from_file.stdout.count(b"\n")


def test_a_utf32_file_is_called_utf32(cli, write_plan):
    result = cli(write_plan(GOOD.encode("utf-32")))
    assert result.exit_code == 2 and "tệp được mã hóa UTF-32; hãy lưu lại dưới dạng UTF-8" in result.stderr
    assert "UTF-16" not in result.stderr and result.stdout == ""


# --- the configuration file goes through the same gate ---------------------------------------------

def test_a_configuration_file_of_sixty_megabytes_is_refused_before_it_is_read(tmp_path):
    config = tmp_path / "ctxh.toml"
    with open(config, "wb") as handle:
        handle.write(b'lang = "vi"\n')
        handle.truncate(60 << 20)
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text(GOOD, encoding="utf-8")
    done = run(plan, cwd=tmp_path, timeout=20, memory=1 << 30)
    assert done.returncode == 2 and done.stdout == b""
    assert text(done) == f"{config}: tệp quá lớn ({60 << 20} byte; giới hạn 5242880 byte)\n"


def test_a_deeply_nested_configuration_file_names_its_line_and_column(tmp_path):
    config = tmp_path / "ctxh.toml"
    config.write_text('lang = "vi"\nfail-on = ' + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text(GOOD, encoding="utf-8")
    done = run(plan, cwd=tmp_path, timeout=20)
    assert done.returncode == 2 and done.stdout == b""
    assert text(done) == f"{config}:2:61: cấu trúc lồng nhau quá sâu (giới hạn 50 cấp)\n"


def test_a_configuration_file_that_is_a_fifo_is_not_called_missing(tmp_path):
    config = tmp_path / "ctxh.toml"
    os.mkfifo(config)
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text(GOOD, encoding="utf-8")
    for args in ([plan], ["--config", config, plan]):
        done = run(*args, cwd=tmp_path, timeout=20)
        assert done.returncode == 2 and done.stdout == b""
        assert text(done) == f"{config}: không phải một tệp thường (FIFO); hãy lưu nội dung vào một tệp, hoặc dùng - " \
                             f"để đọc từ đầu vào chuẩn\n"


def test_links_that_lead_nowhere_in_a_batch_folder_are_reported(cli, tmp_path):
    folder = tmp_path / "ke-hoach"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD, encoding="utf-8")
    (folder / "mat.yaml").symlink_to(tmp_path / "khong-co.yaml")
    (folder / "vong.yaml").symlink_to(folder / "vong.yaml")
    result = cli(folder)
    assert result.exit_code == 2
    assert f"{folder / 'mat.yaml'}: liên kết tượng trưng trỏ tới một tệp không tồn tại" in result.stderr
    assert f"{folder / 'vong.yaml'}: vòng lặp liên kết tượng trưng" in result.stderr
    assert f"{folder / 'a.yaml'}: KHÔNG ĐẠT" in result.stdout


def test_a_terminal_that_cannot_show_vietnamese_gets_plain_letters():
    for env in ({"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "latin-1"}, {"LANG": "C", "LC_ALL": "C"}):
        done = run(LANG_SON, env=env)
        assert done.returncode == 0, (env, text(done))
        assert b"Lang Son" in done.stdout or "Lạng Sơn".encode() in done.stdout
    bad = run(LANG_SON, "--select", "KHONG-CO", env={"PYTHONIOENCODING": "ascii"})
    assert bad.returncode == 2 and b"Traceback" not in bad.stderr


# --- outputs: never in place of an input, a link or a device -------------------------------------

def test_a_batch_into_its_own_folder_keeps_the_document_beside_each_plan(cli, tmp_path):
    folder = tmp_path / "kh"
    folder.mkdir()
    (folder / "ke-hoach.yaml").write_text(GOOD.replace("period:", "source:\n  document: ke-hoach.txt\nperiod:"),
                                          encoding="utf-8")
    (folder / "ke-hoach.txt").write_text("văn bản gốc\n", encoding="utf-8")
    (folder / "khac.yaml").write_text(GOOD, encoding="utf-8")
    result = cli(folder, "-o", folder)
    assert result.exit_code == 1, result.stderr
    assert (folder / "ke-hoach.txt").read_text(encoding="utf-8") == "văn bản gốc\n"
    reports = sorted(p.name for p in folder.iterdir())
    assert "khac.txt" in reports and len([n for n in reports if n.endswith(".txt")]) == 3, reports


def test_the_same_report_can_be_written_again(cli, tmp_path):
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text(GOOD, encoding="utf-8")
    first = cli(plan, "-o", tmp_path / "ke-hoach.txt")
    again = cli(plan, "-o", tmp_path / "ke-hoach.txt")
    assert first.exit_code == again.exit_code == 1, again.stderr


def test_the_document_a_plan_names_is_never_the_output(cli, tmp_path):
    (tmp_path / "van-ban.txt").write_text("văn bản gốc\n", encoding="utf-8")
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text(GOOD.replace("period:", "source:\n  document: van-ban.txt\nperiod:"), encoding="utf-8")
    result = cli(plan, "-o", tmp_path / "van-ban.txt")
    assert result.exit_code == 2 and "là một tệp đầu vào của lần chạy này (" in result.stderr
    assert (tmp_path / "van-ban.txt").read_text(encoding="utf-8") == "văn bản gốc\n"


def test_the_waiver_file_is_never_the_output(cli, tmp_path, write_plan):
    waivers = tmp_path / "w.yaml"
    content = dump({"waivers": [{"rule": "QD112-T01", "file": "x.yaml", "reason": "r", "by": "b", "date": "2026-01-01"}]})
    waivers.write_text(content, encoding="utf-8")
    result = cli(write_plan(GOOD), "--waivers", waivers, "-o", waivers)
    assert result.exit_code == 2 and f"{waivers}: tệp kết quả là một tệp đầu vào" in result.stderr
    assert waivers.read_text(encoding="utf-8") == content


def test_a_ruleset_file_is_never_the_output(cli, tmp_path, write_plan):
    import shutil
    from conftest import ROOT
    rules = tmp_path / "bo-quy-tac"
    shutil.copytree(ROOT / "rulesets" / "qd112_2021", rules)
    decision = (rules / "decision.yaml").read_bytes()
    result = cli(write_plan(GOOD), "--ruleset", rules, "-o", rules / "decision.yaml")
    assert result.exit_code == 2 and "tệp kết quả là một tệp đầu vào" in result.stderr
    assert (rules / "decision.yaml").read_bytes() == decision


def test_an_output_that_is_a_link_is_not_replaced_nor_followed(cli, tmp_path, write_plan):
    target = tmp_path / "quan-trong.txt"
    target.write_text("giữ nguyên\n", encoding="utf-8")
    link = tmp_path / "bao-cao.txt"
    link.symlink_to(target)
    result = cli(write_plan(GOOD), "-o", link)
    assert result.exit_code == 2 and "không phải tệp thường (liên kết tượng trưng)" in result.stderr
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "giữ nguyên\n"


def test_an_output_that_is_a_fifo_or_a_device_is_not_replaced(tmp_path, write_plan):
    fifo = tmp_path / "bao-cao.txt"
    os.mkfifo(fifo)
    done = run(write_plan(GOOD), "-o", fifo, timeout=20)
    assert done.returncode == 2 and "(FIFO)" in text(done)
    assert fifo.is_fifo()
    null = run(write_plan(GOOD), "-o", "/dev/null", timeout=20)
    assert null.returncode == 2 and "(thiết bị)" in text(null)
    assert Path("/dev/null").is_char_device()


# --- batches: the same results whatever the number of workers ------------------------------------

def test_worker_processes_give_the_same_results_in_the_same_order(tmp_path):
    folder = tmp_path / "kh"
    folder.mkdir()
    for i, value in enumerate((10, 60, 90, 30, 50, 85)):
        (folder / f"p{i}.yaml").write_text(GOOD + f"targets:\n- {{indicator: staff_assignment, year: 2025, "
                                                  f"value: {value}, unit: percent}}\n", encoding="utf-8")
    (folder / "hong.yaml").write_text("identification: [\n", encoding="utf-8")
    one, two = tmp_path / "one", tmp_path / "two"
    first = run(folder, "-f", "json", "-o", one, "--jobs", "1")
    second = run(folder, "-f", "json", "-o", two, "--jobs", "2")
    assert first.returncode == second.returncode == 2
    assert first.stdout == second.stdout
    assert first.stderr.replace(bytes(one), b"OUT") == second.stderr.replace(bytes(two), b"OUT")  # "Đã ghi … vào OUT"
    assert sorted(p.name for p in one.iterdir()) == sorted(p.name for p in two.iterdir())
    for report in one.iterdir():
        assert report.read_bytes() == (two / report.name).read_bytes(), report.name


def test_worker_processes_give_the_same_summary_for_plans_of_two_rulesets(tmp_path):
    """Each worker sends a rule's title once; the summary's columns of both rulesets are whole."""
    folder = tmp_path / "kh"
    folder.mkdir()
    examples = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))
    for i in range(3):  # several plans per worker, so that most rows arrive without titles
        for example in examples:
            (folder / f"{i}-{example.name}").write_bytes(example.read_bytes())
    one, two = tmp_path / "one", tmp_path / "two"
    first = run(folder, "-o", one, "--jobs", "1")
    second = run(folder, "-o", two, "--jobs", "2")
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout
    summary = (two / "summary.html").read_text(encoding="utf-8")
    assert summary == (one / "summary.html").read_text(encoding="utf-8")
    assert "QD112-T01" in summary and "QD32-T01" in summary
    assert (two / "summary.csv").read_bytes() == (one / "summary.csv").read_bytes()
    assert (two / "summary.xlsx").read_bytes() == (one / "summary.xlsx").read_bytes()


def _processes_naming(text: str) -> list[str]:
    """The command lines of the running processes that name ``text`` (a test's folder)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if entry.name.isdigit() and text in line:
            found.append(line)
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="processes are listed from /proc")
def test_the_whole_bad_input_corpus_gives_the_same_output_with_two_workers(tmp_path):
    """Every bad plan of tests/bad_inputs and hostile documents in one folder: with two worker
    processes, the same lines, the same exit code and the same files as with one, each bad file
    named, the summary written; no worker or document reader is left running."""
    folder = tmp_path / "kho"
    folder.mkdir()
    corpus = Path(__file__).resolve().parent / "bad_inputs"
    for path in corpus.glob("*.y*ml"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "hong.docx").write_bytes(b"PK\x03\x04 not a zip")
    (folder / "hong.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n")
    (folder / "bom.docx").write_bytes(_docx(blanks=64 << 20))
    (folder / "van-ban.txt").write_text(GOOD, encoding="utf-8")
    one, two = tmp_path / "one", tmp_path / "two"
    first = run(folder, "-o", one, "--jobs", "1", timeout=300)
    second = run(folder, "-o", two, "--jobs", "2", timeout=300)
    assert first.returncode == second.returncode == 2, text(second)
    # the same lines, but for the output folder each run names when it says what it wrote
    assert first.stdout == second.stdout
    assert first.stderr.replace(bytes(one), b"OUT") == second.stderr.replace(bytes(two), b"OUT")
    assert "missing-kind.yaml: LỖI TỆP" in second.stdout.decode() and "hong.docx: LỖI TỆP" in second.stdout.decode()
    assert "BrokenProcessPool" not in text(second) and "lỗi nội bộ" not in text(second)
    assert sorted(p.name for p in one.iterdir()) == sorted(p.name for p in two.iterdir())
    assert (two / "summary.html").exists() and (two / "summary.csv").exists()
    for report in one.iterdir():
        assert report.read_bytes() == (two / report.name).read_bytes(), report.name
    assert _processes_naming(str(folder)) == []


def test_what_a_worker_returns_crosses_processes_as_the_same_value():
    """Problems whose values are catalogue terms, errors and a whole report: pickled and read back
    (as a worker's result is), the same value, saying the same in both languages."""
    import pickle

    from ctxh_compliance import check, load_plan, select_ruleset
    from ctxh_compliance.core.errors import CheckerError, InputError, Problem, Term
    term = Term("extract.bad_document", kind=".docx", detail=Term("extract.damaged"))
    error = InputError([Problem("kh.docx", 3, 1, "gate.not_regular", {"kind": Term("file_kind.fifo"), "why": term})])
    back = pickle.loads(pickle.dumps(error))
    assert back.problems == error.problems
    assert back.render("vi") == error.render("vi") and back.render("en") == error.render("en")
    assert "FIFO" in back.render("vi")
    failed = pickle.loads(pickle.dumps(CheckerError("QD112-T01", "chia cho 0")))
    assert failed.render("vi") == CheckerError("QD112-T01", "chia cho 0").render("vi")
    loaded = load_plan(LANG_SON)
    report = check(loaded, *select_ruleset(loaded))
    assert pickle.loads(pickle.dumps(report)) == report


class _DiesOn:
    """A check whose process dies (as in native code) on one plan."""

    def __init__(self, name: str):
        self.name = name

    def __call__(self, path: Path):
        from ctxh_compliance.reports.summary import PlanResult
        if path.name == self.name:
            os._exit(1)
        return PlanResult(path)


def test_a_worker_that_dies_is_that_plans_failure_and_the_batch_goes_on(tmp_path):
    from ctxh_compliance.cli.batch import check_all
    files = [tmp_path / f"p{i}.yaml" for i in range(7)]
    results = list(check_all(files, _DiesOn("p3.yaml"), jobs=2))
    assert [r.path for r in results] == files
    assert [r.path.name for r in results if r.problems] == ["p3.yaml"]
    dead = results[3]
    assert dead.internal and "dừng đột ngột" in dead.problems[0].render("vi")
    assert dead.problems[0].file == str(files[3])


# --- documents: read in a child process with limits, bombs refused before they are unpacked ------

def _docx(member: bytes | None = None, blanks: int = 0) -> bytes:
    return docx_bytes(member, blanks)


def test_a_docx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    bomb = tmp_path / "bom.docx"
    bomb.write_bytes(_docx(blanks=200 << 20))
    done = run(bomb, timeout=30, memory=1 << 30)
    assert done.returncode == 2 and "tệp .docx khi giải nén quá lớn" in text(done)


def test_a_docx_with_an_abnormal_compression_ratio_is_refused(tmp_path):
    body = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 200_000
    xml = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
           b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + body
           + b"</w:body></w:document>")
    path = tmp_path / "nen.docx"
    path.write_bytes(_docx(xml))
    done = run(path, timeout=30, memory=1 << 30)
    assert done.returncode == 2 and "có thể là bom nén" in text(done)



def test_a_pdf_whose_stream_inflates_past_the_memory_limit_is_refused(tmp_path):
    compressor = zlib.compressobj(9)
    stream = b"".join(compressor.compress(b" " * (1 << 20)) for _ in range(1024)) + compressor.flush()
    path = tmp_path / "bom.pdf"
    path.write_bytes(pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                           b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                           b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]))
    done = run(path, timeout=60, memory=3 << 30)
    assert done.returncode == 2 and "vượt giới hạn" in text(done), text(done)


def test_a_document_read_in_a_long_lived_process_stops_at_the_readers_own_limits(tmp_path, monkeypatch):
    """A web worker reads a Word document in its own process: the reading stops at the reader's
    processor time (as the command line's child process does), with the command line's message, and
    the process goes on with its own limits as they were."""
    from ctxh_compliance.core.errors import InputError
    from ctxh_compliance.extract import sandbox

    def spin(path, display):
        while True:
            pass
    monkeypatch.setattr(sandbox, "_child", spin)
    document = tmp_path / "ke-hoach.docx"
    document.write_bytes(_docx())
    before = resource.getrlimit(resource.RLIMIT_CPU), resource.getrlimit(resource.RLIMIT_AS)
    with pytest.raises(InputError) as raised:
        sandbox.read_document(document, in_process=True)
    assert raised.value.render("vi") == f"{document}: đọc văn bản vượt giới hạn thời gian (3 giây xử lý); văn bản " \
                                         f"quá lớn hoặc bị hỏng"
    assert (resource.getrlimit(resource.RLIMIT_CPU), resource.getrlimit(resource.RLIMIT_AS)) == before


def test_a_pdf_of_thousands_of_pages_is_refused_before_its_pages_are_read(tmp_path):
    pages = 2_000
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                b"/Contents %d 0 R >>" % (4 + pages) for _ in range(pages)]
    content = b"BT /F1 9 Tf 40 800 Td (Ke hoach) Tj ET"
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    path = tmp_path / "dai.pdf"
    path.write_bytes(pdf_bytes(objects))
    done = run(path, timeout=60)
    assert done.returncode == 2 and "tệp PDF có quá nhiều trang (2000; giới hạn" in text(done)


def test_a_document_within_the_limits_still_checks(tmp_path):
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in ("UY BAN NHAN DAN TINH LANG SON", "KE HOACH thuc hien Chuong trinh phat trien cong tac xa hoi"):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "ngan.pdf"
    pdf.output(str(path))
    done = run(path, timeout=60)
    assert done.returncode in (0, 1, 2) and "vượt giới hạn" not in text(done) and b"Traceback" not in done.stderr


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_a_document_that_is_a_fifo_is_refused(tmp_path, suffix):
    fifo = tmp_path / f"van-ban{suffix}"
    os.mkfifo(fifo)
    done = run(fifo, timeout=20)
    assert done.returncode == 2 and "không phải một tệp thường (FIFO)" in text(done)


def test_a_text_document_longer_than_the_limit_is_refused_before_extraction(cli, tmp_path):
    limit = 300_000  # extract.sandbox.MAX_CHARS, as README says
    path = tmp_path / "dai.txt"
    path.write_text("Kế hoạch thực hiện Chương trình phát triển công tác xã hội.\n" * (limit // 50), encoding="utf-8")
    result = cli(path)
    assert result.exit_code == 2 and f"văn bản quá dài ({len(path.read_text(encoding='utf-8'))} ký tự; giới hạn " \
                                      f"{limit})" in result.stderr
