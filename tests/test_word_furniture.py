"""Word as offices exchange it: a plan with tracked changes is read as it will read once they are
accepted, and its report says it still has unaccepted revisions; hidden text, field codes and
comments are not plan text. Each case is the Lạng Sơn seed as a Word file whose first target
("đạt 60% số cơ quan …") is rewritten with Word's furniture; it must give the extracted plan and the
verdicts of the same file with the target plainly written "đạt 50%"."""

import json
import sys
from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS))
import variants  # noqa: E402

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402

SEED = CORPUS / "seeds" / "lang_son_sldtbxh_plan_2021-2025.txt"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
BEFORE, AFTER = "Đến năm 2025, đạt ", "% số cơ quan"
AUTHOR = 'w:author="Phòng BTXH" w:date="2025-03-01T08:00:00Z"'


def _run(text: str, props: str = "") -> str:
    return f'<w:r {W}>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _tracked() -> str:  # 60 deleted, 50 inserted
    return (f'<w:del {W} w:id="901" {AUTHOR}><w:r><w:delText>60</w:delText></w:r></w:del>'
            f'<w:ins {W} w:id="902" {AUTHOR}>{_run("50")}</w:ins>')


def _hidden() -> str:  # the old value still there, hidden
    return _run("50") + _run("60", "<w:rPr><w:vanish/></w:rPr>")


def _field() -> str:  # the value is a field's result; its code holds other digits
    return (f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r {W}><w:instrText xml:space="preserve"> = 45 + 15 \\# "0" </w:instrText></w:r>'
            f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>{_run("50")}'
            f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>')


def _moved() -> str:  # "50" moved here from the end of the paragraph
    return (f'<w:moveTo {W} w:id="903" {AUTHOR}>{_run("50")}</w:moveTo>')


CASES = {"tracked": (_tracked, 2), "hidden": (_hidden, 0), "field": (_field, 0), "moved": (_moved, 2),
         "comment": (lambda: _run("50"), 0)}


def _target_paragraph(document):
    return next(p for p in document.paragraphs if p.text.startswith(BEFORE + "60" + AFTER))


def _write(out: Path, name: str, middle: str | None) -> Path:
    """The seed as a Word file, its first target rewritten: BEFORE, ``middle`` (XML), AFTER …"""
    base = variants.word_variant(SEED, out, "numbering")
    document = docx.Document(str(base))
    paragraph = _target_paragraph(document)
    rest = paragraph.text[len(BEFORE) + 2:]
    for run in list(paragraph.runs):
        paragraph._p.remove(run._r)
    paragraph.add_run(BEFORE)
    if middle is None:
        paragraph.add_run("50")
    else:
        for element in parse_xml(f"<w:body {W}>{middle}</w:body>"):
            paragraph._p.append(element)
    tail = paragraph.add_run(rest)
    if name == "moved":  # where "50" was before the move
        paragraph._p.append(parse_xml(f'<w:moveFrom {W} w:id="904" {AUTHOR}>{_run(" 50")}</w:moveFrom>'))
    if name == "comment":  # a reviewer's remark, with other figures, on the target
        document.add_comment(tail, text="Đề nghị nâng lên 90% như năm 2030", author="Vụ BTXH", initials="BT")
    path = out / f"{name}.docx"
    document.save(str(path))
    return path


def _plan(cli, path: Path) -> dict:
    result = cli("--extract", path)
    assert result.exit_code == 0, result.stderr
    plan = yaml.safe_load(result.stdout)
    plan.pop("source")  # names the file
    return plan


def _verdicts(cli, path: Path) -> dict:
    result = cli(path, "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    return {(f["rule_id"], f["aspect"]): f["verdict"] for f in json.loads(result.stdout)["findings"]}


@pytest.fixture(scope="module")
def accepted(tmp_path_factory):
    return _write(tmp_path_factory.mktemp("accepted"), "accepted", None)


@pytest.mark.parametrize("name", CASES)
def test_word_furniture_reads_as_the_accepted_text(cli, tmp_path, accepted, name):
    build, revisions = CASES[name]
    path = _write(tmp_path, name, build())
    plan = _plan(cli, path)
    assert plan == _plan(cli, accepted)
    assert any(t.get("value") == 50 and "đạt 50% số cơ quan" in t.get("quote", "") for t in plan["targets"])
    assert _verdicts(cli, path) == _verdicts(cli, accepted)
    report = cli(path).stdout
    if revisions:
        assert f"còn {revisions} thay đổi được theo dõi (Track Changes) chưa chấp nhận" in report
    else:
        assert "Track Changes" not in report


def test_unaccepted_revisions_are_in_every_report_format(cli, tmp_path):
    path = _write(tmp_path, "tracked", _tracked())
    data = json.loads(cli(path, "-f", "json").stdout)
    assert data["extraction"]["revisions"] == 2
    assert "2 thay đổi được theo dõi" in cli(path, "-f", "markdown").stdout
    assert "2 tracked changes not accepted" in cli(path, "-f", "html", "--lang", "en").stdout


def test_a_deleted_table_row_is_not_read(cli, tmp_path):
    """A row of the Word table of targets deleted with tracked changes is read as gone, as in the
    file with the row removed."""
    paths = {}
    for name in ("tracked-row", "removed-row"):
        base = variants.word_variant(SEED, tmp_path, "tables")
        document = docx.Document(str(base))
        row = next(r for t in document.tables for r in t.rows if any("30%" in c.text for c in r.cells))
        if name == "tracked-row":
            row._tr.get_or_add_trPr().append(parse_xml(f'<w:del {W} w:id="905" {AUTHOR}/>'))
        else:
            row._tr.getparent().remove(row._tr)
        paths[name] = tmp_path / f"{name}.docx"
        document.save(str(paths[name]))
    plan = _plan(cli, paths["tracked-row"])
    assert plan == _plan(cli, paths["removed-row"])
    assert not any(t.get("value") == 30 for t in plan["targets"])
    assert _verdicts(cli, paths["tracked-row"]) == _verdicts(cli, paths["removed-row"])
    assert "còn 1 thay đổi được theo dõi" in cli(paths["tracked-row"]).stdout
