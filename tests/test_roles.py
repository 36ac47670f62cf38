"""Who leads a task group and who takes part, read by the role grammar (extract/roles.py): a label before
the bodies, a role word after them or a partner verb before them, in one line or two, in any order; a list
of bodies split where a new name begins and ended where a verb begins; a blank, a kind of body ("các cơ
quan, đơn vị") or a clause of a task never read as a lead."""

import pytest

from ctxh_compliance.extract import extract, extract_text

HEAD = """ỦY BAN NHÂN DÂN
TỈNH LẠNG SƠN
Số: 45/KH-UBND
Lạng Sơn, ngày 10 tháng 3 năm 2021
KẾ HOẠCH
Thực hiện Chương trình phát triển công tác xã hội giai đoạn 2021 - 2030 trên địa bàn tỉnh Lạng Sơn
Căn cứ Quyết định số 112/QĐ-TTg ngày 22/01/2021 của Thủ tướng Chính phủ phê duyệt Chương trình phát triển \
công tác xã hội giai đoạn 2021-2030;
I. MỤC TIÊU
1. Mục tiêu chung
Phát triển công tác xã hội trên địa bàn tỉnh.
II. NHIỆM VỤ, GIẢI PHÁP
1. Phát triển đội ngũ người làm công tác xã hội{bracket}
- Rà soát, kiện toàn đội ngũ cộng tác viên công tác xã hội tại địa phương.
{lines}
2. Truyền thông, nâng cao nhận thức về công tác xã hội
- Phối hợp với các cơ quan báo chí xây dựng chuyên trang, chuyên mục về công tác xã hội.
- Huy động các tổ chức tham gia cung cấp dịch vụ công tác xã hội.
III. TỔ CHỨC THỰC HIỆN
1. Sở Lao động - Thương binh và Xã hội
- Chủ trì, phối hợp với Sở Thông tin và Truyền thông tổ chức các hoạt động truyền thông về công tác xã hội.
2. Sở Tài chính
- Hướng dẫn thanh quyết toán kinh phí thực hiện Kế hoạch theo quy định.
Trên đây là Kế hoạch thực hiện Chương trình phát triển công tác xã hội của tỉnh./.
"""
LEAD = "Sở Lao động - Thương binh và Xã hội"
PARTNERS = ["Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh", "Ủy ban nhân dân các huyện, thị xã, thành phố"]
JOINED = "Sở Văn hóa, Thể thao và Du lịch, Công an tỉnh và Ủy ban nhân dân các huyện, thị xã, thành phố"


def _groups(lines: str, bracket: str = "") -> dict:
    data = extract_text(HEAD.format(lines=lines, bracket=bracket), "x.txt").data
    return {tuple(g["covers"]): (g.get("lead"), g.get("partners")) for g in data["task_groups"]}


