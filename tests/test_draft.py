"""``ctxh-check draft``: a plan skeleton built from the ruleset, and the round trip as its oracle.

For every ruleset, a sample of current provinces and each kind of plan the programme allows, the draft
written as Word (and as its LibreOffice PDF, and as a plan file) is checked through the command line:

- no KHÔNG ĐẠT and no CẢNH BÁO;
- ĐẠT on every verified requirement the skeleton fills;
- CẦN XEM XÉT only on what the draft leaves to the province (its blanks, the grade-C values, the
  rules that pass only on a completed plan) and, for a document, on the parts the document reader
  does not read (see ``READ_PARTS``).
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ctxh_compliance.draft import build
from ctxh_compliance.rules.ruleset_loader import available_rulesets, load_ruleset

#: the parts of a plan the document reader fills (extract/): a required part outside them is for review
#: when the plan is read from a document, whatever the document says
READ_PARTS = {"targets", "task_groups", "budget", "budget.sources", "budget.total"}
PROVINCES = ["Lào Cai", "thành phố Huế", "Hà Nội", "Cà Mau", "tỉnh Đồng Nai", "Lai Châu"]


def _combinations() -> list[tuple[str, int, int, str]]:
    """(ruleset, start, end, kind): each phase, the whole programme, an annual plan between milestones
    and one in a milestone year."""
    out = []
    for name in available_rulesets():
        decision = load_ruleset(name).decision_file
        for phase in decision.phases:
            out.append((name, phase.start, phase.end, "phase"))
        out.append((name, decision.programme_start, decision.programme_end, "programme"))
        last = decision.phases[-1]
        out.append((name, last.start + 1, last.start + 1, "annual"))
        out.append((name, decision.phases[0].milestone, decision.phases[0].milestone, "annual"))
    return out


COMBINATIONS = _combinations()


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ctxh_compliance", *args], capture_output=True, text=True,
                          timeout=300)


def _verdicts(path) -> dict[str, str]:
    """rule id -> its worst verdict, from the JSON report of the command line."""
    result = _run(str(path), "-f", "json")
    assert result.returncode in (0, 1), result.stderr
    return _worst(json.loads(result.stdout))


def _worst(report: dict) -> dict[str, str]:
    order = ["fail", "warning", "needs_review", "pass", "not_applicable"]
    worst: dict[str, str] = {}
    for finding in report["findings"]:
        rule, verdict = finding["rule_id"], finding["verdict"]
        if rule not in worst or order.index(verdict) < order.index(worst[rule]):
            worst[rule] = verdict
    return worst


def _unread_parts(rs, document) -> set[str]:
    """Required parts the document reader did not give (it reads targets, task groups and funding lines
    in the words it knows; a general objective, the assignments and the reporting duties not at all)."""
    from ctxh_compliance.extract import extract
    plan = extract(document).plan
    read = {path for path in READ_PARTS if _present(plan, path)}
    return {r.id for r in rs.rules if r.kind == "required_part" and not set(r.parts) & read}


def _present(plan, path: str) -> bool:
    value = plan
    for name in path.split("."):
        value = getattr(value, name, None)
    return bool(value)


def assert_round_trip(verdicts: dict[str, str], outline, document=None) -> None:
    rs = load_ruleset(outline.ruleset)
    grade = {r.id: r.grade for r in rs.rules}
    assert not {r: v for r, v in verdicts.items() if v in ("fail", "warning")}
    left = set(outline.blanks) | set(outline.pending) | (_unread_parts(rs, document) if document else set())
    if document:  # the draft's date is a blank: a rule judged from the day a change took effect rests on
        # today's date, for review, when the plan's period begins no later than the change's year
        left |= {r.id for r in rs.rules if getattr(r, "effective", None) and outline.start <= r.effective.year}
    for rule in outline.filled:
        if grade[rule] != "C" and rule not in left:
            assert verdicts[rule] in ("pass", "not_applicable"), (rule, verdicts[rule])
    reviewed = {r for r, v in verdicts.items() if v == "needs_review"}
    assert reviewed <= left | {r for r in verdicts if grade[r] == "C"}, reviewed - left
    for rule in outline.blanks:
        assert verdicts[rule] in ("needs_review", "not_applicable"), (rule, verdicts[rule])


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> list[dict]:
    """Each combination drafted through the command line as Word and as a plan file, and the Word files
    exported to PDF by LibreOffice in one run (when it is installed)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))
    from variants import pdf_variants
    out = tmp_path_factory.mktemp("drafts")
    made = []
    for index, (name, start, end, kind) in enumerate(COMBINATIONS):
        province = PROVINCES[index % len(PROVINCES)]
        period = f"{start}-{end}" if start != end else str(start)
        entry = {"outline": build(province, start, end, kind, name)}
        for suffix in ("docx", "yaml"):
            entry[suffix] = out / f"du-thao-{index}.{suffix}"
            result = _run("draft", "--province", province, "--period", period, "--kind", kind, "-o",
                          str(entry[suffix]))
            assert result.returncode == 0, result.stderr
        made.append(entry)
    pdf_folder = out / "pdf"
    pdf_folder.mkdir()
    pdfs = {path.stem: path for path in pdf_variants([entry["docx"] for entry in made], pdf_folder)}
    for entry in made:
        entry["pdf"] = pdfs.get(entry["docx"].stem)
    # every file checked by one batch run of the command line, one JSON report each
    files = [entry[kind] for entry in made for kind in ("docx", "yaml", "pdf") if entry[kind] is not None]
    reports = out / "reports"
    result = _run(*map(str, files), "-f", "json", "-o", str(reports))
    assert result.returncode == 0, result.stdout + result.stderr
    from ctxh_compliance.cli.batch import report_names
    names = report_names(files, ".json")
    for entry in made:
        entry["verdicts"] = {kind: _worst(json.loads((reports / names[entry[kind]]).read_text(encoding="utf-8")))
                             for kind in ("docx", "yaml", "pdf") if entry[kind] is not None}
    return made


