"""Task groups read by the meaning of a heading's words, and the budget as a plan writes it: its total,
phase amounts that are never the total, and the sources a sentence lists (a short document each)."""

import pytest

from ctxh_compliance.extract import extract_text

HEAD = """UỶ BAN NHÂN DÂN
TỈNH HÀ GIANG
Số: 45/KH-UBND
Hà Giang, ngày 10 tháng 3 năm 2026
KẾ HOẠCH
Thực hiện Chương trình phát triển công tác xã hội giai đoạn 2026 - 2030 trên địa bàn tỉnh Hà Giang
Căn cứ Quyết định số 112/QĐ-TTg ngày 22/01/2021 của Thủ tướng Chính phủ phê duyệt Chương trình phát triển \
công tác xã hội giai đoạn 2021-2030;
I. MỤC TIÊU
1. Mục tiêu chung
Phát triển công tác xã hội trên địa bàn tỉnh.
2. Mục tiêu cụ thể
- Đến năm 2030, đạt 90% số cơ quan, tổ chức, xã, phường thực hiện phân công, bố trí nhân sự làm công tác xã hội.
II. NHIỆM VỤ, GIẢI PHÁP
"""
TAIL = """IV. TỔ CHỨC THỰC HIỆN
1. Sở Y tế chủ trì, theo dõi, tổng hợp báo cáo UBND tỉnh hằng năm.
Trên đây là Kế hoạch thực hiện Chương trình phát triển công tác xã hội giai đoạn 2026 - 2030 của tỉnh./.
Nơi nhận:
- Bộ Y tế;
TM. ỦY BAN NHÂN DÂN
"""
TASK = "1. Truyền thông, nâng cao nhận thức về công tác xã hội\nCơ quan chủ trì: Sở Y tế.\n"


def _groups(*headings: str) -> list[tuple[list[str], list[str] | None]]:
    tasks = "".join(f"{n}. {h}\nCơ quan chủ trì: Sở Y tế.\n" for n, h in enumerate(headings, 1))
    data = extract_text(HEAD + tasks + "III. KINH PHÍ\nTổng kinh phí: 2 tỷ đồng.\n" + TAIL, "x.txt").data
    return [(g["covers"], g.get("lead")) for g in data["task_groups"]]


