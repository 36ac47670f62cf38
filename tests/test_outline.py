"""The document as an outline: a heading that states a period or a year scopes the targets under it, an
orientation block gives that year's values (not the phase's targets), a target with no year of its own
is never judged on the plan's period alone, and a blank is never a lead."""

import json

import pytest

from ctxh_compliance.extract import extract_text

HEAD = """UỶ BAN NHÂN DÂN
TỈNH HÀ GIANG
Số: 45/KH-UBND
Hà Giang, ngày 10 tháng 3 năm 2021
KẾ HOẠCH
Thực hiện Chương trình phát triển công tác xã hội giai đoạn 2021 - 2030 trên địa bàn tỉnh Hà Giang
Căn cứ Quyết định số 112/QĐ-TTg ngày 22/01/2021 của Thủ tướng Chính phủ phê duyệt Chương trình phát triển \
công tác xã hội giai đoạn 2021-2030;
I. MỤC TIÊU
1. Mục tiêu chung
Phát triển công tác xã hội trên địa bàn tỉnh.
2. Mục tiêu cụ thể
"""
TAIL = """II. NHIỆM VỤ, GIẢI PHÁP
1. Truyền thông, nâng cao nhận thức về công tác xã hội
- Chủ trì: {lead}
III. TỔ CHỨC THỰC HIỆN
1. Sở Y tế chủ trì, theo dõi, tổng hợp báo cáo UBND tỉnh hằng năm.
Trên đây là Kế hoạch thực hiện Chương trình phát triển công tác xã hội giai đoạn 2021 - 2030 của tỉnh./.
Nơi nhận:
- Bộ Y tế;
TM. ỦY BAN NHÂN DÂN
"""
STAFF = ("{value}% số cơ quan, tổ chức, cơ sở trợ giúp xã hội, xã, phường, thị trấn thực hiện phân công, bố trí "
         "nhân sự làm công tác xã hội.")


def _targets(extraction) -> set:
    return {(t["indicator"], t["year"], t["value"]) for t in extraction.data["targets"]}


def test_period_headings_scope_the_targets_under_them():
    text = HEAD + "a) Giai đoạn 2021 - 2025\n- Đạt " + STAFF.format(value=60) + "\n" \
        + "b) Định hướng giai đoạn 2026 - 2030\n- Đạt " + STAFF.format(value=90) + "\n" + TAIL.format(lead="Sở Y tế")
    result = extract_text(text, "ha-giang.txt")
    assert _targets(result) == {("staff_assignment", 2025, 60), ("staff_assignment", 2030, 90)}
    assert "targets[0].year" not in result.data["source"].get("assumed", [])
    assert "Định hướng" in result.evidence["targets[1].year"].why  # said to be the orientation's year
    # the evidence names the heading each value sits under
    assert result.evidence["targets[0]"].para.heading == "a) Giai đoạn 2021 - 2025"


def test_a_heading_stating_a_year_scopes_like_a_sentence():
    text = HEAD + "3.1. Đến hết năm 2025\n- Đạt " + STAFF.format(value=60) + "\n" + TAIL.format(lead="Sở Y tế")
    assert _targets(extract_text(text, "x.txt")) == {("staff_assignment", 2025, 60)}


def test_a_target_with_no_year_of_its_own_is_never_judged_on_the_plan_period(cli, tmp_path):
    path = tmp_path / "ha-giang.txt"
    path.write_text(HEAD + "- Đạt " + STAFF.format(value=60) + "\n" + TAIL.format(lead="Sở Y tế"), encoding="utf-8")
    result = extract_text(path.read_text(encoding="utf-8"), str(path))
    assert "targets[0].year" in result.data["source"]["assumed"]
    report = json.loads(cli(path, "--format", "json").stdout)
    by_rule = {f["rule_id"]: f for f in report["findings"] if f["aspect"] == "value"}
    # 60% meets the 2025 minimum and is below the 2030 one: neither reading decides, each is said
    assert by_rule["QD112-T01"]["verdict"] == by_rule["QD112-T08"]["verdict"] == "needs_review"
    assert "nếu là chỉ tiêu năm 2025 thì đạt" in by_rule["QD112-T01"]["message"]["vi"]
    assert "nếu là chỉ tiêu năm 2030 thì thấp hơn mức quốc gia" in by_rule["QD112-T08"]["message"]["vi"]


