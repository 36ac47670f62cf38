"""The text of a Word paragraph as a reader of the document sees it, for the stage that reads a plan
from a .docx and the one that writes a review back into it (both must find the same words): the text
as it will read once every tracked change is accepted, without hidden text, field codes and the marks
of comments and notes. Works on the paragraph's XML element (python-docx's ``paragraph._p``)."""

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


#: containers whose runs are text once the changes are accepted; what else holds runs (deleted and
#: moved-from text, drawings, text boxes) is not read
_KEPT = {W + name for name in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "sdt", "sdtContent",
                                "fldSimple", "dir", "bdo")}
_CHARACTERS = {W + "tab": "\t", W + "ptab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "-"}


def _hidden(run) -> bool:
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(W + "val", "true") not in ("0", "false", "off")


def accepted_text(p) -> str:
    """The text of a paragraph element (``w:p``) as it reads with every tracked change accepted, without
    hidden text, field codes (the part of a field between its begin and separate marks) and the marks
    of comments and notes."""
    out: list[str] = []
    fields: list[bool] = []   # one per open field: True while in its code

    def runs(parent) -> None:
        for child in parent:
            if child.tag == W + "r":
                run(child)
            elif child.tag in _KEPT:
                runs(child)

    def run(r) -> None:
        hidden = _hidden(r)
        for child in r:
            tag = child.tag
            if tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    fields.append(True)
                elif kind == "separate" and fields:
                    fields[-1] = False
                elif kind == "end" and fields:
                    fields.pop()
            elif hidden or any(fields):
                continue
            elif tag == W + "t":
                out.append(child.text or "")
            elif tag in _CHARACTERS:
                out.append(_CHARACTERS[tag])

    runs(p)
    return "".join(out)