@pytest.mark.parametrize(("heading", "group"), [
    ("Hoàn thiện thể chế, chính sách về công tác xã hội", "legal_framework"),
    ("Rà soát, sửa đổi, bổ sung các quy định liên quan đến công tác xã hội", "legal_framework"),
    ("Củng cố, nâng cấp các Trung tâm Công tác xã hội", "service_network"),
    ("Thành lập phòng, tổ công tác xã hội trong bệnh viện", "service_network"),
    ("Tuyển dụng, bố trí đủ biên chế, vị trí việc làm công tác xã hội", "workforce"),
    ("Tổ chức các lớp tập huấn kỹ năng cho người làm công tác xã hội", "training"),
    ("Nâng cao năng lực, trình độ chuyên môn cho cán bộ làm công tác xã hội", "training"),
    ("Đẩy mạnh thông tin, tuyên truyền, phổ biến kiến thức về nghề công tác xã hội", "communication"),
    ("Tổ chức các hoạt động hưởng ứng Ngày Công tác xã hội Việt Nam", "communication"),
    ("Theo dõi, đánh giá việc thực hiện Kế hoạch", "monitoring"),
    ("Hợp tác trong nước, quốc tế về công tác xã hội", "cooperation_data"),
    ("Đẩy mạnh chuyển đổi số, số hóa hồ sơ đối tượng", "cooperation_data"),
    # a network of people is the staff; the quality of the people is their training
    ("Xây dựng và phát triển mạng lưới cộng tác viên công tác xã hội ở cấp xã", "workforce"),
    ("Nâng cao chất lượng nguồn nhân lực công tác xã hội", "training"),
    # information about subjects and services is data, not also the service network
    ("Số hóa, quản lý thông tin đối tượng và dịch vụ công tác xã hội trên môi trường mạng", "cooperation_data"),
    # mobilising the people who take part is a task (only the funding mobilised is not)
    ("Huy động sự tham gia của các tổ chức, cá nhân vào cung cấp dịch vụ công tác xã hội", "service_network"),
    # people drawn to the work; informing people of the services, honouring those who do it; a system of data
    ("Thu hút người có trình độ chuyên môn công tác xã hội về làm việc tại cơ sở", "workforce"),
    ("Thông tin, giới thiệu các dịch vụ công tác xã hội đến người dân", "communication"),
    ("Tôn vinh, khen thưởng các tập thể, cá nhân có thành tích trong công tác xã hội", "communication"),
    ("Xây dựng hệ thống cơ sở dữ liệu về công tác xã hội", "cooperation_data"),
    # contests and channels are communication; the channels after "qua", the purpose after "giúp" are its objects
    ("Tổ chức các cuộc thi tìm hiểu về công tác xã hội", "communication"),
    ("Tăng cường truyền thông qua trang thông tin điện tử, mạng xã hội và đường dây nóng về công tác xã hội",
     "communication"),
    ("Đa dạng hóa kênh thông tin giúp người dân biết và tiếp cận dịch vụ công tác xã hội", "communication"),
    ("Phát huy vai trò của báo chí, hệ thống thông tin cơ sở trong tuyên truyền về công tác xã hội", "communication"),
    # figures and lists gathered of the people served and of those who serve them are data
    ("Thu thập số liệu, lập danh sách đối tượng cần hỗ trợ và người làm công tác xã hội", "cooperation_data"),
    # a group's own work takes the other groups' words after it as what it is about, until new work is joined
    ("Khảo sát thực trạng đội ngũ, cơ sở vật chất của các cơ sở cung cấp dịch vụ công tác xã hội", "cooperation_data"),
    ("Kiểm tra, giám sát việc bố trí nhân lực và hoạt động của mạng lưới cơ sở", "monitoring"),
    # what the work is for names no work; people who go to a piece of work are what it is for
    ("Xây dựng cơ sở dữ liệu thống nhất phục vụ công tác quản lý và đào tạo nguồn nhân lực", "cooperation_data"),
    ("Cử viên chức, nhân viên đi tập huấn chuyên sâu về công tác xã hội", "training"),
    ("Hỗ trợ người làm công tác xã hội tham gia các lớp bồi dưỡng nghiệp vụ", "training"),
    # channels and products of communication; reporting on results as a task; records of the people served
    ("Biên soạn, phát hành tờ gấp, sổ tay về các dịch vụ công tác xã hội", "communication"),
    ("Thực hiện báo cáo định kỳ về kết quả thực hiện Kế hoạch", "monitoring"),
    ("Lập hồ sơ, phân loại đối tượng cần trợ giúp tại cộng đồng", "cooperation_data"),
    # a body's own working rules are not the legal framework
    ("Xây dựng quy chế hoạt động của các Trung tâm Công tác xã hội", "service_network"),
    # a purpose the heading opens with names no work: the work follows its colon, or a comma before a verb
    ("Để người làm công tác xã hội được hưởng đầy đủ chế độ, chính sách: rà soát, bổ sung các quy định của tỉnh",
     "legal_framework"),
    ("Nhằm giúp người bệnh nghèo được hỗ trợ kịp thời, từng bước triển khai hoạt động công tác xã hội trong các "
     "bệnh viện theo Thông tư số 43/2015/TT-BYT", "service_network"),
    # what a group's work is done to, in the passive, is its object; the act a work follows is no legal work
    ("Đến năm 2030, 100% hồ sơ đối tượng tại cơ sở trợ giúp xã hội được số hóa, quản lý trên phần mềm",
     "cooperation_data"),
    ("Tổ chức tiếp nhận theo cơ chế một cửa các yêu cầu trợ giúp tại Trung tâm Công tác xã hội", "service_network"),
    # the people who teach, meetings abroad, a review of the acts in force, volunteers' teams
    ("Phát triển đội ngũ giảng viên, tập huấn viên nòng cốt về công tác xã hội của tỉnh", "training"),
    ("Cử cán bộ tham dự hội thảo, diễn đàn quốc tế và khu vực về công tác xã hội", "cooperation_data"),
    ("Tổng kết thi hành các quy định về bảo trợ xã hội làm cơ sở kiến nghị ban hành quy định mới", "legal_framework"),
    ("Đội công tác xã hội tình nguyện cấp xã: thành lập mới ở những nơi chưa có", "workforce"),
    # a count between a verb and its object; an output named as the heading
    ("Phối hợp trường trung cấp nghề mở 01 lớp trung cấp công tác xã hội cho cán bộ xã", "training"),
    ("Danh sách người cao tuổi cô đơn, người khuyết tật nặng lập theo từng xã", "cooperation_data"),
    ("Báo cáo nhanh hằng quý về tiến độ các chỉ tiêu công tác xã hội của ngành y tế", "monitoring"),
    # abbreviations read as written out
    ("Ứng dụng CNTT trong quản lý, cung cấp dịch vụ CTXH", "cooperation_data"),
    # words of a group used in passing stay with the heading's own work (a review's misfires, kept as cases)
    ("Đẩy nhanh tiến độ xây dựng Trung tâm Công tác xã hội tỉnh", "service_network"),
    ("Phân kỳ đầu tư cơ sở trợ giúp xã hội giai đoạn 2026-2030", "service_network"),
    ("Hội nghị giao ban đánh giá tình hình thực hiện đề án", "monitoring"),
    ("Xử lý kỷ luật cán bộ vi phạm trong cung cấp dịch vụ công tác xã hội", "service_network"),
    ("Nâng cao năng lực thi hành công vụ cho cán bộ làm công tác xã hội", "workforce"),
    ("Bảo đảm trẻ em được hưởng các dịch vụ chăm sóc thay thế", "service_network"),
    ("Chi trả phụ cấp hằng tháng cho cộng tác viên công tác xã hội", "workforce"),
    ("Tuyển chọn tác phẩm báo chí về công tác xã hội", "communication"),
    ("Biên tập tài liệu đào tạo nghiệp vụ công tác xã hội", "training"),
])
def test_a_heading_names_its_group_by_the_meaning_of_its_words(heading, group):
    assert _groups(heading) == [([group], ["Sở Y tế"])]