def test_a_blank_lead_is_no_lead():
    for blank in ("…", "....", "[…]", "(điền)"):
        result = extract_text(HEAD + "a) Năm 2025\n- Đạt " + STAFF.format(value=60) + "\n" + TAIL.format(lead=blank),
                              "x.txt")
        group = result.data["task_groups"][0]
        assert "lead" not in group, (blank, group)
        assert result.data["source"]["complete"] is False and "chỗ để trống" in result.data["source"]["note"]


def test_the_decisions_own_wording_is_read():
    body = ("- Đến năm 2025, mỗi cơ quan, đơn vị có ít nhất từ 01-02 người làm công tác xã hội với mức phụ cấp "
            "hằng tháng không thấp hơn mức lương cơ sở.\n"
            "- Đến năm 2030, phụ cấp ít nhất bằng 1,5 lần mức lương cơ bản; mỗi xã có tối thiểu 01 người.\n"
            "- Đến năm 2030, đạt sáu mươi phần trăm số cơ sở trợ giúp xã hội, cơ sở y tế, cơ sở giáo dục trong quy "
            "hoạch có cung cấp dịch vụ công tác xã hội.\n")
    result = extract_text(HEAD + body + TAIL.format(lead="Sở Y tế"), "x.txt")
    assert _targets(result) == {("staff_per_unit", 2025, 1), ("collaborator_allowance", 2025, 1),
                                ("collaborator_allowance", 2030, 1.5), ("staff_per_unit", 2030, 1),
                                ("facility_network", 2030, 60)}


def test_leads_written_as_sentences():
    for line, lead, partners in (
            ("Đơn vị thực hiện: Sở Y tế chủ trì, phối hợp với Sở Tư pháp, Sở Nội vụ.", ["Sở Y tế"],
             ["Sở Tư pháp", "Sở Nội vụ"]),
            ("Cơ quan thực hiện: Sở Y tế (chủ trì); Sở Nội vụ (phối hợp).", ["Sở Y tế"], ["Sở Nội vụ"]),
            ("Đơn vị chủ trì: Sở Y tế; đơn vị phối hợp: Sở Tài chính.", ["Sở Y tế"], ["Sở Tài chính"]),
            ("Sở Y tế là cơ quan chủ trì; Sở Nội vụ là cơ quan phối hợp.", ["Sở Y tế"], ["Sở Nội vụ"])):
        text = HEAD + "a) Năm 2025\n- Đạt " + STAFF.format(value=60) + "\n" + TAIL.replace("- Chủ trì: {lead}", line)
        group = extract_text(text, "x.txt").data["task_groups"][0]
        assert (group.get("lead"), group.get("partners")) == (lead, partners), line


def test_budget_units_and_a_total_after_the_phases():
    text = HEAD + "- Đạt " + STAFF.format(value=60) + " năm 2025\n" + TAIL.format(lead="Sở Y tế").replace(
        "III. TỔ CHỨC THỰC HIỆN", "III. KINH PHÍ THỰC HIỆN\nGiai đoạn 2021 - 2025 là 2,5 tỷ đồng; giai đoạn 2026 - 2030 "
        "dự kiến 850 triệu đồng. Tổng cộng: 3,35 tỷ đồng.\nIV. TỔ CHỨC THỰC HIỆN")
    assert extract_text(text, "x.txt").data["budget"]["total"]["amount"] == 3_350_000_000


def test_sources_listed_in_one_sentence_and_staff_arranged_per_unit():
    text = HEAD + "- Trong năm 2025, các cơ quan, đơn vị nêu trên bố trí ít nhất hai người làm công tác xã hội.\n" \
        + TAIL.format(lead="Sở Y tế").replace("III. TỔ CHỨC THỰC HIỆN", "III. KINH PHÍ\nTổng kinh phí: 81.000 ngàn "
                                             "đồng.\nNguồn kinh phí gồm: ngân sách nhà nước: 43.000 ngàn đồng; nguồn "
                                             "huy động hợp pháp: 38.000 ngàn đồng.\nIV. PHÂN CÔNG TRÁCH NHIỆM")
    data = extract_text(text, "x.txt").data
    assert ("staff_per_unit", 2025, 2) in _targets(extract_text(text, "x.txt"))
    assert [s["amount"] for s in data["budget"]["sources"]] == [43_000_000, 38_000_000]
    assert data["budget"]["total"]["amount"] == 81_000_000
    assert data["organisation"]  # "PHÂN CÔNG TRÁCH NHIỆM" is the part that assigns the work


