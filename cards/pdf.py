"""Printable cards as PDF, through WeasyPrint.

WeasyPrint needs Pango from the operating system, so it is imported only when a PDF is
asked for: the rest of the site runs where Pango is missing.
"""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

PRINT_STYLESHEET = "cards/print.css"


class PdfUnavailable(Exception):
    """WeasyPrint or its system libraries are not installed here."""


def render_pdf(template: str, context: dict, *, base_url: str) -> bytes:
    """The template rendered as a PDF document, styled by the cards' print stylesheet."""
    try:
        from weasyprint import CSS, HTML
    except (ImportError, OSError) as error:
        raise PdfUnavailable(str(error)) from error
    html = render_to_string(template, context)
    stylesheet = finders.find(PRINT_STYLESHEET)
    with open(stylesheet, encoding="utf-8") as css:
        styles = CSS(string=css.read())
    return HTML(string=html, base_url=base_url).write_pdf(stylesheets=[styles])
