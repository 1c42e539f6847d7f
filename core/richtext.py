"""Descriptions written by associations: a few formatting tags, nothing that runs.

Text is cleaned when it is saved (in the services), so every page and the API hand
out the same harmless HTML. Plain text typed into a text box becomes paragraphs.
"""

import html
import re
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener nofollow"

# Text counts as HTML when it uses the tags of ordinary formatting; anything else that
# merely contains "<" is plain text and gets escaped, so nothing in it can run either.
_TAG = re.compile(r"<\s*/?\s*(p|br|strong|em|b|i|u|ul|ol|li|a|div|span|h[1-6])\b", re.I)
_BLANK_LINES = re.compile(r"\n\s*\n")


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text))


def plain_text_to_html(text: str) -> str:
    """Paragraphs at blank lines and line breaks at single newlines, as a person typed them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [p.strip() for p in _BLANK_LINES.split(text) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )


def sanitize_html(text: str) -> str:
    """`text` with only the allowed tags, safe links and no scripts, styles or handlers."""
    if not text or not text.strip():
        return ""
    if not looks_like_html(text):
        text = plain_text_to_html(text)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        # <script> and <style> go with their content; other unknown tags keep their text.
        clean_content_tags={"script", "style"},
        strip_comments=True,
    ).strip()


# Tags that sit inside a word ("<strong>Kevät</strong>kokous") do not separate words.
_INLINE_TAGS = {"strong", "em", "b", "i", "u", "a", "span"}


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in _INLINE_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag not in _INLINE_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(text: str) -> str:
    """The text of rich text without its tags and entities, paragraphs apart: for search."""
    if not text or "<" not in text and "&" not in text:
        return text or ""
    parser = _TextParser()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts).strip()
