"""Plans whose tasks stand in a responsibilities table, as provinces write them (written for measuring
the extractor; not real provinces' documents). Each is a complete short 2026-2030 plan; its hand-made
plan is task_tables/<name>.yaml.

- ``thanh_hoa_2026-2030``: the table in the tasks part, each group a heading row merged across the
  table ("I. …"), numbered task rows beneath it with "Cơ quan chủ trì | Cơ quan phối hợp" columns;
  long enough to go on over a page break, its header not repeated;
- ``gia_lai_2026-2030``: the tasks part names the groups, the table stands in an annex after the
  signature ("Phụ lục … PHÂN CÔNG NHIỆM VỤ"), one row per group, with "Thời gian thực hiện" and
  "Sản phẩm" columns;
- ``tuyen_quang_2026-2030``: a two-row header ("Cơ quan thực hiện" over "Chủ trì | Phối hợp"), group
  rows "1", "2" and task rows "1.1", "1.2" beneath them, the header repeated on each page;
- ``lao_cai_2026-2030``: written after the extractor was taught the three above, to measure it blind: an
  annex ("Phụ lục I … DANH MỤC NHIỆM VỤ") with "TT | Tên nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp |
  Thời gian | Kinh phí", Roman group rows with empty cells, bodies listed one a line ("- Sở Y tế") in
  a cell, two leads in one cell, long rows that a page break cuts.

    python tests/corpus/task_tables.py OUT_DIR     # writes the .docx (and their PDFs with LibreOffice)
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "task_tables"
NAMES = ("thanh_hoa_2026-2030", "gia_lai_2026-2030", "tuyen_quang_2026-2030", "lao_cai_2026-2030")
TITLE = "Thực hiện Chương trình phát triển công tác xã hội giai đoạn 2026-2030"
BASIS = ("Căn cứ Quyết định số 112/QĐ-TTg ngày 22/01/2021 của Thủ tướng Chính phủ ban hành Chương trình phát "
         "triển công tác xã hội giai đoạn 2021-2030;")
DECREE = "Căn cứ Nghị định số 110/2024/NĐ-CP ngày 30/8/2024 của Chính phủ về công tác xã hội;"


def _opening(document, province: str, number: str, date: str, proposer: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    table = document.add_table(rows=1, cols=2)
    left = ["ỦY BAN NHÂN DÂN", f"TỈNH {province.upper()}", f"Số: {number}"]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", f"{province}, {date}"]
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in ("KẾ HOẠCH", TITLE):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in (BASIS, DECREE, f"Theo đề nghị của {proposer}, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện "
                 "Chương trình phát triển công tác xã hội giai đoạn 2026-2030 trên địa bàn tỉnh như sau:"):
        document.add_paragraph(line)


def _paragraphs(document, lines: list[str]) -> None:
    for line in lines:
        document.add_paragraph(line)


def _targets(document, staff: int, facilities: int, trained: int, children: int) -> None:
    _paragraphs(document, [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "Cụ thể hóa các mục tiêu, nhiệm vụ của Chương trình phát triển công tác xã hội phù hợp với điều kiện của tỉnh.",
        "2. Yêu cầu",
        "Xác định rõ nhiệm vụ, cơ quan chủ trì, cơ quan phối hợp và thời gian hoàn thành.",
        "II. MỤC TIÊU",
        "1. Mục tiêu chung",
        "Phát triển công tác xã hội trở thành nghề chuyên nghiệp, đáp ứng nhu cầu trợ giúp của người dân, góp "
        "phần bảo đảm an sinh xã hội.",
        "2. Mục tiêu cụ thể đến năm 2030",
        f"- Đạt {staff}% số cơ quan, tổ chức, cơ sở trợ giúp xã hội, trường học, bệnh viện, xã, phường và đơn vị "
        "liên quan thực hiện phân công, bố trí nhân sự làm công tác xã hội.",
        f"- Tối thiểu {facilities}% số cơ sở trợ giúp xã hội, cơ sở y tế, cơ sở giáo dục và cơ sở khác trong quy "
        "hoạch có cung cấp dịch vụ công tác xã hội.",
        f"- {trained}% số cán bộ, công chức, viên chức, nhân viên và cộng tác viên công tác xã hội được đào tạo, "
        "bồi dưỡng nâng cao trình độ chuyên môn, nghiệp vụ.",
        f"- Bảo đảm {children}% trẻ em mồ côi không nơi nương tựa, trẻ em bị bỏ rơi được trợ giúp xã hội và "
        "được cung cấp dịch vụ công tác xã hội phù hợp.",
    ])


def _save(document, path: Path) -> Path:
    document.save(str(path))
    return path


def _closing(document, province: str, funds: str, words: str, numeral: str = "IV") -> None:
    following = {"III": "IV", "IV": "V"}[numeral]
    _paragraphs(document, [
        f"{numeral}. KINH PHÍ THỰC HIỆN",
        f"Tổng kinh phí thực hiện Kế hoạch giai đoạn 2026-2030 là {funds} đồng ({words}), từ ngân sách địa "
        "phương và nguồn xã hội hóa.",
        f"{following}. TỔ CHỨC THỰC HIỆN",
        "1. Sở Y tế: chủ trì, theo dõi, đôn đốc, tổng hợp kết quả thực hiện Kế hoạch, báo cáo UBND tỉnh và Bộ "
        "Y tế trước ngày 15 tháng 12 hằng năm.",
        "2. Sở Tài chính: tham mưu bố trí kinh phí thực hiện Kế hoạch theo phân cấp ngân sách.",
        "3. UBND các xã, phường: tổ chức thực hiện Kế hoạch trên địa bàn.",
        f"Trên đây là Kế hoạch thực hiện Chương trình phát triển công tác xã hội giai đoạn 2026-2030 trên địa "
        f"bàn tỉnh {province}./.",
        "Nơi nhận:",
        "- Bộ Y tế;",
        "- TT Tỉnh ủy, TT HĐND tỉnh;",
        "- Các sở, ngành liên quan;",
        "- UBND các xã, phường;",
        "- Lưu: VT, VX.",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ])


def _ruled(document, cols: int, widths: list[float]):
    from docx.shared import Cm
    table = document.add_table(rows=0, cols=cols)
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    return table


def _row(table, cells: list[str], widths: list[float]) -> None:
    from docx.shared import Cm
    row = table.add_row()
    for cell, text, width in zip(row.cells, cells, widths, strict=True):
        cell.text = text
        cell.width = Cm(width)


def _merged_row(table, text: str) -> None:
    row = table.add_row()
    first = row.cells[0].merge(row.cells[-1])
    first.text = text
    first.paragraphs[0].runs[0].bold = True


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


# --- (a) Thanh Hóa: group heading rows merged across the table -----------------------------------------------
THANH_HOA_ROWS = [
    ("I. Hoàn thiện và triển khai văn bản quy phạm pháp luật, cơ chế, chính sách về công tác xã hội", [
        ("1", "Rà soát, tham mưu ban hành các văn bản hướng dẫn thực hiện chính sách về công tác xã hội trên địa "
              "bàn tỉnh", "Sở Y tế", "Sở Tư pháp, Sở Nội vụ", "2026-2027"),
        ("2", "Tham mưu chính sách hỗ trợ cộng tác viên công tác xã hội ở xã, phường", "Sở Y tế",
              "Sở Tài chính, UBND các xã, phường", "2027"),
    ]),
    ("II. Phát triển mạng lưới cơ sở cung cấp dịch vụ công tác xã hội", [
        ("1", "Kiện toàn Trung tâm Công tác xã hội tỉnh, phát triển các điểm cung cấp dịch vụ công tác xã hội",
              "Sở Y tế", "Sở Nội vụ, Sở Tài chính", "2026-2030"),
        ("2", "Phát triển dịch vụ công tác xã hội trong các cơ sở giáo dục, trường học", "Sở Giáo dục và Đào tạo",
              "Sở Y tế, UBND các xã, phường", "2026-2030"),
    ]),
    ("III. Đào tạo, bồi dưỡng, tập huấn nâng cao năng lực cho đội ngũ làm công tác xã hội", [
        ("1", "Tổ chức các lớp bồi dưỡng kiến thức, kỹ năng công tác xã hội cho cán bộ, viên chức, nhân viên và "
              "cộng tác viên", "Sở Y tế", "Sở Nội vụ, các cơ sở giáo dục nghề nghiệp", "Hằng năm"),
        ("2", "Bồi dưỡng kỹ năng tư vấn, tham vấn học đường cho giáo viên, nhân viên trường học",
              "Sở Giáo dục và Đào tạo", "Sở Y tế", "Hằng năm"),
    ]),
    ("IV. Truyền thông, nâng cao nhận thức về công tác xã hội", [
        ("1", "Tuyên truyền về vai trò của công tác xã hội trên báo chí và mạng xã hội",
              "Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế, Báo và Phát thanh, Truyền hình Thanh Hóa", "Hằng năm"),
        ("2", "Tổ chức các hoạt động hưởng ứng Ngày Công tác xã hội Việt Nam 25/3", "Sở Y tế",
              "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, UBND các xã, phường", "Hằng năm"),
    ]),
    ("V. Kiểm tra, giám sát, sơ kết, tổng kết", [
        ("1", "Kiểm tra, giám sát việc thực hiện Kế hoạch tại các sở, ngành và địa phương", "Sở Y tế",
              "Các sở, ngành liên quan", "Hằng năm"),
        ("2", "Sơ kết giữa kỳ năm 2028, tổng kết năm 2030", "Sở Y tế", "Sở Nội vụ, UBND các xã, phường",
              "2028, 2030"),
    ]),
]


def thanh_hoa(out: Path) -> Path:
    import docx
    document = docx.Document()
    _opening(document, "Thanh Hóa", "86/KH-UBND", "ngày 20 tháng 3 năm 2026", "Sở Y tế tại Tờ trình số 61/TTr-SYT "
             "ngày 05/3/2026")
    _targets(document, 90, 60, 40, 90)
    _paragraphs(document, ["III. NHIỆM VỤ VÀ GIẢI PHÁP",
                           "Các nhiệm vụ cụ thể, cơ quan chủ trì, cơ quan phối hợp và thời gian thực hiện như sau:"])
    widths = [1.2, 7.0, 3.0, 3.8, 2.0]
    table = _ruled(document, 5, widths)
    _row(table, ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"], widths)
    for heading, rows in THANH_HOA_ROWS:
        _merged_row(table, heading)
        for cells in rows:
            _row(table, list(cells), widths)
    _closing(document, "Thanh Hóa", "6.000.000.000", "Sáu tỷ đồng")
    return _save(document, out / "thanh_hoa_2026-2030.docx")


# --- (b) Gia Lai: the table in an annex after the signature, one row per group --------------------------------
GIA_LAI_GROUPS = [
    ("Hoàn thiện văn bản quy phạm pháp luật, cơ chế, chính sách về công tác xã hội",
     "Rà soát, đề xuất sửa đổi, bổ sung chính sách về công tác xã hội phù hợp với điều kiện của tỉnh.",
     "Sở Y tế", "Sở Tư pháp, Sở Tài chính", "2026-2027", "Văn bản được ban hành"),
    ("Phát triển mạng lưới cơ sở cung cấp dịch vụ công tác xã hội",
     "Củng cố Trung tâm Công tác xã hội tỉnh; phát triển dịch vụ công tác xã hội tại bệnh viện, trường học.",
     "Sở Y tế", "Sở Nội vụ, Sở Giáo dục và Đào tạo", "2026-2030", "Mạng lưới cơ sở được kiện toàn"),
    ("Đào tạo, bồi dưỡng đội ngũ cán bộ, viên chức, nhân viên và cộng tác viên công tác xã hội",
     "Tổ chức đào tạo, bồi dưỡng, tập huấn kiến thức, kỹ năng công tác xã hội.",
     "Sở Y tế", "Sở Nội vụ, Trường Cao đẳng Gia Lai", "Hằng năm", "Các lớp bồi dưỡng"),
    ("Truyền thông nâng cao nhận thức về công tác xã hội",
     "Đa dạng hóa hình thức tuyên truyền về công tác xã hội trên các phương tiện thông tin đại chúng.",
     "Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế, Báo và Phát thanh, Truyền hình Gia Lai", "Hằng năm",
     "Tin, bài, phóng sự"),
    ("Kiểm tra, giám sát, sơ kết, tổng kết việc thực hiện Kế hoạch",
     "Định kỳ kiểm tra, giám sát; sơ kết năm 2028, tổng kết năm 2030.",
     "Sở Y tế", "Các sở, ngành liên quan, UBND các xã, phường", "2028, 2030", "Báo cáo sơ kết, tổng kết"),
]


def gia_lai(out: Path) -> Path:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    document = docx.Document()
    _opening(document, "Gia Lai", "45/KH-UBND", "ngày 10 tháng 3 năm 2026", "Sở Y tế")
    _targets(document, 90, 60, 40, 90)
    document.add_paragraph("III. NHIỆM VỤ, GIẢI PHÁP")
    for number, (heading, text, *_rest) in enumerate(GIA_LAI_GROUPS, 1):
        _paragraphs(document, [f"{number}. {heading}", text])
    document.add_paragraph("(Phân công cơ quan chủ trì, phối hợp và thời gian thực hiện tại Phụ lục kèm theo Kế hoạch "
                           "này)")
    _closing(document, "Gia Lai", "5.000.000.000", "Năm tỷ đồng")
    section = document.add_section()  # the annex on a landscape page, as offices print wide tables
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for line in ("Phụ lục", "PHÂN CÔNG NHIỆM VỤ THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN CÔNG TÁC XÃ HỘI GIAI ĐOẠN 2026-2030",
                 "(Kèm theo Kế hoạch số 45/KH-UBND ngày 10/3/2026 của UBND tỉnh Gia Lai)"):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    widths = [1.2, 7.5, 3.5, 5.0, 3.0, 4.0]
    table = _ruled(document, 6, widths)
    _row(table, ["STT", "Nhóm nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Sản phẩm"],
         widths)
    for number, (heading, _text, lead, partners, time, product) in enumerate(GIA_LAI_GROUPS, 1):
        _row(table, [str(number), heading, lead, partners, time, product], widths)
    return _save(document, out / "gia_lai_2026-2030.docx")


# --- (c) Tuyên Quang: a two-row header, group rows and numbered task rows -------------------------------------
TUYEN_QUANG_ROWS = [
    ("1", "Hoàn thiện và triển khai văn bản quy phạm pháp luật về công tác xã hội", "", "", ""),
    ("1.1", "Ban hành văn bản hướng dẫn thực hiện Nghị định số 110/2024/NĐ-CP trên địa bàn tỉnh", "Sở Y tế",
     "Sở Tư pháp", "Năm 2026"),
    ("1.2", "Rà soát chế độ, chính sách đối với nhân viên, cộng tác viên công tác xã hội", "Sở Nội vụ",
     "Sở Y tế, Sở Tài chính", "Năm 2027"),
    ("2", "Phát triển mạng lưới cơ sở cung cấp dịch vụ công tác xã hội", "", "", ""),
    ("2.1", "Củng cố, nâng cao năng lực Trung tâm Công tác xã hội tỉnh", "Sở Y tế", "Sở Nội vụ, Sở Tài chính",
     "2026-2030"),
    ("2.2", "Thành lập phòng, tổ công tác xã hội tại các bệnh viện tuyến tỉnh", "Sở Y tế", "Các bệnh viện tuyến tỉnh",
     "2026-2028"),
    ("2.3", "Bố trí người làm công tác xã hội tại các trường học", "Sở Giáo dục và Đào tạo", "UBND các xã, phường",
     "2026-2030"),
    ("3", "Đào tạo, bồi dưỡng đội ngũ làm công tác xã hội", "", "", ""),
    ("3.1", "Bồi dưỡng kiến thức, kỹ năng công tác xã hội cho cán bộ, công chức cấp xã", "Sở Nội vụ",
     "Sở Y tế, UBND các xã, phường", "Hằng năm"),
    ("3.2", "Tập huấn nghiệp vụ cho nhân viên, cộng tác viên công tác xã hội", "Sở Y tế",
     "Trung tâm Công tác xã hội tỉnh", "Hằng năm"),
    ("4", "Truyền thông, nâng cao nhận thức về công tác xã hội", "", "", ""),
    ("4.1", "Xây dựng chuyên mục về công tác xã hội trên Báo và Phát thanh, Truyền hình Tuyên Quang",
     "Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế", "Hằng năm"),
    ("4.2", "Tổ chức các hoạt động hưởng ứng Ngày Công tác xã hội Việt Nam", "Sở Y tế",
     "Tỉnh Đoàn, Hội Liên hiệp Phụ nữ tỉnh", "Hằng năm"),
    ("5", "Kiểm tra, giám sát, sơ kết, tổng kết", "", "", ""),
    ("5.1", "Kiểm tra, giám sát việc thực hiện Kế hoạch", "Sở Y tế", "Các sở, ngành liên quan", "Hằng năm"),
    ("5.2", "Sơ kết giữa kỳ, tổng kết thực hiện Kế hoạch", "Sở Y tế", "UBND các xã, phường", "2028, 2030"),
]


def tuyen_quang(out: Path) -> Path:
    import docx
    document = docx.Document()
    _opening(document, "Tuyên Quang", "112/KH-UBND", "ngày 25 tháng 3 năm 2026", "Sở Y tế")
    _targets(document, 90, 60, 40, 90)
    _paragraphs(document, [
        "III. NHIỆM VỤ, GIẢI PHÁP",
        "Các sở, ngành, UBND các xã, phường tập trung thực hiện các nhiệm vụ, giải pháp theo bảng phân công dưới đây.",
    ])
    widths = [1.2, 7.6, 3.0, 3.6, 2.2]
    table = _ruled(document, 5, widths)
    _row(table, ["STT", "Nội dung nhiệm vụ", "Cơ quan thực hiện", "", "Thời gian hoàn thành"], widths)
    _row(table, ["", "", "Chủ trì", "Phối hợp", ""], widths)
    for col in (0, 1, 4):  # merged down over the second header row
        table.cell(0, col).merge(table.cell(1, col))
    table.cell(0, 2).merge(table.cell(0, 3)).text = "Cơ quan thực hiện"
    for row in table.rows[:2]:
        _repeat_header(row)
    for cells in TUYEN_QUANG_ROWS:
        _row(table, list(cells), widths)
    _closing(document, "Tuyên Quang", "4.800.000.000", "Bốn tỷ tám trăm triệu đồng")
    return _save(document, out / "tuyen_quang_2026-2030.docx")


# --- (d) Lào Cai: an annex with Roman group rows, bodies one a line, rows cut by a page break -----------------
LAO_CAI_ROWS = [
    ("I", "Truyền thông, nâng cao nhận thức về công tác xã hội", "", "", "", ""),
    ("1", "Tổ chức tuyên truyền, phổ biến chủ trương, chính sách của Đảng, pháp luật của Nhà nước về công tác xã "
          "hội trên Báo và Phát thanh, Truyền hình Lào Cai, cổng thông tin điện tử của tỉnh và trên các nền tảng "
          "mạng xã hội; biên soạn, phát hành tài liệu truyền thông phù hợp với đồng bào dân tộc thiểu số",
     "Sở Văn hóa, Thể thao và Du lịch", "- Sở Y tế\n- Báo và Phát thanh, Truyền hình Lào Cai\n- UBND các xã, phường",
     "Hằng năm", "300"),
    ("2", "Tổ chức các hoạt động hưởng ứng Ngày Công tác xã hội Việt Nam (25/3) hằng năm", "Sở Y tế",
     "- Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh\n- Hội Liên hiệp Phụ nữ tỉnh", "Hằng năm", "200"),
    ("II", "Đào tạo, bồi dưỡng, tập huấn nâng cao năng lực cho người làm công tác xã hội", "", "", "", ""),
    ("1", "Tổ chức các lớp bồi dưỡng kiến thức, kỹ năng công tác xã hội cho công chức văn hóa - xã hội cấp xã, "
          "viên chức, nhân viên và cộng tác viên công tác xã hội tại các cơ sở trợ giúp xã hội, bệnh viện, trường "
          "học; tập huấn kỹ năng quản lý trường hợp, tham vấn, trợ giúp tâm lý cho người có hoàn cảnh khó khăn",
     "Sở Y tế;\nSở Nội vụ", "- Trường Cao đẳng Lào Cai\n- UBND các xã, phường", "2026-2030", "1.200"),
    ("2", "Tập huấn kỹ năng công tác xã hội trường học cho giáo viên chủ nhiệm, cán bộ Đoàn, Đội và nhân viên "
          "tư vấn học đường tại các trường phổ thông dân tộc nội trú, bán trú", "Sở Giáo dục và Đào tạo",
     "- Tỉnh Đoàn\n- Sở Y tế\n- Hội Liên hiệp Phụ nữ tỉnh\n- UBND các xã, phường", "Hằng năm", "400"),
    ("III", "Phát triển mạng lưới cơ sở cung cấp dịch vụ công tác xã hội", "", "", "", ""),
    ("1", "Kiện toàn tổ chức, bộ máy, nâng cao năng lực Trung tâm Công tác xã hội tỉnh; đầu tư cơ sở vật chất, "
          "trang thiết bị cho các cơ sở trợ giúp xã hội công lập; phát triển các điểm cung cấp dịch vụ công tác "
          "xã hội tại cộng đồng ở các xã vùng cao, biên giới", "Sở Y tế",
     "- Sở Nội vụ\n- Sở Tài chính\n- UBND các xã, phường", "2026-2030", "2.000"),
    ("2", "Thành lập, củng cố phòng, tổ công tác xã hội tại các bệnh viện tuyến tỉnh và trung tâm y tế khu vực",
     "Sở Y tế", "- Các bệnh viện tuyến tỉnh\n- Các trung tâm y tế khu vực", "2026-2028", "500"),
    ("IV", "Hoàn thiện văn bản quy phạm pháp luật, cơ chế, chính sách về công tác xã hội", "", "", "", ""),
    ("1", "Rà soát, tham mưu ban hành chính sách hỗ trợ nhân viên, cộng tác viên công tác xã hội tại xã, phường "
          "phù hợp với khả năng cân đối ngân sách địa phương", "Sở Y tế", "- Sở Tài chính\n- Sở Tư pháp",
     "2026-2027", "100"),
    ("V", "Ứng dụng công nghệ thông tin, xây dựng cơ sở dữ liệu về công tác xã hội", "", "", "", ""),
    ("1", "Xây dựng, cập nhật cơ sở dữ liệu đối tượng cần trợ giúp và người làm công tác xã hội, kết nối với cơ "
          "sở dữ liệu quốc gia về dân cư", "Sở Y tế", "- Công an tỉnh\n- Sở Khoa học và Công nghệ", "2027-2030",
     "600"),
    ("VI", "Kiểm tra, giám sát, sơ kết, tổng kết", "", "", "", ""),
    ("1", "Kiểm tra, giám sát việc thực hiện Kế hoạch tại các sở, ngành, xã, phường; sơ kết giữa kỳ năm 2028, tổng "
          "kết năm 2030", "Sở Y tế", "- Các sở, ngành liên quan", "2028, 2030", "100"),
]


def lao_cai(out: Path) -> Path:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    document = docx.Document()
    _opening(document, "Lào Cai", "132/KH-UBND", "ngày 02 tháng 4 năm 2026", "Sở Y tế tại Tờ trình số 88/TTr-SYT "
             "ngày 20/3/2026")
    _targets(document, 90, 60, 40, 90)
    _paragraphs(document, ["III. NHIỆM VỤ VÀ GIẢI PHÁP",
                           "Các nhiệm vụ, đơn vị chủ trì, đơn vị phối hợp, thời gian và kinh phí thực hiện chi tiết "
                           "tại Phụ lục I kèm theo Kế hoạch này."])
    _closing(document, "Lào Cai", "5.400.000.000", "Năm tỷ bốn trăm triệu đồng")
    document.add_page_break()
    for line in ("Phụ lục I", "DANH MỤC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN CÔNG TÁC XÃ HỘI GIAI ĐOẠN 2026-2030",
                 "(Kèm theo Kế hoạch số 132/KH-UBND ngày 02/4/2026 của UBND tỉnh Lào Cai)", "",
                 "Đơn vị tính: triệu đồng"):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    widths = [1.0, 6.6, 2.8, 3.6, 1.8, 1.6]
    table = _ruled(document, 6, widths)
    _row(table, ["TT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian", "Kinh phí (triệu đồng)"],
         widths)
    for serial, name, lead, partners, time, funds in LAO_CAI_ROWS:
        row = table.add_row()
        for cell, text, width in zip(row.cells, (serial, name, lead, partners, time, funds), widths, strict=True):
            lines = text.split("\n")
            cell.text = lines[0]
            for line in lines[1:]:  # one body a paragraph, as offices list them in a cell
                cell.add_paragraph(line)
            from docx.shared import Cm
            cell.width = Cm(width)
    return _save(document, out / "lao_cai_2026-2030.docx")


MAKERS = {"thanh_hoa_2026-2030": thanh_hoa, "gia_lai_2026-2030": gia_lai, "tuyen_quang_2026-2030": tuyen_quang,
          "lao_cai_2026-2030": lao_cai}


def build(out: Path, pdf: bool = True) -> dict[str, list[Path]]:
    """The Word files in ``out`` and, when LibreOffice is installed, their PDFs:
    {"docx": [...], "pdf": [...]}."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from variants import pdf_variants
    out.mkdir(parents=True, exist_ok=True)
    docs = [make(out) for make in MAKERS.values()]
    return {"docx": docs, "pdf": pdf_variants(docs, out) if pdf else []}


def plain_text(path: Path) -> str:
    """Every paragraph and table cell of a Word file (what the document says, for counting values
    that occur nowhere in it)."""
    import docx
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(lines)


if __name__ == "__main__":
    for kind, paths in build(Path(sys.argv[1] if len(sys.argv) > 1 else "task-tables")).items():
        print(kind, *paths)
