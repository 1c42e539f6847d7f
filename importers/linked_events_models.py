"""A city's Linked Events API as a source of an association's events.

The source is filtered by publisher, keyword or division; each sync asks only for what
changed since the last one (`last_modified_since`, with `show_deleted`). Keywords become
Sakke's topics through a table the coordinator keeps (KeywordTopic).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models import Event
from organizations.models import Organization
from taxonomy.models import Topic

from .models import PolledSource, PollRun


def keyword_id(value: str) -> str:
    """A keyword's id from its id or its @id: `.../v1/keyword/yso:p916/` is `yso:p916`."""
    value = (value or "").strip()
    if "/" in value:
        value = value.rstrip("/").rsplit("/", 1)[-1]
    return value


class LinkedEventsSource(PolledSource):
    """A city's Linked Events API, filtered to an association's events."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="linked_events_sources",
    )
    api_root = models.URLField(
        _("address of the Linked Events API"),
        max_length=500,
        help_text=_("E.g. https://api.hel.fi/linkedevents/v1/"),
    )
    publisher = models.CharField(
        _("publisher"), max_length=200, blank=True, help_text=_("E.g. ahjo:00001")
    )
    keyword = models.CharField(
        _("keywords"), max_length=500, blank=True, help_text=_("E.g. yso:p916,yso:p1235")
    )
    division = models.CharField(
        _("division"), max_length=200, blank=True, help_text=_("E.g. helsinki or kallio")
    )
    last_modified_since = models.DateTimeField(
        _("changed since"),
        null=True,
        blank=True,
        help_text=_("The latest change seen; the next sync asks only for changes after it."),
    )

    class Meta(PolledSource.Meta):
        verbose_name = _("Linked Events source")
        verbose_name_plural = _("Linked Events sources")

    @property
    def events_url(self) -> str:
        return self.api_root.rstrip("/") + "/event/"


class LinkedEventsRun(PollRun):
    """One sync of a Linked Events source: its result, counts and a log of each change."""

    source = models.ForeignKey(
        LinkedEventsSource,
        verbose_name=_("Linked Events source"),
        on_delete=models.CASCADE,
        related_name="runs",
    )
    unmapped_keywords = models.JSONField(
        _("keywords without a topic"),
        default=list,
        blank=True,
        help_text=_("Keywords of the imported events that no topic is mapped to."),
    )

    class Meta(PollRun.Meta):
        verbose_name = _("Linked Events sync")
        verbose_name_plural = _("Linked Events syncs")


class LinkedEventsEvent(models.Model):
    """An event that came from a Linked Events source, by its id there."""

    source = models.ForeignKey(
        LinkedEventsSource,
        verbose_name=_("Linked Events source"),
        on_delete=models.CASCADE,
        related_name="imported_events",
    )
    upstream_id = models.CharField(_("id in the source"), max_length=200)
    event = models.OneToOneField(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="linked_events_import",
    )
    last_modified_time = models.DateTimeField(_("changed in the source"), null=True, blank=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True)
    detached = models.BooleanField(
        _("edited here"),
        default=False,
        help_text=_("Detached events are edited in Sakke; the source no longer changes them."),
    )

    class Meta:
        verbose_name = _("event from Linked Events")
        verbose_name_plural = _("events from Linked Events")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "upstream_id"], name="linked_events_event_unique_id"
            )
        ]

    def __str__(self):
        return self.upstream_id


class KeywordTopic(models.Model):
    """A Linked Events keyword and the topic its events get here (kept by the coordinator)."""

    keyword = models.CharField(
        _("keyword"),
        max_length=200,
        unique=True,
        help_text=_("The keyword's id or address, e.g. yso:p916 or .../keyword/yso:p916/."),
    )
    name = models.CharField(_("name of the keyword"), max_length=200, blank=True)
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="keyword_mappings"
    )

    class Meta:
        verbose_name = _("keyword mapped to a topic")
        verbose_name_plural = _("keywords mapped to topics")
        ordering = ["keyword"]

    def __str__(self):
        return f"{self.keyword} → {self.topic}"

    def save(self, *args, **kwargs):
        # Stored by id, so that an @id from any address of the same API finds it.
        self.keyword = keyword_id(self.keyword)
        super().save(*args, **kwargs)