@pytest.mark.parametrize("lines", [
    # a label before the bodies, on one line or two, the bodies on the label's line or the next
    "Đơn vị đầu mối: {lead}\nCác đơn vị phối hợp: {partners}",
    "- Cơ quan chủ trì thực hiện: {lead}.\n- Cơ quan phối hợp thực hiện: {partners}.",
    "Chủ trì: {lead}. Phối hợp: {partners}.",
    "Chủ trì: {lead} – Phối hợp: {partners}",
    "Cơ quan chủ trì:\n{lead}\nCơ quan phối hợp:\n{partners}",
    "Các cơ quan phối hợp gồm: {partners}.\nĐơn vị chủ trì: {lead}.",
    # a role word after the bodies
    "{lead} (cơ quan chủ trì); {partners} (cơ quan phối hợp).",
    "{lead} là cơ quan đầu mối; {partners} cùng tham gia.",
    "Nhiệm vụ này do {lead} chủ trì, {partners} phối hợp thực hiện.",
    "Phân công thực hiện: {lead} là cơ quan thường trực, {partners} phối hợp.",
    # a partner verb before them, the lead given the work by "giao" or as the subject
    "Giao {lead} chủ trì, phối hợp với {partners} tổ chức triển khai thực hiện.",
    "{lead} chịu trách nhiệm chính, phối hợp {partners} và các đơn vị có liên quan tổ chức thực hiện.",
    "Trách nhiệm thực hiện: {lead} chủ trì, với sự tham gia của {partners}.",
    "{lead} phối hợp với {partners} tổ chức thực hiện; định kỳ báo cáo UBND tỉnh.",
    "Đơn vị thực hiện: {lead} (chủ trì), {partners}.",
    "Chủ trì thực hiện là {lead}; phối hợp thực hiện là {partners}.",
    "{lead} giữ vai trò chủ trì, {partners} tham gia phối hợp.",
    "{lead} tổ chức thực hiện; các cơ quan: {partners} có trách nhiệm phối hợp.",
    "- {lead}: chủ trì thực hiện;\n- {partners}: phối hợp thực hiện.",
    # the others first, as the subject that works with the lead a role word names
    "{partners} phối hợp với {lead} (cơ quan chủ trì) thực hiện.",
    "{partners} cùng phối hợp với {lead} là cơ quan đầu mối triển khai.",
    # a clause of the lead's own work before ";", then the others
    "{lead} chủ trì, tham mưu Ủy ban nhân dân tỉnh ban hành; {partners} phối hợp thực hiện.",
    # a role label after the label of the whole line, or named as a responsibility
    "Phân công: chủ trì - {lead}; phối hợp - {partners}.",
    "Trách nhiệm chủ trì: {lead}; trách nhiệm phối hợp: {partners}.",
    # how the others take part stands between them and their role word
    "{lead} chủ trì tham mưu; {partners} theo chức năng, nhiệm vụ phối hợp thực hiện.",
    "{lead} chủ trì tổ chức thực hiện; {partners} theo chức năng, nhiệm vụ được giao có trách nhiệm phối hợp.",
    # the others named first, asked to take part, or the lead named again among them
    "Đề nghị {partners} phối hợp với {lead} (chủ trì) thực hiện.",
    "Phối hợp: {partners}; chủ trì: {lead}.",
    "{lead}, {partners} phối hợp triển khai, trong đó {lead} chủ trì.",
    # a label after another label's colon, or opened by other nouns
    "Phân công: chủ trì – {lead}; phối hợp – {partners}.",
    "Sở, ngành chủ trì: {lead}; sở, ngành phối hợp: {partners}.",
    "Cơ quan tham mưu, chủ trì: {lead}; các cơ quan phối hợp: {partners}.",
    # a kind of body, then the names meant
    "{lead} chủ trì, phối hợp với các sở, ngành: {partners} triển khai thực hiện.",
    # a body that directs or is named after "của" is not the lead; the body it hands the work to is
    "Ủy ban nhân dân tỉnh chỉ đạo {lead} chủ trì, phối hợp với {partners} thực hiện.",
    "Theo chỉ đạo của Ủy ban nhân dân tỉnh, {lead} chủ trì, phối hợp với {partners} thực hiện.",
    # a remark in brackets after the lead, a kind and "gồm" before the names, "cùng với", "Trách nhiệm chủ trì:"
    "Cơ quan chủ trì: {lead} (thường trực Ban Chỉ đạo); cơ quan phối hợp: {partners}.",
    "{lead} chủ trì, phối hợp với các cơ quan liên quan gồm {partners} thực hiện.",
    "{lead} chủ trì cùng với {partners} triển khai thực hiện.",
    "Trách nhiệm phối hợp: {partners}.\nTrách nhiệm chủ trì: {lead}.",
    # a clause of other bodies' own work before ";", then the others
    "{lead} chủ trì.\nỦy ban nhân dân cấp xã chủ động thực hiện tại địa phương; {partners} phối hợp hướng dẫn.",
    # an item's letter before a label; a dash, or brackets with more words, between a body and its role
    "a) Cơ quan chủ trì: {lead}.\nb) Cơ quan phối hợp: {partners}.",
    "(1) Chủ trì: {lead}.\n(2) Phối hợp: {partners}.",
    "Phân công: {lead} – cơ quan chủ trì, tham mưu; {partners} – cơ quan phối hợp.",
    "{lead} – chủ trì; {partners} – phối hợp.",
    "{lead} (cơ quan chủ trì, tham mưu); {partners} (các cơ quan phối hợp).",
    # the others after a kind of body and a colon, as the subject; the work before the lead ("do …")
    "Các sở, ngành: {partners} phối hợp với {lead} (cơ quan chủ trì) tổ chức triển khai các nội dung trên.",
    "Các cơ quan: {partners} có trách nhiệm phối hợp với {lead} triển khai thực hiện; {lead} chịu trách nhiệm chủ trì.",
    "Các nội dung trên do {lead} chủ trì thực hiện; {partners} phối hợp.",
    # a sentence ending in ":" before the group's activities (not one that points to a table)
    "{lead} chủ trì, phối hợp với {partners} thực hiện các nội dung sau:\n- Tổ chức rà soát hằng năm.",
    # a role between dashes or in square brackets; a label before its bodies in brackets; more words in a label
    "{partners}, theo chức năng, nhiệm vụ được giao, phối hợp chặt chẽ với {lead} – cơ quan chủ trì – trong triển khai.",
    "{lead} [chủ trì]; {partners} [phối hợp].",
    "Các cơ quan phối hợp ({partners}) cùng cơ quan chủ trì ({lead}) xây dựng kế hoạch chi tiết.",
    "Cơ quan chủ trì, tham mưu: {lead}; cơ quan phối hợp: {partners}.",
    "{lead}, với vai trò là cơ quan chủ trì, phối hợp với {partners} tổ chức triển khai.",
    "Trách nhiệm phối hợp thuộc về {partners}; trách nhiệm chủ trì thuộc về {lead}.",
    "Giao {lead} trực tiếp chủ trì, phối hợp với {partners} thực hiện.",
    "Về phân công, {lead} đảm nhận vai trò chủ trì, còn {partners} đảm nhận vai trò phối hợp.",
    "Cơ quan chủ trì — {lead}; cơ quan phối hợp — {partners}.",
    "{lead} chủ trì, phối hợp với {partners} vận động các nguồn lực xã hội tham gia thực hiện.",
    "{lead} chủ trì.\nCác cơ quan tham gia phối hợp thực hiện gồm: {partners}.",
    "Với vai trò cơ quan chủ trì, {lead} phối hợp với {partners} xây dựng kế hoạch hằng năm.",
    # a role word, a few words of its own, then "là / gồm / có" before the bodies
    "Đơn vị được giao chủ trì nội dung này là {lead}; tham gia phối hợp có {partners}.",
    "Chủ trì thực hiện các hoạt động trên là {lead}, với sự phối hợp của {partners}.",
    "Các hoạt động được tiến hành dưới sự chủ trì của {lead} và sự phối hợp của {partners}.",
    "Tham gia thực hiện gồm {partners}, do {lead} chủ trì.",
    # a role with more words holds over the shorter one inside it ("đảm nhận vai trò phối hợp" is a partner's)
    "{partners} đảm nhận vai trò phối hợp; {lead} chủ trì.",
    # the bodies before "cùng với", after words that set the scene or a directing verb, a remark in brackets
    "{lead} chủ trì; Sở Văn hóa, Thể thao và Du lịch, Công an tỉnh cùng với Ủy ban nhân dân các huyện, thị xã, "
    "thành phố phối hợp triển khai.",
    "Căn cứ nhiệm vụ được giao, {partners} chủ động phối hợp, cung cấp số liệu; {lead} giữ vai trò chủ trì.",
    "Ủy ban nhân dân tỉnh yêu cầu {partners} phối hợp chặt chẽ với {lead} (cơ quan được giao chủ trì) khi triển khai.",
    # a name ends where words of a clause follow it (a department's whole name, a level); the body after "là"
    "{lead} chủ trì, phối hợp với {partners} cụ thể hóa và tổ chức thực hiện.",
    "{lead} chủ trì; {partners} đồng hành, phối hợp trong suốt quá trình triển khai.",
    "Thường trực Ban Chỉ đạo Đề án là {lead}, chủ trì thực hiện nhiệm vụ này; {partners} phối hợp.",
    "Ủy ban nhân dân tỉnh ủy quyền cho {lead} chủ trì tổ chức thực hiện; {partners} có trách nhiệm phối hợp.",
    "{lead} thay mặt Ban Chỉ đạo Đề án chủ trì tổ chức thực hiện, {partners} phối hợp.",
    # two roles in one label, their bodies split by "/"; role words opening their clauses with no colon
    "Chủ trì, phối hợp: {lead} / {partners}.",
    "Chủ trì ({lead}); phối hợp ({partners}).",
    # a body whose duties the next line lists; a sentence the layout broke after a comma or before lower case
    "{lead} có trách nhiệm:\n- Chủ trì, phối hợp với {partners} xây dựng và tổ chức thực hiện kế hoạch hằng năm.",
    "Giao {lead} chủ trì,\nphối hợp với {partners} triển khai thực hiện các nội dung nêu trên.",
    "i) Chủ trì: {lead};\nii) Phối hợp: {partners}.",
    # the lead's role in more words; the partners' as taking part fully, or working with the lead
    "Với tư cách cơ quan chủ trì, {lead} xây dựng kế hoạch; {partners} tham gia với tư cách cơ quan phối hợp.",
    "{lead} giữ vai trò chủ đạo trong triển khai nhiệm vụ; {partners} phối hợp, hỗ trợ theo chức năng.",
    "{lead} đảm trách việc tổ chức thực hiện; {partners} có trách nhiệm phối hợp khi được yêu cầu.",
    "{lead} chủ trì, kết hợp với {partners} thực hiện.",
    "{lead} chủ trì, bảo đảm sự tham gia đầy đủ của {partners}.",
    # the role named as a thing the bodies do; the lead as whom the others send to, "để chủ trì"
    "Việc chủ trì do {lead} đảm nhiệm; việc phối hợp do {partners} đảm nhiệm.",
    "{partners} phối hợp lập danh sách cán bộ, gửi về {lead} để chủ trì tổ chức các lớp học.",
    # a table written as text, its header and its row on two lines; items marked (i), (ii) inside a line; the
    # drafting body and the bodies that comment; a body's duties, its own part done with the others
    "Chủ trì | Phối hợp | Thời gian\n{lead} | {partners} | Hằng năm",
    "Phân công: (i) chủ trì: {lead}; (ii) phối hợp: {partners}; (iii) thời gian: thường xuyên.",
    "Xây dựng quy định (cơ quan soạn thảo: {lead}; cơ quan góp ý: {partners}).",
    "{lead} thực hiện các việc sau:\n- Chủ trì xây dựng kế hoạch hằng năm;\n- Phối hợp với {partners} hướng dẫn, kiểm tra.",
    "Đơn vị chủ trì thực hiện nhiệm vụ này là\n{lead}; các đơn vị phối hợp là {partners}.",
    # a label of the advising body; a line wholly in brackets; labels after "[" and after "Đề án"; the lead coordinating
    # a list the label opens
    "Tham mưu: {lead}. Phối hợp: {partners}.",
    "[{lead} chủ trì; {partners} phối hợp; thời gian: cả năm 2026]",
    "Thực hiện từ quý II/2026 [Chủ trì: {lead}. Phối hợp: {partners}. Báo cáo: trước ngày 10/12/2026].",
    "Cơ quan thường trực Đề án: {lead}.\nCơ quan phối hợp: {partners}.",
    "Lực lượng tham gia gồm {partners}, dưới sự điều phối của {lead} (chủ trì).",
    "Các cơ quan tham gia thực hiện gồm: {lead} – chủ trì; {partners} – phối hợp.",
    # "đầu mối" where its clause ends; fields of a line split by dashes
    "Chủ trì: {lead} - Phối hợp: {partners} - Thời gian: hàng năm.",
    "{partners} (theo lĩnh vực của mình) phối hợp; {lead} chủ trì chung.",
    "{lead} chủ trì và phân công cụ thể cho {partners} phối hợp thực hiện.",
    "{lead} chủ trì triển khai; đồng thời đề nghị {partners} tích cực phối hợp thực hiện.",
    "{lead} chủ trì xây dựng kế hoạch; {partners} phối hợp tổ chức thực hiện.",
    # the lead's role in other words, the partners' as support or as whom they send
    "{lead} đảm nhận việc tổ chức triển khai; {partners} phối kết hợp.",
    "Đơn vị đảm nhận: {lead}. Đơn vị hỗ trợ: {partners}.",
    "{lead}: đầu mối, tổng hợp.\n{partners}: tham gia, hỗ trợ.",
    "Nội dung này được triển khai bởi {lead}, với sự hỗ trợ của {partners}.",
    "{lead} rà soát nhu cầu, xây dựng kế hoạch chi tiết; {partners} cử cán bộ tham gia.",
    "Nhiệm vụ này được {lead} tổ chức thực hiện với sự phối kết hợp của {partners}.",
    "Công tác này do {lead} trực tiếp thực hiện; các đơn vị {partners} phối hợp khi được đề nghị.",
    "Đầu mối triển khai, tổng hợp: {lead}. Đơn vị tham gia phối kết hợp: {partners}.",
])
def test_roles_in_any_wording(lines):
    groups = _groups(lines.format(lead=LEAD, partners=JOINED))
    assert groups[("workforce",)] == ([LEAD], PARTNERS), lines