def test_amounts_in_millions_without_dong_and_an_increase_with_its_comparison():
    text = HEAD + "- Năm 2025, tỷ lệ người có hoàn cảnh khó khăn được tư vấn, hỗ trợ công tác xã hội tăng ít nhất mức " \
        "20% so với năm 2020.\n" + TAIL.format(lead="Sở Y tế").replace(
            "III. TỔ CHỨC THỰC HIỆN", "III. KINH PHÍ\nGiai đoạn 2021 - 2025 là 1.272 triệu; giai đoạn 2026 - 2030 là "
            "1.360 triệu. Tổng kinh phí cho giai đoạn 2021 - 2030 là 2.632 triệu.\nIV. TỔ CHỨC THỰC HIỆN")
    result = extract_text(text, "x.txt")
    assert ("reach_increase", 2025, 20) in _targets(result)
    assert result.data["budget"]["total"]["amount"] == 2_632_000_000


def test_a_basis_dated_after_its_issuer():
    text = HEAD.replace("I. MỤC TIÊU", "Căn cứ Nghị định số 110/2024/NĐ-CP của Chính phủ ngày 30/8/2024 về công tác xã "
                        "hội;\nI. MỤC TIÊU") + "- Đạt " + STAFF.format(value=60) + "\n" + TAIL.format(lead="Sở Y tế")
    bases = {b["number"]: str(b.get("date")) for b in extract_text(text, "x.txt").data["legal_bases"]}
    assert bases["110/2024/NĐ-CP"] == "2024-08-30"


def test_a_basis_whose_number_is_typed_with_a_space_before_its_slash():
    text = HEAD.replace("Quyết định số 112/QĐ-TTg", "Quyết định số 112 /QĐ-TTg") + "- Đạt " + STAFF.format(value=60) \
        + "\n" + TAIL.format(lead="Sở Y tế")
    bases = {b["number"]: str(b.get("date")) for b in extract_text(text, "x.txt").data["legal_bases"]}
    assert bases == {"112/QĐ-TTg": "2021-01-22"}


def test_a_line_of_nothing_but_years_and_scope_words_scopes_the_targets_under_it():
    for heading, year in (("Các chỉ tiêu chủ yếu năm 2023:", 2023), ("Giai đoạn 1 (2021 - 2023)", 2023),
                          ("Mốc năm 2024", 2024), ("- Đến cuối năm 2023:", 2023), ("Tầm nhìn đến năm 2030:", 2030),
                          ("Trong 02 năm 2022 - 2023:", 2023)):
        text = HEAD + heading + "\n- Đạt " + STAFF.format(value=60) + "\n" + TAIL.format(lead="Sở Y tế")
        result = extract_text(text, "x.txt")
        assert _targets(result) == {("staff_assignment", year, 60)}, heading
        assert not result.data["source"].get("assumed"), heading


def test_a_bulleted_year_heading_scopes_the_items_at_its_own_level():
    body = ("- Đến năm 2025:\n- Đạt " + STAFF.format(value=60) + "\n- Định hướng đến năm 2030:\n- Đạt "
            + STAFF.format(value=90) + "\n")
    assert _targets(extract_text(HEAD + body + TAIL.format(lead="Sở Y tế"), "x.txt")) == {
        ("staff_assignment", 2025, 60), ("staff_assignment", 2030, 90)}


def test_a_year_heading_scopes_the_items_under_it_whatever_their_mark():
    """"+ Đến năm 2027:" then "- …" items: the items are under it, though their mark ranks above its own."""
    body = ("+ Đến năm 2027:\n- Đạt " + STAFF.format(value=60) + "\n+ Đến năm 2030:\n- Đạt "
            + STAFF.format(value=90) + "\n")
    result = extract_text(HEAD + body + TAIL.format(lead="Sở Y tế"), "x.txt")
    assert _targets(result) == {("staff_assignment", 2027, 60), ("staff_assignment", 2030, 90)}
    assert not result.data["source"].get("assumed")