def test_a_count_of_years_stays_in_a_heading_while_a_count_of_things_goes():
    """"Mở 01 lớp trung cấp …" is read as "mở lớp trung cấp" (training); "kế hoạch 5 năm" keeps its years (steering of
    a QĐ 32 plan), not read as "năm thực hiện Đề án"."""
    from ctxh_compliance.extract.tasks import groups_of
    assert groups_of("Xây dựng kế hoạch 5 năm thực hiện Đề án") == ["steering"]
    assert groups_of("Phối hợp trường trung cấp nghề mở 01 lớp trung cấp công tác xã hội") == ["training"]


def test_a_heading_holding_a_parts_words_stays_a_task_of_the_tasks_part():
    # "tổ chức thực hiện", "hoạt động", "đánh giá kết quả" are words of parts; under the tasks part these
    # headings are tasks, and the lines under them give their leads
    assert _groups("Cụ thể hóa và tổ chức thực hiện chính sách, pháp luật về công tác xã hội",
                   "Thanh tra, kiểm tra, giám sát hoạt động công tác xã hội",
                   "Sơ kết, đánh giá kết quả thực hiện Kế hoạch") == [
        (["legal_framework"], ["Sở Y tế"]), (["monitoring"], ["Sở Y tế"]), (["monitoring"], ["Sở Y tế"])]


def test_the_first_group_takes_what_follows_as_its_object_and_and_joins_a_second():
    assert _groups("Đào tạo, bồi dưỡng đội ngũ cán bộ và cộng tác viên công tác xã hội",
                   "Tuyên truyền, phổ biến chính sách, pháp luật về công tác xã hội",
                   "Phát triển mạng lưới cơ sở cung cấp dịch vụ và đội ngũ người làm công tác xã hội",
                   "Xây dựng cơ sở dữ liệu về đối tượng và dịch vụ công tác xã hội") == [
        (["training"], ["Sở Y tế"]), (["communication"], ["Sở Y tế"]),
        (["service_network", "workforce"], ["Sở Y tế"]), (["cooperation_data"], ["Sở Y tế"])]


