"""The extractor: recovered values on the five seed texts, validity, no invented numbers, unit patterns."""

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from ctxh_compliance.core.errors import InputError
from ctxh_compliance.extract import extract, extract_text
from ctxh_compliance.extract.patterns import comparison_before, parse_amount, parse_date, parse_number
from ctxh_compliance.extract.reader import read_document
from ctxh_compliance.model.plan import Plan

SEEDS = Path(__file__).resolve().parent / "corpus" / "seeds"

DONG_THAP = SEEDS / "dong_thap_176-KH-UBND_2021.txt"
LANG_SON = SEEDS / "lang_son_sldtbxh_plan_2021-2025.txt"
NGHE_AN = SEEDS / "nghe_an_3554-QD-UBND_2011_plan_2012.txt"
YEN_BAI = SEEDS / "yen_bai_article_plan_2021-2030.txt"
BEN_TRE = SEEDS / "ben_tre_outline_qd32_2016-2020.txt"
ALL = [DONG_THAP, LANG_SON, NGHE_AN, YEN_BAI, BEN_TRE]


def targets(result) -> set[tuple]:
    return {(t["indicator"], t["year"], t["value"]) for t in result.data["targets"]}


def test_dong_thap_identification_and_basis():
    r = extract(DONG_THAP)
    ident = r.data["identification"]
    assert ident["number"] == "176/KH-UBND"
    assert ident["date"] == dt.date(2021, 6, 7)
    assert ident["province"] == "Đồng Tháp"
    assert ident["issuer"] == "UBND tỉnh Đồng Tháp"
    assert ident["kind"] == "programme"
    assert (r.data["period"]["start"], r.data["period"]["end"]) == (2021, 2030)
    assert [(b["number"], b["date"]) for b in r.data["legal_bases"]] == [("112/QĐ-TTg", dt.date(2021, 1, 22))]
    # Part I reports the 2010-2020 results: its figures and the QĐ 32 it cites are not this plan's
    assert r.data["targets"] == []
    assert r.data["source"]["complete"] is False and "cắt" in r.data["source"]["note"]
    assert "targets" in r.missing and "budget" in r.missing


def test_lang_son_targets_years_and_budget():
    r = extract(LANG_SON)
    got = targets(r)
    for item in [("staff_assignment", 2025, 60), ("staff_trained", 2025, 30), ("facility_network", 2025, 50),
                 ("children_served", 2025, 85), ("staff_per_unit", 2025, 1), ("reach_increase", 2025, 20)]:
        assert item in got, item
    reach = next(t for t in r.data["targets"] if t["indicator"] == "reach_increase")
    assert reach["unit"] == "percent_increase" and reach["relative_to"] == 2020
    ident = r.data["identification"]
    assert "number" not in ident and "identification.number" in r.missing  # "Số: /KH-SLĐTBXH" is blank
    assert ident["date_text"] == "ngày tháng 4 năm 2022"
    assert ident["issuer"].startswith("Sở Lao động")
    assert {b["number"] for b in r.data["legal_bases"]} == {"1070/QĐ-LĐTBXH", "80/KH-UBND"}
    assert r.data["budget"]["total"]["amount"] == 2_000_000_000
    assert r.data["budget"]["per_year"]["amount"] == 500_000_000
    assert r.data["budget"]["period"] == {"start": 2022, "end": 2025}
    groups = {c: g for g in r.data["task_groups"] for c in g["covers"]}
    assert set(groups) == {"legal_framework", "service_network", "workforce", "training", "communication", "monitoring"}
    assert groups["workforce"]["budget_per_year"]["amount"] == 120_000_000
    assert "UBND các huyện, thành phố" in groups["service_network"]["partners"]
    assert r.data["source"]["complete"] is True