def test_an_opening_period_stops_at_the_next_heading():
    body = ("Từ năm 2021 đến năm 2025, đạt " + STAFF.format(value=60) + "\nb) Định hướng đến năm 2030\n- Đạt "
            + STAFF.format(value=90) + "\n")
    assert _targets(extract_text(HEAD + body + TAIL.format(lead="Sở Y tế"), "x.txt")) == {
        ("staff_assignment", 2025, 60), ("staff_assignment", 2030, 90)}


def test_indicators_are_read_by_meaning_not_by_one_wording():
    for sentence, indicator in (
            ("60% cơ quan, đơn vị, trường học, bệnh viện có người làm công tác xã hội", "staff_assignment"),
            ("60% cơ quan, tổ chức bố trí cán bộ làm CTXH (chuyên trách hoặc kiêm nhiệm)", "staff_assignment"),
            ("có ít nhất 60% người làm công tác xã hội được nâng cao năng lực chuyên môn", "staff_trained"),
            ("60% bệnh viện, trường học và cơ sở trợ giúp xã hội triển khai dịch vụ công tác xã hội", "facility_network"),
            ("60% cơ sở y tế, giáo dục có phòng CTXH", "facility_network"),
            ("60% trẻ mồ côi, trẻ bị bỏ rơi, trẻ khuyết tật được chăm sóc, trợ giúp", "children_served"),
            ("60% trẻ em có hoàn cảnh đặc biệt được hưởng dịch vụ công tác xã hội", "children_served"),
            ("tiếp tục đào tạo, bồi dưỡng cho 60% số cán bộ đang làm việc tại các cơ sở có cung cấp dịch vụ công tác "
             "xã hội", "staff_trained")):
        result = extract_text(HEAD + f"- Đến năm 2025, {sentence}.\n" + TAIL.format(lead="Sở Y tế"), "x.txt")
        assert _targets(result) == {(indicator, 2025, 60)}, sentence


def test_the_year_and_the_base_year_wherever_the_sentence_writes_them():
    for line, expected in (
            ("- Đạt sáu mươi phần trăm số cơ quan, tổ chức bố trí nhân sự làm công tác xã hội vào năm 2025.",
             ("staff_assignment", 2025, 60)),
            ("- Đến 2025, 60 - 70% số cơ quan, tổ chức bố trí nhân sự làm công tác xã hội.",
             ("staff_assignment", 2025, 60)),
            ("- Năm 2025, người yếu thế được tiếp cận dịch vụ công tác xã hội cao hơn 20% so với cuối năm 2020.",
             ("reach_increase", 2025, 20)),
            ("- Năm 2025, số người có hoàn cảnh khó khăn được tư vấn, trợ giúp so với năm 2020 tăng thêm 20%.",
             ("reach_increase", 2025, 20))):
        result = extract_text(HEAD + line + "\n" + TAIL.format(lead="Sở Y tế"), "x.txt")
        assert _targets(result) == {expected}, line
        if expected[0] == "reach_increase":
            assert result.data["targets"][0]["relative_to"] == 2020


def test_staff_per_unit_and_the_allowance_in_other_words():
    body = ("- Đến năm 2025, mỗi cơ quan, đơn vị có tối thiểu 01 (một) người làm công tác xã hội; cộng tác viên "
            "được hưởng thù lao hằng tháng không thấp hơn lương cơ sở.\n"
            "- Đến năm 2030, mỗi cơ quan, đơn vị có từ hai đến ba người làm công tác xã hội với mức phụ cấp tương "
            "đương 1,5 lần mức lương cơ sở.\n"
            "- Năm 2025, tập huấn cho ít nhất 30 cán bộ làm công tác xã hội.\n")
    result = extract_text(HEAD + body + TAIL.format(lead="Sở Y tế"), "x.txt")
    assert _targets(result) == {("staff_per_unit", 2025, 1), ("collaborator_allowance", 2025, 1),
                                ("staff_per_unit", 2030, 2), ("collaborator_allowance", 2030, 1.5),
                                ("staff_trained", 2025, 30)}  # 30 trained people are no staff of a unit


