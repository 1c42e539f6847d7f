"""The search index: one denormalised row per searchable object, its vocabulary and names.

The rows hold terms that are already analysed (lemmas, compound parts, stems), so the
databases only match words: PostgreSQL through a tsvector over them ('simple' config,
GIN index), SQLite through an FTS5 table. Both are created in migrations 0002.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ORGANIZATION = "organization", _("Association")
    EVENT = "event", _("Event")
    ACTIVITY = "activity", _("Activity")
    PLACE = "place", _("Place")
    NEWS = "news", _("News")
    MEASURE = "measure", _("Programme measure")
    MATERIAL = "material", _("Document")
    BODY = "body", _("Cooperation body")
    CONSULTATION = "consultation", _("Consultation")
    STATEMENT = "statement", _("Joint statement")


class SearchEntry(models.Model):
    """One organization, event, activity, place or news post as the search sees it."""

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    object_id = models.BigIntegerField(_("object id"))
    public_id = models.CharField(_("public id"), max_length=200)
    title_fi = models.CharField(_("title in Finnish"), max_length=250)
    title_sv = models.CharField(_("title in Swedish"), max_length=250, blank=True)
    title_en = models.CharField(_("title in English"), max_length=250, blank=True)
    #: The Finnish title, case-folded: groups equal names for autocomplete.
    title_key = models.CharField(_("title key"), max_length=250)
    name_terms = models.TextField(_("terms of the name"))
    #: Parts of the compound words of the name: kuoro, nainen, nais of Naiskuoro.
    part_terms = models.TextField(_("compound parts of the name"), blank=True, default="")
    #: The head of the Finnish name: naiskuoro, kuoro of Varkauden Naiskuoro ry.
    head_terms = models.TextField(_("head of the name"), blank=True, default="")
    body_terms = models.TextField(_("terms of the other text"), blank=True)
    #: Names of the topics, audiences and organizers, each term prefixed with "_".
    tag_terms = models.TextField(_("terms of the topics and audiences"), blank=True, default="")
    #: Filter tokens: "kunta297" for each municipality the object belongs to.
    facets = models.TextField(_("facets"), blank=True)
    #: Events: start and end; news posts: start is the publication time (no end).
    #: As Unix times so both databases do the same arithmetic.
    start_ts = models.BigIntegerField(_("start time"), null=True, blank=True)
    end_ts = models.BigIntegerField(_("end time"), null=True, blank=True)
    #: Cancelled events, dissolved associations.
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    is_inactive = models.BooleanField(_("inactive"), default=False)

    class Meta:
        verbose_name = _("search index entry")
        verbose_name_plural = _("search index entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")
        ]
        indexes = [models.Index(fields=["kind", "title_key"], name="search_entry_title")]

    def __str__(self):
        return f"{self.kind}: {self.title_fi}"


class SearchTerm(models.Model):
    """A distinct term of the index: the vocabulary that typo correction picks from."""

    term = models.CharField(_("term"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self):
        return self.term


class SearchAssociation(models.Model):
    """How many index entries have a term, and how many of those carry each topic and
    audience: what a query's words say about its subject (search/targets.py).

    The row of the empty term holds the totals of all the entries counted, and how
    many entries were indexed since (`changed`): the counts are taken again when that
    reaches a fifth of them.
    """

    term = models.CharField(_("term"), max_length=40, unique=True)
    entries = models.PositiveIntegerField(_("entries with the term"))
    #: "topic:liikunta 12 audience:lapset 3": of those entries, how many carry each.
    targets = models.TextField(_("topics and audiences"), blank=True, default="")
    changed = models.PositiveIntegerField(_("entries indexed since"), default=0)

    class Meta:
        verbose_name = _("search term association")
        verbose_name_plural = _("search term associations")

    def __str__(self):
        return self.term


class SearchSuggestion(models.Model):
    """A distinct name (per kind) offered by autocomplete, with an object that bears it."""

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title_key = models.CharField(_("title key"), max_length=250)
    title = models.CharField(_("title"), max_length=250)
    public_id = models.CharField(_("public id"), max_length=200)
    count = models.PositiveIntegerField(_("objects with this name"), default=1)
    #: Like SearchEntry's: a suggestion of only past or cancelled things comes last.
    is_current = models.BooleanField(_("current"), default=True)

    class Meta:
        verbose_name = _("search suggestion")
        verbose_name_plural = _("search suggestions")
        constraints = [
            models.UniqueConstraint(fields=["kind", "title_key"], name="search_suggestion_unique")
        ]

    def __str__(self):
        return self.title


class Synonym(models.Model):
    """Words a search treats as one: ikäihmiset, seniorit, eläkeläiset, vanhukset."""

    words = models.TextField(
        _("words"),
        help_text=_(
            "Comma-separated words that mean the same in a search, in any inflected form, "
            "e.g. 'ikäihmiset, seniorit, eläkeläiset'."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["words"]

    def __str__(self):
        return self.words

    def word_list(self) -> list[str]:
        return [w.strip() for w in self.words.split(",") if w.strip()]


class PendingIndex(models.Model):
    """An object whose index rows are out of date: written with the change, in its
    transaction, and removed once a worker has indexed it (search.index.index_pending).

    Imports queue their objects here instead of indexing them in the import, so the
    directory data is in as soon as it is written; the rows make the catching-up durable,
    whatever happens to the broker's message.
    """

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    object_id = models.BigIntegerField(_("object id"))
    queued_at = models.DateTimeField(_("queued"), auto_now_add=True)

    class Meta:
        verbose_name = _("object waiting for the search index")
        verbose_name_plural = _("objects waiting for the search index")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_pending_unique")
        ]

    def __str__(self):
        return f"{self.kind}: {self.object_id}"