@pytest.mark.parametrize("lines", [
    "{lead} chủ trì, phối hợp với {partners}, các sở, ban, ngành liên quan và Ủy ban nhân dân cấp xã tổ chức thực hiện.",
    "{lead} chủ trì; phối hợp với {partners} và Ủy ban nhân dân cấp xã trong quá trình thực hiện.",
    "Cơ quan chủ trì: {lead}.\nCơ quan phối hợp: {partners}; Ủy ban nhân dân cấp xã; các sở, ngành có liên quan.",
])
def test_the_others_concerned_are_no_body_wherever_they_stand(lines):
    # "các sở, ban, ngành liên quan" in the middle of a list is no body; a named level of bodies after it is
    groups = _groups(lines.format(lead=LEAD, partners=JOINED))
    assert groups[("workforce",)] == ([LEAD], PARTNERS + ["Ủy ban nhân dân cấp xã"]), lines


@pytest.mark.parametrize("task", [
    "- Giao Ủy ban nhân dân cấp xã rà soát, lập danh sách đối tượng cần trợ giúp.",
    "- Bộ phận chủ trì tiếp nhận hồ sơ tại Ủy ban nhân dân cấp xã thực hiện hướng dẫn.",
    "- Các cơ sở trợ giúp xã hội phối hợp với Trung tâm Công tác xã hội tỉnh thực hiện quản lý trường hợp.",
    # support given to bodies is work done for them, not a role of theirs
    "- Hỗ trợ Ủy ban nhân dân cấp xã triển khai mô hình tại cộng đồng.",
])
def test_a_task_line_before_the_roles_gives_none(task):
    # a task given to a body, or a role word of a unit that is no body, before the lines that say who leads
    lines = f"{task}\nCơ quan chủ trì: {LEAD}.\nCơ quan phối hợp: {JOINED}."
    assert _groups(lines)[("workforce",)] == ([LEAD], PARTNERS)


def test_a_list_that_names_its_kind_of_body_once():
    groups = _groups(f"Chủ trì: {LEAD}; phối hợp: các Sở: Văn hóa, Thể thao và Du lịch, Nội vụ và Tư pháp; Công an tỉnh.")
    assert groups[("workforce",)] == ([LEAD], ["Sở Văn hóa, Thể thao và Du lịch", "Sở Nội vụ", "Sở Tư pháp",
                                                "Công an tỉnh"])


def test_a_line_cut_at_the_dash_of_a_name():
    # a PDF line the layout cut inside "Sở Lao động - Thương binh và Xã hội", the rest read as an item of its own
    groups = _groups("Trách nhiệm: Sở Y tế chủ trì, Sở Lao động\n- Thương binh và Xã hội và Công an tỉnh phối hợp thực hiện.")
    assert groups[("workforce",)] == (["Sở Y tế"], [LEAD, "Công an tỉnh"])


def test_roles_in_the_heading_brackets():
    groups = _groups("", bracket=f" ({LEAD} chủ trì, phối hợp với {JOINED})")
    assert groups[("workforce",)] == ([LEAD], PARTNERS)


@pytest.mark.parametrize("lines", [
    "Chủ trì: Sở ….\nPhối hợp: {partners}.",
    "Đơn vị thực hiện: [...] (chủ trì), {partners} (phối hợp).",
    "Cơ quan chủ trì: Sở ___\nCơ quan phối hợp: {partners}",
    "…. chủ trì, phối hợp với {partners}.",
    "Giao các cơ quan, đơn vị chủ trì, phối hợp thực hiện các nhiệm vụ theo bảng sau:",
    "Giao Sở Y tế chủ trì, phối hợp với Sở Nội vụ thực hiện các nhiệm vụ được phân công cụ thể như sau:",
    # a kind of body at the start of a sentence (a capital letter is not a name)
    "Các sở, ban, ngành theo chức năng, nhiệm vụ chủ trì thực hiện; {partners} phối hợp.",
    "Các cơ quan, đơn vị được giao chủ trì các nội dung có trách nhiệm phối hợp với {partners}.",
    # a blank right before the role word: the body named before it takes part, it does not lead
    "Với sự phối hợp của {partners}, …. chủ trì triển khai thực hiện.",
    "Phối hợp với {partners}, (điền) chủ trì tổ chức thực hiện.",
    "Ủy ban nhân dân tỉnh giao (ghi rõ) làm đầu mối chủ trì, {partners} tham gia phối hợp.",
    "Với sự tham gia của {partners}, (ghi rõ) chủ trì tổ chức các hoạt động.",
    # a verb that opens like a body ("giao ban"): no body
    "- Duy trì giao ban định kỳ để nắm tình hình triển khai.\n{partners} phối hợp thực hiện.",
    "Ủy ban nhân dân tỉnh giao ……… chủ trì, phối hợp với {partners} thực hiện.",
    "Cơ quan tham mưu, chủ trì: ....; các cơ quan phối hợp: {partners}.",
    "Trách nhiệm thực hiện: ___ chủ trì, với sự tham gia của {partners}.",
    "Cơ quan chủ trì: (bổ sung)\nCơ quan phối hợp: {partners}",
])
def test_a_blank_or_a_kind_of_body_is_never_a_lead(lines):
    lead, partners = _groups(lines.format(partners=JOINED))[("workforce",)]
    assert lead is None
    assert partners in (None, PARTNERS)


def test_a_task_that_works_with_bodies_names_no_partner():
    # "Phối hợp với các cơ quan báo chí xây dựng …", "Huy động các tổ chức tham gia …" are work, not roles; the
    # implementation part's "Chủ trì, phối hợp với …" gives the group its words name a lead and partners
    assert _groups("Chủ trì: " + LEAD)[("communication",)] == ([LEAD], ["Sở Thông tin và Truyền thông"])


def test_a_lead_in_the_implementation_part_never_fills_a_blank():
    text = HEAD.format(lines="", bracket="").replace(
        "- Huy động các tổ chức tham gia cung cấp dịch vụ công tác xã hội.", "- Chủ trì: ….")
    groups = {tuple(g["covers"]): g for g in extract_text(text, "x.txt").data["task_groups"]}
    assert "lead" not in groups[("communication",)]


@pytest.mark.parametrize("lines, duty", [
    # the group names who takes part and no lead: a lead of the implementation part is not borrowed
    (f"Cơ quan phối hợp: {JOINED}.", "Chủ trì rà soát, sắp xếp, bố trí đội ngũ người làm công tác xã hội."),
    # the lead verb governs its own clause ("… các hoạt động của Kế hoạch"), not the duties after ";"
    ("Các sở, ngành, địa phương theo chức năng, nhiệm vụ tổ chức thực hiện.",
     "Làm đầu mối điều phối các hoạt động của Kế hoạch; rà soát, sắp xếp, bố trí đội ngũ người làm công tác xã hội."),
    # a lead verb whose object is the plan itself leads the plan, not the duties after its comma
    ("Các sở, ngành, địa phương theo chức năng, nhiệm vụ tổ chức thực hiện.",
     "Làm đầu mối điều phối các hoạt động của Kế hoạch, rà soát, sắp xếp, bố trí đội ngũ người làm công tác xã hội."),
])
def test_a_group_that_names_no_lead_borrows_none(tmp_path, lines, duty):
    """A group whose own lines name no lead is for review, never ĐẠT, whatever the implementation part says of
    the plan as a whole."""
    from ctxh_compliance import check, select_ruleset
    from ctxh_compliance.extract.document import load_document
    text = HEAD.format(lines=lines, bracket="").replace(
        "- Chủ trì, phối hợp với Sở Thông tin và Truyền thông tổ chức các hoạt động truyền thông về công tác xã hội.",
        "- " + duty)
    path = tmp_path / "ke-hoach.txt"
    path.write_text(text, encoding="utf-8")
    loaded, _ = load_document(path)
    group = next(g for g in loaded.plan.task_groups if g.covers == ["workforce"])
    assert group.lead == []
    assert group.partners in ([], PARTNERS)
    ruleset, cited = select_ruleset(loaded)
    verdicts = {f.rule_id: f.verdict.value for f in check(loaded, ruleset, cited).findings}
    assert verdicts["QD112-G03"] not in ("pass", "not_applicable")


