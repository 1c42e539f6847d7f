"""Every e-mailed link points to the configured base URL: a check on all the tests' mail.

The repository's conftest.py runs it around each test. Links are read when a message is
sent (Django's test outbox), against SAKKE_BASE_URL as it is at that moment, so a test
that overrides the setting is checked against its own value.
"""

import re
from html import unescape

from django.conf import settings
from django.core.mail import EmailMessage

# A link in plain text ends at white space or at a character that cannot end a URL there.
TEXT_LINK = re.compile(r"https?://[^\s<>\"'()]+")
HTML_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
HEADER_LINK = re.compile(r"<(https?://[^>]+)>")


def emailed_links(message: EmailMessage) -> list[str]:
    """Every web link of a message: its text, its HTML alternatives and List-Unsubscribe."""
    links = TEXT_LINK.findall(str(message.body))
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            links += [unescape(link) for link in HTML_LINK.findall(str(content))]
    links += HEADER_LINK.findall(str(message.extra_headers.get("List-Unsubscribe", "")))
    # A relative link ("/fi/...") opens nowhere in a mail program: it is kept, and fails.
    return [link.rstrip(".,;:") for link in links if link.startswith(("http://", "https://", "/"))]


def links_elsewhere(message: EmailMessage, base_url: str) -> list[str]:
    """The links of a message that do not start with the base URL (and a path after it)."""
    base = base_url.rstrip("/") + "/"
    return [link for link in emailed_links(message) if not (link + "/").startswith(base)]


class LinkCheck:
    """Collects, while a test runs, the e-mailed links that point away from the base URL."""

    def __init__(self, allowed=()):
        self.wrong: list[str] = []
        self.allowed = tuple(allowed)  # links the test sends elsewhere on purpose

    def wrap(self, send_messages):
        def checked_send_messages(backend, messages):
            base_url = settings.SAKKE_BASE_URL
            for message in messages:
                for link in links_elsewhere(message, base_url):
                    if link.startswith(self.allowed):
                        continue
                    self.wrong.append(f"{message.subject!r} links {link} (base URL {base_url})")
            return send_messages(backend, messages)

        return checked_send_messages