def test_weak_words_before_the_first_strong_one_say_how_the_work_is_done():
    # "kiện toàn" (a weak word of the staff) opens a heading about the network; the staff after "," is named too
    assert _groups("Củng cố, kiện toàn cơ sở trợ giúp xã hội, bố trí đủ nhân viên công tác xã hội",
                   "Tuyên truyền về công tác xã hội") == [
        (["service_network", "workforce"], ["Sở Y tế"]), (["communication"], ["Sở Y tế"])]
    # with a heading of the staff's own, the staff and their lead are that heading's
    assert _groups("Củng cố, kiện toàn cơ sở trợ giúp xã hội, bố trí đủ nhân viên công tác xã hội",
                   "Kiện toàn đội ngũ cán bộ làm công tác xã hội") == [
        (["service_network"], ["Sở Y tế"]), (["workforce"], ["Sở Y tế"])]


def test_a_heading_about_funding_or_a_body_names_no_group():
    text = HEAD + TASK + "2. Huy động nguồn lực xã hội hóa cho công tác xã hội\nCơ quan chủ trì: Sở Tài chính.\n" \
        + "III. KINH PHÍ\nTổng kinh phí: 2 tỷ đồng.\n" + TAIL
    assert [g["covers"] for g in extract_text(text, "x.txt").data["task_groups"]] == [["communication"]]


def _budget(lines: str) -> dict:
    return extract_text(HEAD + TASK + "III. KINH PHÍ THỰC HIỆN\n" + lines + "\n" + TAIL, "x.txt").data.get("budget", {})


@pytest.mark.parametrize(("lines", "total"), [
    ("Giai đoạn 2026 - 2027 là 422.000 nghìn đồng; giai đoạn 2028 - 2030 là 621.000 nghìn đồng. "
     "Cộng: 1.043.000 nghìn đồng.", 1_043_000_000),
    ("Giai đoạn 2026 - 2027 cần 1,2 tỷ; giai đoạn 2028 - 2030 cần 1,8 tỷ. Tổng số kinh phí: 3 tỷ.", 3_000_000_000),
    ("Nhu cầu kinh phí thực hiện Kế hoạch giai đoạn 2026 - 2030 khoảng 2.632 tr.đ, trong đó: giai đoạn 2026 - 2027 "
     "là 1.272 tr.đ; giai đoạn 2028 - 2030 là 1.360 tr.đ.", 2_632_000_000),
    ("Tổng kinh phí thực hiện Kế hoạch: 2,500,000,000 đồng (Bằng chữ: Hai tỷ năm trăm triệu đồng).", 2_500_000_000),
    ("Kinh phí để triển khai Kế hoạch là 3 tỷ đồng.", 3_000_000_000),
    ("Kinh phí bố trí cho Kế hoạch giai đoạn 2026 - 2030 là 5 tỷ đồng (giai đoạn 2026 - 2027 là 2 tỷ đồng; giai "
     "đoạn 2028 - 2030 là 3 tỷ đồng).", 5_000_000_000),
    ("Tổng kinh phí dự kiến thực hiện giai đoạn 2026 - 2030:\n678.000.000 VNĐ (giai đoạn 2026 - 2027 là 221.000.000 "
     "VNĐ; giai đoạn 2028 - 2030 là 457.000.000 VNĐ).", 678_000_000),
    ("Tổng kinh phí dự kiến thực hiện giai đoạn 2026 - 2030: 678.000.000\nVNĐ (giai đoạn 2026 - 2027 là 221.000.000 "
     "VNĐ; giai đoạn 2028 - 2030 là 457.000.000 VNĐ).", 678_000_000),
    # the unit in brackets, cents written as ",00", the phases' yearly allocation after the total
    ("Tổng nguồn kinh phí thực hiện cho năm 2027: 115 (triệu đồng).", 115_000_000),
    ("Tổng cộng kinh phí giai đoạn 2026 - 2030: 2.728.000.000,00 đồng.", 2_728_000_000),
    ("Giai đoạn 2026 - 2027 dự kiến bố trí 154.000 nghìn đồng; giai đoạn 2028 - 2030 dự kiến 392.000 nghìn đồng. Tổng "
     "kinh phí của cả Kế hoạch dự kiến khoảng 546.000 nghìn đồng, được phân bổ trong dự toán ngân sách hằng năm.",
     546_000_000),
    # a phase's period written after its amount; a line that opens with the amount, right under the heading
    ("Giai đoạn 2026 - 2027 là 420 triệu đồng; 630 triệu đồng cho giai đoạn 2028 - 2030. Tổng kinh phí cả giai "
     "đoạn: 1.050 triệu đồng.", 1_050_000_000),
    ("2 tỷ đồng cho giai đoạn 2026 - 2027; giai đoạn 2028 - 2030 dự kiến 3 tỷ đồng. Tổng kinh phí cả Kế hoạch khoảng "
     "5 tỷ đồng.", 5_000_000_000),
    # a remark in brackets that is no blank to fill ("(dự kiến)", "(ước tính)")
    ("Tổng kinh phí (dự kiến): 1.620.000.000 VNĐ (giai đoạn 2026 - 2027 (ước tính) 589.000.000 VNĐ; giai đoạn 2028 - "
     "2030 dự toán 1.031.000.000 VNĐ).", 1_620_000_000),
])
def test_the_total_in_the_words_and_units_a_plan_writes(lines, total):
    # a line that refers back to the total to give its parts never replaces it
    lines += "\nTrong tổng kinh phí nêu trên, ngân sách tỉnh là 1 tỷ đồng, còn lại huy động từ nguồn xã hội hóa."
    assert _budget(lines)["total"]["amount"] == total


