"""A sent joint statement as a PDF, through WeasyPrint (imported only when asked for:
it needs Pango from the operating system)."""

from django.template.loader import render_to_string


class PdfUnavailable(Exception):
    """WeasyPrint or its system libraries are not installed here."""


def statement_pdf(context: dict, *, base_url: str) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:
        raise PdfUnavailable(str(error)) from error
    html = render_to_string("cooperation/statement_pdf.html", context)
    return HTML(string=html, base_url=base_url).write_pdf()
