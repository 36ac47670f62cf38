"""Reviewer workflow: HTML and JSON reports, batches with a cross-province summary, the rule
catalogue, selection and --fail-on, waivers, and draft-to-draft comparison."""

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import jsonschema

from ctxh_compliance.reports.report_json import json_schema

from conftest import EXAMPLES, MINIMAL_PLAN, ROOT, dump

LANG_SON = EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml"
YEN_BAI = EXAMPLES / "yen_bai_article_2021-2030.yaml"


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.ids, self.text, self.urls = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        self.urls += [attrs[k] for k in ("src", "href") if k in attrs]

    def handle_data(self, data):
        self.text.append(data)


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def test_html_report_is_self_contained_and_lists_findings(cli, tmp_path):
    target = tmp_path / "r.html"
    assert cli(YEN_BAI, "-r", "qd112_2021", "-o", target).exit_code == 1
    page = _parse(target.read_text(encoding="utf-8"))
    assert "script" not in page.tags and "link" not in page.tags
    assert page.urls and all(url.startswith("#") and url[1:] in page.ids for url in page.urls)  # within the page
    assert {"QD112-T01-value", "QD112-T01-population", "CTXH-P01-value"} <= page.ids
    text = " ".join(page.text)
    assert "Kế hoạch đặt 40% cho năm 2025, thấp hơn yêu cầu quốc gia (tối thiểu 60%)." in text
    assert "size: A4;" in text


def test_html_escapes_every_plan_value(cli, write_plan, tmp_path):
    plan = {**MINIMAL_PLAN, "identification": {**MINIMAL_PLAN["identification"],
                                               "title": "<script>alert(1)</script>"}}
    target = tmp_path / "x.html"
    cli(write_plan(plan), "-o", target)
    html = target.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "script" not in _parse(html).tags


def test_json_report_validates_against_its_published_schema(cli):
    result = cli(LANG_SON, "--format", "json")
    document = json.loads(result.stdout)
    published = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    assert published == json_schema(), "docs/report.schema.json is stale: ctxh-check --report-schema -o docs/..."
    jsonschema.validate(document, published)
    assert document["schema_version"] == "1.3"
    assert document["summary"]["overall"] == "needs_review"
    t01 = next(f for f in document["findings"] if f["rule_id"] == "QD112-T01" and f["aspect"] == "value")
    assert t01["verdict"] == "pass" and t01["grade"] == "A"
    assert t01["requirement"]["citation"] == "Điều 1, mục I.2.a, gạch đầu dòng thứ nhất"
    assert t01["evidence"][0]["location"].endswith("lang_son_sldtbxh_2021-2025.yaml:35:5")


def test_plan_schema_in_docs_is_current(cli):
    assert json.loads(cli("--schema").stdout) == json.loads((ROOT / "docs" / "plan.schema.json").read_text("utf-8"))


