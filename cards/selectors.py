"""Reads of municipality cards: one card, the list, the comparison and the grant calendar."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from municipalities.models import Municipality

from .models import CardContact, Grant, GrantPeriod, MunicipalityCard, Practice, PracticeAnswer

#: A card nobody has confirmed for this long is stale.
STALE_AFTER = dt.timedelta(days=365)


def card_queryset() -> QuerySet:
    """Cards with everything a card page, the API or the PDF shows."""
    return MunicipalityCard.objects.select_related("municipality", "verified_by").prefetch_related(
        Prefetch("contacts", queryset=CardContact.objects.order_by("pk")),
        "premises",
        Prefetch("grants", queryset=Grant.objects.prefetch_related("periods")),
        Prefetch("answers", queryset=PracticeAnswer.objects.select_related("practice")),
    )


def card_for(municipality: Municipality) -> MunicipalityCard:
    """The municipality's card, or an unsaved empty one if nobody has filled it in yet."""
    card = card_queryset().filter(municipality=municipality).first()
    return card or MunicipalityCard(municipality=municipality)


def card_is_empty(card: MunicipalityCard) -> bool:
    if card.pk is None:
        return True
    texts = [card.steps_taken, card.steps_planned]
    rows = [card.contacts.all(), card.premises.all(), card.grants.all(), card.answers.all()]
    return not any(texts) and not any(rows)


def public_contacts(card: MunicipalityCard) -> list[CardContact]:
    """The contact persons who agreed to be shown."""
    if card.pk is None:
        return []
    return [contact for contact in card.contacts.all() if contact.consent]


def contacts_consented_by(user) -> list[CardContact]:
    """The card contact rows with the person's address whose consent is in force."""
    return list(
        CardContact.objects.filter(email__iexact=user.email, consent=True)
        .select_related("card__municipality")
        .order_by("pk")
    )


@dataclass
class ChecklistRow:
    practice: Practice
    answer: PracticeAnswer | None


def card_checklist(card: MunicipalityCard) -> list[ChecklistRow]:
    """Every practice of the checklist with the card's answer (None where unanswered)."""
    answers = {a.practice_id: a for a in card.answers.all()} if card.pk else {}
    return [ChecklistRow(p, answers.get(p.pk)) for p in Practice.objects.all()]


def municipality_cards() -> list[tuple[Municipality, MunicipalityCard | None]]:
    """Every municipality with its card (None where there is none yet), by name."""
    cards = {
        card.municipality_id: card
        for card in MunicipalityCard.objects.select_related("verified_by")
    }
    return [(m, cards.get(m.pk)) for m in Municipality.objects.order_by("name")]


def all_cards() -> list[MunicipalityCard]:
    """A card for every municipality by name, unsaved empty ones where none exists yet."""
    cards = {card.municipality_id: card for card in card_queryset()}
    return [
        cards.get(m.pk) or MunicipalityCard(municipality=m)
        for m in Municipality.objects.order_by("name")
    ]


def is_stale(card: MunicipalityCard | None, *, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    return card is None or card.verified_at is None or card.verified_at < now - STALE_AFTER


def stale_cards(*, now: dt.datetime | None = None):
    """Municipalities whose card is missing or not verified in 12 months, the oldest first."""
    now = now or timezone.now()
    editors = {}
    for municipality in Municipality.objects.prefetch_related("editor_roles"):
        editors[municipality.pk] = len(municipality.editor_roles.all())
    rows = [
        (municipality, card, editors.get(municipality.pk, 0))
        for municipality, card in municipality_cards()
        if is_stale(card, now=now)
    ]
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    rows.sort(key=lambda row: (row[1] and row[1].verified_at) or oldest)
    return rows


@dataclass
class PracticeTotal:
    practice: Practice
    answers: dict = field(default_factory=dict)  # municipality pk -> PracticeAnswer
    yes: int = 0
    in_progress: int = 0
    no: int = 0
    municipality_count: int = 0

    @property
    def yes_percent(self) -> int:
        if not self.municipality_count:
            return 0
        return round(100 * self.yes / self.municipality_count)

    @property
    def in_progress_percent(self) -> int:
        if not self.municipality_count:
            return 0
        return round(100 * self.in_progress / self.municipality_count)


def practice_comparison(
    *, practices: QuerySet | None = None, municipalities: QuerySet | None = None
) -> tuple[list[Municipality], list[PracticeTotal]]:
    """The matrix of practices × municipalities and the region's totals per practice.

    Percentages are of the municipalities compared, with or without an answer.
    """
    practices = practices if practices is not None else Practice.objects.all()
    municipalities = list(
        municipalities if municipalities is not None else Municipality.objects.order_by("name")
    )
    answers = PracticeAnswer.objects.filter(
        card__municipality__in=municipalities, practice__in=practices
    ).select_related("card")
    totals = {p.pk: PracticeTotal(p, municipality_count=len(municipalities)) for p in practices}
    for answer in answers:
        total = totals[answer.practice_id]
        total.answers[answer.card.municipality_id] = answer
        if answer.status == PracticeAnswer.Status.YES:
            total.yes += 1
        elif answer.status == PracticeAnswer.Status.IN_PROGRESS:
            total.in_progress += 1
        else:
            total.no += 1
    return municipalities, list(totals.values())


def upcoming_deadlines(
    *, today: dt.date | None = None, municipalities=None, until: dt.date | None = None
) -> QuerySet:
    """Application periods whose deadline is today or later, the soonest first."""
    today = today or timezone.localdate()
    periods = GrantPeriod.objects.filter(deadline__gte=today).select_related(
        "grant", "grant__card", "grant__card__municipality"
    )
    if municipalities:
        periods = periods.filter(grant__card__municipality__in=municipalities)
    if until is not None:
        periods = periods.filter(deadline__lte=until)
    return periods.order_by("deadline", "deadline_time", "grant__name", "pk")
