"""Writes the bad-input corpus (one file per case) and expected.yaml, the message and exit code
each must give. Run it after changing a case: ``python tests/bad_inputs/build_corpus.py``, then
review the diff. Cases too big or too machine-specific to commit (50 MB, unreadable file, a folder,
a missing path) are made by the test itself."""

import codecs
import unicodedata
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
GOOD = """identification:
  title: Kế hoạch thử
  province: Lạng Sơn
  kind: phase
legal_bases:
- number: 112/QĐ-TTg
period:
  start: 2021
  end: 2025
"""
T = "targets:\n- {indicator: staff_assignment, year: 2025, value: 60, unit: percent}\n"


def sub(old, new, text=GOOD):
    assert old in text, old
    return text.replace(old, new, 1)


# name: (content, "line:col" or None, Vietnamese text, English text)
CASES = {
    # YAML syntax, several kinds
    "syntax-unclosed-flow": ("identification: {title: x\nperiod: [\n", "2:7", "lỗi cú pháp YAML", "YAML syntax error"),
    "syntax-unclosed-quote": ('identification:\n  title: "Kế hoạch\nperiod: {start: 2021}\n', "4:1", "lỗi cú pháp YAML", "YAML syntax error"),
    "syntax-bad-indent": ("identification:\n  title: x\n    province: y\n", "3:13", "lỗi cú pháp YAML", "YAML syntax error"),
    "syntax-list-in-map": ("identification:\n  title: x\n- a\n", "3:1", "lỗi cú pháp YAML", "YAML syntax error"),
    "syntax-stray-colon": ("identification: title: x\n", "1:22", "lỗi cú pháp YAML", "YAML syntax error"),
    "syntax-two-documents": (GOOD + "---\n" + GOOD, "10:1", "lỗi cú pháp YAML", "YAML syntax error"),
    "tabs": ("identification:\n\ttitle: x\n", "2:1", "ký tự tab", "a tab is used"),
    "duplicate-key-top": (GOOD + "period: {start: 2021, end: 2025}\n", "10:1", "khóa “period” bị lặp lại", "appears twice"),
    "duplicate-key-nested": (sub("  kind: phase\n", "  kind: phase\n  title: lần hai\n"), "5:3", "khóa “title” bị lặp lại", "appears twice"),
    # wrong types everywhere
    "type-title-list": (sub("title: Kế hoạch thử", "title: [a, b]"), "2:10", "“thông tin văn bản › trích yếu” phải là văn bản", "must be text"),
    "type-province-number": (sub("province: Lạng Sơn", "province: 42"), "3:13", "“thông tin văn bản › tỉnh” phải là văn bản", "must be text"),
    "type-kind-number": (sub("kind: phase", "kind: 3"), "4:9", "phải là một trong", "must be one of"),
    "type-start-text": (sub("start: 2021", "start: năm 2021"), "8:10", "“thời kỳ › năm bắt đầu” phải là số nguyên", "must be a whole number"),
    "type-start-float": (sub("start: 2021", "start: 2021.5"), "8:10", "“thời kỳ › năm bắt đầu” phải là số nguyên", "must be a whole number"),
    "type-value-text": (GOOD + sub("value: 60", "value: sáu mươi", T), "11:52", "“chỉ tiêu số 1 › giá trị” phải là một số", "must be a number"),
    "type-unit-number": (GOOD + sub("unit: percent", "unit: 5", T), "11:62", "phải là một trong", "must be one of"),
    "type-comparison-bool": (GOOD + sub("unit: percent}", "unit: percent, comparison: true}", T), "11:83", "phải là một trong", "must be one of"),
    "type-population-text": (GOOD + sub("unit: percent}", "unit: percent, population: xã}", T), "11:83", "phải là một danh sách", "must be a list"),
    "type-covers-text": (GOOD + "task_groups:\n- {heading: x, covers: training}\n", "11:24", "phải là một danh sách", "must be a list"),
    "type-lead-mapping": (GOOD + "task_groups:\n- {heading: x, lead: {a: b}}\n", "11:22", "phải là một danh sách", "must be a list"),
    "type-targets-mapping": (GOOD + "targets: {a: 1}\n", "10:10", "phải là một danh sách", "must be a list"),
    "type-identification-list": (sub("identification:\n  title: Kế hoạch thử\n  province: Lạng Sơn\n  kind: phase\n", "identification: [x]\n"), "1:17", "phải là một bảng khóa: giá trị", "must be a mapping"),
    "type-complete-text": (GOOD + "source: {document: x, complete: có}\n", "10:33", "phải là true hoặc false", "must be true or false"),
    "type-date-text": (sub("  kind: phase\n", "  kind: phase\n  date: 31/12/2021\n"), "5:9", "phải là ngày dạng YYYY-MM-DD", "must be a date"),
    "impossible-date": (sub("  kind: phase\n", "  kind: phase\n  date: 2026-13-45\n"), "5:9", "ngày “2026-13-45” không có thật", "does not exist"),
    "not-a-leap-day": (sub("- number: 112/QĐ-TTg", "- number: 112/QĐ-TTg\n  date: 2021-02-29"), "7:9", "ngày “2021-02-29” không có thật", "does not exist"),
    # missing required fields
    "missing-identification": ("legal_bases:\n- number: 112/QĐ-TTg\nperiod: {start: 2021, end: 2025}\n", "1:1", "thiếu trường bắt buộc “thông tin văn bản” (khóa identification)", "required field “identification” is missing"),
    "missing-period": (GOOD.split("period:")[0], "1:1", "thiếu trường bắt buộc “thời kỳ” (khóa period)", "required field “period” is missing"),
    "missing-title": (sub("  title: Kế hoạch thử\n", ""), "2:3", "thiếu trường bắt buộc “thông tin văn bản › trích yếu”", "is missing"),
    "missing-province": (sub("  province: Lạng Sơn\n", ""), "2:3", "thiếu trường bắt buộc “thông tin văn bản › tỉnh”", "is missing"),
    "missing-kind": (sub("  kind: phase\n", ""), "2:3", "thiếu trường bắt buộc “thông tin văn bản › loại kế hoạch”", "is missing"),
    "missing-period-end": (sub("  end: 2025\n", ""), "8:3", "thiếu trường bắt buộc “thời kỳ › năm kết thúc”", "is missing"),
    "missing-target-indicator": (GOOD + "targets:\n- {year: 2025, value: 60, unit: percent}\n", "11:3", "thiếu trường bắt buộc “chỉ tiêu số 1 › mã chỉ tiêu”", "is missing"),
    "missing-target-unit": (GOOD + "targets:\n- {indicator: staff_assignment, year: 2025, value: 60}\n", "11:3", "thiếu trường bắt buộc “chỉ tiêu số 1 › đơn vị”", "is missing"),
    "missing-task-heading": (GOOD + "task_groups:\n- {covers: [training]}\n", "11:3", "thiếu trường bắt buộc “nhóm nhiệm vụ số 1 › tên nhóm”", "is missing"),
    "missing-basis-number": (sub("- number: 112/QĐ-TTg", "- date: 2021-01-22"), "6:3", "thiếu trường bắt buộc “căn cứ số 1 › số hiệu”", "is missing"),
    # unknown keys
    "unknown-key-top": (GOOD + "kinh_phi: 5\n", "10:1", "khóa không hợp lệ “kinh_phi”", "unknown key “kinh_phi”"),
    "unknown-key-target": (GOOD + sub("unit: percent}", "unit: percent, gia_tri: 5}", T), "11:71", "khóa không hợp lệ “gia_tri” (trong chỉ tiêu số 1)", "unknown key"),
    "unknown-key-budget": (GOOD + "budget: {tong: 5}\n", "10:10", "khóa không hợp lệ “tong” (trong kinh phí)", "unknown key"),
    "unknown-indicator": (GOOD + sub("staff_assignment", "staff_asignment", T), "11:15", "chỉ tiêu “staff_asignment” không có", "is not in ruleset"),
    "unknown-task-group": (GOOD + "task_groups:\n- {heading: x, covers: [traning]}\n", "11:25", "nhóm nhiệm vụ “traning” không có", "is not"),
    # ranges
    "percent-over-100": (GOOD + sub("value: 60", "value: 160", T), "11:3", "tỷ lệ phần trăm 160 vượt quá 100", "percentage 160 is over 100"),
    "percent-below-0": (GOOD + sub("value: 60", "value: -5", T), "11:52", "“chỉ tiêu số 1 › giá trị” phải ≥ 0", "must be ≥ 0"),
    "year-before-1990": (sub("start: 2021", "start: 1989"), "8:10", "“thời kỳ › năm bắt đầu” phải ≥ 1990", "must be ≥ 1990"),
    "year-after-2100": (sub("end: 2025", "end: 2225"), "9:8", "“thời kỳ › năm kết thúc” phải ≤ 2100", "must be ≤ 2100"),
    "target-year-out-of-range": (GOOD + sub("year: 2025", "year: 3025", T), "11:39", "“chỉ tiêu số 1 › năm” phải ≤ 2100", "must be ≤ 2100"),
    "end-before-start": (sub("end: 2025", "end: 2019"), "9:8", "năm kết thúc (2019) trước năm bắt đầu (2021)", "is before the start year"),
    "budget-period-reversed": (GOOD + "budget: {period: {start: 2025, end: 2022}}\n", "10:37", "năm kết thúc (2022) trước năm bắt đầu (2025)", "is before the start year"),
    "budget-negative": (GOOD + "budget: {total: {amount: -500}}\n", "10:26", "“kinh phí › tổng › số tiền” phải ≥ 0", "must be ≥ 0"),
    "budget-not-a-number": (GOOD + "budget: {total: {amount: năm trăm triệu}}\n", "10:26", "“kinh phí › tổng › số tiền” phải là số nguyên", "must be a whole number"),
    "share-negative": (GOOD + "situation: [{text: xã, numerator: -1, denominator: 143}]\n", "10:35", "phải ≥ 0", "must be ≥ 0"),
    # empty and strange documents
    "empty": ("", None, "tệp rỗng", "the file is empty"),
    "only-comment": ("# kế hoạch\n# chưa viết\n", None, "tệp rỗng", "the file is empty"),
    "list-at-top": ("- a\n- b\n", "1:1", "nội dung gốc phải là một bảng", "the top level must be a mapping"),
    "scalar-at-top": ("kế hoạch\n", "1:1", "nội dung gốc phải là một bảng", "the top level must be a mapping"),
    "null-document": ("~\n", "1:1", "nội dung gốc phải là một bảng", "the top level must be a mapping"),
    "alias-bomb": ("a: &a [x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c, *c]\n", "1:4", "không dùng neo/tham chiếu YAML", "anchors/aliases"),
    "merge-key": ("base: &b {title: x}\nidentification:\n  <<: *b\n", "3:3", "không dùng neo/tham chiếu YAML", "anchors/aliases"),
    "deep-nesting-10000": ("a: " + "[" * 10_000 + "]" * 10_000 + "\n", "1:53", "lồng nhau quá sâu", "nesting is too deep"),
    "deep-block-nesting": ("a:\n" + "- " * 10_000 + "x\n", "2:99", "lồng nhau quá sâu", "nesting is too deep"),
    # limits counted before anything is built (yaml_source's structure guard): depth, entries, values, length, digits
    "apostrophe-then-deep": ("identification: {text: it's}\nx: " + "[" * 100_000 + "\n", "2:53", "lồng nhau quá sâu", "nesting is too deep"),
    "amount-400-digits": (GOOD + "budget: {total: {amount: " + "9" * 400 + "}}\n", "10:26", "số có quá nhiều chữ số (400; giới hạn 30)", "too many digits (400; the limit is 30)"),
    "population-item-too-long": (GOOD + T.replace("unit: percent}", "unit: percent,\n   population: [" + "xã " * 3_700 + "]}"), "12:17", "giá trị quá dài (11099 ký tự; giới hạn 10000)", "value too long (11099 characters"),
    "too-many-items": (GOOD + "targets: [" + "1, " * 1_000 + "1]\n", "10:3011", "danh sách hoặc bảng có quá nhiều mục (giới hạn 1000)", "too many entries (the limit is 1000)"),
    "too-many-values": (GOOD + "".join(f"x{i}: [" + "1," * 999 + "1]\n" for i in range(21)), "29:1887", "tệp có quá nhiều giá trị (giới hạn 20000)", "too many values (the limit is 20000)"),
    # characters refused at their line and column (input_gate): controls, separators YAML counts as line ends, long runs of marks
    "form-feed": (sub("  province: Lạng Sơn\n", "  province: Lạng\x0cSơn\n"), "3:17", "ký tự điều khiển U+000C", "control character U+000C"),
    "escape-sequence": (sub("title: Kế hoạch thử", "title: Kế hoạch \x1b[31mthử"), "2:19", "ký tự điều khiển U+001B", "control character U+001B"),
    "next-line-c1": (sub("title: Kế hoạch thử", "title: Kế hoạch\x85thử"), "2:18", "ký tự điều khiển U+0085", "control character U+0085"),
    "line-separator": (sub("title: Kế hoạch thử", "title: Kế hoạch\u2028thử"), "2:18", "ký tự điều khiển U+2028", "control character U+2028"),
    "nul-after-8k": (GOOD + "# " + "x" * 9_000 + "\x00\n", "10:9003", "ký tự điều khiển U+0000", "control character U+0000"),
    "combining-run-comment": ("# a" + "\u0301\u0323" * 6 + "\n" + GOOD, "1:4", "12 dấu kết hợp liền nhau (giới hạn 10)", "12 combining marks in a row"),
    "combining-run-value": (sub("title: Kế hoạch thử", "title: Kế hoạch thử" + "\u0300" * 40), "2:22", "40 dấu kết hợp liền nhau", "40 combining marks in a row"),
    "no-known-legal-basis": (sub("112/QĐ-TTg", "99/QĐ-UBND"), "6:1", "không dẫn quyết định nào mà công cụ có bộ quy tắc", "cite no decision"),
    # values YAML 1.1 reads otherwise than YAML 1.2 core, where a number or true/false is expected: refused, never guessed
    "yaml11-base60-value": (GOOD + sub("value: 60", "value: 1:30", T), "11:52", "YAML 1.1 đọc 1:30 là số cơ số 60 (90), YAML 1.2 đọc là văn bản; hãy viết 90, hoặc \"1:30\"", "write 90, or \"1:30\" if it is text"),
    "yaml11-octal-year": (GOOD + sub("year: 2025", "year: 02025", T), "11:39", "YAML 1.1 đọc là số bát phân (1045), YAML 1.2 đọc là 2025; hãy viết 2025 (bỏ số 0 ở đầu)", "octal number (1045) and YAML 1.2 as 2025"),
    "yaml11-octal-start": (sub("start: 2021", "start: 02021"), "8:10", "“thời kỳ › năm bắt đầu”: 02021 có số 0 ở đầu", "write 2021 (no leading zero)"),
    "yaml11-octal-prefix": (GOOD + sub("value: 60", "value: 0o17", T), "11:52", "YAML 1.2 đọc 0o17 là số bát phân (15)", "write 15, or \"0o17\""),
    "yaml11-leading-zero": (GOOD + sub("value: 60", "value: 08", T), "11:52", "08 có số 0 ở đầu: YAML 1.1 đọc là văn bản, YAML 1.2 đọc là 8", "write 8 (no leading zero)"),
    "yaml11-hex-value": (GOOD + sub("value: 60", "value: 0x3C", T), "11:52", "0x3C là số hệ mười sáu (60); tệp kế hoạch chỉ nhận số thập phân: hãy viết 60", "is a hexadecimal number (60)"),
    "yaml11-binary-value": (GOOD + sub("value: 60", "value: 0b111100", T), "11:52", "0b111100 là số hệ nhị phân (60)", "is a binary number (60)"),
    "yaml11-digit-group-value": (GOOD + sub("value: 60", "value: 6_0", T), "11:52", "YAML 1.1 đọc 6_0 là 60 (dấu _ nhóm chữ số)", "write 60, or \"6_0\""),
    "yaml11-digit-group-amount": (GOOD + "budget: {total: {amount: 1_000_000}}\n", "10:26", "“kinh phí › tổng › số tiền”: YAML 1.1 đọc 1_000_000 là 1000000", "write 1000000"),
    "yaml11-bool-yes": (GOOD + "source: {document: x, complete: yes}\n", "10:33", "“văn bản nguồn › đầy đủ”: YAML 1.1 đọc yes là true, YAML 1.2 đọc là văn bản", "reads yes as true, YAML 1.2 as text"),
    "yaml11-bool-off": (GOOD + "source: {document: x, complete: off}\n", "10:33", "YAML 1.1 đọc off là false", "write false"),
    "yaml11-bool-n": (GOOD + "source: {document: x, complete: N}\n", "10:33", "YAML 1.1 đọc N là false", "reads N as false"),
    "yaml11-kind-off": (sub("kind: phase", "kind: off"), "4:9", "“thông tin văn bản › loại kế hoạch” phải là một trong: annual, phase, programme (nhận được: off)", "(got: off)"),
}