def test_nghe_an_budget_words_and_bases():
    r = extract(NGHE_AN)
    total = r.data["budget"]["total"]
    assert total["amount"] == 20_644_000_000
    assert total["words"] == "Hai mươi tỷ sáu trăm bốn mươi tư triệu đồng"
    sources = {s["name"]: s["amount"] for s in r.data["budget"]["sources"]}
    assert sources == {"Ngân sách Trung ương": 15_119_000_000, "Ngân sách địa phương": 5_525_000_000}
    assert [b["number"] for b in r.data["legal_bases"]] == ["32/2010/QĐ-TTg", "1229/LĐTBXH-BTXH", "448/QĐ-UBND"]
    assert r.data["legal_bases"][1]["date"] == dt.date(2010, 4, 20)
    assert r.data["identification"]["kind"] == "annual" and r.data["period"]["start"] == 2012
    assert ("staff_trained", 2012, 220) in targets(r)
    assert ("commune_staff", 2012, 1) in targets(r)
    assert r.ruleset == "qd32_2010"


def test_yen_bai_article_is_not_a_plan():
    r = extract(YEN_BAI)
    got = targets(r)
    assert ("staff_assignment", 2025, 40) in got
    assert ("staff_assignment", 2030, 60) in got
    # "năm 2025 tăng 30% so với năm 2025" sits under "Từ năm 2026 đến năm 2030": the year is not the base year
    assert ("reach_increase", 2030, 30) in got
    assert r.confidence("targets[0].year") is not None
    assert r.data["source"]["complete"] is False
    assert "legal_bases" in r.missing and "identification.number" in r.missing
    assert "issuer" not in r.data["identification"]  # not invented from "tỉnh đã ban hành"


def test_ben_tre_outline():
    r = extract(BEN_TRE)
    assert ("workforce_growth", 2020, 50) in targets(r)
    growth = next(t for t in r.data["targets"] if t["indicator"] == "workforce_growth")
    assert growth["comparison"] == "about"
    assert r.data["identification"]["province"] == "Bến Tre"
    assert r.data["source"]["complete"] is False


@pytest.mark.parametrize("seed", ALL, ids=lambda p: p.stem)
def test_valid_plan_and_no_invented_numbers(seed):
    r = extract(seed)
    assert r.errors == []
    Plan.model_validate(r.data)  # raises if not a plan
    text = seed.read_text(encoding="utf-8")
    for t in r.data["targets"]:
        value = int(t["value"]) if float(t["value"]).is_integer() else t["value"]
        assert re.search(rf"(?<![\d.,])0*{value}(?![\d])", text) or (value == 1 and re.search(r"\bmột\b", text)), t
        assert t["quote"] and t["quote"] in " ".join(p.text for p in read_document(seed))
    for b in r.data["legal_bases"]:
        assert b["number"] in text
    assert "ruleset" not in r.data
    # the YAML written back is a plan too, and says where each value came from
    written = r.to_yaml()
    assert re.search(r"# dòng \d+", written)
    assert Plan.model_validate(yaml.safe_load(written)) is not None


# --- unit tests of the patterns ----------------------------------------------------------------------

def test_dates():
    assert parse_date("ngày 07 tháng 06 năm 2021") == (dt.date(2021, 6, 7), None)
    assert parse_date("ngày 27/9/2021 của Bộ") == (dt.date(2021, 9, 27), None)
    assert parse_date("Lạng Sơn, ngày tháng 4 năm 2022") == (None, "ngày tháng 4 năm 2022")
    assert parse_date("ngày 31 tháng 02 năm 2021") == (None, None)  # not a date: not invented


def test_numbers_with_dots_and_amounts():
    assert parse_number("20.644.000.000") == 20_644_000_000
    [a] = parse_amount("là: 20.644.000.000 đồng (Hai mươi tỷ sáu trăm bốn mươi tư triệu đồng), trong đó")
    assert a["amount"] == 20_644_000_000 and a["words_ok"] is True
    [b] = parse_amount("Kinh phí thực hiện: 120.000.000 đồng/năm.")
    assert b["per_year"] and b["amount"] == 120_000_000
    [c] = parse_amount("1.000.000 đồng (Hai triệu đồng)")
    assert c["words_ok"] is False  # words that disagree are flagged


