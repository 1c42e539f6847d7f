"""An issue as e-mail: HTML and plain text, personalised by each subscriber's interests.

Rendering is the costly part of sending 50,000 messages, and most subscribers share a
language and a selection of items; so each distinct (language, items) pair is rendered
once per worker, and only the subscriber's own links are put in per message.
"""

import dataclasses
import hashlib
import hmac
import re
from collections.abc import Callable
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.emails import default_base_url
from municipalities.regions import region_name

from .models import Issue, Subscriber
from .selectors import Item, issue_items
from .services.subscriptions import absolute, manage_urls
from .tokens import make_manage_token

PREFERENCES = "__NEWSLETTER_PREFERENCES_URL__"
UNSUBSCRIBE = "__NEWSLETTER_UNSUBSCRIBE_URL__"
RECIPIENT = "recipient@placeholder.invalid"
MESSAGE_ID = "<message-id@placeholder.invalid>"
_PLACEHOLDERS = tuple(p.encode() for p in (RECIPIENT, MESSAGE_ID, PREFERENCES, UNSUBSCRIBE))
_PLACEHOLDER = re.compile(b"(" + b"|".join(re.escape(p) for p in _PLACEHOLDERS) + b")")
_LEADING_DOT = re.compile(rb"(?m)^\.")
_TOKEN = "__NEWSLETTER_TOKEN__"


@dataclasses.dataclass
class Outgoing:
    """A message ready for SMTP: its envelope and, when it could be prepared, its bytes.

    `data` is the message (CRLF line ends); `wire` the same bytes as SMTP DATA carries
    them (dot-stuffed, ending in CRLF), or None for the transport to make that from `data`.
    """

    sender: str
    recipient: str
    data: bytes | None
    build: Callable[[], EmailMultiAlternatives]
    wire: bytes | None = None


class _Template:
    """A serialised message cut at its placeholders, to be filled in per subscriber."""

    def __init__(self, data: bytes):
        self.parts = _PLACEHOLDER.split(data)
        wire = _LEADING_DOT.sub(b"..", data)
        if not wire.endswith(b"\r\n"):
            wire += b"\r\n"
        self.wire_parts = _PLACEHOLDER.split(wire)
        # A value put at the start of a line could need dot-stuffing of its own: such a
        # template leaves stuffing to the transport.
        self.wire_ok = len(self.wire_parts) == len(self.parts) and not any(
            not before or before.endswith(b"\n") for before in self.wire_parts[0:-1:2]
        )

    @staticmethod
    def _fill(parts: list[bytes], values: dict[bytes, bytes]) -> bytes:
        filled = parts[:]
        filled[1::2] = [values[p] for p in parts[1::2]]
        return b"".join(filled)

    def fill(self, values: dict[bytes, bytes]) -> tuple[bytes, bytes | None]:
        """(message, wire bytes or None)."""
        data = self._fill(self.parts, values)
        if not self.wire_ok or any(b"\n" in v or b"\r" in v for v in values.values()):
            return data, None
        return data, self._fill(self.wire_parts, values)


SECTIONS = ("offers", "news", "events")


def section_heading(key: str) -> str:
    return {
        "offers": _("From the associations"),
        "news": _("News"),
        "events": _("Upcoming events"),
    }[key]