def test_batch_over_examples_and_a_broken_file(cli, tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    qd112 = [EXAMPLES / f"{stem}.yaml" for stem in
             ("lang_son_sldtbxh_2021-2025", "yen_bai_article_2021-2030", "dong_thap_176-KH-UBND_2021")]
    for example in qd112:
        (plans / example.name).write_text(example.read_text(encoding="utf-8"), encoding="utf-8")
    (plans / "hong.yaml").write_text("identification: [\n", encoding="utf-8")
    out = tmp_path / "out"
    result = cli(plans, "--ruleset", "qd112_2021", "-o", out, "--format", "html")
    assert result.exit_code == 2  # one file could not be checked
    assert "hong.yaml:2:1: lỗi cú pháp YAML" in result.stderr
    assert sorted(p.name for p in out.glob("*.html")) == sorted([p.stem + ".html" for p in qd112] + ["summary.html"])
    rows = list(csv.reader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig"))))
    assert (out / "summary.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert rows[0][:5] == ["Tỉnh", "Kế hoạch", "Ngày", "Đối chiếu với", "Kết luận chung"]
    assert rows[1][1:5] == ["hong.yaml", "", "", "LỖI TỆP"]  # worst first: the broken file
    assert rows[2][4] == "KHÔNG ĐẠT"
    provinces = {row[0] for row in rows[1:]}
    assert {"Lạng Sơn", "Yên Bái", "Đồng Tháp"} <= provinces
    summary = _parse((out / "summary.html").read_text(encoding="utf-8"))
    assert "script" not in summary.tags and "./lang_son_sldtbxh_2021-2025.html" in summary.urls


def test_batch_exit_code_reflects_the_worst_plan(cli):
    assert cli(LANG_SON, EXAMPLES / "nghe_an_3554-QD-UBND_plan_2012.yaml").exit_code == 0
    assert cli(LANG_SON, YEN_BAI, "-r", "qd112_2021").exit_code == 1


def test_select_skip_and_fail_on(cli):
    only = cli(LANG_SON, "--select", "QD112-T*", "--format", "json")
    ids = {f["rule_id"] for f in json.loads(only.stdout)["findings"]}
    assert ids and all(i.startswith("QD112-T") for i in ids)
    skipped = json.loads(cli(LANG_SON, "--skip", "CTXH-", "--format", "json").stdout)
    assert not any(f["rule_id"].startswith("CTXH-") for f in skipped["findings"])
    assert cli(LANG_SON).exit_code == 0
    assert cli(LANG_SON, "--fail-on", "fail,needs_review").exit_code == 1
    bad = cli(LANG_SON, "--select", "QD999-T01")
    assert bad.exit_code == 2 and "không có quy tắc nào khớp “QD999-T01”; mã gần nhất: QD" in bad.stderr
    assert cli(LANG_SON, "--fail-on", "sometimes").exit_code == 2


def _waivers(tmp_path, entries) -> Path:
    path = tmp_path / "mien-tru.yaml"
    path.write_text(dump({"waivers": entries}), encoding="utf-8")
    return path


WAIVE_T01 = {"rule": "QD112-T01", "file": "yen_bai_article_2021-2030.yaml", "reason": "Lộ trình riêng được Bộ chấp thuận",
             "by": "Nguyễn Văn A", "date": "2026-04-01"}


def test_waived_finding_stays_visible_with_its_reason(cli, tmp_path):
    result = cli(YEN_BAI, "-r", "qd112_2021", "--waivers", _waivers(tmp_path, [WAIVE_T01]))
    assert "[ĐÃ MIỄN TRỪ] Đã miễn trừ: Lộ trình riêng được Bộ chấp thuận — Nguyễn Văn A, 01/04/2026" in result.stdout
    assert "Đã miễn trừ: 1" in result.stdout
    document = json.loads(cli(YEN_BAI, "-r", "qd112_2021", "--waivers", _waivers(tmp_path, [WAIVE_T01]),
                              "--format", "json").stdout)
    t01 = [f for f in document["findings"] if f["rule_id"] == "QD112-T01"]
    assert all(f["waiver"]["reason"] == WAIVE_T01["reason"] for f in t01)
    assert document["summary"]["waived"] == 1


def test_waiving_every_failure_makes_the_run_pass(cli, tmp_path):
    failing = ["QD112-T01", "QD112-T05", "QD112-T08", "QD112-T11"]
    entries = [{**WAIVE_T01, "rule": rule} for rule in failing]
    assert cli(YEN_BAI, "-r", "qd112_2021", "--waivers", _waivers(tmp_path, entries)).exit_code == 0


def test_bad_waivers_are_errors_and_stale_ones_are_reported(cli, tmp_path):
    no_reason = {k: v for k, v in WAIVE_T01.items() if k != "reason"}
    result = cli(YEN_BAI, "-r", "qd112_2021", "--waivers", _waivers(tmp_path, [no_reason]))
    assert result.exit_code == 2 and "mien-tru.yaml:2:3: thiếu trường bắt buộc “miễn trừ số 1 › lý do”" in result.stderr
    empty_reason = {**WAIVE_T01, "reason": "  "}
    assert cli(YEN_BAI, "-r", "qd112_2021", "--waivers", _waivers(tmp_path, [empty_reason])).exit_code == 2
    unknown = cli(YEN_BAI, "-r", "qd112_2021", "--waivers", _waivers(tmp_path, [{**WAIVE_T01, "rule": "QD112-T99"}]))
    assert unknown.exit_code == 2 and "quy tắc “QD112-T99” không tồn tại" in unknown.stderr
    stale = cli(YEN_BAI, "-r", "qd112_2021", "--waivers", _waivers(tmp_path, [{**WAIVE_T01, "rule": "QD112-T06"}]))
    assert "Miễn trừ cho quy tắc QD112-T06 không còn khớp kết quả nào" in stale.stdout


BY_NUMBER = {k: v for k, v in WAIVE_T01.items() if k != "file"}


def _plan_80(province: str) -> dict:
    """Two provinces' plans with the same số hiệu, both failing QD112-T01 (40% < 60%)."""
    return {**MINIMAL_PLAN,
            "identification": {**MINIMAL_PLAN["identification"], "number": "80/KH-UBND", "province": province},
            "targets": [{"indicator": "staff_assignment", "year": 2025, "value": 40, "unit": "percent"}]}


def _t01_waived(cli, plan, waivers) -> bool:
    document = json.loads(cli(plan, "--format", "json", "--waivers", waivers).stdout)
    return all(f["waiver"] is not None for f in document["findings"] if f["rule_id"] == "QD112-T01")


def test_a_waiver_is_for_one_province_not_for_every_plan_with_that_number(cli, write_plan, tmp_path):
    lang_son, cao_bang = write_plan(_plan_80("Lạng Sơn"), "lang-son.yaml"), write_plan(_plan_80("Cao Bằng"), "cao-bang.yaml")
    # folded forms: "80/kh-ubnd" is 80/KH-UBND, "tỉnh lạng sơn" is Lạng Sơn
    waivers = _waivers(tmp_path, [{**BY_NUMBER, "plan": "80/kh-ubnd", "province": "tỉnh lạng sơn"}])
    assert _t01_waived(cli, lang_son, waivers)
    assert not _t01_waived(cli, cao_bang, waivers)
    assert cli(cao_bang, "--waivers", waivers).exit_code == 1  # Cao Bằng's failure still counts
    stale = cli(cao_bang, "--waivers", waivers).stdout
    assert "miễn trừ cũ" not in stale  # another province's waiver is not this plan's, not even a stale one
    # in one batch run too
    out = tmp_path / "out"
    cli(lang_son, cao_bang, "--waivers", waivers, "-o", out, "--format", "json")
    by_province = {json.loads(f.read_text(encoding="utf-8"))["plan"]["province"]: json.loads(f.read_text(encoding="utf-8"))
                   for f in out.glob("*.json") if f.stem != "summary"}
    assert [f["waiver"] is not None for f in by_province["Lạng Sơn"]["findings"] if f["rule_id"] == "QD112-T01"][0]
    assert all(f["waiver"] is None for f in by_province["Cao Bằng"]["findings"])


def test_a_waiver_by_file_matches_that_file_only(cli, write_plan, tmp_path):
    lang_son, cao_bang = write_plan(_plan_80("Lạng Sơn"), "lang-son.yaml"), write_plan(_plan_80("Cao Bằng"), "cao-bang.yaml")
    by_name = _waivers(tmp_path, [{**WAIVE_T01, "file": "Lang-Son.yaml"}])
    assert _t01_waived(cli, lang_son, by_name) and not _t01_waived(cli, cao_bang, by_name)
    by_path = _waivers(tmp_path, [{**WAIVE_T01, "file": f"{lang_son.parent.name}/lang-son.yaml"}])
    assert _t01_waived(cli, lang_son, by_path)
    elsewhere = _waivers(tmp_path, [{**WAIVE_T01, "file": "khac/lang-son.yaml"}])
    assert not _t01_waived(cli, lang_son, elsewhere)
    old_style = _waivers(tmp_path, [{**BY_NUMBER, "plan": "lang-son.yaml"}])  # plan: <file name>, as before
    assert _t01_waived(cli, lang_son, old_style) and not _t01_waived(cli, cao_bang, old_style)


def test_a_stale_waiver_of_this_plan_is_reported(cli, write_plan, tmp_path):
    lang_son = write_plan(_plan_80("Lạng Sơn"), "lang-son.yaml")
    waivers = _waivers(tmp_path, [{**BY_NUMBER, "rule": "QD112-S01", "plan": "80/KH-UBND", "province": "Lạng Sơn"}])
    result = cli(lang_son, "--waivers", waivers)  # QD112-S01 passes: nothing to waive
    assert "Miễn trừ cho quy tắc QD112-S01 không còn khớp kết quả nào của kế hoạch (miễn trừ cũ)." in result.stdout
    assert json.loads(cli(lang_son, "-f", "json", "--waivers", waivers).stdout)["stale_waivers"] == ["QD112-S01"]


def test_a_waiver_with_a_number_and_no_province_is_an_input_error(cli, write_plan, tmp_path):
    lang_son = write_plan(_plan_80("Lạng Sơn"), "lang-son.yaml")
    no_province = _waivers(tmp_path, [{**BY_NUMBER, "plan": "80/KH-UBND"}])
    result = cli(lang_son, "--waivers", no_province)
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{no_province}:6:9: miễn trừ cho kế hoạch số “80/KH-UBND” không nêu tỉnh: hãy thêm “province:”" \
        in result.stderr, result.stderr
    english = cli(lang_son, "--waivers", no_province, "--lang", "en")
    assert english.exit_code == 2 and "names no province: add “province:”" in english.stderr
    no_plan = _waivers(tmp_path, [BY_NUMBER])
    result = cli(lang_son, "--waivers", no_plan)
    assert result.exit_code == 2
    assert f"{no_plan}:2:3: miễn trừ cho quy tắc “QD112-T01” không nêu kế hoạch" in result.stderr, result.stderr


def test_diff_between_two_drafts(cli, write_plan, tmp_path):
    old = {**MINIMAL_PLAN, "targets": [{"indicator": "staff_assignment", "year": 2025, "value": 40, "unit": "percent"},
                                       {"indicator": "staff_trained", "year": 2025, "value": 30, "unit": "percent"}]}
    new = {**MINIMAL_PLAN, "targets": [{"indicator": "staff_assignment", "year": 2025, "value": 60, "unit": "percent"},
                                       {"indicator": "staff_trained", "year": 2025, "value": 20, "unit": "percent"}]}
    result = cli("--diff", write_plan(old, "v1.yaml"), write_plan(new, "v2.yaml"))
    text = result.stdout
    fixed = text.split("## Đã khắc phục")[1].split("##")[0]
    newly = text.split("## Mới không đạt hoặc xấu đi")[1].split("##")[0]
    assert "QD112-T01: KHÔNG ĐẠT → ĐẠT" in fixed
    assert "QD112-T04: ĐẠT → KHÔNG ĐẠT" in newly
    assert "QD112-T02: KHÔNG ĐẠT → KHÔNG ĐẠT" in text.split("## Không đổi")[1]
    assert result.exit_code == 1


def test_diff_lists_removing_the_dissolved_bodies_from_a_draft_as_fixed(cli, write_plan):
    """Removing "Sở Lao động - Thương binh và Xã hội" and "UBND các huyện" from an unfilled 2026 draft is a fix,
    even though the incomplete draft now only leaves the rules for review (CẢNH BÁO → CẦN XEM XÉT); a body
    of the past newly named is a new cause."""
    draft = {**MINIMAL_PLAN, "identification": {"title": "Dự thảo", "province": "Lào Cai", "kind": "phase",
                                                 "date": "2026-02-01"},
             "source": {"document": "dự thảo", "complete": False}, "period": {"start": 2026, "end": 2030},
             "task_groups": [{"heading": "Mạng lưới", "covers": ["service_network"],
                              "lead": ["Sở Lao động - Thương binh và Xã hội"], "partners": ["UBND các huyện"]}]}
    mended = {**draft, "task_groups": [{"heading": "Mạng lưới", "covers": ["service_network"], "lead": ["Sở Y tế"],
                                        "partners": ["UBND các xã, phường"]}]}
    text = cli("--diff", write_plan(draft, "v1.yaml"), write_plan(mended, "v2.yaml")).stdout
    fixed = text.split("## Đã khắc phục")[1].split("##")[0]
    newly = text.split("## Mới không đạt hoặc xấu đi")[1].split("##")[0]
    assert "CTXH-I01: CẢNH BÁO → CẦN XEM XÉT" in fixed and "CTXH-I03: CẢNH BÁO → CẦN XEM XÉT" in fixed
    assert "CTXH-I01" not in newly and "CTXH-I03" not in newly
    worse = {**mended, "task_groups": [{**mended["task_groups"][0], "partners": ["Phòng LĐTBXH các huyện"]}]}
    text = cli("--diff", write_plan(mended, "v2.yaml"), write_plan(worse, "v3.yaml")).stdout
    assert "CTXH-I03: CẦN XEM XÉT → CẢNH BÁO" in text.split("## Mới không đạt hoặc xấu đi")[1].split("##")[0]


def test_diff_of_two_json_reports(cli, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    cli(LANG_SON, "-o", first)
    cli(LANG_SON, "--as-of", "2026-01-01", "-o", second)
    text = cli("--diff", first, second).stdout
    assert "CTXH-I01: KHÔNG ÁP DỤNG → CẢNH BÁO" in text.split("## Mới không đạt hoặc xấu đi")[1]


def test_a_version_1_0_report_is_read_back_by_diff(cli, tmp_path):
    """Reports of schema 1.0 (before summary.unverified) stay readable: 1.x only adds fields."""
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    cli(LANG_SON, "-o", old)
    document = json.loads(old.read_text(encoding="utf-8"))
    document["schema_version"] = "1.0"
    del document["summary"]["unverified"]
    old.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    cli(LANG_SON, "-o", new)
    result = cli("--diff", old, new)
    assert result.exit_code == 0, result.stderr
    assert "QD112-T01: ĐẠT → ĐẠT" in result.stdout.split("## Không đổi")[1]


def test_catalogue_lists_explains_and_documents_rules(cli):
    listing = cli("--list-rules", "qd112_2021").stdout
    assert "QD112-T01\tA\tcao\tĐến 2025: ít nhất 60%" in listing and "CTXH-I01" in listing
    explained = cli("--explain", "QD112-T12").stdout
    assert "tỷ lệ người có hoàn cảnh khó khăn được tư vấn, hỗ trợ công tác xã hội và …" in explained
    assert "Độ tin cậy C: không bao giờ KHÔNG ĐẠT" in explained
    assert cli("--explain", "QD112-T99").exit_code == 2
    for name in ("qd112_2021", "qd32_2010"):
        page = (ROOT / "docs" / f"rules-{name}.md").read_text(encoding="utf-8")
        assert page == cli("--catalogue", name).stdout, f"docs/rules-{name}.md is stale"
        assert f"docs/rules-{name}.md" in (ROOT / "README.md").read_text(encoding="utf-8")  # linked from the README


def test_every_bundled_plan_is_valid_against_the_published_plan_schema():
    """Editors validate plan files with docs/plan.schema.json: it must accept every plan the tool
    accepts (amounts written "2.000.000.000" or "20.644.000.000 đồng") and use JSON Schema keywords only."""
    import datetime as dt

    import yaml
    schema = json.loads((ROOT / "docs" / "plan.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    text = json.dumps(schema)
    assert '"ge"' not in text and '"le"' not in text  # pydantic names, not JSON Schema keywords

    def plain(value):
        return value.isoformat() if isinstance(value, dt.date) else value
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        data = json.loads(json.dumps(yaml.safe_load(path.read_text("utf-8")), default=plain))
        errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
        assert not errors, (path.name, errors[:3])


def test_a_batch_never_writes_two_plans_to_one_report(cli, tmp_path):
    """Two ke-hoach.yaml in different folders, x.yaml beside x.yml, and a plan named summary.yaml each
    get their own report; the summary files are never overwritten and link every row to its own file."""
    source = (EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml").read_text(encoding="utf-8")
    plans = [tmp_path / "a" / "ke-hoach.yaml", tmp_path / "b" / "ke-hoach.yaml", tmp_path / "a" / "x.yaml",
             tmp_path / "a" / "x.yml", tmp_path / "a" / "summary.yaml"]
    for plan in plans:
        plan.parent.mkdir(exist_ok=True)
        plan.write_text(source, encoding="utf-8")
    out = tmp_path / "out"
    result = cli(*plans, "-o", out, "-f", "html")
    assert result.exit_code == 0, result.stderr
    reports = sorted(p.name for p in out.iterdir())
    assert reports == sorted(["ke-hoach.html", "b-ke-hoach.html", "x.html", "x.yml.html", "a-summary.html",
                              "summary.html", "summary.csv", "summary.xlsx"])
    summary = (out / "summary.html").read_text(encoding="utf-8")
    for name in ("ke-hoach.html", "b-ke-hoach.html", "x.html", "x.yml.html", "a-summary.html"):
        assert f'href="./{name}"' in summary
