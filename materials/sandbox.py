"""Reading an untrusted file, in a child process that may be killed.

`python -m materials.sandbox inspect|extract PATH [THUMBNAIL]` prints one JSON object:
`{"ok": true, ...}` or `{"ok": false, "error": CODE}`. The parent (materials.files)
starts it with a memory and CPU limit and a timeout, so a PDF bomb ends this process
and nothing else. No Django here: the child imports only the parsers.

The type of a file is decided by its content: magic bytes first, then a parser that
must accept the whole file.
"""

import json
import re
import sys
import warnings
import zipfile

PDF, DOCX, ODT, XLSX, PPTX, PNG, JPEG = "pdf", "docx", "odt", "xlsx", "pptx", "png", "jpeg"

#: Office files are zip archives: what they may unpack to, in all and per member ratio.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
#: Pictures: more pixels than this is a decompression bomb (Pillow's own check).
MAX_PIXELS = 60_000_000
THUMBNAIL_WIDTH = 320
#: Fewer characters than this on every page: a scan without a text layer.
MIN_TEXT = 10
OCR_DPI = 200
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


class Rejected(Exception):
    """The file is refused; `code` says why (materials.files.MESSAGES words it)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def sniff(head: bytes) -> str:
    """The type the first bytes announce, or Rejected("unsupported")."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if re.match(rb"\s*(<!doctype html|<html|<\?xml|<svg)", head[:200], re.IGNORECASE):
        raise Rejected("html")
    raise Rejected("unsupported")


# PDF ----------------------------------------------------------------------------------


def _open_pdf(path: str):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    with open(path, "rb") as f:
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - 2048))
        tail = f.read()
    # PDFium rebuilds a cut file from what is left; a file without its end is refused
    # rather than shown with pages missing.
    if b"%%EOF" not in tail:
        raise Rejected("truncated")
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise Rejected("encrypted") from error
        raise Rejected("malformed") from error
    if raw.FPDF_GetSecurityHandlerRevision(pdf.raw) != -1:
        raise Rejected("encrypted")
    if len(pdf) == 0:
        raise Rejected("malformed")
    return pdf


def _pdf_active_content(pdf, path: str) -> bool:
    import pypdfium2.raw as raw

    if raw.FPDFDoc_GetJavaScriptActionCount(pdf.raw) > 0:
        return True
    with open(path, "rb") as f:
        data = f.read()
    # Names in uncompressed objects; compressed ones are caught by PDFium above and
    # by the link actions in `_pdf_launch_links`.
    return bool(re.search(rb"/(JavaScript|JS|Launch)\b", data))


def _pdf_launch_links(page) -> bool:
    import ctypes

    import pypdfium2.raw as raw

    position = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    while raw.FPDFLink_Enumerate(page.raw, ctypes.byref(position), ctypes.byref(link)):
        action = raw.FPDFLink_GetAction(link)
        if action and raw.FPDFAction_GetType(action) == raw.PDFACTION_LAUNCH:
            return True
    return False


def inspect_pdf(path: str, max_pages: int) -> dict:
    import pypdfium2.raw as raw

    pdf = _open_pdf(path)
    pages = len(pdf)
    if pages > max_pages:
        raise Rejected("too_many_pages")
    for index in range(pages):
        try:
            pdf[index].close()
        except Exception as error:  # noqa: BLE001 - any failure is a broken page
            raise Rejected("malformed") from error
    return {
        "type": PDF,
        "pages": pages,
        "tagged": bool(raw.FPDFCatalog_IsTagged(pdf.raw)),
        "active": _pdf_active_content(pdf, path),
    }


