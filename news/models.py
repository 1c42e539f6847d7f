from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import PublicationStatus, Publishable, SourcedModel
from core.urls_cache import reverse_detail
from municipalities.models import Municipality
from organizations.models import Organization
from taxonomy.models import Topic


class NewsPost(SourcedModel, Publishable):
    """A news post (ajankohtaista) of an association, or of the coordinator's office."""

    title = models.CharField(_("title"), max_length=200)
    lead = models.CharField(
        _("lead"),
        max_length=400,
        blank=True,
        help_text=_("One or two sentences that tell what the post is about."),
    )
    body = models.TextField(_("text"), blank=True)
    image = models.ImageField(_("image"), upload_to="news/", blank=True)
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("What the picture shows, for those who cannot see it."),
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("author organization"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="news_posts",
        help_text=_("Empty: the post is by the coordinator's office."),
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="news_posts"
    )
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("municipalities"), blank=True, related_name="news_posts"
    )
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Set when the post is first published; a later time schedules it."),
    )

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["publication_status", "-published_at"], name="news_public_order")
        ]

    def __str__(self):
        return self.title or self.public_id

    def get_absolute_url(self):
        return reverse_detail("news:detail", "public_id", self.public_id)

    def save(self, *args, **kwargs):
        # Posts are published by news.services, by the coordinator's approval in the
        # moderation queue (which only sets the status) and in the admin: whichever way,
        # the first publication dates the post.
        if self.publication_status == PublicationStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "published_at"}
        super().save(*args, **kwargs)

    @property
    def is_by_office(self) -> bool:
        return self.organization_id is None

    # moderation.services tells the editors of an item's `organizer` why it was declined.
    @property
    def organizer(self):
        return self.organization

    @property
    def organizer_id(self):
        return self.organization_id
