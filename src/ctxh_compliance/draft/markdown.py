"""The skeleton as Markdown: the same paragraphs as the Word file, for reading or pasting."""

from .model import Outline


def _line(para) -> str:
    text = para.text + (f" *({para.note})*" if para.note else "")
    if para.style == "heading1":
        return f"## {text}"
    if para.style == "heading2":
        return f"### {text}"
    return text


def render(outline: Outline) -> bytes:
    lines = [f"**{outline.issuer_lines[0]}**  ", f"**{outline.issuer_lines[1]}**  ", "Số: …/KH-UBND", "",
             f"**{outline.motto_lines[0]}**  ", f"**{outline.motto_lines[1]}**  ",
             f"*{outline.province.name}, ngày … tháng … năm …*", "",
             f"# {outline.title_lines[0]}", "", f"**{outline.title_lines[1]}**", ""]
    previous = None
    for para in outline.paras:
        if previous is not None and not (para.style in ("bullet", "closing") and previous.style == para.style):
            lines.append("")
        lines.append(_line(para) + ("  " if para.style == "closing" else ""))
        previous = para
    lines += [""] + [f"**{line}**  " for line in outline.signature]
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")