def extract_pdf(path: str, thumbnail: str | None) -> dict:
    import pypdfium2.raw as raw

    pdf = _open_pdf(path)
    texts, launch = [], False
    for index in range(len(pdf)):
        page = pdf[index]
        textpage = page.get_textpage()
        texts.append(textpage.get_text_range())
        launch = launch or _pdf_launch_links(page)
        if index == 0 and thumbnail:
            scale = THUMBNAIL_WIDTH / max(page.get_width(), 1)
            page.render(scale=scale).to_pil().convert("RGB").save(thumbnail, "PNG")
        textpage.close()
        page.close()
    ocr = False
    if all(len(text.strip()) < MIN_TEXT for text in texts):
        recognised = _ocr(pdf)
        if recognised is not None:
            texts, ocr = recognised + texts[len(recognised) :], True
    return {
        "type": PDF,
        "pages": len(texts),
        "texts": texts,
        "tagged": bool(raw.FPDFCatalog_IsTagged(pdf.raw)),
        "active": launch or _pdf_active_content(pdf, path),
        "ocr": ocr,
    }


def _ocr(pdf) -> list[str] | None:
    """The text of a scan's first pages by Tesseract (Finnish), or None without it."""
    import os
    import shutil
    import subprocess
    import tempfile

    pages = int(os.environ.get("SAKKE_SANDBOX_OCR_PAGES", "0"))
    tesseract = shutil.which("tesseract")
    if not pages or not tesseract:
        return None
    texts = []
    with tempfile.TemporaryDirectory() as folder:
        for index in range(min(pages, len(pdf))):
            picture = os.path.join(folder, f"{index}.png")
            page = pdf[index]
            page.render(scale=OCR_DPI / 72).to_pil().convert("L").save(picture)
            page.close()
            done = subprocess.run(
                [tesseract, picture, "stdout", "-l", "fin", "--psm", "3"],
                capture_output=True,
                check=False,
                # One thread: threads' stacks would count against the memory limit.
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            )
            if done.returncode != 0:
                return None
            texts.append(done.stdout.decode("utf-8", "replace"))
    return texts


# Office files -------------------------------------------------------------------------


def _open_zip(path: str) -> tuple[zipfile.ZipFile, str]:
    try:
        archive = zipfile.ZipFile(path)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise Rejected("malformed") from error
    if any(m.flag_bits & 0x1 for m in members):
        raise Rejected("encrypted")
    if sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise Rejected("bomb")
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise Rejected("bomb")
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return archive, DOCX
    if "xl/workbook.xml" in names:
        return archive, XLSX
    if "ppt/presentation.xml" in names:
        return archive, PPTX
    if "mimetype" in names and _read(archive, "mimetype").strip() == ODT_MIMETYPE:
        return archive, ODT
    if "EncryptedPackage" in names:
        raise Rejected("encrypted")
    raise Rejected("unsupported")


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    """A member, read no further than it said it was (a lying header is a bomb)."""
    info = archive.getinfo(name)
    try:
        with archive.open(info) as member:
            data = member.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise Rejected("malformed") from error
    if len(data) > info.file_size:
        raise Rejected("bomb")
    return data


def _xml(archive, name: str):
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        return fromstring(_read(archive, name))
    except (ParseError, DefusedXmlException) as error:
        raise Rejected("malformed") from error


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _docx_pages(archive) -> list[str]:
    pages, lines = [], []
    for paragraph in _xml(archive, "word/document.xml").iter():
        if _local(paragraph.tag) != "p":
            continue
        line = []
        for node in paragraph.iter():
            tag = _local(node.tag)
            if tag == "t" and node.text:
                line.append(node.text)
            elif (tag == "br" and node.get(_attr(node, "type")) == "page") or (
                tag == "lastRenderedPageBreak"
            ):
                lines.append("".join(line))
                pages.append("\n".join(lines).strip())
                lines, line = [], []
        lines.append("".join(line))
    pages.append("\n".join(lines).strip())
    return pages


def _attr(node, name: str) -> str:
    for key in node.attrib:
        if _local(key) == name:
            return key
    return name


def _numbered(names, pattern: str) -> list[str]:
    found = [(int(m.group(1)), n) for n in names if (m := re.fullmatch(pattern, n))]
    return [n for _i, n in sorted(found)]


def _pptx_pages(archive) -> list[str]:
    slides = _numbered(archive.namelist(), r"ppt/slides/slide(\d+)\.xml")
    return [
        "\n".join(n.text for n in _xml(archive, s).iter() if _local(n.tag) == "t" and n.text)
        for s in slides
    ]


