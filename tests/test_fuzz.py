"""Property-based tests: mutated plans give a report or a clean input error, never anything else;
verdicts do not depend on key order or on NFC/NFD form.

Short in CI; a longer run: ``CTXH_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz.py`` (documents, each read
in a child process: ``CTXH_FUZZ_DOCUMENTS``)."""

import os
import random
import unicodedata

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ctxh_compliance import InputError, check, load_ruleset
from ctxh_compliance.inputs.yaml_source import parse_yaml
from ctxh_compliance.inputs.plan_loader import validate_plan

from conftest import EXAMPLES

EXAMPLES_RUN = int(os.environ.get("CTXH_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES_RUN, deadline=None, derandomize=not os.environ.get("CTXH_FUZZ_EXAMPLES"),
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SEED = yaml.safe_load((EXAMPLES / "lang_son_sldtbxh_2021-2025.yaml").read_text(encoding="utf-8"))
RULESET = load_ruleset("qd112_2021")

leaf = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False),
                 st.text(max_size=30), st.dates().map(str), st.lists(st.text(max_size=5), max_size=3),
                 st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, path + (i,))


PATHS = [p for p in _paths(SEED) if p]


def _mutate(plan, path, action, value):
    import copy
    plan = copy.deepcopy(plan)
    parent = plan
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    if action == "replace":
        parent[key] = value
    elif action == "delete":
        del parent[key]
    elif isinstance(parent, dict):
        parent[f"{key}_x"] = value
    return plan


def _run(text: str):
    try:
        loaded = validate_plan(parse_yaml(text, "fuzz.yaml"))
        return check(loaded, RULESET)
    except InputError as exc:
        assert exc.problems and all(p.render("vi") for p in exc.problems)
        return None


@FUZZ
@given(st.sampled_from(PATHS), st.sampled_from(["replace", "delete", "add"]), leaf)
def test_mutated_plan_gives_report_or_clean_input_error(path, action, value):
    plan = _mutate(SEED, path, action, value)
    _run(yaml.safe_dump(plan, allow_unicode=True))


@FUZZ
@given(st.text(max_size=200))
def test_arbitrary_text_gives_report_or_clean_input_error(text):
    _run(text)


def _verdicts(report):
    return sorted((f.rule_id, f.aspect, f.verdict.value) for f in report.findings)


def _shuffled(node, rng):
    if isinstance(node, dict):
        items = list(node.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng) for k, v in items}
    if isinstance(node, list):
        return [_shuffled(v, rng) for v in node]
    return node


@FUZZ
@given(st.integers(0, 10**6))
def test_verdicts_do_not_depend_on_key_order_or_normal_form(seed):
    base = _run(yaml.safe_dump(SEED, allow_unicode=True, sort_keys=False))
    shuffled = yaml.safe_dump(_shuffled(SEED, random.Random(seed)), allow_unicode=True, sort_keys=False)
    assert _verdicts(_run(shuffled)) == _verdicts(base)
    assert _verdicts(_run(unicodedata.normalize("NFD", shuffled))) == _verdicts(base)


# --- hostile shapes: numbers of every form, Unicode categories, long lists, deep nesting, documents ---

DOCUMENT_EXAMPLES = int(os.environ.get("CTXH_FUZZ_DOCUMENTS", "4"))
DOCS = settings(FUZZ, max_examples=DOCUMENT_EXAMPLES)
GOOD = (EXAMPLES.parent / "tests" / "bad_inputs" / "good.yaml").read_text(encoding="utf-8")