# encodings: (bytes, "line:col" or None, vi, en)
BYTES = {
    "utf16-le": (codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"), None, "UTF-16", "UTF-16"),
    "utf16-be": (codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be"), None, "UTF-16", "UTF-16"),
    "windows-1258": (GOOD.encode("utf-8").replace("Sơn".encode(), b"S\xf5n"), "3:19", "không phải văn bản UTF-8 (byte 0xf5)", "not UTF-8"),
    # TCVN3 (ABC): "Kế hoạch" is K + 0xD5 + " ho" + 0xB9 + "ch"
    "tcvn3": (GOOD.encode("utf-8").replace("Kế hoạch".encode(), b"K\xd5 ho\xb9ch"), "2:11", "không phải văn bản UTF-8", "not UTF-8"),
    # VNI: "Kế" is "Ke" + 0xE1 (a combining-mark byte)
    "vni": (GOOD.encode("utf-8").replace("Kế".encode(), b"Ke\xe1"), "2:12", "không phải văn bản UTF-8", "not UTF-8"),
    "binary-garbage": (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)), None, "dữ liệu nhị phân", "binary data"),
    "zip-file": (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 20, None, "dữ liệu nhị phân", "binary data"),
}

# accepted variants: must check exactly like GOOD (exit 1: no targets)
ACCEPTED = {
    "utf8-bom": codecs.BOM_UTF8 + GOOD.encode("utf-8"),
    "nfd-vietnamese": unicodedata.normalize("NFD", GOOD).encode("utf-8"),
    "crlf-line-ends": GOOD.replace("\n", "\r\n").encode("utf-8"),
    "cr-line-ends": GOOD.replace("\n", "\r").encode("utf-8"),
    "brackets-in-comment": (GOOD + "# " + "[" * 60 + " it's\n").encode("utf-8"),
}


def main() -> None:
    expected = {}
    for name, (content, where, vi, en) in CASES.items():
        (HERE / f"{name}.yaml").write_text(content, encoding="utf-8")
        expected[f"{name}.yaml"] = {"exit": 2, "where": where, "vi": vi, "en": en}
    for name, (content, where, vi, en) in BYTES.items():
        (HERE / f"{name}.yaml").write_bytes(content)
        expected[f"{name}.yaml"] = {"exit": 2, "where": where, "vi": vi, "en": en}
    for name, content in ACCEPTED.items():
        (HERE / f"{name}.yaml").write_bytes(content)
        expected[f"{name}.yaml"] = {"exit": 1, "same_as_good": True}
    (HERE / "good.yaml").write_text(GOOD, encoding="utf-8")
    with open(HERE / "expected.yaml", "w", encoding="utf-8") as handle:
        handle.write("# Written by build_corpus.py: the message each bad input must give. Review diffs by hand.\n")
        yaml.safe_dump(expected, handle, allow_unicode=True, sort_keys=True, width=200)


if __name__ == "__main__":
    main()