@pytest.mark.parametrize("index", range(len(COMBINATIONS)))
def test_the_draft_checks_with_no_fail_pass_where_filled_and_review_on_the_blanks(drafts, index):
    entry = drafts[index]
    outline = entry["outline"]
    for suffix in ("docx", "yaml"):
        verdicts = entry["verdicts"][suffix]
        assert_round_trip(verdicts, outline, document=entry[suffix] if suffix == "docx" else None)
        # every verified national target of a milestone in the period is filled at the national value
        for rule in load_ruleset(outline.ruleset).rules:
            if rule.kind == "min_target" and rule.year and outline.start <= rule.year <= outline.end \
                    and rule.grade != "C" and rule.value is not None:
                assert verdicts[rule.id] == "pass", (suffix, rule.id, verdicts[rule.id])


@pytest.mark.parametrize("index", range(len(COMBINATIONS)))
def test_the_word_draft_exported_to_pdf_by_libreoffice_checks_the_same(drafts, index):
    entry = drafts[index]
    if entry["pdf"] is None:
        pytest.skip("LibreOffice (soffice) is not installed (Debian: apt-get install libreoffice-writer): "
                    "the PDF round trip is not run")
    from_pdf = entry["verdicts"]["pdf"]
    assert_round_trip(from_pdf, entry["outline"], document=entry["pdf"])
    assert from_pdf == entry["verdicts"]["docx"]