digits = st.text("0123456789", min_size=1, max_size=60)
number_text = st.one_of(
    st.integers(-10**40, 10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.tuples(digits, digits, st.integers(-400, 400)).map(lambda t: f"{t[0]}.{t[1]}e{t[2]}"),
    st.tuples(st.sampled_from(["", "-", "+"]), digits).map("".join),
    st.sampled_from([".inf", "-.inf", ".nan", ".NaN", "1_000", "0x3C", "0o17", "0b11", "1:30", "02021", "1e", "-0",
                     "9" * 400, "1e400", "-1e-400", "0." + "0" * 300 + "1"]),
)
# combining marks, bidirectional controls, zero-width characters, C0 and C1 controls, separators, surrogates excluded
HOSTILE_CHARS = "\u0300\u0301\u0323\u0483\u05b0\u20d0\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b" \
                "\u200c\u200d\u200e\u200f\ufeff\u2028\u2029\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x7f\x80\x85\x9f"
hostile_text = st.text(st.one_of(st.sampled_from(HOSTILE_CHARS), st.characters(blacklist_categories=("Cs",))),
                       max_size=60)


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@FUZZ
@given(number_text, st.sampled_from(["value", "year", "amount", "numerator"]))
def test_numbers_of_every_shape_give_report_or_clean_input_error(number, where):
    target = "targets:\n- {indicator: staff_assignment, year: %s, value: %s, unit: percent}\n"
    text = {"value": GOOD + target % (2025, number), "year": GOOD + target % (number, 60),
            "amount": GOOD + f"budget: {{total: {{amount: {number}}}}}\n",
            "numerator": GOOD + f"situation: [{{text: xã, numerator: {number}, denominator: 3}}]\n"}[where]
    _run(text)


@FUZZ
@given(hostile_text, st.sampled_from(["title", "comment", "population", "key"]))
def test_unicode_of_every_category_gives_report_or_clean_input_error(text, where):
    if where == "title":
        plan = GOOD.replace("title: Kế hoạch thử", "title: " + _quoted(text))
    elif where == "comment":
        plan = "# " + text.replace("\n", " ").replace("\r", " ") + "\n" + GOOD
    elif where == "population":
        plan = GOOD + "targets:\n- {indicator: staff_assignment, year: 2025, value: 60, unit: percent, population: [" \
                    + _quoted(text) + "]}\n"
    else:
        plan = GOOD + _quoted(text) + ": 1\n"
    _run(plan)


@FUZZ
@given(hostile_text)
def test_bytes_through_the_input_gate_give_text_or_clean_input_error(text):
    from ctxh_compliance.inputs.gate import decode
    try:
        decoded = decode(text.encode("utf-8", "surrogatepass"), "fuzz.yaml")
    except InputError as exc:
        assert exc.problems[0].render("vi").startswith("fuzz.yaml")
        return
    _run(decoded)


@FUZZ
@given(st.integers(0, 1_500), st.integers(0, 120), st.sampled_from(["[", "{a: ", "- ", "[\"it's\", "]))
def test_long_lists_and_deep_nesting_give_report_or_clean_input_error(length, depth, opener):
    items = GOOD + "targets: [" + ", ".join(["1"] * length) + "]\n"
    _run(items)
    closer = {"[": "]", "{a: ": "}", "- ": "", "[\"it's\", ": "]"}[opener]
    nested = "x: " + opener * depth + "1" + closer * depth + "\n" if opener != "- " else \
        "x:\n" + "".join("  " * i + "- \n" for i in range(depth)) + "  " * depth + "- 1\n"
    _run(GOOD + nested)


def _document_outcome(path):
    from ctxh_compliance.extract.document import load_document
    try:
        loaded, _ = load_document(path)
    except InputError as exc:
        assert exc.problems and all(p.render("vi").startswith(str(path)) for p in exc.problems)
        return None
    return check(loaded, RULESET)


LINE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=80)


@DOCS
@given(st.lists(LINE, max_size=30))
def test_docx_documents_give_report_or_clean_input_error(tmp_path_factory, lines):
    import docx
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH thực hiện Chương trình phát triển công tác xã hội giai đoạn 2021 - 2025")
    for line in lines:
        document.add_paragraph(line)
    path = tmp_path_factory.mktemp("docx") / "ke-hoach.docx"
    document.save(str(path))
    _document_outcome(path)


@DOCS
@given(st.lists(st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=80), max_size=30))
def test_pdf_documents_give_report_or_clean_input_error(tmp_path_factory, lines):
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=10)
    for line in ["KE HOACH thuc hien Chuong trinh phat trien cong tac xa hoi", *lines]:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path_factory.mktemp("pdf") / "ke-hoach.pdf"
    pdf.output(str(path))
    _document_outcome(path)