def _xlsx_pages(archive) -> list[str]:
    shared = []
    if "xl/sharedStrings.xml" in archive.namelist():
        for item in _xml(archive, "xl/sharedStrings.xml"):
            shared.append("".join(n.text or "" for n in item.iter() if _local(n.tag) == "t"))
    pages = []
    for sheet in _numbered(archive.namelist(), r"xl/worksheets/sheet(\d+)\.xml"):
        cells = []
        for cell in _xml(archive, sheet).iter():
            if _local(cell.tag) != "c":
                continue
            value = next((n.text for n in cell.iter() if _local(n.tag) in {"v", "t"}), None)
            if value is None:
                continue
            if cell.get("t") == "s" and value.isdigit() and int(value) < len(shared):
                value = shared[int(value)]
            cells.append(value)
        pages.append(" ".join(cells))
    return pages


def _odt_pages(archive) -> list[str]:
    pages, lines = [], []
    for node in _xml(archive, "content.xml").iter():
        tag = _local(node.tag)
        if tag == "soft-page-break":
            pages.append("\n".join(lines).strip())
            lines = []
        elif tag in {"p", "h"}:
            lines.append("".join(node.itertext()))
    pages.append("\n".join(lines).strip())
    return pages


OFFICE_PAGES = {DOCX: _docx_pages, PPTX: _pptx_pages, XLSX: _xlsx_pages, ODT: _odt_pages}


# Pictures -----------------------------------------------------------------------------


def _image(path: str, thumbnail: str | None) -> dict:
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as picture:
                kind = {"PNG": PNG, "JPEG": JPEG}.get(picture.format)
                if kind is None:
                    raise Rejected("unsupported")
                picture.load()
                if thumbnail:
                    picture = picture.convert("RGB")
                    picture.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_WIDTH * 2))
                    picture.save(thumbnail, "PNG")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise Rejected("bomb") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise Rejected("malformed") from error
    return {"type": kind, "pages": 1, "texts": [""], "tagged": None, "active": False}


# Entry points -------------------------------------------------------------------------


def inspect(path: str, max_pages: int) -> dict:
    """The file's type and page count, or Rejected: a quick look at every part."""
    with open(path, "rb") as f:
        kind = sniff(f.read(1024))
    if kind == PDF:
        return inspect_pdf(path, max_pages)
    if kind in (PNG, JPEG):
        return _image(path, None)
    archive, kind = _open_zip(path)
    pages = OFFICE_PAGES[kind](archive)
    if len(pages) > max_pages:
        raise Rejected("too_many_pages")
    return {"type": kind, "pages": len(pages), "tagged": None, "active": False}


def extract(path: str, thumbnail: str | None) -> dict:
    """The text of each page, and a picture of the first where one can be drawn."""
    with open(path, "rb") as f:
        kind = sniff(f.read(1024))
    if kind == PDF:
        return extract_pdf(path, thumbnail)
    if kind in (PNG, JPEG):
        return _image(path, thumbnail)
    archive, kind = _open_zip(path)
    texts = OFFICE_PAGES[kind](archive)
    return {"type": kind, "pages": len(texts), "texts": texts, "tagged": None, "active": False}


def limit_myself() -> None:
    """The limits the parent asks for (materials.files), set before any file is opened."""
    import os
    import resource

    memory = int(os.environ.get("SAKKE_SANDBOX_MEMORY", 768 * 1024 * 1024))
    cpu = int(os.environ.get("SAKKE_SANDBOX_CPU_SECONDS", 120))
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv: list[str]) -> int:
    limit_myself()
    mode, path, *rest = argv
    try:
        if mode == "inspect":
            result = inspect(path, int(rest[0]))
        else:
            result = extract(path, rest[0] if rest else None)
        result["ok"] = True
    except Rejected as rejected:
        result = {"ok": False, "error": rejected.code}
    except MemoryError:
        result = {"ok": False, "error": "too_complex"}
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
