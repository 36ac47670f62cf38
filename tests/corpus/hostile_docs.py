"""Hostile documents for the tests and the benchmarks: a .docx made by python-docx with its
document.xml replaced or padded (a zip bomb: the padding is streamed, never held whole); a PDF from its
objects, and a PDF whose one content stream inflates to a gibibyte (a flate bomb)."""

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


def pdf_bytes(objects: list[bytes]) -> bytes:
    """A PDF from its numbered objects (1 is the catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def flate_bomb() -> bytes:
    """A PDF of about 1 MB whose one content stream inflates to 1 GiB."""
    import zlib
    compressor = zlib.compressobj(9)
    stream = b"".join(compressor.compress(b" " * (1 << 20)) for _ in range(1024)) + compressor.flush()
    return pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                      b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"])