@pytest.mark.parametrize("lines", [
    "Tổng kinh phí: giai đoạn 2026 - 2027 là 3 tỷ đồng; giai đoạn 2028 - 2030 là 2 tỷ đồng.",
    "Dự toán kinh phí: năm 2026 là 500 triệu đồng; năm 2027 là 600 triệu đồng.",
    "Giai đoạn 2026 - 2027 là 1,2 tỷ đồng; giai đoạn 2028 - 2030 là 1,8 tỷ đồng. Tổng số kinh phí: … đồng.",
    "Tổng kinh phí thực hiện Kế hoạch: 2.500 (triệu) .",
    "Kinh phí năm 2026: 500 triệu đồng.",
    "Kinh phí: năm 2026 là 2 tỷ đồng; năm 2027 là 1 tỷ đồng.",
])
def test_a_phase_amount_a_blank_or_a_figure_without_its_unit_is_never_the_total(lines):
    assert "total" not in _budget(lines)


@pytest.mark.parametrize(("line", "sources"), [
    ("Nguồn kinh phí: nguồn ngân sách nhà nước; nguồn huy động hợp pháp từ các tổ chức, cá nhân; các nguồn hợp pháp "
     "khác.", [("Nguồn ngân sách nhà nước", None), ("Nguồn huy động hợp pháp từ các tổ chức, cá nhân", None)]),
    ("Kinh phí được bảo đảm từ ngân sách địa phương, lồng ghép trong các chương trình, đề án có liên quan và nguồn "
     "vận động, tài trợ hợp pháp.", [("Ngân sách địa phương", None), ("Nguồn vận động, tài trợ hợp pháp", None)]),
    ("Cơ cấu nguồn vốn: ngân sách tỉnh 1,5 tỷ đồng, nguồn đóng góp, hỗ trợ hợp pháp của các doanh nghiệp 0,5 tỷ đồng.",
     [("Ngân sách tỉnh", 1_500_000_000), ("Nguồn đóng góp, hỗ trợ hợp pháp của các doanh nghiệp", 500_000_000)]),
    ("Nguồn kinh phí gồm: ngân sách tỉnh 1.200 triệu đồng; ngân sách trung ương hỗ trợ 500 triệu đồng; nguồn xã hội "
     "hóa 300 triệu đồng.", [("Ngân sách tỉnh", 1_200_000_000), ("Ngân sách trung ương", 500_000_000),
                             ("Nguồn xã hội hóa", 300_000_000)]),
    ("Kinh phí thực hiện từ nguồn ngân sách tỉnh và nguồn vận động, tài trợ hợp pháp.",
     [("Ngân sách tỉnh", None), ("Nguồn vận động, tài trợ hợp pháp", None)]),
    ("Nguồn kinh phí gồm: ngân sách tỉnh 2 tỷ đồng; còn lại 1 tỷ đồng từ xã hội hóa.", [("Ngân sách tỉnh", None)]),
    ("Nguồn kinh phí: ngân sách tỉnh: … đồng; nguồn xã hội hóa: … đồng.", []),
    # the first source named before the line's ":", or each amount before its source
    ("Nguồn ngân sách tỉnh: 1,5 tỷ đồng; nguồn vận động, tài trợ hợp pháp: 0,5 tỷ đồng.",
     [("Nguồn ngân sách tỉnh", 1_500_000_000), ("Nguồn vận động, tài trợ hợp pháp", 500_000_000)]),
    ("Dự kiến nguồn kinh phí: 1.500.000.000,00 đồng từ nguồn ngân sách nhà nước và 500.000.000,00 đồng từ nguồn huy "
     "động hợp pháp.", [("Nguồn ngân sách nhà nước", 1_500_000_000), ("Nguồn huy động hợp pháp", 500_000_000)]),
])
def test_the_sources_a_sentence_lists(line, sources):
    got = _budget("Tổng kinh phí: 2 tỷ đồng.\n" + line).get("sources", [])
    assert [(s["name"], s.get("amount")) for s in got] == sources