def test_the_skeleton_reads_as_a_plan_of_today(tmp_path):
    """The layout provinces use, the current bodies and name, the decision with its number and date, the
    national values where verified and a blank where not — nothing invented."""
    path = tmp_path / "du-thao.md"
    result = _run("draft", "--province", "Lào Cai", "--period", "2026-2030", "-o", str(path))
    assert result.returncode == 0 and "du-thao.md" in result.stderr
    text = path.read_text(encoding="utf-8")
    for expected in ("ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: …/KH-UBND",
                     "Lào Cai, ngày … tháng … năm …", "# KẾ HOẠCH",
                     "Thực hiện Chương trình phát triển công tác xã hội giai đoạn 2026 - 2030 trên địa bàn tỉnh Lào Cai",
                     "Căn cứ Quyết định số 112/QĐ-TTg ngày 22/01/2021 của Thủ tướng Chính phủ",
                     "Căn cứ Nghị định số 110/2024/NĐ-CP",
                     "Căn cứ Quyết định số 2096/QĐ-TTg ngày 14/12/2021 của Thủ tướng Chính phủ về sửa đổi, bổ sung "
                     "khoản 1 Mục III Điều 1 của Quyết định số 112/QĐ-TTg về kinh phí",
                     "I. MỤC TIÊU", "1. Mục tiêu chung", "2. Mục tiêu cụ thể",
                     "II. NHIỆM VỤ", "III. KINH PHÍ", "IV. TỔ CHỨC THỰC HIỆN", "- Chủ trì: Sở Y tế",
                     "UBND các xã, phường, đặc khu", "Bộ Y tế", "Trên đây là", "Nơi nhận:",
                     "đạt 90% số cơ quan, tổ chức", "tối thiểu 60% số cơ sở trợ giúp xã hội"):
        assert expected in text, expected
    # a one-year budget allocation (627/QĐ-TTg, `drafts: false`) and the ministry and districts of before 2025
    # are not in it, nor the words only provincial copies add to the decision's ("[có đủ điều kiện]" in the
    # ruleset's quote)
    for absent in ("627/QĐ-TTg", "Lao động - Thương binh", "huyện", "thị trấn", "40%", "có đủ điều kiện", "["):
        assert absent not in text, absent
    # the 2030 training share was never read nationally: a blank, not the 40% of provincial copies
    assert "ít nhất có …% số cán bộ" in text
    # each verified target is marked as a minimum the province may raise
    assert text.count("tỉnh có thể đặt cao hơn") >= 2


@pytest.mark.parametrize(("args", "words"), [
    (["--province", "Yên Bái", "--period", "2026-2030"], ["Yên Bái", "Lào Cai"]),
    (["--province", "Lao Kai", "--period", "2026-2030"], ["Lao Kai", "gần nhất: Lào Cai"]),
    (["--province", "Lào Cai", "--period", "2031-2035"], ["2031-2035", "qd112_2021 (2021-2030)", "qd32_2010 (2010-2020)"]),
    (["--province", "Lào Cai", "--period", "2026-2030", "--kind", "annual"], ["annual", "phase"]),
    (["--province", "Lào Cai", "--period", "2026-20"], ["2026-20"]),
])
def test_bad_input_is_exit_2_with_what_to_write(tmp_path, args, words):
    out = tmp_path / "d.docx"
    result = _run("draft", *args, "-o", str(out))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr
    assert not out.exists()


def test_messages_in_english_and_a_plan_file_named_draft_is_still_checked(tmp_path, monkeypatch):
    result = _run("draft", "--province", "Hà Tây", "--period", "2026-2030", "-o", str(tmp_path / "d.md"),
                  "--lang", "en")
    assert result.returncode == 2 and "no province or city “Hà Tây”" in result.stderr
    monkeypatch.chdir(tmp_path)
    assert _run("draft", "--province", "Cà Mau", "--period", "2027", "-o", "draft.yaml").returncode == 0
    assert "Chương trình phát triển công tác xã hội năm 2027" in (tmp_path / "draft.yaml").read_text(encoding="utf-8")
    checked = _run("./draft.yaml", "-f", "json")
    assert checked.returncode == 0 and json.loads(checked.stdout)["plan"]["period"] == "2027-2027"


def test_the_library_function_gives_the_bytes_of_each_format():
    from ctxh_compliance.draft import write_draft
    word = write_draft("Cà Mau", 2026, 2030, fmt="docx")
    assert word[:2] == b"PK"
    assert write_draft("Cà Mau", 2026, 2030, fmt="md").decode("utf-8").count("- Chủ trì: Sở Y tế") == 7
    assert b"complete: false" in write_draft("Cà Mau", 2026, 2030, fmt="yaml")


def test_the_draft_modules_name_no_decision():
    import ctxh_compliance.draft as draft
    for module in Path(draft.__file__).parent.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert not re.search(r"\d+/(\d{4}/)?QĐ|qd112|qd32|112/|32/2010", text), module.name


