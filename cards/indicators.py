"""The municipality cards as an indicator of the association programme.

Registered from CardsConfig.ready() (the programme sits below this app and only knows the
registry): how many municipalities' cards name an NGO contact person who has agreed to be
shown, premises free for associations and at least one grant deadline.
"""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from programme.indicators import register_indicator_source

from .models import CardContact, GrantPeriod, MunicipalityCard, Premises


def complete_cards_queryset():
    """The cards that name a public contact person, free premises and a grant deadline."""
    return MunicipalityCard.objects.filter(
        Exists(CardContact.objects.filter(card=OuterRef("pk"), consent=True)),
        Exists(Premises.objects.filter(card=OuterRef("pk"), price=Premises.Price.FREE)),
        Exists(GrantPeriod.objects.filter(grant__card=OuterRef("pk"))),
    )


def complete_cards(programme, today) -> dict[int | None, int]:
    """1 for each municipality whose card is complete, 0 for the others; the region's count."""
    complete = set(complete_cards_queryset().values_list("municipality_id", flat=True))
    counts = {
        municipality_id: int(municipality_id in complete)
        for municipality_id in MunicipalityCard.objects.values_list("municipality_id", flat=True)
    }
    counts[None] = len(complete)
    return counts


def register_indicator_sources() -> None:
    register_indicator_source(
        "cards.complete",
        _("Municipalities whose card names a contact person, free premises and grant deadlines"),
        complete_cards,
        description=_(
            "Municipality cards with an NGO contact person shown with consent, premises free "
            "for associations and at least one grant application deadline."
        ),
    )