def test_a_count_is_no_year_and_a_year_no_value():
    """"2000 học viên" before a target is a count, not its year; "Năm 2025 – 60%" is a year and a value."""
    result = extract_text(HEAD + "- Tập huấn 2000 học viên. Đạt " + STAFF.format(value=60) + "\n- Năm 2025 – "
                          + STAFF.format(value=65) + "\n" + TAIL.format(lead="Sở Y tế"), "x.txt")
    assert ("staff_assignment", 2025, 65) in _targets(result)
    assert ("staff_assignment", 2000, 60) not in _targets(result)
    assert "targets[0].year" in result.data["source"]["assumed"]  # 60% has no year of its own: never decided


@pytest.mark.parametrize("heading", [
    "Từ nay đến năm 2025:", "Từ nay đến hết năm 2025", "2.1. Giai đoạn từ năm 2021 đến hết năm 2025",
    "(1) Giai đoạn 2021 - 2025", "a. Giai đoạn 2021 - 2025", "A. Giai đoạn 2021 - 2025", "Kết thúc năm 2025:",
    "Đến thời điểm năm 2025:", "Đến ngày 31/12/2025:"])
def test_more_headings_that_scope_a_year(heading):
    """Other ways a typed outline heads a period: "từ nay", a range to "hết năm", a deadline date, "a." or "(1)"."""
    result = extract_text(HEAD + heading + "\n- Đạt " + STAFF.format(value=60) + "\n" + TAIL.format(lead="Sở Y tế"),
                          "x.txt")
    assert _targets(result) == {("staff_assignment", 2025, 60)}
    assert "targets[0].year" not in result.data["source"].get("assumed", [])


@pytest.mark.parametrize("line", [
    "- Đến ngày 31/12/2025, đạt " + STAFF.format(value=60),
    "- Đạt " + STAFF.format(value=60).rstrip(".") + " (năm 2025).",
    "- Đạt " + STAFF.format(value=60).rstrip(".") + " trước năm 2025.",
])
def test_a_year_as_a_deadline_date_or_in_brackets_after_the_value(line):
    result = extract_text(HEAD + line + "\n" + TAIL.format(lead="Sở Y tế"), "x.txt")
    assert _targets(result) == {("staff_assignment", 2025, 60)}
    assert "targets[0].year" not in result.data["source"].get("assumed", [])


def test_a_phase_in_brackets_after_the_value_is_not_its_first_year():
    line = "- Đạt " + STAFF.format(value=60).rstrip(".") + " trong giai đoạn 1 (2021 - 2025).\n"
    assert ("staff_assignment", 2021, 60) not in _targets(extract_text(HEAD + line + TAIL.format(lead="Sở Y tế"),
                                                                     "x.txt"))


QD32_HEAD = HEAD.replace("Chương trình phát triển công tác xã hội giai đoạn 2021 - 2030",
                         "Đề án phát triển nghề công tác xã hội giai đoạn 2016 - 2020").replace(
    "Quyết định số 112/QĐ-TTg ngày 22/01/2021 của Thủ tướng Chính phủ phê duyệt Chương trình phát triển "
    "công tác xã hội giai đoạn 2021-2030", "Quyết định số 32/2010/QĐ-TTg ngày 25/3/2010 của Thủ tướng Chính phủ "
    "phê duyệt Đề án phát triển nghề công tác xã hội giai đoạn 2010 - 2020").replace("năm 2021", "năm 2016")


def test_staff_per_commune_and_district_named_by_their_level():
    """QĐ 32's staff per commune and per district, the unit named as a whole ("100% xã, phường, thị trấn có …",
    "Phòng … các huyện, thành phố có …") rather than as each one ("mỗi xã")."""
    body = ("- Đến năm 2020, 100% xã, phường, thị trấn có ít nhất 01 cộng tác viên công tác xã hội.\n"
            "- Đến năm 2020, Phòng Lao động - Thương binh và Xã hội các huyện, thành phố có tối thiểu 01 (một) "
            "công chức chuyên trách công tác xã hội.\n")
    result = extract_text(QD32_HEAD + body + TAIL.format(lead="Sở Lao động - Thương binh và Xã hội"), "x.txt")
    assert result.ruleset == "qd32_2010"
    assert _targets(result) == {("commune_staff", 2020, 1), ("district_officer", 2020, 1)}


