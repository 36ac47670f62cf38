"""Hostile Word files for the tests and the worst-case benchmark: a .docx made by python-docx with
its document.xml replaced or padded (a zip bomb: the padding is streamed, never held whole)."""

import io
import zipfile


def docx_bytes(document_xml: bytes | None = None, spaces: int = 0) -> bytes:
    """A .docx made by python-docx; its document.xml replaced (or padded with ``spaces`` blanks)."""
    import docx
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH thực hiện Chương trình phát triển công tác xã hội")
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != "word/document.xml":
                target.writestr(info.filename, data)
                continue
            if document_xml is not None:
                data = document_xml
            if not spaces:
                target.writestr(info.filename, data)
                continue
            head, tail = data.split(b"<w:body>", 1)
            with target.open(info.filename, "w", force_zip64=True) as member:
                member.write(head + b"<w:body>")
                chunk = b" " * (1 << 20)
                for _ in range(spaces >> 20):
                    member.write(chunk)
                member.write(tail)
    return out.getvalue()
