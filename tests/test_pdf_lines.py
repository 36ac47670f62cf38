"""Lines of a PDF that the layout cut: a date after its word on the next line, a value after its label's colon —
read as one sentence, so that the legal basis keeps its date and the budget its total."""

import datetime as dt

import pytest

from conftest import pdf_of

TEXT = """ỦY BAN NHÂN DÂN TỈNH LÀO CAI
Số: 12/KH-UBND
KẾ HOẠCH
Thực hiện Chương trình phát triển công tác xã hội giai đoạn 2026 - 2030
Căn cứ Nghị định số 110/2024/NĐ-CP của Chính phủ ban hành ngày
30.08.2024;
Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025 (số hiệu 72/2025/QH15);
IV. KINH PHÍ THỰC HIỆN
Giai đoạn 2026 - 2027 với 977.000.000 (đồng); giai đoạn 2028 - 2030 là 1.449.000.000 (đồng). Tổng số kinh phí:
2.426.000.000 (đồng).
"""


@pytest.fixture
def read(tmp_path):
    pytest.importorskip("pdfplumber")
    from ctxh_compliance.extract import extract
    text = tmp_path / "ke-hoach.txt"
    text.write_text(TEXT, encoding="utf-8")
    return extract(pdf_of(text, tmp_path / "ke-hoach.pdf")).data


def test_a_date_on_the_line_after_its_word_stays_with_its_act(read):
    bases = {b["number"]: b.get("date") for b in read["legal_bases"]}
    assert bases["110/2024/NĐ-CP"] == dt.date(2024, 8, 30)
    assert bases["72/2025/QH15"] == dt.date(2025, 6, 16)  # "(số hiệu …)" after the date names the act


def test_a_value_on_the_line_after_its_label_is_read(read):
    assert read["budget"]["total"]["amount"] == 2426000000