def _table_groups(tmp_path, lines: list[str], rows: list[list[str]]) -> dict:
    """The task groups (covers -> lead, partners) read from a Word plan: its opening, ``lines``, then a
    table of ``rows``."""
    import docx
    document = docx.Document()
    for line in ("UBND TỈNH GIA LAI", "KẾ HOẠCH", "Căn cứ Quyết định số 112/QĐ-TTg ngày 22/01/2021 của Thủ tướng Chính phủ;",
                 *lines):
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=len(rows[0]))
    for cells in rows:
        for cell, text in zip(table.add_row().cells, cells, strict=True):
            cell.text = text
    path = tmp_path / "ke-hoach.docx"
    document.save(str(path))
    return {tuple(g["covers"]): (g.get("lead"), g.get("partners"))
            for g in extract(path, in_process=True).data["task_groups"]}


def _word(tmp_path, header: list[str]):
    import docx
    document = docx.Document()
    for line in ("UBND TỈNH GIA LAI", "KẾ HOẠCH", "Thực hiện Chương trình phát triển công tác xã hội giai đoạn 2026-2030",
                 "Căn cứ Quyết định số 112/QĐ-TTg ngày 22/01/2021 của Thủ tướng Chính phủ;", "III. NHIỆM VỤ, GIẢI PHÁP"):
        document.add_paragraph(line)
    rows = [header, ["1", "Truyền thông nâng cao nhận thức về công tác xã hội", "Sở Y tế",
                     "Sở Văn hóa, Thể thao và Du lịch và Công an tỉnh", "Hằng năm"],
            ["2", "Phát triển mạng lưới cơ sở cung cấp dịch vụ công tác xã hội", "[...]", "Sở Nội vụ", "Hằng năm"]]
    table = document.add_table(rows=0, cols=len(header))
    for cells in rows:
        for cell, text in zip(table.add_row().cells, cells, strict=True):
            cell.text = text
    path = tmp_path / "ke-hoach.docx"
    document.save(str(path))
    return path


@pytest.mark.parametrize("header", [
    ["Số TT", "Các nhiệm vụ chủ yếu", "Đơn vị đầu mối", "Đơn vị tham gia", "Thời gian thực hiện"],
    ["TT", "Tên nhiệm vụ/hoạt động", "Cơ quan thực hiện", "Cơ quan phối hợp", "Thời gian"],
    ["STT", "Nhiệm vụ, giải pháp", "Cơ quan/đơn vị chủ trì thực hiện", "Phối hợp thực hiện", "Thời gian hoàn thành"],
    ["TT", "Nội dung", "Cơ quan thường trực", "Cơ quan, đơn vị tham gia phối hợp", "Tiến độ"],
    ["STT", "Nhiệm vụ cụ thể", "Cơ quan tham mưu", "Cơ quan phối hợp", "Thời gian"],
])
def test_responsibility_columns_by_the_role_their_header_names(tmp_path, header):
    data = extract(_word(tmp_path, header), in_process=True).data
    groups = {tuple(g["covers"]): (g.get("lead"), g.get("partners")) for g in data["task_groups"]}
    assert groups[("communication",)] == (["Sở Y tế"], ["Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh"])
    assert groups[("service_network",)] == (None, ["Sở Nội vụ"])  # a blank cell is no lead


@pytest.mark.parametrize("column", ["Cơ quan chủ trì, phối hợp", "Đơn vị thực hiện"])
def test_a_column_that_does_not_say_who_leads_is_read_by_its_cells_words(tmp_path, column):
    groups = _table_groups(tmp_path, ["III. NHIỆM VỤ, GIẢI PHÁP"], [
        ["STT", "Nội dung nhiệm vụ", column],
        ["1", "Truyền thông nâng cao nhận thức về công tác xã hội", "Sở Y tế (chủ trì); Sở Tư pháp, Công an tỉnh"],
        ["2", "Phát triển mạng lưới cơ sở cung cấp dịch vụ công tác xã hội", "Sở Y tế; Sở Nội vụ"]])
    assert groups[("communication",)] == (["Sở Y tế"], ["Sở Tư pháp", "Công an tỉnh"])
    assert groups[("service_network",)] == (None, None)  # two bodies and no role word: which one leads is not said


def test_the_others_concerned_at_the_end_of_a_partner_cell_are_no_partner(tmp_path):
    path = _word(tmp_path, ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"])
    import docx
    document = docx.Document(str(path))
    document.tables[0].rows[1].cells[3].text = "Sở Tư pháp, Công an tỉnh và các đơn vị liên quan"
    document.save(str(path))
    groups = {tuple(g["covers"]): (g.get("lead"), g.get("partners"))
              for g in extract(path, in_process=True).data["task_groups"]}
    assert groups[("communication",)] == (["Sở Y tế"], ["Sở Tư pháp", "Công an tỉnh"])


def test_a_table_cell_that_says_roles_in_words(tmp_path):
    path = _word(tmp_path, ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"])
    import docx
    document = docx.Document(str(path))
    document.tables[0].rows[1].cells[2].text = "Sở Y tế chủ trì, phối hợp với Sở Tư pháp"
    document.tables[0].rows[1].cells[3].text = "Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh"
    document.save(str(path))
    groups = {tuple(g["covers"]): (g.get("lead"), g.get("partners"))
              for g in extract(path, in_process=True).data["task_groups"]}
    assert groups[("communication",)] == (["Sở Y tế"], ["Sở Tư pháp", "Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh"])


def test_any_mix_of_role_words_names_and_blanks_reads_without_error():
    """A document's lines are any text: the role grammar never stops the reading of a document."""
    import random

    from ctxh_compliance.extract.roles import cell_bodies, in_brackets, read_block, read_roles
    words = ("Sở Y tế chủ trì phối hợp với các đơn vị ( ) : ; , . … [...] Ủy ban nhân dân và giao Cơ quan là đầu mối "
             "tham gia - – / Tỉnh Đoàn UBND các Sở: gồm thực hiện Lao động Thương binh").split()
    rng = random.Random(7)
    lines = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 14))) for _ in range(3000)]
    for line in lines:
        read_roles(line)
        in_brackets(f"1. Truyền thông ({line})")
        cell_bodies(line)
    read_block(lines)


