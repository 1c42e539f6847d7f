"""Files to upload in tests: real PDFs with text on given pages, and the bad ones."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape


def pdf_bytes(pages: list[str], *, tagged: bool = False) -> bytes:
    """A PDF with one page per text (WeasyPrint, as the demo's documents are made)."""
    from weasyprint import HTML

    body = "".join(
        f'<section style="break-after: page"><p>{escape(text)}</p></section>' for text in pages
    )
    return HTML(string=f"<html lang='fi'><body>{body}</body></html>").write_pdf(pdf_tags=tagged)


def upload(content: bytes, name: str = "aineisto.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(["Salainen muistio"]))))
    writer.encrypt(user_password="salasana", owner_password="omistaja")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated_pdf() -> bytes:
    data = pdf_bytes(["Ensimmäinen sivu", "Toinen sivu", "Kolmas sivu"])
    return data[: len(data) // 2]


def html_named_pdf() -> bytes:
    return b"<!DOCTYPE html><html><head><title>Kirjaudu</title></head><body>x</body></html>"


def zip_bomb_docx() -> bytes:
    """A Word file whose document part unpacks to 60 MB of nothing from a few kilobytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    return out.getvalue()


def many_pages_pdf(count: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(paragraphs_by_page: list[list[str]]) -> bytes:
    """A minimal Word file, pages separated by page breaks."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = []
    for number, paragraphs in enumerate(paragraphs_by_page):
        if number:
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        body += [f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs]
    xml = f'<?xml version="1.0"?><w:document {ns}><w:body>{"".join(body)}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.actions import JavaScript

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(["Avaa liite"]))))
    writer.add_open_action(JavaScript("app.alert('Hei');"))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf(lines: list[str]) -> bytes:
    """A PDF of one page that is only a picture of the text, as a scanner makes."""
    from PIL import Image, ImageDraw, ImageFont

    page = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 48)
    for number, line in enumerate(lines):
        draw.text((150, 200 + number * 90), line, font=font, fill=0)
    out = io.BytesIO()
    page.save(out, "PDF", resolution=200)
    return out.getvalue()


def association_upload_form(organization) -> dict:
    """What an editor sends on the upload page: a one-page PDF report of `organization`."""
    return {
        "title_fi": "Vuosikertomus",
        "kind": "background",
        "language": "fi",
        "licence": "cc-by-4.0",
        "publisher": f"org:{organization.public_id}",
        "file": upload(pdf_bytes(["Toimintavuosi oli vilkas."])),
    }
