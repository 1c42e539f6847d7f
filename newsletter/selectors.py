"""Reads of the newsletter: what goes into an issue, who gets it, the archive."""

import dataclasses
import datetime as dt
import logging

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation

from core.emails import default_base_url
from events.selectors import event_list
from news.selectors import news_for_period

from .models import Delivery, Issue, Offer, Subscriber

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Item:
    """One entry of an issue, in one language; untagged items are for everyone."""

    key: str
    section: str  # "offers", "news" or "events"
    title: str
    text: str
    url: str = ""
    image_url: str = ""
    image_alt: str = ""
    when: dt.datetime | None = None
    place: str = ""
    topics: frozenset = frozenset()
    municipalities: frozenset = frozenset()

    def is_for(self, topics: frozenset, municipalities: frozenset) -> bool:
        """Tagged items go to subscribers who share a tag, or who chose nothing of that kind."""
        return (not self.topics or not topics or bool(self.topics & topics)) and (
            not self.municipalities
            or not municipalities
            or bool(self.municipalities & municipalities)
        )


def period_bounds(issue: Issue) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(issue.period_start, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(issue.period_end, dt.time.max, tzinfo=tz)
    return start, end


def suggested_events(issue: Issue) -> QuerySet:
    """Published events that start within the issue's period."""
    start, end = period_bounds(issue)
    return (
        event_list().filter(start_time__gte=start, start_time__lte=end).order_by("start_time", "pk")
    )


def suggested_offers(issue: Issue) -> QuerySet:
    """Accepted offers not yet in another issue, the ones wished for this issue first."""
    return (
        Offer.objects.filter(status=Offer.Status.ACCEPTED)
        .exclude(issue__status__in=[Issue.Status.SENT, Issue.Status.SENDING])
        .select_related("organization", "issue", "wished_issue")
        .prefetch_related("topics", "municipalities")
        .order_by("wished_date", "created_at")
    )


def suggested_news(issue: Issue) -> list:
    """The period's published news, to offer for the issue."""
    start, end = period_bounds(issue)
    return list(news_for_period(start, end))


def news_snapshot(news) -> dict:
    """A news item copied into the issue, in every language, so the issue never changes."""
    base = default_base_url()
    snapshot = {"id": str(getattr(news, "pk", "")), "title": {}, "text": {}, "url": {}}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            snapshot["title"][code] = str(getattr(news, "title", "") or news)
            summary = ""
            for name in ("summary", "lead", "short_description", "intro"):
                summary = getattr(news, name, "") or ""
                if summary:
                    break
            snapshot["text"][code] = str(summary)
            url = news.get_absolute_url() if hasattr(news, "get_absolute_url") else ""
            snapshot["url"][code] = base + url if url.startswith("/") else url
    for name in ("topics", "municipalities"):
        related = getattr(news, name, None)
        snapshot[name] = [obj.pk for obj in related.all()] if related is not None else []
    return snapshot


def issue_items(issue: Issue, language: str) -> list[Item]:
    """Every entry of the issue, in the language, in the order of its sections."""
    base = default_base_url()
    items = []
    with translation.override(language):
        offers = issue.offers.filter(status=Offer.Status.ACCEPTED).prefetch_related(
            "topics", "municipalities"
        )
        for offer in offers.select_related("organization").order_by("pk"):
            items.append(
                Item(
                    key=f"o{offer.pk}",
                    section="offers",
                    title=offer.title,
                    text=offer.text,
                    url=offer.link,
                    image_url=base + offer.image.url if offer.image else "",
                    image_alt=offer.image_alt,
                    place=offer.organization.name,
                    topics=frozenset(t.pk for t in offer.topics.all()),
                    municipalities=frozenset(m.pk for m in offer.municipalities.all()),
                )
            )
        for news in issue.news_items:
            items.append(
                Item(
                    key=f"n{news.get('id')}",
                    section="news",
                    title=news["title"].get(language) or news["title"].get("fi", ""),
                    text=news["text"].get(language) or news["text"].get("fi", ""),
                    url=news["url"].get(language) or news["url"].get("fi", ""),
                    topics=frozenset(news.get("topics", [])),
                    municipalities=frozenset(news.get("municipalities", [])),
                )
            )
        events = issue.events.select_related("location__municipality").prefetch_related("topics")
        for event in events.order_by("start_time", "pk"):
            location = event.location
            municipality = getattr(location, "municipality_id", None) if location else None
            items.append(
                Item(
                    key=f"e{event.pk}",
                    section="events",
                    title=event.name,
                    text=event.short_description,
                    url=base + event.get_absolute_url(),
                    when=timezone.localtime(event.start_time),
                    place=str(location) if location else "",
                    topics=frozenset(t.pk for t in event.topics.all()),
                    municipalities=frozenset([municipality] if municipality else []),
                )
            )
    return items


def recipients() -> QuerySet:
    """Active subscribers with their interests, for personalising."""
    return Subscriber.objects.filter(status=Subscriber.Status.ACTIVE).prefetch_related(
        Prefetch("topics"), Prefetch("municipalities")
    )


def archive_list() -> QuerySet:
    return Issue.objects.filter(status=Issue.Status.SENT).order_by("-sent_at")


def delivery_counts(issue: Issue) -> dict[str, int]:
    from django.db.models import Count

    rows = issue.deliveries.values("status").annotate(n=Count("id"))
    counts = {status: 0 for status in Delivery.Status.values}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def own_offers(user) -> QuerySet:
    from accounts.permissions import editable_organizations

    return (
        Offer.objects.filter(organization__in=editable_organizations(user))
        .select_related("organization", "issue")
        .order_by("-created_at")
    )