def test_table_cells_with_a_body_a_line_and_a_kind_of_body_in_the_lead_column(tmp_path):
    path = _word(tmp_path, ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"])
    import docx
    document = docx.Document(str(path))
    rows = document.tables[0].rows
    rows[1].cells[3].text = "Sở Văn hóa, Thể thao và Du lịch;\nCông an tỉnh;\nỦy ban nhân dân cấp xã"
    rows[2].cells[2].text = "Các sở, ban, ngành"
    document.save(str(path))
    groups = {tuple(g["covers"]): (g.get("lead"), g.get("partners"))
              for g in extract(path, in_process=True).data["task_groups"]}
    assert groups[("communication",)] == (["Sở Y tế"], ["Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh",
                                                         "Ủy ban nhân dân cấp xã"])
    assert groups[("service_network",)] == (None, ["Sở Nội vụ"])  # a kind of body is no lead


@pytest.mark.parametrize("cell, bodies", [
    # a cell that lists a body a line, its lines joined by a space as a PDF gives them
    ("Sở Nội vụ Sở Tư pháp", ["Sở Nội vụ", "Sở Tư pháp"]),
    ("Sở Văn hóa, Thể thao và Du lịch Ủy ban nhân dân các xã, phường Công an tỉnh",
     ["Sở Văn hóa, Thể thao và Du lịch", "Ủy ban nhân dân các xã, phường", "Công an tỉnh"]),
    # a name that holds another's opening word stays whole
    ("Văn phòng Ủy ban nhân dân tỉnh", ["Văn phòng Ủy ban nhân dân tỉnh"]),
    ("Thanh tra Sở Y tế", ["Thanh tra Sở Y tế"]),
    ("Sở Y tế Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", ["Sở Y tế", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"]),
])
def test_a_cell_that_lists_a_body_a_line(cell, bodies):
    from ctxh_compliance.extract.roles import cell_bodies
    assert cell_bodies(cell) == bodies


@pytest.mark.parametrize("intro", [
    "Sở Y tế chủ trì, phối hợp với các sở, ban, ngành, địa phương triển khai các nhiệm vụ theo bảng phân công dưới đây.",
    "Phân công thực hiện: Sở Y tế chủ trì, phối hợp với các sở, ban, ngành.",
])
def test_the_sentence_that_introduces_the_table_is_not_the_last_groups(tmp_path, intro):
    """Groups named under headings, then a sentence that points to the table that says who does each: the table
    gives the last group its lead and partners, not the sentence under its heading."""
    groups = _table_groups(tmp_path, [
        "III. NHIỆM VỤ, GIẢI PHÁP", "1. Truyền thông nâng cao nhận thức về công tác xã hội",
        "- Tổ chức các hoạt động truyền thông.", "2. Đào tạo, bồi dưỡng kỹ năng công tác xã hội",
        "- Mở các lớp tập huấn.", "3. Hợp tác quốc tế về công tác xã hội",
        "- Trao đổi kinh nghiệm với các tổ chức quốc tế.", intro], [
        ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp"],
        ["1", "Truyền thông nâng cao nhận thức về công tác xã hội", "Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"],
        ["2", "Đào tạo, bồi dưỡng kỹ năng công tác xã hội", "Sở Y tế", "Sở Nội vụ"],
        ["3", "Hợp tác quốc tế về công tác xã hội", "Sở Khoa học và Công nghệ", "Sở Tư pháp và Công an tỉnh"]])
    assert groups[("communication",)] == (["Sở Văn hóa, Thể thao và Du lịch"], ["Sở Y tế"])
    assert groups[("cooperation_data",)] == (["Sở Khoa học và Công nghệ"], ["Sở Tư pháp", "Công an tỉnh"])


def test_a_lead_in_the_implementation_part_takes_the_partners_of_its_own_clause():
    # "phối hợp tổ chức tập huấn" after ";" is another piece of work, and no body
    text = HEAD.format(lines="- Rà soát đội ngũ.", bracket="").replace(
        "- Chủ trì, phối hợp với Sở Thông tin và Truyền thông tổ chức các hoạt động truyền thông về công tác xã hội.",
        "- Chủ trì tham mưu bố trí biên chế, vị trí việc làm công tác xã hội; phối hợp tổ chức tập huấn.")
    groups = {tuple(g["covers"]): g for g in extract_text(text, "x.txt").data["task_groups"]}
    assert groups[("workforce",)]["lead"] == [LEAD]
    assert "partners" not in groups[("workforce",)]


@pytest.mark.parametrize("lines, lead, verdict", [
    # the bodies that carry the group out, none said to lead: the first is taken as the lead, and said to be a guess
    (f"Đơn vị thực hiện: {LEAD}, Công an tỉnh.", LEAD, "needs_review"),
    (f"Cơ quan thực hiện: {LEAD}; Sở Tư pháp; Công an tỉnh.", LEAD, "needs_review"),
    # a word says who leads: read, and decides
    (f"Đơn vị thực hiện: {LEAD} (chủ trì), Công an tỉnh.", LEAD, "pass"),
    (f"Đơn vị thực hiện: {LEAD}.", LEAD, "pass"),
])
def test_a_lead_taken_from_its_place_in_a_list_never_passes(tmp_path, lines, lead, verdict):
    """"Đơn vị thực hiện: A, B" names who carries the group out, not who leads it: the report says that A
    was taken as the lead and what to write; the group passes once a word says who leads."""
    from ctxh_compliance import check, select_ruleset
    from ctxh_compliance.extract.document import load_document
    path = tmp_path / "ke-hoach.txt"
    path.write_text(HEAD.format(lines=lines, bracket=""), encoding="utf-8")
    loaded, _ = load_document(path)
    group = next(g for g in loaded.plan.task_groups if g.covers == ["workforce"])
    assert group.lead == [lead]
    ruleset, cited = select_ruleset(loaded)
    finding = next(f for f in check(loaded, ruleset, cited).findings if f.rule_id == "QD112-G03")
    assert finding.verdict.value == verdict, finding.message.vi
    if verdict == "needs_review":
        assert LEAD + " được tạm hiểu là chủ trì" in finding.message.vi
        assert "Cần: ghi rõ cơ quan chủ trì" in finding.message.vi


def test_a_lead_read_only_in_the_implementation_part_is_for_review(tmp_path):
    """The communication group's own lines name no lead; the implementation part gives a body "Chủ trì …" the
    communication work: that body is read as the group's lead, but which group the duty is was read from its
    words, so it is listed as inferred and the group is CẦN XEM XÉT, never ĐẠT, saying why and what to write."""
    from ctxh_compliance import check, select_ruleset
    from ctxh_compliance.extract.document import load_document
    path = tmp_path / "ke-hoach.txt"
    path.write_text(HEAD.format(lines=f"Cơ quan chủ trì: {LEAD}.", bracket=""), encoding="utf-8")
    loaded, _ = load_document(path)
    index, group = next((i, g) for i, g in enumerate(loaded.plan.task_groups) if g.covers == ["communication"])
    assert group.lead == [LEAD]
    assert f"task_groups[{index}].lead" in loaded.plan.source.assumed
    ruleset, cited = select_ruleset(loaded)
    findings = {f.rule_id: f for f in check(loaded, ruleset, cited).findings}
    assert findings["QD112-G05"].verdict.value == "needs_review"
    assert LEAD + " được tạm hiểu là chủ trì" in findings["QD112-G05"].message.vi
    assert "phần tổ chức thực hiện" in findings["QD112-G05"].message.vi
    assert findings["QD112-G03"].verdict.value == "pass"  # its own line names its lead: read, and decides


@pytest.mark.parametrize("line", ["{lead} đảm đương việc lập kế hoạch chi tiết; {partners} phối hợp.",
                                  # the partners asked to help after words that set the scene
                                  "{lead} chủ động triển khai; khi cần thiết, đề nghị {partners} hỗ trợ."])
def test_a_lead_with_no_role_word_beside_the_partners_is_a_guess_for_review(tmp_path, line):
    """The sentence that names the partners opens with another body the document names, but says its role in words
    the reader does not know: that body is taken as the lead, listed as inferred, and its group is for review,
    the message saying so — never ĐẠT."""
    from ctxh_compliance import check, select_ruleset
    from ctxh_compliance.extract.document import load_document
    path = tmp_path / "ke-hoach.txt"
    path.write_text(HEAD.format(lines=line.format(lead=LEAD, partners=JOINED), bracket=""), encoding="utf-8")
    loaded, _ = load_document(path)
    n, group = next((n, g) for n, g in enumerate(loaded.plan.task_groups) if g.covers == ["workforce"])
    assert group.lead == [LEAD] and group.partners == PARTNERS
    assert f"task_groups[{n}].lead" in loaded.plan.source.assumed
    ruleset, cited = select_ruleset(loaded)
    finding = next(f for f in check(loaded, ruleset, cited).findings if f.rule_id == "QD112-G03")
    assert finding.verdict.value == "needs_review"
    assert "được tạm hiểu là chủ trì" in finding.message.vi


@pytest.mark.parametrize("lines", [
    # the role tied by "là" to the name right before it, even after "của"
    "{partners} tham gia triển khai theo sự điều phối của {lead} là cơ quan chủ trì.",
    # a label of who carries it out, a few words, "thuộc về", then the bodies with their roles in brackets
    "Trách nhiệm tổ chức thực hiện nội dung này thuộc về {lead} (chủ trì) và {partners} (phối hợp).",
])
def test_roles_after_a_link_word(lines):
    assert _groups(lines.format(lead=LEAD, partners=JOINED))[("workforce",)] == ([LEAD], PARTNERS), lines


def test_the_first_of_the_bodies_a_line_names_with_no_role_is_a_guess_for_review(tmp_path):
    """No role said at all, but a line of the group names two bodies the document names elsewhere: the first is
    taken as the lead, listed as inferred; its group is for review, never ĐẠT. One body alone is no lead."""
    from ctxh_compliance import check, select_ruleset
    from ctxh_compliance.extract.document import load_document
    for lines, lead in ((f"{LEAD}, Sở Tài chính: xây dựng kế hoạch chi tiết hằng năm.", [LEAD]),
                        (f"{LEAD}: xây dựng kế hoạch chi tiết hằng năm.", [])):
        path = tmp_path / "ke-hoach.txt"
        path.write_text(HEAD.format(lines=lines, bracket=""), encoding="utf-8")
        loaded, _ = load_document(path)
        n, group = next((n, g) for n, g in enumerate(loaded.plan.task_groups) if g.covers == ["workforce"])
        assert group.lead == lead, lines
        assert (f"task_groups[{n}].lead" in loaded.plan.source.assumed) == bool(lead)
        ruleset, cited = select_ruleset(loaded)
        verdicts = {f.rule_id: f.verdict.value for f in check(loaded, ruleset, cited).findings}
        assert verdicts["QD112-G03"] not in ("pass", "not_applicable")


def test_a_name_that_runs_on_past_a_body_the_document_names_is_cut_back_to_it():
    """"Sở Tài chính cử người …": the implementation part names "Sở Tài chính", so the partner is that body, not
    "Sở Tài chính cử người"; a level a name ends with ("… tỉnh") stays."""
    groups = _groups(f"Giao {LEAD} chủ trì; Sở Tài chính cử người tham gia tổ công tác liên ngành.")
    assert groups[("workforce",)] == ([LEAD], ["Sở Tài chính"])


def _check_text(tmp_path, text: str):
    from ctxh_compliance import check, select_ruleset
    from ctxh_compliance.extract.document import load_document
    path = tmp_path / "ke-hoach.txt"
    path.write_text(text, encoding="utf-8")
    loaded, _ = load_document(path)
    ruleset, cited = select_ruleset(loaded)
    return loaded, {f.rule_id: f for f in check(loaded, ruleset, cited).findings if f.aspect == "value"}


DOUBTED = "1. Phát triển đội ngũ cộng tác viên cơ sở cung cấp dịch vụ công tác xã hội"


def test_a_heading_that_may_be_another_absent_group_is_for_review(tmp_path):
    """The heading is read as the staff (its first work), the facilities after it taken as its object; but the plan
    has no heading of the facilities' own, and nothing in the heading says they are only where the staff work or
    what the work is about: which group it is was judged, so the group is for review, never ĐẠT, the message
    saying why."""
    text = HEAD.format(lines=f"Cơ quan chủ trì: {LEAD}.\nCơ quan phối hợp: {JOINED}.", bracket="")
    text = text.replace("1. Phát triển đội ngũ người làm công tác xã hội", DOUBTED)
    loaded, findings = _check_text(tmp_path, text)
    n, group = next((n, g) for n, g in enumerate(loaded.plan.task_groups) if g.covers == ["workforce"])
    assert group.lead == [LEAD]
    assert f"task_groups[{n}].covers" in loaded.plan.source.assumed
    assert findings["QD112-G03"].verdict.value == "needs_review"
    message = findings["QD112-G03"].message.vi
    assert f"Đề mục “{DOUBTED}” được hiểu là nhóm nhiệm vụ này (cơ quan chủ trì: {LEAD})" in message
    assert "không quyết định kết luận" in message and "tách thành hai đề mục" in message
    # the finding itself says why: the heading holds the words of a group the plan has no heading for
    assert "cũng có từ của nhóm" in message and "không có đề mục riêng" in message, message
    assert "the reason is among the guessed values" in findings["QD112-G03"].message.en


def test_a_heading_naming_a_group_that_has_its_own_heading_is_read_as_written(tmp_path):
    text = HEAD.format(lines=f"Cơ quan chủ trì: {LEAD}.\nCơ quan phối hợp: {JOINED}.", bracket="")
    text = text.replace("1. Phát triển đội ngũ người làm công tác xã hội", DOUBTED)
    text = text.replace("III. TỔ CHỨC THỰC HIỆN", "3. Phát triển mạng lưới cơ sở cung cấp dịch vụ công tác xã hội\n"
                        f"Cơ quan chủ trì: {LEAD}.\nIII. TỔ CHỨC THỰC HIỆN")
    loaded, findings = _check_text(tmp_path, text)
    assert not any(a.endswith(".covers") for a in loaded.plan.source.assumed)
    assert findings["QD112-G03"].verdict.value == "pass"


@pytest.mark.parametrize("heading", ["1. Đào tạo, bồi dưỡng đội ngũ người làm công tác xã hội",
                                     "1. Tập huấn nâng cao năng lực cho đội ngũ cộng tác viên công tác xã hội",
                                     "1. Kiểm tra, giám sát việc đào tạo, bồi dưỡng đội ngũ người làm công tác xã hội",
                                     "1. Phát triển đội ngũ cộng tác viên tại các cơ sở cung cấp dịch vụ công tác xã hội",
                                     "1. Nâng cao chất lượng đội ngũ nhân viên trong các cơ sở trợ giúp xã hội"])
def test_another_group_named_as_what_the_work_is_about_raises_no_doubt(tmp_path, heading):
    """"Đào tạo … đội ngũ" is training of the staff: the staff are what the training is about, said by the
    heading's own work; "… tại các cơ sở …" says where the staff work — no guess, even with no heading of the
    other group's own."""
    text = HEAD.format(lines=f"Cơ quan chủ trì: {LEAD}.\nCơ quan phối hợp: {JOINED}.", bracket="")
    text = text.replace("1. Phát triển đội ngũ người làm công tác xã hội", heading)
    loaded, _ = _check_text(tmp_path, text)
    assert not any(a.endswith(".covers") for a in loaded.plan.source.assumed)


@pytest.mark.parametrize("text, lead, partners", [
    # a word of the lead's role that is also work: a role only where its clause ends
    ("Ủy ban nhân dân cấp xã bố trí cán bộ đảm nhiệm công tác xã hội; Sở Nội vụ phối hợp.", [], ["Sở Nội vụ"]),
    ("Sở Y tế chủ trì; Ủy ban nhân dân cấp xã bố trí cán bộ đảm nhiệm công tác xã hội.", ["Sở Y tế"], []),
    ("Giao Sở Y tế đảm nhận; Sở Nội vụ, Sở Tư pháp phối kết hợp, hỗ trợ khi có yêu cầu.",
     ["Sở Y tế"], ["Sở Nội vụ", "Sở Tư pháp"]),
    # support: a role after its bodies or in brackets, but funding given is work, not a part taken
    ("Sở Nội vụ, Công an tỉnh (hỗ trợ); Sở Y tế chủ trì.", ["Sở Y tế"], ["Sở Nội vụ", "Công an tỉnh"]),
])
def test_words_that_are_a_role_only_where_their_clause_ends(text, lead, partners):
    from ctxh_compliance.extract.roles import read_roles
    said = read_roles(text)
    assert (said.lead, said.partners) == (lead, partners)


@pytest.mark.parametrize("text", ["Ủy ban nhân dân cấp xã bố trí người đảm nhận công tác xã hội tại cơ sở.",
                                  "Sở Tài chính hỗ trợ kinh phí cho các cơ sở trợ giúp xã hội."])
def test_work_with_a_role_word_in_it_names_no_role(text):
    from ctxh_compliance.extract.roles import read_roles
    assert read_roles(text) is None


def test_a_heading_that_names_no_group_takes_the_group_its_lines_name_as_a_guess(tmp_path):
    """"1. Các nội dung ưu tiên" names no group, but its lines are training: the group is read from them,
    listed as inferred and for review (never ĐẠT), the guessed values saying the heading named none."""
    lines = (f"- Tổ chức các lớp tập huấn kỹ năng cho cộng tác viên.\n- Bồi dưỡng nghiệp vụ cho cán bộ cấp xã.\n"
             f"Cơ quan chủ trì: {LEAD}.")
    text = HEAD.format(lines=lines, bracket="").replace("1. Phát triển đội ngũ người làm công tác xã hội",
                                                        "1. Các nội dung ưu tiên")
    text = text.replace("- Rà soát, kiện toàn đội ngũ cộng tác viên công tác xã hội tại địa phương.\n", "")
    loaded, findings = _check_text(tmp_path, text)
    n, group = next((n, g) for n, g in enumerate(loaded.plan.task_groups) if g.covers == ["training"])
    assert group.lead == [LEAD] and f"task_groups[{n}].covers" in loaded.plan.source.assumed
    assert findings["QD112-G04"].verdict.value == "needs_review"
    assert "nhóm của đề mục là suy ra" in findings["QD112-G04"].message.vi
    from ctxh_compliance.extract.document import load_extraction
    _, _, extraction = load_extraction(tmp_path / "ke-hoach.txt")
    assert "nhóm được suy ra từ các dòng bên dưới" in (extraction.evidence[f"task_groups[{n}]"].why or "")


def test_a_heading_with_lines_of_two_groups_alike_gives_no_group(tmp_path):
    lines = "- Tổ chức tập huấn cho cộng tác viên.\n- Tuyên truyền trên đài phát thanh.\n- Tập huấn kỹ năng.\n- Tuyên truyền."
    text = HEAD.format(lines=lines, bracket="").replace("1. Phát triển đội ngũ người làm công tác xã hội",
                                                        "1. Các nội dung ưu tiên")
    text = text.replace("- Rà soát, kiện toàn đội ngũ cộng tác viên công tác xã hội tại địa phương.\n", "")
    loaded, _ = _check_text(tmp_path, text)
    assert [g.covers for g in loaded.plan.task_groups] == [["communication"]]  # the second heading's own


def test_a_second_heading_of_a_group_with_words_of_a_missing_group_is_a_guess(tmp_path):
    """Two headings read as training, the second opening with "Thông tin về …", and no heading of communication:
    one of the two may be communication's, so the second's reading is a guess for review."""
    text = HEAD.format(lines=f"Cơ quan chủ trì: {LEAD}.", bracket="")
    text = text.replace("1. Phát triển đội ngũ người làm công tác xã hội", "1. Tập huấn, bồi dưỡng nghiệp vụ công tác xã hội")
    text = text.replace("2. Truyền thông, nâng cao nhận thức về công tác xã hội",
                        "2. Thông tin về các lớp tập huấn công tác xã hội để người dân biết và tham gia")
    loaded, _ = _check_text(tmp_path, text)
    assert [g.covers for g in loaded.plan.task_groups] == [["training"], ["training"]]
    assert "task_groups[1].covers" in loaded.plan.source.assumed
    assert "task_groups[0].covers" not in loaded.plan.source.assumed  # it names no word of the missing group


def test_a_heading_of_two_groups_gives_up_one_that_has_a_heading_of_its_own():
    """"Bố trí nhân sự … quản lý cơ sở dữ liệu và truyền thông" reads as the staff and communication; with a heading
    of communication's own in the plan, communication and its lead are that heading's, not this one's."""
    text = HEAD.format(lines=f"Cơ quan chủ trì: {LEAD}.", bracket="").replace(
        "1. Phát triển đội ngũ người làm công tác xã hội",
        "1. Bố trí nhân sự chuyên trách quản lý hồ sơ và truyền thông tại Trung tâm Công tác xã hội")
    groups = extract_text(text, "x.txt").data["task_groups"]
    assert [g["covers"] for g in groups] == [["workforce"], ["communication"]]
    assert groups[0]["lead"] == [LEAD]


def test_the_one_line_summary_of_a_guess_says_what_was_guessed_and_what_to_write(cli, tmp_path):
    """A target with no year of its own: the report's list of problems says first that its year was inferred and
    asks for the year — not the reading's "below the national value" and its "raise the target"."""
    text = HEAD.format(lines=f"Cơ quan chủ trì: {LEAD}.", bracket="").replace(
        "Phát triển công tác xã hội trên địa bàn tỉnh.\n",
        "Phát triển công tác xã hội trên địa bàn tỉnh.\n2. Mục tiêu cụ thể\n- Đạt 40% số cơ quan, tổ chức, cơ sở, "
        "xã, phường, thị trấn bố trí nhân sự làm công tác xã hội.\n")
    path = tmp_path / "ke-hoach.txt"
    path.write_text(text, encoding="utf-8")
    lines = cli(path).stdout.splitlines()
    at = next(n for n, line in enumerate(lines) if "QD112-T01 — " in line and "[CẦN XEM XÉT]" in line)
    assert lines[at + 1].strip().startswith("Vấn đề: Năm 2030 của chỉ tiêu này không ghi")
    assert lines[at + 2].strip().startswith("Cần làm: Ghi rõ năm của chỉ tiêu")


@pytest.mark.parametrize("cell, names", [
    ("Công an tỉnh Bưu điện tỉnh", ["Công an tỉnh", "Bưu điện tỉnh"]),
    ("Sở Nội vụ Liên hiệp các tổ chức hữu nghị tỉnh", ["Sở Nội vụ", "Liên hiệp các tổ chức hữu nghị tỉnh"]),
    ("Hội Liên hiệp Phụ nữ tỉnh", ["Hội Liên hiệp Phụ nữ tỉnh"]),
])
def test_a_cell_listing_a_body_a_line_splits_where_a_name_begins(cell, names):
    from ctxh_compliance.extract.roles import cell_bodies
    assert cell_bodies(cell) == names


def test_bodies_working_with_the_lead_named_on_the_next_line_take_part():
    lines = f"{JOINED} phối hợp với {LEAD}.\n{LEAD} chủ trì và chịu trách nhiệm tổng hợp, báo cáo."
    assert _groups(lines)[("workforce",)] == ([LEAD], PARTNERS)


def test_the_body_after_do_that_organises_the_work_leads_it():
    said = __import__("ctxh_compliance.extract.roles", fromlist=["read_roles"]).read_roles(
        "Hoạt động này do Sở Y tế tổ chức, các đơn vị khác tham gia và cử cán bộ phối hợp.")
    assert said.lead == ["Sở Y tế"]


@pytest.mark.parametrize("text", [
    "Trưởng ban: Giám đốc Sở Y tế; thành viên: Sở Nội vụ, Sở Tài chính.",  # a board's members, not the work's roles
    "Hỗ trợ kinh phí: Sở Tài chính, Ủy ban nhân dân cấp huyện.",  # work, not a label of partners
])
def test_who_sits_on_a_board_or_gives_funds_is_no_role_of_the_work(text):
    from ctxh_compliance.extract.roles import read_roles
    assert read_roles(text) is None



@pytest.mark.parametrize("line", ["… thay mặt Ban Chỉ đạo Đề án chủ trì tổ chức thực hiện, {partners} phối hợp.",
                                  "Giao … thay mặt Ban Chỉ đạo Đề án tỉnh chủ trì tổ chức thực hiện các nội dung trên, "
                                  "{partners} phối hợp."])
def test_a_blank_acting_for_a_board_is_a_lead_to_fill_not_the_board(tmp_path, line):
    """The lead left blank before "thay mặt Ban Chỉ đạo …": the board is whom the lead acts for, never the lead; the
    group's lead is a blank to fill, for review, never ĐẠT."""
    loaded, findings = _check_text(tmp_path, HEAD.format(lines=line.format(partners=JOINED), bracket=""))
    group = next(g for g in loaded.plan.task_groups if g.covers == ["workforce"])
    assert group.lead == [] and group.partners == PARTNERS
    assert findings["QD112-G03"].verdict.value == "needs_review", findings["QD112-G03"].message.vi


@pytest.mark.parametrize("line", [
    # a label inside the sentence; a role in brackets after a name that "của" opens; the body after "do"
    "{partners} có trách nhiệm giúp cơ quan chủ trì là {lead} trong quá trình tổ chức thực hiện.",
    "Các cơ quan {partners} căn cứ hướng dẫn của {lead} (cơ quan chủ trì) tổ chức triển khai trong ngành mình.",
    "Với vai trò phối hợp, {partners} cử cán bộ tham gia các đoàn công tác do {lead} chủ trì thành lập.",
    # the lead's own clause joined by "và" after its partners; the lead after the bodies "của" and "và" name
    "{lead} thay mặt Ủy ban nhân dân tỉnh ký kết chương trình phối hợp với {partners} và chủ trì tổ chức thực hiện.",
    "Sau khi có ý kiến thống nhất của {partners}, {lead} chủ trì tổ chức triển khai.",
    # each clause its own role; a later phrase naming the others' own part
    "Nhiệm vụ thuộc thẩm quyền của {lead}; {partners} phối hợp khi có đề nghị.",
    # a focal person the others send is no lead
    "Đề nghị {partners} cử cán bộ đầu mối, phối hợp với {lead} (cơ quan thường trực) trong suốt quá trình thực hiện.",
    # a body the work is handed to; who chairs a team the others join, with the lead named; a bracket after the last name
    "{partners} giúp {lead} chủ trì thẩm định dự toán.",
    "{lead} chủ trì; {partners} tham gia các đoàn kiểm tra do Ủy ban nhân dân tỉnh chủ trì.",
    "Cơ quan tham gia: {partners}, {lead} (chủ trì).",
    "Tham mưu: {partners}; Chủ trì: {lead}.",
    "{lead} chủ trì thực hiện nhiệm vụ này. Riêng phần việc thuộc thẩm quyền của {partners}, các cơ quan này chủ động "
    "thực hiện.",
])
def test_the_lead_is_never_one_of_the_others(line):
    """Sentences where a partner used to be read as the lead (a wrong value, not a missing one)."""
    from ctxh_compliance.extract.roles import read_roles
    for partners in (["Sở Tư pháp"], ["Sở Tài chính", "Công an tỉnh"]):
        said = read_roles(line.format(lead="Sở Nội vụ", partners=" và ".join(partners)))
        assert said.lead == ["Sở Nội vụ"], (line, partners, said)
        assert not set(said.partners) - set(partners)


@pytest.mark.parametrize("lines, said", [
    # a line ending in ":" or a label of its own ends the duties of the body before it
    (["Sở Y tế có trách nhiệm:", "- Tổng hợp kết quả.", "Sở Nội vụ, Sở Tài chính có trách nhiệm:",
      "- Chủ trì thẩm định biên chế."], [None, None, None, None]),
    (["Sở Nội vụ có trách nhiệm:", "Cơ quan chủ trì: Sở Y tế", "- Phối hợp với Sở Tài chính bố trí kinh phí."],
     [None, (["Sở Y tế"], []), None]),
    # an item's mark, or a line in capitals after a comma, opens a sentence of its own
    (["a) Cơ quan chủ trì: Sở Y tế", "b) Sở Nội vụ, Sở Tài chính bảo đảm biên chế, kinh phí."], [(["Sở Y tế"], []), None]),
    (["Chủ trì: Sở Y tế,", "Ủy ban nhân dân tỉnh phê duyệt."], [(["Sở Y tế"], []), None]),
    (["Phối hợp: Sở Nội vụ, Công an tỉnh", "các sở, ngành khác theo chức năng chủ trì các nội dung liên quan."],
     [([], ["Sở Nội vụ", "Công an tỉnh"]), None]),
])
def test_a_line_goes_on_or_names_a_subject_only_where_it_says_so(lines, said):
    from ctxh_compliance.extract.roles import read_block
    assert [(r.lead, r.partners) if r else None for r in read_block(lines)] == said


def test_partners_asked_after_the_leads_own_work_take_part():
    from ctxh_compliance.extract.roles import read_roles
    said = read_roles(f"Trường hợp phát sinh nhu cầu đột xuất, {LEAD} chủ động tổ chức thực hiện và đề nghị {JOINED} "
                      "phối hợp.")
    assert said.partners == PARTNERS and LEAD not in said.partners


def test_a_body_doing_the_work_in_words_of_its_own_leads_nothing():
    """"Ủy ban nhân dân cấp xã chủ động thực hiện tại địa phương; … phối hợp": the communes do the work; no lead is
    read. A guard on the rule that lets a few words of work stand between a body and its lead's or partners' role word
    ("Sở Tư pháp đồng hành, phối hợp"): it never applies to a verb of doing the work ("thực hiện")."""
    from ctxh_compliance.extract.roles import read_roles
    said = read_roles(f"Ủy ban nhân dân cấp xã chủ động thực hiện tại địa phương; {JOINED} phối hợp hướng dẫn.")
    assert said.lead == [] and said.partners == PARTNERS


def test_the_names_after_a_clause_of_work_take_the_role_word():
    from ctxh_compliance.extract.roles import read_roles
    assert read_roles("Sở Tài chính đảm nhận việc bố trí kinh phí, Sở Y tế chủ trì.").lead == ["Sở Y tế"]


def test_a_judged_heading_of_a_document_whose_decision_is_not_read_is_still_marked():
    from ctxh_compliance.extract.pipeline import _doubt_covers
    from ctxh_compliance.extract.record import Recorder
    rec = Recorder()
    groups = [{"heading": DOUBTED, "covers": ["workforce"]}]
    _doubt_covers(groups, None, rec)
    assert "task_groups[0].covers" in rec.inferred
    assert "“service_network”" in rec.evidence["task_groups[0]"].why


@pytest.mark.parametrize("line", ["Sở XXX chủ trì; {partners} phối hợp.",
                                  "Cơ quan chủ trì: Sở xxx.\nCơ quan phối hợp: {partners}.",
                                  "Giao (ghi tên cơ quan) chủ trì, phối hợp với {partners} thực hiện.",
                                  "<Tên cơ quan chủ trì> chủ trì; {partners} phối hợp.",
                                  "Chủ trì: [tên đơn vị]; phối hợp: {partners}."])
def test_a_blank_written_as_a_drafter_writes_it_is_a_lead_to_fill(tmp_path, line):
    """A draft leaves the lead as a drafter writes a blank ("Sở XXX", "(ghi tên cơ quan)", "<…>", "[…]"): never a body
    ("Sở XXX" was read as one, and passed), so its group is for review (CẦN XEM XÉT), never ĐẠT."""
    loaded, findings = _check_text(tmp_path, HEAD.format(lines=line.format(partners=JOINED), bracket=""))
    group = next(g for g in loaded.plan.task_groups if g.covers == ["workforce"])
    assert group.lead == [], group.lead
    assert findings["QD112-G03"].verdict.value == "needs_review", findings["QD112-G03"].message.vi


def test_a_body_that_reports_its_results_to_the_lead_takes_part():
    """"UBND các huyện … báo cáo kết quả về Sở Y tế (cơ quan thường trực)": the districts do their part, so a 2026 plan
    that still gives them work is caught by the rule on bodies that no longer exist."""
    from ctxh_compliance.extract.roles import read_roles
    said = read_roles("Hằng năm, UBND các huyện, thị xã, thành phố báo cáo kết quả về Sở Y tế (cơ quan thường trực) để "
                      "tổng hợp; Sở Tài chính phối hợp theo dõi.")
    assert said.lead == ["Sở Y tế"]
    assert "UBND các huyện, thị xã, thành phố" in said.partners


@pytest.mark.parametrize("line", [
    "Với sự phối hợp của {partners}, (…….) chủ trì triển khai thực hiện.",
    "Ủy ban nhân dân tỉnh giao (…….) chủ trì, phối hợp với {partners} thực hiện.",
    ".... chủ trì, phối hợp với các cơ quan liên quan gồm {partners} thực hiện.",
    "{partners} có trách nhiệm giúp cơ quan chủ trì là [tên đơn vị] trong quá trình tổ chức thực hiện.",
    "___ tham mưu; các sở, ngành: {partners} phối hợp; UBND các xã, phường tổ chức thực hiện.",
    "Giao (điền) là cơ quan thường trực, phối hợp chặt chẽ với {partners} tham mưu Ủy ban nhân dân tỉnh.",
])
def test_a_sentence_that_leaves_its_lead_blank_names_no_lead(line):
    """Every lead sentence of the tune bank was tried with every blank of the bank as its lead: 194 readings named a
    body as the lead (a partner, the People's Committee that hands the work on, a body doing its part, "cơ quan thường
    trực"); a draft would have passed on a lead it never wrote. The lead's own clause leaving a blank, or a blank right
    after the lead's word, makes the lead a blank to fill; the others keep their part."""
    from ctxh_compliance.extract.roles import read_roles
    said = read_roles(line.format(partners="Sở Tài chính và Công an tỉnh"))
    assert said is None or not said.lead, said


def test_the_task_done_by_a_body_is_led_for_sure_a_team_it_chairs_is_not(tmp_path):
    """"Nhiệm vụ này do Sở … chủ trì": the group's own work, read for sure (ĐẠT); "… tham gia các đoàn kiểm tra do UBND
    tỉnh chủ trì" with no other lead: who chairs a team may not lead the work, a guess for review."""
    line = f"Nhiệm vụ này do {LEAD} chủ trì, {JOINED} phối hợp thực hiện."
    loaded, findings = _check_text(tmp_path, HEAD.format(lines=line, bracket=""))
    assert findings["QD112-G03"].verdict.value == "pass", findings["QD112-G03"].message.vi
    from ctxh_compliance.extract.roles import read_roles
    said = read_roles("Sở Nội vụ cử cán bộ tham gia các đoàn kiểm tra liên ngành do UBND tỉnh chủ trì.")
    assert said.lead == ["UBND tỉnh"] and said.guessed
