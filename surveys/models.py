"""The NGO survey (järjestökysely): a questionnaire run in rounds, answered once per
association per round, and published only as aggregates that hide small groups."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality
from organizations.models import Organization
from taxonomy.models import Topic


class Survey(models.Model):
    """A questionnaire asked again and again, e.g. the region's NGO survey."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    size_question = models.ForeignKey(
        "Question",
        verbose_name=_("question on the association's size"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A number question (members); its answer sorts associations by size."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["name_fi", "pk"]

    def __str__(self):
        return self.name


class Section(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="sections"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["survey", "order", "pk"]

    def __str__(self):
        return self.title


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("Scale 1–5")
    NUMBER = "number", _("Number")
    TEXT = "text", _("Free text")
    MUNICIPALITY = "municipality", _("Municipality")


class Question(models.Model):
    """A question with an identity that outlives its wording: results of different rounds
    are compared by question, as long as its versions say they are comparable."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="questions"
    )
    key = models.SlugField(
        _("key"), help_text=_("Stays the same across rounds; import files name questions by it.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("type"), max_length=20, choices=QuestionKind.choices)
    required = models.BooleanField(_("required"), default=False)
    show_if_choice = models.ForeignKey(
        "Choice",
        verbose_name=_("shown only if this was chosen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dependent_questions",
        help_text=_("A choice of an earlier question; empty shows the question to everyone."),
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="survey_question_key_unique")
        ]

    def __str__(self):
        return self.key

    def current_version(self):
        """The newest wording (prefetch `versions` to read it without a query)."""
        versions = sorted(self.versions.all(), key=lambda version: version.number)
        return versions[-1] if versions else None

    @property
    def has_choices(self) -> bool:
        return self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class QuestionVersion(models.Model):
    """One wording of a question. A new wording says whether its answers can still be
    compared with the previous version's."""

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"), default=1)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    comparable_with_previous = models.BooleanField(
        _("comparable with the previous version"), default=True
    )

    class Meta:
        verbose_name = _("question version")
        verbose_name_plural = _("question versions")
        ordering = ["question", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "number"], name="survey_question_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.question.key} v{self.number}"


class Choice(models.Model):
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="choices"
    )
    value = models.SlugField(_("value"), help_text=_("Import files name the choice by it."))
    label = models.CharField(_("label"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="survey_choice_unique")
        ]

    def __str__(self):
        return self.label


class Round(models.Model):
    """One running of a survey (2016, 2018, 2026…): the versions it asks, when it is open,
    and whom it invites."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="rounds"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("E.g. the year: 2026."))
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    versions = models.ManyToManyField(
        QuestionVersion, verbose_name=_("questions asked"), blank=True, related_name="rounds"
    )
    segment_municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("only associations of these municipalities"),
        blank=True,
        related_name="+",
    )
    segment_topics = models.ManyToManyField(
        Topic, verbose_name=_("only associations of these topics"), blank=True, related_name="+"
    )
    open_link = models.BooleanField(
        _("open link for individuals"),
        default=False,
        help_text=_("Volunteers and residents may answer anonymously through the open link."),
    )
    imported = models.BooleanField(_("imported from a past survey"), default=False)
    reminder_days = models.PositiveSmallIntegerField(
        _("remind this many days before closing"), default=7
    )
    # Changes whenever the round or its answers do (imports save it): keys cached results.
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["survey", "opens_at", "pk"]

    def __str__(self):
        return f"{self.survey} {self.name}"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.opens_at is not None
            and self.opens_at <= now
            and (self.closes_at is None or now < self.closes_at)
        )

    def is_closed(self, now=None) -> bool:
        now = now or timezone.now()
        return self.closes_at is not None and self.closes_at <= now


class Invitation(models.Model):
    """An association's invitation to a round; its signed link lets it answer without
    signing in. Sending and reminding are recorded so each happens once."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="invitations"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("association"),
        on_delete=models.CASCADE,
        related_name="survey_invitations",
    )
    email = models.EmailField(_("e-mail"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)
    opted_out_at = models.DateTimeField(_("opted out of reminders"), null=True, blank=True)
    # The language its e-mails are written in, where known: the recipient's account's, or
    # the one they last answered in (carried over to the association's next invitation).
    language = models.CharField(
        _("language"), max_length=10, blank=True, choices=settings.LANGUAGES
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organization"], name="survey_invitation_unique"
            )
        ]

    def __str__(self):
        return f"{self.round}: {self.organization}"


class SizeBand(models.TextChoices):
    SMALL = "small", _("Under 50 members")
    MEDIUM = "medium", _("50–199 members")
    LARGE = "large", _("200 members or more")
    UNKNOWN = "unknown", _("Size not known")


class Response(models.Model):
    """One answer to a round: an association's (one per round, held by a constraint) or an
    individual's through the open link. The breakdowns are kept as of the answer."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Saved, not sent")
        SUBMITTED = "submitted", _("Sent")

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="responses"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
    )
    anonymous_key = models.CharField(_("anonymous key"), max_length=64, blank=True, default="")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    size_band = models.CharField(
        _("size"), max_length=10, choices=SizeBand.choices, default=SizeBand.UNKNOWN
    )
    consent_to_be_named = models.BooleanField(
        _("may be named in the raw data"),
        default=False,
        help_text=_("Without it the coordinator's export shows a pseudonym."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            # At most one answer per association per round, even when two submits race.
            models.UniqueConstraint(
                fields=["round", "organization"],
                condition=Q(organization__isnull=False),
                name="survey_one_response_per_association",
            )
        ]
        indexes = [models.Index(fields=["round", "status"], name="survey_response_round")]

    def __str__(self):
        return f"{self.round}: {self.organization or _('anonymous')}"


class Answer(models.Model):
    """One value of a response: a choice (one row per chosen choice), a number (also the
    scale's 1–5), a text or a municipality."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    choice = models.ForeignKey(
        Choice, verbose_name=_("choice"), null=True, blank=True, on_delete=models.CASCADE
    )
    number = models.DecimalField(
        _("number"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    text = models.TextField(_("text"), blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    text_approved = models.BooleanField(_("text approved for the results"), default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "response"], name="survey_answer_question")]

    def __str__(self):
        return f"{self.question.key}: {self.choice or self.number or self.text}"


class QuestionIndicator(models.Model):
    """A question's result declared an indicator of the association programme: the share
    (%) of answers that chose `choice`, or without a choice the mean of a scale or number.
    Each round's value is written, dated the round's close, when the round closes; a
    value that small-group suppression hides is not written."""

    indicator = models.OneToOneField(
        "programme.Indicator",
        verbose_name=_("programme indicator"),
        on_delete=models.CASCADE,
        related_name="survey_question",
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="indicators"
    )
    choice = models.ForeignKey(
        Choice,
        verbose_name=_("share of answers with this choice"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: the mean of a scale or number question."),
    )

    class Meta:
        verbose_name = _("survey question indicator")
        verbose_name_plural = _("survey question indicators")

    def __str__(self):
        return f"{self.question.key} → {self.indicator}"
