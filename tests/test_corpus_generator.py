"""The generated corpus that measures the extractor (tests/corpus/plangen): reproducible, its keys valid
plan files, its two wording halves apart, its Word files numbered by Word itself."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))
import plangen  # noqa: E402
from plangen import bank as wording_bank  # noqa: E402
from plangen.facts import draw  # noqa: E402

from ctxh_compliance import load_plan  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _index_where(half: str, wanted, start: int = 1) -> int:
    """The first plan index of ``half`` whose facts satisfy ``wanted`` (the facts are drawn from the seed)."""
    import random
    for index in range(start, start + 200):
        facts = draw(random.Random(f"ctxh-plangen:{half}:{plangen.HALF_SEEDS[half]}:{index}"), index)
        if wanted(facts):
            return index
    raise AssertionError("no such plan in the first 200")


def test_same_seed_gives_the_same_key_and_the_same_document(tmp_path):
    first = plangen.build(tmp_path / "a", "tune", 2, pdf=False)
    second = plangen.build(tmp_path / "b", "tune", 2, pdf=False)
    for a, b in zip(first, second, strict=True):
        assert a.key.read_text(encoding="utf-8") == b.key.read_text(encoding="utf-8")
        assert plangen.text_of(a.docx) == plangen.text_of(b.docx)
    other = plangen.build(tmp_path / "c", "tune", 2, seed=99, pdf=False)
    assert [plangen.text_of(g.docx) for g in other] != [plangen.text_of(g.docx) for g in first]


def test_every_key_is_a_valid_plan_file_with_the_facts_of_its_document(tmp_path):
    for half in wording_bank.HALVES:
        for generated in plangen.build(tmp_path / half, half, 3, pdf=False):
            plan = load_plan(generated.key).plan
            text = plangen.text_of(generated.docx)
            assert plan.identification.province in text
            for target in plan.targets:  # the key names only values the document states
                assert target.quote is None or target.quote.split(":")[0][:40] in text
            for basis in plan.legal_bases:
                assert basis.number in text


def test_the_two_halves_share_no_phrasing_and_each_can_write_every_part():
    tune, heldout = wording_bank.Bank("tune"), wording_bank.Bank("heldout")
    assert set(tune.parts) == set(heldout.parts)
    total = 0
    for part in tune.parts:
        a = {wording_bank.wording(p) for p in tune.parts[part]}
        b = {wording_bank.wording(p) for p in heldout.parts[part]}
        assert not a & b, f"{part}: the same wording in both halves: {a & b}"
        assert {p.get("key") for p in tune.parts[part]} == {p.get("key") for p in heldout.parts[part]}, part
        ids = [p["id"] for p in tune.parts[part] + heldout.parts[part]]
        assert len(ids) == len(set(ids)), part
        total += len(ids)
    assert total >= 400


def test_a_held_out_plan_uses_only_held_out_wording():
    heldout = {p["id"] for items in wording_bank.Bank("heldout").parts.values() for p in items}
    for index in (1, 2, 3):
        plan = plangen.generate("heldout", index, plangen.HALF_SEEDS["heldout"])
        assert plan.used and set(plan.used) <= heldout


def test_new_wording_goes_to_a_half_without_looking_at_it(tmp_path):
    root = tmp_path / "bank"
    placed = wording_bank.add("demo", [{"key": "x", "text": f"cách viết {n}"} for n in range(10)], "demo", root)
    assert placed == {"tune": 5, "heldout": 5}  # balanced within a key
    again = wording_bank.add("demo", [{"key": "x", "text": "cách viết 3"}], None, root)
    assert again == {"tune": 0, "heldout": 0}  # a phrasing already in the bank is not added twice
    late = wording_bank.add("demo", [{"key": "x", "text": f"cách viết mới {n}"} for n in range(3)], None, root, "heldout")
    assert late == {"tune": 0, "heldout": 3}  # once tuning has begun, new wording goes to the held-out half


def test_wording_added_from_a_file_is_numbered_from_the_id_given(tmp_path):
    root = tmp_path / "bank"
    wording_bank.add("demo", [{"text": "cách viết cũ"}], "demo", root, "tune")
    new = tmp_path / "demo.yaml"
    new.write_text("# cách viết mới\n- text: cách viết mới 1\n- text: cách viết mới 2\n", encoding="utf-8")
    assert wording_bank.add_file(new, root, "heldout", 300) == {"tune": 0, "heldout": 2}
    ids = [p["id"] for p in wording_bank.Bank("heldout", root).parts["demo"]]
    assert ids == ["demo-300", "demo-301"]  # --from N: ids that never meet those added on another branch


def test_a_wording_file_added_from_a_given_id(tmp_path):
    """`plangen add --tune --from 600 NEW/demo.yaml`: the file's comment says what the part is, the ids start at 600."""
    root = tmp_path / "bank"
    new = tmp_path / "demo.yaml"
    new.write_text("# Demo phrasings\n- key: x\n  text: cách viết một\n- key: x\n  text: cách viết hai\n", encoding="utf-8")
    assert wording_bank.add_file(new, root, "tune", 600) == {"tune": 2, "heldout": 0}
    tune = wording_bank._read(root / "tune" / "demo.yaml")
    assert tune["about"] == "Demo phrasings"
    assert [p["id"] for p in tune["phrasings"]] == ["demo-600", "demo-601"]


def test_a_generated_word_file_has_real_automatic_numbering(tmp_path):
    import docx
    index = _index_where("tune", lambda f: f.layout["numbering"] == "auto")
    plan = plangen.generate("tune", index, plangen.HALF_SEEDS["tune"])
    path = plangen.word.write(plan.blocks, tmp_path / "plan.docx", "auto", plan.running)
    document = docx.Document(str(path))
    numbered = [p for p in document.paragraphs if p._p.find(f"{W}pPr/{W}numPr") is not None]
    assert len(numbered) > 10
    headings = [p.text for p in numbered if p.text.isupper()]
    assert headings and not any(h[:2] in ("I.", "II") for h in headings)  # the numbers are Word's, not typed
    formats = {lvl.find(f"{W}numFmt").get(f"{W}val") for lvl in document.part.numbering_part.element.iter(f"{W}lvl")}
    assert {"upperRoman", "decimal", "lowerLetter", "bullet"} <= formats
    assert document.sections[0].footer.paragraphs[0].text.startswith("Trang")


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice is not installed")
def test_the_same_plan_exported_to_pdf_by_libreoffice(tmp_path):
    made = plangen.build(tmp_path, "tune", 1, pdf=True)
    assert made[0].pdf is not None and made[0].pdf.read_bytes().startswith(b"%PDF")


def test_the_bench_reports_the_held_out_half_first_and_only_its_totals(tmp_path):
    import subprocess
    root = Path(__file__).resolve().parents[1]
    run = subprocess.run([sys.executable, str(root / "bench" / "extract_accuracy.py"), "--plans", "1", "--no-pdf",
                          "--no-existing", "--json", str(tmp_path / "figures.json")],
                         capture_output=True, text=True, timeout=300, cwd=root)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.index("chưa dùng để chỉnh") < out.index("dùng để chỉnh (tune half)")
    held_out = out[:out.index("=== tune:")]
    assert "plan001" not in held_out  # no plan-by-plan misses of the held-out half
    import json
    figures = json.loads((tmp_path / "figures.json").read_text(encoding="utf-8"))
    assert list(figures) == ["heldout", "tune"]
    docx = figures["heldout"]["docx"]
    assert docx["plans"] == 1 and docx["cells"] > 20 and docx["fields"]["targets"][2] > 0