def test_the_decisions_targets_in_still_other_words():
    """"một (01)" as well as "01 (một)", "một lần mức lương cơ sở", a unit "phòng hoặc tổ công tác xã hội"."""
    body = ("a) Giai đoạn 2021 - 2025\n"
            "- Mỗi cơ quan, đơn vị có từ một (01) đến hai (02) cán bộ làm công tác xã hội.\n"
            "- Chế độ phụ cấp hằng tháng cho cộng tác viên công tác xã hội ít nhất bằng một lần mức lương cơ sở.\n"
            "- 50% bệnh viện, trường học có phòng hoặc tổ công tác xã hội.\n")
    result = extract_text(HEAD + body + TAIL.format(lead="Sở Y tế"), "x.txt")
    assert _targets(result) == {("staff_per_unit", 2025, 1), ("collaborator_allowance", 2025, 1),
                                ("facility_network", 2025, 50)}


@pytest.mark.parametrize("line, population", [
    ("- Đến năm 2025, 60% (sáu mươi phần trăm) số cơ quan, tổ chức, bệnh viện thực hiện phân công, bố trí nhân sự "
     "làm công tác xã hội.", ["cơ quan", "tổ chức", "bệnh viện"]),
    ("- Đến năm 2025, bệnh viện, trường học, cơ sở trợ giúp xã hội triển khai dịch vụ công tác xã hội chiếm tối thiểu "
     "50% tổng số cơ sở trong quy hoạch.", ["bệnh viện", "trường học", "cơ sở trợ giúp xã hội"]),
    ("- Đến năm 2025, số người có hoàn cảnh khó khăn được tư vấn, trợ giúp công tác xã hội tăng thêm 20% so với "
     "năm 2020.", ["người có hoàn cảnh khó khăn"]),
    ("- Đến năm 2025, tăng 20% tỷ lệ người có hoàn cảnh khó khăn được tư vấn, hỗ trợ công tác xã hội so với năm 2020.",
     ["người có hoàn cảnh khó khăn"]),
    ("- Đến năm 2025, đạt 50% số cơ sở trợ giúp xã hội, cơ sở y tế và cơ sở liên quan khác có cung cấp dịch vụ công "
     "tác xã hội.", ["cơ sở trợ giúp xã hội", "cơ sở y tế", "cơ sở liên quan khác"]),
    ("- Đến năm 2025, 60% cơ quan, cơ sở cai nghiện ma túy, trại tạm giam thực hiện phân công, bố trí nhân sự làm "
     "công tác xã hội.", ["cơ quan", "cơ sở cai nghiện ma túy", "trại tạm giam"]),
    ("- Đến năm 2025, có ít nhất 30% số người làm công tác xã hội tại xã, phường, bệnh viện được bồi dưỡng, tập huấn.",
     ["người làm công tác xã hội", "xã", "phường", "bệnh viện"]),
])
def test_the_population_wherever_the_sentence_names_it(line, population):
    """The groups a target counts, after a value said again in words, or before a value written last."""
    target = extract_text(HEAD + line + "\n" + TAIL.format(lead="Sở Y tế"), "x.txt").data["targets"][0]
    assert target["population"] == population


@pytest.mark.parametrize("line", [
    "- Năm 2020, tỷ lệ cơ quan, tổ chức bố trí nhân sự làm công tác xã hội mới đạt 40%; phấn đấu đến năm 2025 đạt "
    + STAFF.format(value=60),
    "- Từ mức 40% năm 2020, phấn đấu đạt " + STAFF.format(value=60),
    "- Đạt " + STAFF.format(value=60).rstrip(".") + " (năm 2020 đạt 40%).",
    "- Đạt " + STAFF.format(value=60).rstrip(".") + " (hiện nay đạt 35%).",
    "- Phấn đấu nâng tỷ lệ cơ quan, tổ chức, xã, phường thực hiện phân công, bố trí nhân sự làm công tác xã hội từ "
    "40% hiện nay lên 60%.",
    "- Đạt " + STAFF.format(value=60).rstrip(".") + ", trong đó 50% là cơ sở công lập.",
])
def test_what_was_reached_a_share_of_it_or_where_it_starts_is_no_target(line):
    """Only the target is read: never the result of a year before the plan ("năm 2020 đạt 40%", "hiện nay"),
    where a rise starts ("từ 40% … lên 60%") or a share within the value ("trong đó 50% …")."""
    result = extract_text(HEAD + "a) Giai đoạn 2021 - 2025\n" + line + "\n"
                          + TAIL.format(lead="Sở Y tế"), "x.txt")
    assert _targets(result) == {("staff_assignment", 2025, 60)}


