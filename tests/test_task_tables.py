"""Plans whose tasks stand in a responsibilities table (tests/corpus/task_tables.py), through the command
line: each task group gets the lead and partners of its rows, located in the table (table, row), and the
rules about groups, leads and partners give the verdicts of the hand-made plan, for the Word file and its
LibreOffice PDF. A lead is never made up: a table of targets with a lead column gives no group a lead, a
group whose rows name no lead has none."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS))
import task_tables  # noqa: E402

NAMES = task_tables.NAMES
NO_OFFICE = "LibreOffice is not installed (Debian: apt-get install libreoffice-writer): PDF variants not checked"
ROLE_RULES = ("QD112-G", "CTXH-I")  # task groups and their lead; bodies named as lead or partner


def run(*args):
    return subprocess.run([sys.executable, "-m", "ctxh_compliance", *map(str, args)], capture_output=True, text=True,
                          timeout=600)


def extracted(path) -> dict:
    result = run("--extract", path)
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def report(path) -> dict:
    result = run(path, "-f", "json")
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def role_verdicts(path) -> dict:
    return {f["rule_id"]: f["verdict"] for f in report(path)["findings"] if f["rule_id"].startswith(ROLE_RULES)}


def hand_made(name: str) -> dict:
    return yaml.safe_load((CORPUS / "task_tables" / f"{name}.yaml").read_text(encoding="utf-8"))


def by_group(plan: dict) -> dict:
    return {tuple(g["covers"]): (g.get("lead", []), g.get("partners", [])) for g in plan["task_groups"]}


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    return task_tables.build(tmp_path_factory.mktemp("task-tables"))


def _document(made, name: str, kind: str) -> Path:
    if kind == "pdf" and not made["pdf"]:
        pytest.skip(NO_OFFICE)
    return next(p for p in made[kind] if p.stem == name)


@pytest.mark.parametrize("kind", ["docx", "pdf"])
@pytest.mark.parametrize("name", NAMES)
def test_each_group_gets_the_lead_and_partners_of_its_rows(made, name, kind):
    assert by_group(extracted(_document(made, name, kind))) == by_group(hand_made(name))


@pytest.mark.parametrize("kind", ["docx", "pdf"])
@pytest.mark.parametrize("name", NAMES)
def test_lead_rules_give_the_verdicts_of_the_hand_made_plan(made, name, kind, tmp_path):
    plan = hand_made(name)
    plan["source"]["complete"] = True  # the document is read to its closing: whole, as its hand-made plan
    truth = tmp_path / f"{name}.yaml"
    truth.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    verdicts, expected = role_verdicts(_document(made, name, kind)), role_verdicts(truth)
    # the same verdicts, but that a lead the reader did not find in the document is for review: the
    # hand-made plan's warning rests on an absence a person saw, the document's on what a reader missed
    differ = {rule: (verdicts.get(rule), expected.get(rule)) for rule in verdicts.keys() | expected.keys()
              if verdicts.get(rule) != expected.get(rule)}
    assert all(found == "needs_review" and known in ("warning", "fail") for found, known in differ.values()), differ
    assert [verdicts[f"QD112-G0{n}"] for n in (1, 2, 4, 5, 6)] == ["pass"] * 5  # each group has its lead


def _evidence(path, rule: str) -> dict:
    finding = next(f for f in report(path)["findings"] if f["rule_id"] == rule)
    return finding["evidence"][0]


def test_lead_keeps_its_table_and_row(made):
    word = _document(made, "thanh_hoa_2026-2030", "docx")
    plan = extracted(word)
    text = (word.parent / "thanh_hoa.yaml")
    text.write_text(run("--extract", word).stdout, encoding="utf-8")
    comments = [line for line in text.read_text(encoding="utf-8").splitlines() if line.strip().startswith("lead:")]
    # the communication group (heading row 11): its lead gathered from its rows 12 and 13
    assert "bảng 2, hàng 12, medium (gộp từ các hàng 12, 13 của bảng 2)" in comments[3]
    communication = next(g for g in plan["task_groups"] if g["covers"] == ["communication"])
    assert communication["quote"].startswith("IV. Truyền thông, nâng cao nhận thức về công tác xã hội | "
                                             "Cơ quan chủ trì: Sở Văn hóa, Thể thao và Du lịch")
    assert _evidence(word, "QD112-G05")["location"].endswith(
        "(bảng 2, hàng 11: dưới “III. NHIỆM VỤ VÀ GIẢI PHÁP”, “IV. Truyền thông, nâng cao nhận thức về …”)")


def test_annex_after_the_signature_gives_the_groups_of_the_tasks_part_their_lead(made):
    word = _document(made, "gia_lai_2026-2030", "docx")
    plan = extracted(word)
    assert [g["heading"][:2] for g in plan["task_groups"]] == ["1.", "2.", "3.", "4.", "5."]  # not twice
    assert _evidence(word, "QD112-G04")["location"].startswith(f"{word} (đoạn 24: ")  # the heading in the tasks part
    # (paragraphs counted as a reader counts them: the header table is not a paragraph)
    text = run("--extract", word).stdout
    assert "lead:  # bảng 2, hàng 4, high" in text  # its lead: the annex's row


@pytest.mark.parametrize("kind", ["docx", "pdf"])
@pytest.mark.parametrize("name", ["gia_lai_2026-2030", "lao_cai_2026-2030"])
def test_an_annex_after_the_signature_is_not_taken_for_a_cut_text(made, name, kind):
    source = extracted(_document(made, name, kind))["source"]
    # "văn bản có vẻ bị cắt", incomplete before; now whole, on the evidence of its closing before the annex
    assert source["complete"] is True and source["note"].startswith("văn bản đầy đủ: đã đọc đến phần kết “Trên đây là")


def test_table_going_on_over_a_page_break_keeps_its_groups(made):
    pdf = _document(made, "thanh_hoa_2026-2030", "pdf")
    monitoring = next(g for g in extracted(pdf)["task_groups"] if g["covers"] == ["monitoring"])
    assert monitoring["lead"] == ["Sở Y tế"]
    location = _evidence(pdf, "QD112-G06")["location"]
    assert "bảng 1, hàng 14: " in location and "(trang 3," in location  # the row number goes on over the page


def _word(tmp_path, rows: list[list[str]], part: str, after: tuple[str, ...] = ()) -> Path:
    import docx
    document = docx.Document()
    for line in ("UBND TỈNH GIA LAI", "KẾ HOẠCH", "Thực hiện Chương trình phát triển công tác xã hội giai đoạn 2026-2030",
                 "Căn cứ Quyết định số 112/QĐ-TTg ngày 22/01/2021 của Thủ tướng Chính phủ;", *part.split("\n")):
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=len(rows[0]))
    for cells in rows:
        for cell, text in zip(table.add_row().cells, cells, strict=True):
            cell.text = text
    for line in after:
        document.add_paragraph(line)
    path = tmp_path / "ke-hoach.docx"
    document.save(str(path))
    return path


def test_table_of_targets_with_a_lead_column_gives_no_lead(tmp_path):
    path = _word(tmp_path, [["STT", "Chỉ tiêu", "Cơ quan chủ trì"],
                            ["1", "Tỷ lệ cán bộ được đào tạo, bồi dưỡng kỹ năng công tác xã hội", "Sở Y tế"]],
                 "II. MỤC TIÊU CỤ THỂ")
    assert not any("lead" in g for g in extracted(path)["task_groups"])  # a target's row is not a task group's


def test_rows_without_a_lead_give_their_group_none(tmp_path):
    path = _word(tmp_path, [["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp"],
                            ["1", "Truyền thông nâng cao nhận thức về công tác xã hội", "", ""],
                            ["1.1", "Tuyên truyền trên báo chí", "", "Sở Y tế"]],
                 "III. NHIỆM VỤ, GIẢI PHÁP")
    groups = extracted(path)["task_groups"]
    assert [(g["covers"], g.get("lead"), g.get("partners")) for g in groups] == [(["communication"], None, ["Sở Y tế"])]
    assert role_verdicts(path)["QD112-G05"] == "needs_review"


def test_a_column_naming_both_roles_gives_no_lead(tmp_path):
    """"Cơ quan chủ trì, phối hợp" does not say which body leads: reading all as leads would pass the
    group on a partner."""
    path = _word(tmp_path, [["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì, phối hợp"],
                            ["1", "Truyền thông nâng cao nhận thức về công tác xã hội", "Sở Văn hóa, Thể thao và Du lịch; "
                                                                                   "Sở Y tế"]],
                 "III. NHIỆM VỤ, GIẢI PHÁP")
    assert not any(g.get("lead") for g in extracted(path)["task_groups"])
    assert role_verdicts(path)["QD112-G05"] == "needs_review"


def test_row_cut_by_a_page_break_goes_on_cell_by_cell(made):
    pdf = _document(made, "lao_cai_2026-2030", "pdf")
    training = next(g for g in extracted(pdf)["task_groups"] if g["covers"] == ["training"])
    # "- Hội Liên hiệp" ends page 3, "Phụ nữ tỉnh / - UBND các xã, phường" begins page 4 in the same cell
    assert training["partners"] == ["Trường Cao đẳng Lào Cai", "UBND các xã, phường", "Tỉnh Đoàn",
                                    "Hội Liên hiệp Phụ nữ tỉnh"]
    # the cell's end after its start, not after the row's last cell
    assert training["quote"].endswith(" | Đơn vị phối hợp: Tỉnh Đoàn; Sở Y tế; Hội Liên hiệp Phụ nữ tỉnh; UBND các xã, phường")


def test_table_under_a_group_heading_lists_that_groups_tasks(tmp_path):
    path = _word(tmp_path, [["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp"],
                            ["1", "Tuyên truyền trên báo chí, mạng xã hội", "Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"],
                            ["2", "Tập huấn kỹ năng truyền thông cho phóng viên", "Sở Y tế", "Hội Nhà báo tỉnh"]],
                 "III. NHIỆM VỤ, GIẢI PHÁP\n1. Truyền thông nâng cao nhận thức về công tác xã hội",
                 after=("2. Phát triển mạng lưới cơ sở cung cấp dịch vụ công tác xã hội", "- Chủ trì: Sở Y tế"))
    groups = [(g["covers"], g.get("lead"), g.get("partners")) for g in extracted(path)["task_groups"]]
    # the row on training ("Tập huấn …") is a task of the communication group, not a group of its own
    assert groups == [(["communication"], ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"], ["Hội Nhà báo tỉnh"]),
                      (["service_network"], ["Sở Y tế"], None)]


def test_a_header_row_alone_at_the_foot_of_a_page_heads_the_rows_on_the_next(tmp_path):
    """LibreOffice leaves a responsibilities table's header row at the foot of a page and its rows on the next:
    the rows still give each group its lead and partners."""
    import docx
    from docx.enum.table import WD_ROW_HEIGHT_RULE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt
    from variants import office, pdf_variants
    if office() is None:
        pytest.skip(NO_OFFICE)
    document = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", "Số: 45/KH-UBND", "Lạng Sơn, ngày 10 tháng 3 năm 2026", "KẾ HOẠCH",
                 "Thực hiện Chương trình phát triển công tác xã hội giai đoạn 2026 - 2030",
                 "Căn cứ Quyết định số 112/QĐ-TTg ngày 22/01/2021 của Thủ tướng Chính phủ;", "I. NHIỆM VỤ, GIẢI PHÁP"):
        document.add_paragraph(line)
    for n in range(12):  # the header row falls at the foot of the first page
        paragraph = document.add_paragraph(f"- Tăng cường phối hợp liên ngành trong triển khai hoạt động {n + 1}.")
        paragraph.paragraph_format.space_after = Pt(14)
    document.add_paragraph("Phân công nhiệm vụ cụ thể như sau:")
    rows = [("STT", "Nội dung hoạt động", "Cơ quan chủ trì", "Cơ quan phối hợp"),
            ("1", "Truyền thông, nâng cao nhận thức về công tác xã hội", "Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch"),
            ("2", "Đào tạo, bồi dưỡng nguồn nhân lực công tác xã hội", "Sở Nội vụ", "Sở Y tế và Sở Tài chính")]
    table = document.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
        if r:
            table.rows[r].height, table.rows[r].height_rule = Cm(7), WD_ROW_HEIGHT_RULE.AT_LEAST
            properties = table.rows[r]._tr.get_or_add_trPr()
            properties.append(OxmlElement("w:cantSplit"))
            properties[-1].set(qn("w:val"), "true")
    document.add_paragraph("Trên đây là Kế hoạch thực hiện Chương trình./.")
    path = tmp_path / "bang-sang-trang.docx"
    document.save(str(path))
    pdf = pdf_variants([path], tmp_path)[0]
    from ctxh_compliance.extract.reader import read_document
    heads = [p for p in read_document(pdf) if p.text == "Cơ quan chủ trì"]
    assert heads and heads[0].page == 1  # the layout this test is about: the header alone on page 1
    assert by_group(extracted(pdf))[("communication",)] == (["Sở Y tế"], ["Sở Văn hóa, Thể thao và Du lịch"])
    assert by_group(extracted(pdf))[("training",)] == (["Sở Nội vụ"], ["Sở Y tế", "Sở Tài chính"])
