"""An issue as e-mail: HTML and plain text, personalised by each subscriber's interests.

Rendering is the costly part of sending 50,000 messages, and most subscribers share a
language and a selection of items; so each distinct (language, items) pair is rendered
once per worker, and only the subscriber's own links are put in per message.
"""

import dataclasses
import hashlib
import hmac
from collections.abc import Callable
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .models import Issue, Subscriber
from .selectors import Item, issue_items
from .services.subscriptions import manage_urls

PREFERENCES = "__NEWSLETTER_PREFERENCES_URL__"
UNSUBSCRIBE = "__NEWSLETTER_UNSUBSCRIBE_URL__"
RECIPIENT = "recipient@placeholder.invalid"
MESSAGE_ID = "<message-id@placeholder.invalid>"


@dataclasses.dataclass
class Outgoing:
    """A message ready for SMTP: its envelope and, when it could be prepared, its bytes."""

    sender: str
    recipient: str
    data: bytes | None
    build: Callable[[], EmailMultiAlternatives]


SECTIONS = ("offers", "news", "events")


def section_heading(key: str) -> str:
    return {
        "offers": _("From the associations"),
        "news": _("News"),
        "events": _("Upcoming events"),
    }[key]


def message_id(issue_id: int, subscriber_id: int) -> str:
    """The same Message-ID whenever (issue, subscriber) is sent, so copies are recognisable."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{issue_id}:{subscriber_id}".encode(), hashlib.sha256
    ).hexdigest()[:12]
    return f"<newsletter.{issue_id}.{subscriber_id}.{digest}@{mail_domain()}>"


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
        self._templates: dict[tuple, bytes | None] = {}

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
                    "archive_url": settings.SAKKE_BASE_URL.rstrip("/")
                    + self.issue.get_absolute_url(),
                    "SITE_NAME": settings.SAKKE_SITE_NAME,
                    "REGION_NAME": settings.SAKKE_REGION_NAME,
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
            site = settings.SAKKE_BASE_URL
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

    def outgoing(self, subscriber: Subscriber) -> Outgoing:
        """The subscriber's message as bytes, from a serialised copy shared by their segment.

        Building and serialising a MIME message costs more than sending it; subscribers
        of one language and selection share one serialised copy in which only the
        recipient, the Message-ID and the two links differ.
        """
        items = self._items_for(subscriber)
        key = (subscriber.language, tuple(i.key for i in items))
        if key not in self._templates:
            self._templates[key] = self._template(subscriber.language, items)
        template = self._templates[key]
        data = None
        if template is not None and subscriber.email.isascii():
            urls = manage_urls(subscriber)
            data = (
                template.replace(RECIPIENT.encode(), subscriber.email.encode())
                .replace(MESSAGE_ID.encode(), message_id(self.issue.pk, subscriber.pk).encode())
                .replace(PREFERENCES.encode(), urls["preferences_url"].encode())
                .replace(UNSUBSCRIBE.encode(), urls["unsubscribe_url"].encode())
            )
        return Outgoing(
            sender=settings.NEWSLETTER_FROM_EMAIL,
            recipient=subscriber.email,
            data=data,
            build=lambda: self.message(subscriber),
        )

    def _template(self, language: str, items: list[Item]) -> bytes | None:
        """A serialised message with placeholders, or None if encoding split a placeholder."""
        urls = {"preferences_url": PREFERENCES, "unsubscribe_url": UNSUBSCRIBE}
        message = self._build(language, items, RECIPIENT, urls, MESSAGE_ID)
        data = message.message().as_bytes(linesep="\r\n")
        found = [data.count(p.encode()) for p in (RECIPIENT, MESSAGE_ID, PREFERENCES, UNSUBSCRIBE)]
        # To: and Message-ID once; the preference link in both parts; unsubscribe also in
        # the List-Unsubscribe header.
        return data if found == [1, 1, 2, 3] else None