def test_a_decrease_is_no_target():
    line = ("- Bảo đảm ít nhất 85% trẻ em mồ côi, trẻ em bị bỏ rơi được trợ giúp xã hội; giảm 10% số trẻ em có hoàn "
            "cảnh đặc biệt bị bỏ học.")
    result = extract_text(HEAD + "a) Giai đoạn 2021 - 2025\n" + line + "\n" + TAIL.format(lead="Sở Y tế"), "x.txt")
    assert _targets(result) == {("children_served", 2025, 85)}


PHASE_2021 = HEAD.replace("giai đoạn 2021 - 2030 trên", "giai đoạn 2021 - 2025, định hướng đến năm 2030 trên")


@pytest.mark.parametrize("heading", ["b) Dự kiến đến năm 2030", "b) Những năm tiếp theo đến năm 2030"])
def test_more_headings_of_the_years_after_the_phase(heading):
    body = ("a) Giai đoạn 2021 - 2025\n- Đạt " + STAFF.format(value=60) + "\n" + heading + "\n- Đạt "
            + STAFF.format(value=90) + "\n")
    result = extract_text(PHASE_2021 + body + TAIL.format(lead="Sở Y tế"), "x.txt")
    assert _targets(result) == {("staff_assignment", 2025, 60), ("staff_assignment", 2030, 90)}


def test_the_next_lettered_item_ends_the_scope_of_the_one_before():
    """"b) …" after "a) Giai đoạn 2021 - 2025" is out of its scope: a value under a "b)" that states no year
    is not read as the heading's 2025 target; its year is a guess (the plan's last), which decides nothing."""
    body = ("a) Giai đoạn 2021 - 2025\n- Đạt " + STAFF.format(value=60) + "\nb) Tiếp tục nâng cao chất lượng\n- Đạt "
            + STAFF.format(value=90) + "\n")
    result = extract_text(PHASE_2021 + body + TAIL.format(lead="Sở Y tế"), "x.txt")
    assert "targets[0].year" not in result.data["source"]["assumed"]
    ninety = next(i for i, t in enumerate(result.data["targets"]) if t["value"] == 90)
    assert f"targets[{ninety}].year" in result.data["source"]["assumed"]


@pytest.mark.parametrize("heading", ["Chặng 1 (2026-2027)", "Đến giữa kỳ năm 2027", "Hai năm đầu (2026 - 2027)"])
def test_a_sub_period_of_a_phase_plan_in_other_words(heading):
    head = HEAD.replace("giai đoạn 2021 - 2030 trên", "giai đoạn 2026 - 2030 trên").replace("năm 2021\n", "năm 2026\n", 1)
    result = extract_text(head + heading + "\n- Đạt " + STAFF.format(value=70) + "\n" + TAIL.format(lead="Sở Y tế"),
                          "x.txt")
    assert _targets(result) == {("staff_assignment", 2027, 70)}
    assert "targets[0].year" not in result.data["source"].get("assumed", [])


@pytest.mark.parametrize("line, expected", [
    ("- Cộng tác viên công tác xã hội được hưởng phụ cấp hằng tháng bằng 100% mức lương cơ sở.",
     ("collaborator_allowance", 2025, 1)),
    ("- Cộng tác viên công tác xã hội được hưởng phụ cấp hằng tháng bằng hệ số 1,0 mức lương cơ sở.",
     ("collaborator_allowance", 2025, 1)),
    ("- Cộng tác viên công tác xã hội được hưởng phụ cấp hằng tháng hệ số 1,5 so với mức lương cơ sở.",
     ("collaborator_allowance", 2025, 1.5)),
    ("- Mỗi cơ quan, đơn vị bố trí tối thiểu 01 biên chế làm công tác xã hội.", ("staff_per_unit", 2025, 1)),
])
def test_the_allowance_as_a_coefficient_or_a_share_and_staff_as_posts(line, expected):
    """The allowance as "hệ số 1,5" or "100% mức lương cơ sở" (a multiple of the wage, never a percentage target);
    staff per unit counted in posts ("01 biên chế")."""
    result = extract_text(HEAD + "a) Giai đoạn 2021 - 2025\n" + line + "\n" + TAIL.format(lead="Sở Y tế"), "x.txt")
    assert _targets(result) == {expected}