def test_parts_named_by_their_content_and_their_resources():
    text = HEAD.replace("II. NHIỆM VỤ, GIẢI PHÁP", "II. NỘI DUNG TRỌNG TÂM") \
        + "1. Chế độ kiểm tra, giám sát việc thực hiện Kế hoạch\nCơ quan chủ trì: Sở Y tế.\n" \
        + "III. NGUỒN LỰC THỰC HIỆN\nKinh phí để triển khai Kế hoạch là 3 tỷ đồng, từ nguồn ngân sách tỉnh.\n" + TAIL
    data = extract_text(text, "x.txt").data
    assert [(g["covers"], g.get("lead")) for g in data["task_groups"]] == [(["monitoring"], ["Sở Y tế"])]
    assert data["budget"]["total"]["amount"] == 3_000_000_000
    assert [s["name"] for s in data["budget"]["sources"]] == ["Ngân sách tỉnh"]


@pytest.mark.parametrize(("lines", "words"), [
    ("Tổng kinh phí thực hiện Kế hoạch: 2.500.000.000 đồng (VNĐ).", None),
    ("Tổng kinh phí thực hiện Kế hoạch: 2,5 tỷ đồng (đồng chẵn).", None),
    ("Tổng kinh phí thực hiện Kế hoạch: 2,5 tỷ đồng (Bằng chữ: Hai tỷ năm trăm triệu đồng).",
     "Hai tỷ năm trăm triệu đồng"),
])
def test_only_words_that_say_a_number_are_the_amount_in_words(lines, words):
    total = _budget(lines)["total"]
    assert (total["amount"], total.get("words")) == (2_500_000_000, words)


def test_the_total_is_never_given_the_period_of_a_phase_before_it():
    """"420 triệu đồng cho giai đoạn 2026 - 2027; 630 triệu đồng cho giai đoạn 2028 - 2030. Tổng kinh phí …": the
    total is for the whole plan, not for 2026 - 2027 (which would make a yearly amount look wrong)."""
    budget = _budget("420 triệu đồng cho giai đoạn 2026 - 2027; 630 triệu đồng cho giai đoạn 2028 - 2030. Tổng kinh "
                     "phí thực hiện Kế hoạch: 1.050 triệu đồng.\nKinh phí thực hiện hằng năm: 210 triệu đồng/năm.")
    assert budget["total"]["amount"] == 1_050_000_000
    assert budget.get("period") in (None, {"start": 2026, "end": 2030})


def test_an_amount_line_under_a_heading_in_lower_case_is_its_own_paragraph():
    text = (HEAD + TASK + "III. Kinh phí thực hiện\n2 tỷ đồng cho giai đoạn 2026 - 2027; giai đoạn 2028 - 2030 dự kiến "
            "3 tỷ đồng. Tổng kinh phí cả Kế hoạch khoảng 5 tỷ đồng.\n" + TAIL)
    assert extract_text(text, "x.txt").data["budget"]["total"]["amount"] == 5_000_000_000