def test_the_main_help_names_the_subcommand_and_a_missing_word_package_names_one_to_install(monkeypatch):
    assert "ctxh-check draft" in _run("-h").stdout
    from ctxh_compliance.draft import write_draft
    from ctxh_compliance.core.errors import InputError
    monkeypatch.setitem(sys.modules, "docx", None)  # python-docx not installed
    with pytest.raises(InputError) as raised:
        write_draft("Lào Cai", 2026, 2030, fmt="docx")
    assert "pip install python-docx" in raised.value.render("vi")
    assert write_draft("Lào Cai", 2026, 2030, fmt="md").startswith("**ỦY BAN NHÂN DÂN**".encode())


def test_every_current_province_gets_a_draft_whose_name_and_bodies_check(tmp_path):
    """All 34 units of today: the name the reader takes from the header (or the place line of a city) is
    the current one, and nothing in the draft warns or fails."""
    from ctxh_compliance import check
    from ctxh_compliance.extract.document import load_document
    from ctxh_compliance.draft import write_draft
    from ctxh_compliance.rules.kinds.old_province import current_names
    rs = load_ruleset("qd112_2021")
    names = list(current_names(next(r for r in rs.rules if r.kind == "old_province")).values())
    assert len(names) == 34
    path = tmp_path / "du-thao.docx"
    for name in names:
        path.write_bytes(write_draft(name, 2026, 2030, fmt="docx"))
        loaded, _ = load_document(path)
        verdicts = {f.rule_id: f.verdict.value for f in check(loaded, rs).findings}
        assert verdicts["CTXH-P01"] == "pass", (name, loaded.plan.identification.province)
        assert not {r: v for r, v in verdicts.items() if v in ("fail", "warning")}, name


def _fill(path, values: dict[str, list[str]]) -> None:
    """Fill the blanks of a Word draft as a province does in Word: in the paragraph (or header cell)
    holding a key, each "…" in turn gets the next value."""
    import docx
    document = docx.Document(str(path))
    paragraphs = list(document.paragraphs) + [p for cell in document.tables[0].rows[0].cells for p in cell.paragraphs]
    for paragraph in paragraphs:
        for key, filled in values.items():
            if key in paragraph.text and "…" in paragraph.text:
                text = paragraph.text
                for value in filled:
                    text = text.replace("…", value, 1)
                for run in paragraph.runs[1:]:
                    run.text = ""
                paragraph.runs[0].text = text
    document.save(str(path))


def test_a_filled_draft_is_checked_on_what_the_province_wrote(tmp_path):
    """Draft, fill in Word, check: the arithmetic is checked on the figures written in the blanks (a sum
    that does not add up is KHÔNG ĐẠT, exit 1), the number and date are read, and a value filled in where
    the national value was never read stays for review — the draft gives it no pass."""
    path = tmp_path / "du-thao.docx"
    assert _run("draft", "--province", "Lào Cai", "--period", "2026-2030", "-o", str(path)).returncode == 0
    right = {"Số:": ["57"], "Lào Cai, ngày": ["20", "3", "2026"],
             "Tổng kinh phí": ["5.000.000.000", "Năm tỷ"], "hằng năm:": ["1.000.000.000"],
             "Ngân sách trung ương": ["0"], "Ngân sách địa phương:": ["3.000.000.000"],
             "Nguồn xã hội hóa": ["2.000.000.000"], "ít nhất có …% số cán bộ": ["40"]}
    _fill(path, right)
    result = _run(str(path), "-f", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    verdicts = {f["rule_id"]: f["verdict"] for f in report["findings"]}
    assert report["plan"]["number"] == "57/KH-UBND" and report["plan"]["date"] == "2026-03-20"
    assert verdicts["CTXH-A01"] == verdicts["CTXH-A03"] == verdicts["CTXH-A04"] == "pass"
    assert verdicts["QD112-T13"] == "needs_review"  # 40% written, the national value still unread
    assert not {r: v for r, v in verdicts.items() if v in ("fail", "warning")}

    wrong = tmp_path / "sai.docx"
    assert _run("draft", "--province", "Lào Cai", "--period", "2026-2030", "-o", str(wrong)).returncode == 0
    _fill(wrong, {**right, "Nguồn xã hội hóa": ["1.500.000.000"]})
    result = _run(str(wrong), "-f", "json")
    assert result.returncode == 1
    failed = {f["rule_id"] for f in json.loads(result.stdout)["findings"] if f["verdict"] == "fail"}
    assert failed == {"CTXH-A01"}