def message_id(issue_id: int, subscriber_id: int, *, domain: str | None = None) -> str:
    """The same Message-ID whenever (issue, subscriber) is sent, so copies are recognisable."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{issue_id}:{subscriber_id}".encode(), hashlib.sha256
    ).hexdigest()[:12]
    return f"<newsletter.{issue_id}.{subscriber_id}.{digest}@{domain or mail_domain()}>"


def parse_message_id(value: str) -> tuple[int, int] | None:
    """(issue id, subscriber id) of one of our Message-IDs, or None if it is not ours."""
    value = (value or "").strip()
    if not value.startswith("<newsletter."):
        return None
    try:
        issue_id, subscriber_id = (int(part) for part in value[12:].split(".")[:2])
    except ValueError:
        return None
    return (issue_id, subscriber_id) if message_id(issue_id, subscriber_id) == value else None


def mail_domain() -> str:
    address = parseaddr(settings.NEWSLETTER_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or urlsplit(settings.SAKKE_BASE_URL).hostname or "localhost"


class IssueRenderer:
    """Renders one issue for many subscribers, reusing what they share."""

    def __init__(self, issue: Issue):
        self.issue = issue
        self._items: dict[str, list[Item]] = {}
        self._rendered: dict[tuple, tuple[str, str, str]] = {}
        self._templates: dict[tuple, _Template | None] = {}
        # (language, topic ids, municipality ids) -> the template of that segment
        self._segments: dict[tuple, _Template | None] = {}
        self._link_formats: dict[str, tuple[list[str], list[str]] | None] = {}
        self._domain = mail_domain()

    def items(self, language: str) -> list[Item]:
        if language not in self._items:
            self._items[language] = issue_items(self.issue, language)
        return self._items[language]

    def chosen(self, language: str, topics=frozenset(), municipalities=frozenset(), *, all_=False):
        items = self.items(language)
        return items if all_ else [i for i in items if i.is_for(topics, municipalities)]

    def render(self, language: str, items: list[Item], *, archive: bool = False):
        """(subject, text, html) with placeholders for the subscriber's links."""
        key = (language, archive, tuple(i.key for i in items))
        if key not in self._rendered:
            with translation.override(language):
                sections = [
                    {"key": k, "heading": section_heading(k), "items": found}
                    for k in SECTIONS
                    if (found := [i for i in items if i.section == k])
                ]
                context = {
                    "issue": self.issue,
                    "title": self.issue.title,
                    "intro": self.issue.intro,
                    "sections": sections,
                    "language": language,
                    "preferences_url": PREFERENCES,
                    "unsubscribe_url": UNSUBSCRIBE,
                    "archive_url": default_base_url() + self.issue.get_absolute_url(),
                    "SITE_NAME": settings.SAKKE_SITE_NAME,
                    "REGION_NAME": region_name(),
                }
                subject = f"{settings.SAKKE_SITE_NAME}: {self.issue.title}"
                text = render_to_string("newsletter/email/issue.txt", context)
                html = render_to_string("newsletter/email/issue.html", context)
            self._rendered[key] = (subject, text, html)
        return self._rendered[key]

    def message(
        self, subscriber: Subscriber, *, all_items: bool = False, subject_format: str = "%s"
    ) -> EmailMultiAlternatives:
        """The issue as one subscriber gets it, with its headers for one-click unsubscribe.

        An unsaved subscriber (a test copy) gets every item and links to the site.
        """
        items = self._items_for(subscriber, all_items)
        if subscriber.pk:
            urls = manage_urls(subscriber)
            mid = message_id(self.issue.pk, subscriber.pk)
        else:
            site = default_base_url()
            urls, mid = {"preferences_url": site, "unsubscribe_url": site}, None
        return self._build(subscriber.language, items, subscriber.email, urls, mid, subject_format)

    def _build(self, language, items, recipient, urls, mid, subject_format="%s"):
        subject, text, html = self.render(language, items)
        subject = subject_format % subject
        for placeholder, url in (
            (PREFERENCES, urls["preferences_url"]),
            (UNSUBSCRIBE, urls["unsubscribe_url"]),
        ):
            text = text.replace(placeholder, url)
            html = html.replace(placeholder, url)
        headers = {
            # RFC 8058: an https URL that unsubscribes on a POST, without anything else.
            "List-Unsubscribe": f"<{urls['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"{settings.SAKKE_SITE_NAME} <newsletter.{mail_domain()}>",
        }
        if mid:
            headers["Message-ID"] = mid
        message = EmailMultiAlternatives(
            subject,
            text,
            from_email=settings.NEWSLETTER_FROM_EMAIL,
            to=[recipient],
            headers=headers,
        )
        message.attach_alternative(html, "text/html")
        return message

    def _items_for(self, subscriber: Subscriber, all_items: bool = False) -> list[Item]:
        if subscriber.pk and not all_items:
            topics = frozenset(t.pk for t in subscriber.topics.all())
            municipalities = frozenset(m.pk for m in subscriber.municipalities.all())
            return self.chosen(subscriber.language, topics, municipalities)
        return self.chosen(subscriber.language, all_=True)

    def outgoing(self, subscriber: Subscriber, *, interests: tuple | None = None) -> Outgoing:
        """The subscriber's message as bytes, from a serialised copy shared by their segment.

        Building and serialising a MIME message costs more than sending it; subscribers
        of one language and selection share one serialised copy in which only the
        recipient, the Message-ID and the two links differ. Per subscriber this costs a
        signature (the links' token), an HMAC (the Message-ID) and joining the copy's
        pieces around those four values. `interests`: the subscriber's (topic ids,
        municipality ids) if the caller has them.
        """
        language = subscriber.language
        if interests is None:
            interests = (
                frozenset(t.pk for t in subscriber.topics.all()),
                frozenset(m.pk for m in subscriber.municipalities.all()),
            )
        interests = (language, frozenset(interests[0]), frozenset(interests[1]))
        if interests not in self._segments:
            items = self.chosen(*interests)
            key = (language, tuple(i.key for i in items))
            if key not in self._templates:
                self._templates[key] = self._template(language, items)
            self._segments[interests] = self._templates[key]
        template = self._segments[interests]
        data = wire = None
        if template is not None and subscriber.email.isascii():
            urls = self._manage_urls(subscriber)
            data, wire = template.fill(
                {
                    _PLACEHOLDERS[0]: subscriber.email.encode(),
                    _PLACEHOLDERS[1]: message_id(
                        self.issue.pk, subscriber.pk, domain=self._domain
                    ).encode(),
                    _PLACEHOLDERS[2]: urls["preferences_url"].encode(),
                    _PLACEHOLDERS[3]: urls["unsubscribe_url"].encode(),
                }
            )
        return Outgoing(
            sender=settings.NEWSLETTER_FROM_EMAIL,
            recipient=subscriber.email,
            data=data,
            wire=wire,
            build=lambda: self.message(subscriber),
        )

    def _manage_urls(self, subscriber: Subscriber) -> dict[str, str]:
        """manage_urls(subscriber), with the URLs reversed once per language."""
        language = subscriber.language
        if language not in self._link_formats:
            with translation.override(language):
                formats = tuple(
                    absolute(reverse(name, kwargs={"token": _TOKEN})).split(_TOKEN)
                    for name in ("newsletter:preferences", "newsletter:unsubscribe")
                )
            self._link_formats[language] = formats if all(len(f) == 2 for f in formats) else None
        formats = self._link_formats[language]
        if formats is None:
            return manage_urls(subscriber)
        token = make_manage_token(subscriber)
        (pref_start, pref_end), (unsub_start, unsub_end) = formats
        return {
            "preferences_url": pref_start + token + pref_end,
            "unsubscribe_url": unsub_start + token + unsub_end,
        }

    def _template(self, language: str, items: list[Item]) -> _Template | None:
        """A serialised message with placeholders, or None if encoding split a placeholder."""
        urls = {"preferences_url": PREFERENCES, "unsubscribe_url": UNSUBSCRIBE}
        message = self._build(language, items, RECIPIENT, urls, MESSAGE_ID)
        data = message.message().as_bytes(linesep="\r\n")
        found = [data.count(p) for p in _PLACEHOLDERS]
        # To: and Message-ID once; the preference link in both parts; unsubscribe also in
        # the List-Unsubscribe header.
        return _Template(data) if found == [1, 1, 2, 3] else None