def test_range_gives_lower_bound_and_comparisons():
    r = extract_text("Kế hoạch thực hiện Chương trình phát triển công tác xã hội giai đoạn 2021 - 2025\n"
                     "2. Mục tiêu cụ thể\nĐến năm 2025, mỗi xã có ít nhất từ 01 đến 02 cán bộ công tác xã hội; "
                     "đạt 60% số cơ quan, tổ chức bố trí nhân sự làm công tác xã hội.\n")
    got = {(t["indicator"], t["value"], t["unit"], t["year"]) for t in r.data["targets"]}
    assert ("staff_per_unit", 1, "per_unit", 2025) in got
    assert ("staff_assignment", 60, "percent", 2025) in got
    assert comparison_before("Phấn đấu tăng khoảng ") == ("about", True)
    assert comparison_before("Ít nhất có ") == ("at_least", True)
    assert comparison_before(", có ") == ("exactly", True)


def test_no_plan_text_reports_missing(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("Một ghi chú không có số liệu nào.\n", encoding="utf-8")
    r = extract(path)
    assert r.plan is None and r.errors  # title, province, period cannot be found: nothing is invented
    assert {"period", "identification.title", "identification.province"} <= set(r.missing)


def test_missing_reader_package_is_an_input_error(tmp_path):
    pytest.importorskip("ctxh_compliance")
    path = tmp_path / "plan.docx"
    path.write_bytes(b"PK\x03\x04 not really a docx")
    try:
        import docx  # noqa: F401
    except ImportError:
        with pytest.raises(InputError) as info:
            extract(path)
        assert "python-docx" in info.value.render("vi")
    else:
        with pytest.raises(InputError):
            extract(path)


def test_not_utf8_txt_is_an_input_error(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(b"K\xea ho\xb8ch\n")  # TCVN3-style bytes, not UTF-8
    with pytest.raises(InputError):
        extract(path)


# --- the opening and the closing, read by cause -------------------------------------------------------------
def _opening(header: str, bases: str, title: str = "KẾ HOẠCH\nTriển khai Chương trình phát triển công tác xã hội "
             "giai đoạn 2026 - 2030", closing: str = "Trên đây là Kế hoạch triển khai./.") -> dict:
    return extract_text(f"{header}\n{title}\n{bases}\nI. MỤC TIÊU\n- Nâng cao nhận thức.\n{closing}\n").data


def test_a_date_cut_across_lines_of_the_header_is_read():
    for header in ("ỦY BAN NHÂN DÂN\nTỈNH TÂY NINH\nSố: 145/KH-UBND\nTây Ninh, ngày 26 tháng 12\nnăm 2021",
                   "UBND TỈNH TÂY NINH\nSố 145/KH-UBND\nTây Ninh, ngày\n26 tháng 12 năm 2021",
                   "UBND TỈNH TÂY NINH\nSố: 145/KH-UBND\nTây Ninh,\nngày 26 tháng 12 năm 2021",
                   # the header table read row by row: the other column's lines stand between the date's two lines
                   "ỦY BAN NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH TÂY NINH\nĐộc lập - Tự do - Hạnh phúc\n"
                   "Số: 145/KH-UBND\nTây Ninh, ngày 26 tháng 12\n-------\nnăm 2021"):
        ident = _opening(header, "Căn cứ Quyết định số 112/QĐ-TTg ngày 22/01/2021;")["identification"]
        assert ident["date"] == dt.date(2021, 12, 26), header
        assert ident["number"] == "145/KH-UBND" and ident["province"] == "Tây Ninh", header


def test_a_letterhead_typed_with_tab_stops_and_a_name_cut_over_two_lines():
    data = _opening("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH BÌNH ĐỊNH\tĐộc lập - Tự do - Hạnh phúc\n"
                    "Số:12/KH-UBND\tBình Định, ngày 05 tháng 3 năm 2026", "Căn cứ Quyết định số 112/QĐ-TTg;")
    ident = data["identification"]
    assert (ident["province"], ident["issuer"], ident["number"]) == ("Bình Định", "UBND tỉnh Bình Định", "12/KH-UBND")
    assert ident["date"] == dt.date(2026, 3, 5)
    ident = _opening("SỞ Y TẾ TỈNH TUYÊN\nQUANG\nSố : 415/KH-SYT\nTuyên Quang, ngày 17 tháng 03 năm 2026",
                     "Căn cứ Quyết định số 112/QĐ-TTg;")["identification"]
    assert (ident["province"], ident["issuer"]) == ("Tuyên Quang", "Sở Y tế tỉnh Tuyên Quang")
    ident = _opening("UBND THÀNH PHỐ HUẾ\nSố: 7/KH-UBND\nHuế, ngày 19 tháng 05 năm 2026",
                     "Căn cứ Quyết định số 112/QĐ-TTg;")["identification"]
    assert (ident["province"], ident["issuer"]) == ("Huế", "UBND thành phố Huế")


def test_a_web_page_banner_is_not_the_date():
    ident = _opening("Trang chủ\nThứ Hai, ngày 07/12/2026\nUBND TỈNH QUẢNG NGÃI\nSố 05/KH-UBND",
                     "Căn cứ Quyết định số 112/QĐ-TTg;")["identification"]
    assert "date" not in ident and ident["province"] == "Quảng Ngãi"


def test_the_signer_under_the_signature_block():
    closing = ("Trên đây là Kế hoạch./.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\n"
               "PHÓ CHỦ TỊCH\n(đã ký)\nNguyễn Thị Minh Khai")
    data = _opening("UBND TỈNH TÂY NINH\nSố: 1/KH-UBND", "Căn cứ Quyết định số 112/QĐ-TTg;", closing=closing)
    assert data["identification"]["signer"] == "Nguyễn Thị Minh Khai" and data["source"]["complete"] is True
    cut = _opening("UBND TỈNH TÂY NINH\nSố: 1/KH-UBND", "Căn cứ Quyết định số 112/QĐ-TTg;", closing="")
    assert "signer" not in cut["identification"] and cut["source"]["complete"] is False


@pytest.mark.parametrize("title, period", [
    ("Thực hiện Chương trình phát triển công tác xã hội giai đoạn 2021-2030 trên địa bàn tỉnh năm 2026", (2026, 2026)),
    ("Triển khai Chương trình phát triển công tác xã hội giai đoạn 2021-2025, có tính đến năm 2030", (2021, 2025)),
    ("PHÁT TRIỂN CÔNG TÁC XÃ HỘI GIAI ĐOẠN 2021 – 2025 VÀ ĐỊNH HƯỚNG GIAI ĐOẠN 2026 – 2030", (2021, 2025)),
    ("Thực hiện Chương trình phát triển công tác xã hội từ năm 2026 đến năm 2030", (2026, 2030)),
    ("Phát triển công tác xã hội thời kỳ 2026-2030, tầm nhìn đến năm 2035", (2026, 2030)),
])
def test_the_plan_period_is_its_own(title, period):
    data = _opening("UBND TỈNH TÂY NINH\nSố: 1/KH-UBND", "Căn cứ Quyết định số 112/QĐ-TTg;", title="KẾ HOẠCH\n" + title)
    assert (data["period"]["start"], data["period"]["end"]) == period
    data = _opening("UBND TỈNH TÂY NINH\nSố: 1/KH-UBND", "Căn cứ Quyết định số 112/QĐ-TTg;", title="KẾ HOẠCH " + title)
    assert (data["period"]["start"], data["period"]["end"]) == period  # "KẾ HOẠCH" and the title on one line


def test_legal_bases_as_provinces_cite_them():
    bases = ("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;\n"
             "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015 (Luật số 77/2015/QH13);\n"
             "Căn cứ Nghị định số 110/2024/NĐ-CP của Chính phủ về công tác xã hội (có hiệu lực từ ngày 15/10/2024);\n"
             "Thực hiện Quyết định số 112/2021/QĐ-TTg, ngày 22 tháng 01, năm 2021 của Thủ tướng Chính phủ; Kế hoạch số "
             "75/KH-UBND ngày 11/6/2021 của UBND tỉnh và Nghị quyết số 05/2021/NQ-HĐND ngày 10-03-2021 của HĐND tỉnh;\n"
             "Trên cơ sở Thông tư số 01/2017/TT-BLĐTBXH ngày 02/02/2017 của Bộ trưởng;\n"
             "Theo đề nghị của Sở Y tế tại Tờ trình số 45/TTr-SYT ngày 01/3/2026, xét Văn bản số 9/SYT-NV ngày 2/3/2026;\n"
             "Để cụ thể hóa Công văn số 555/LĐTBXH-BTXH ngày 03/3/2021, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:")
    got = {(b["number"], b.get("date")) for b in _opening("UBND TỈNH TÂY NINH\nSố: 1/KH-UBND", bases)["legal_bases"]}
    assert got == {("72/2025/QH15", dt.date(2025, 6, 16)), ("77/2015/QH13", dt.date(2015, 6, 19)),
                   ("110/2024/NĐ-CP", None), ("112/2021/QĐ-TTg", dt.date(2021, 1, 22)),
                   ("75/KH-UBND", dt.date(2021, 6, 11)), ("05/2021/NQ-HĐND", dt.date(2021, 3, 10)),
                   ("01/2017/TT-BLĐTBXH", dt.date(2017, 2, 2)), ("555/LĐTBXH-BTXH", dt.date(2021, 3, 3))}


def test_legal_bases_listed_under_a_part_and_cut_over_pdf_lines():
    bases = ("I. CĂN CỨ XÂY DỰNG KẾ HOẠCH\n1. Căn cứ pháp lý\n- Quyết định số 112/QĐ-TTg ngày 22/01/2021 của Thủ tướng;\n"
             "2. Căn cứ thực tiễn\n- Năm 2025, tỉnh thực hiện Kế hoạch số 9/KH-UBND ngày 1/1/2025 đạt kết quả tốt.")
    got = {b["number"] for b in _opening("UBND TỈNH TÂY NINH\nSố: 1/KH-UBND", bases)["legal_bases"]}
    assert got == {"112/QĐ-TTg"}
    from ctxh_compliance.extract import extract_paras
    from ctxh_compliance.extract.paragraphs import Para
    lines = ["UBND TỈNH ĐÀ NẴNG", "Số: 1/KH-UBND", "KẾ HOẠCH", "Triển khai Đề án giai đoạn 2011-2015",
             "Căn cứ Quyết định số 32/2010/QĐ-TTg ngày 25/3/2010; Căn cứ Thông tư liên tịch số 11/2011/TTLT-BTC-",
             "BLĐTBXH ngày 26/01/ 2011 của Bộ Tài chính; Thực hiện Quyết định số", "1305/QĐ-LĐTBXH ngày 22/10/2010;",
             "I. MỤC ĐÍCH"]
    data = extract_paras([Para(t, line=i + 1, page=1) for i, t in enumerate(lines)], "x.pdf").data
    assert {(b["number"], b.get("date")) for b in data["legal_bases"]} == {
        ("32/2010/QĐ-TTg", dt.date(2010, 3, 25)), ("11/2011/TTLT-BTC-BLĐTBXH", dt.date(2011, 1, 26)),
        ("1305/QĐ-LĐTBXH", dt.date(2010, 10, 22))}


def test_reporting_is_the_compiled_report_not_a_problem_raised():
    org = ("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế\n- Theo dõi, đôn đốc việc thực hiện Kế hoạch.\nV. CHẾ ĐỘ BÁO CÁO\n"
           "Định kỳ trước ngày 20 tháng 12 hằng năm, các cơ quan, đơn vị gửi báo cáo về Sở Y tế để tổng hợp, báo cáo Ủy "
           "ban nhân dân tỉnh và Bộ Y tế.\nTrong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời báo cáo về Sở "
           "Y tế để tổng hợp, báo cáo Ủy ban nhân dân tỉnh xem xét, chỉ đạo./.")
    data = _opening("UBND TỈNH TÂY NINH\nSố: 1/KH-UBND", "Căn cứ Quyết định số 112/QĐ-TTg;", closing=org)
    [report] = data["monitoring"]["reporting"]
    assert report["by"] == ["Sở Y tế"] and report["to"] == ["Ủy ban nhân dân tỉnh", "Bộ Y tế"]
    assert report["frequency"] == "trước ngày 20 tháng 12 hằng năm"


def test_a_name_cut_at_its_hyphen_over_pdf_lines_is_one_name():
    from ctxh_compliance.extract.paragraphs import Para, join_broken
    lines = ["- Các cơ quan, đơn vị báo cáo kết quả thực hiện về Sở Lao động",
             "- Thương binh và Xã hội trước ngày 15/12 hằng năm để tổng hợp.", "- Sở Y tế", "- Thương mại điện tử."]
    joined = join_broken([Para(t, line=i + 1, page=1) for i, t in enumerate(lines)])
    assert [p.text for p in joined] == [
        "- Các cơ quan, đơn vị báo cáo kết quả thực hiện về Sở Lao động - Thương binh và Xã hội trước ngày 15/12 hằng "
        "năm để tổng hợp.", "- Sở Y tế", "- Thương mại điện tử."]


def test_reporting_under_a_heading_that_names_the_reports():
    part = ("V. BÁO CÁO KẾT QUẢ THỰC HIỆN\nĐịnh kỳ trước ngày 15/12 hằng năm, các cơ quan, đơn vị gửi báo cáo về Sở Y tế "
            "để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.\nTrên đây là Kế hoạch./.")
    data = _opening("UBND TỈNH TÂY NINH\nSố: 1/KH-UBND", "Căn cứ Quyết định số 112/QĐ-TTg;", closing=part)
    [report] = data["monitoring"]["reporting"]
    assert report["by"] == ["Sở Y tế"] and report["to"] == ["Ủy ban nhân dân tỉnh"]


def test_the_issuing_sentence_names_what_the_plan_implements():
    bases = ("Xét đề nghị của Sở Y tế tại Văn bản số 45/TTr-SYT ngày 01/3/2026, Ủy ban nhân dân tỉnh ban hành Kế hoạch "
             "triển khai thực hiện Quyết định số 112/QĐ-TTg ngày 22/01/2021 của Thủ tướng Chính phủ, cụ thể như sau:")
    got = [(b["number"], b.get("date")) for b in _opening("UBND TỈNH TÂY NINH\nSố: 1/KH-UBND", bases)["legal_bases"]]
    assert got == [("112/QĐ-TTg", dt.date(2021, 1, 22))]


def test_a_date_cut_at_its_dash_over_lines_is_one_date():
    """"… Quyết định số 112/QĐ-TTg ngày 22 - 01" / "- 2021 của Thủ tướng …": the second line is the date's rest, not a
    bullet; a line that only ends in a number before a bullet stays apart."""
    from ctxh_compliance.extract.paragraphs import Para, join_broken
    lines = ["Căn cứ Chương trình ban hành kèm theo Quyết định số 112/QĐ-TTg ngày 22 - 01",
             "- 2021 của Thủ tướng Chính phủ;", "a) Giai đoạn 2021 - 2025", "- 2025: đạt 60% số xã có cộng tác viên."]
    joined = join_broken([Para(t, line=i + 1, page=1) for i, t in enumerate(lines)])
    assert [p.text for p in joined] == [
        "Căn cứ Chương trình ban hành kèm theo Quyết định số 112/QĐ-TTg ngày 22 - 01 - 2021 của Thủ tướng Chính phủ;",
        "a) Giai đoạn 2021 - 2025", "- 2025: đạt 60% số xã có cộng tác viên."]


@pytest.mark.parametrize("basis", [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/06/ 2025 (số 72/2025/QH15) và các văn bản hướng dẫn thi hành;",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 - 06 - 2025 (số 72/2025/QH15);",
])
def test_a_law_dated_before_its_number_typed_with_spaces(basis):
    got = {(b["number"], b.get("date")) for b in _opening("UBND TỈNH TÂY NINH\nSố: 1/KH-UBND", basis)["legal_bases"]}
    assert got == {("72/2025/QH15", dt.date(2025, 6, 16))}


def test_an_opening_sentence_that_tells_the_decision_was_issued_names_a_basis():
    text = ("Ngày 22/01/2021, Thủ tướng Chính phủ ban hành Quyết định số 112/QĐ-TTg phê duyệt Chương trình phát triển "
            "công tác xã hội giai đoạn 2021 - 2030;")
    got = {(b["number"], b.get("date")) for b in _opening("UBND TỈNH TÂY NINH\nSố: 1/KH-UBND", text)["legal_bases"]}
    assert got == {("112/QĐ-TTg", dt.date(2021, 1, 22))}
