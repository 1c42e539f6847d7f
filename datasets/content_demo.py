"""The demo's municipality cards, news and volunteering descriptions, so that a newcomer
trying `make run` sees the service filled in, not empty cards.

Loaded after the demo dataset, whose municipalities, associations and activities it
uses. Every row is found again by a natural key, so loading twice changes nothing.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from activities.models import Activity
from cards.models import Grant, GrantPeriod, MunicipalityCard, Premises
from core.models import PublicationStatus
from municipalities.models import Municipality
from news.models import NewsPost
from organizations.models import Organization

CARDS_LEFT_EMPTY = 4  # a few municipalities without a card show what "no card yet" looks like

STEPS_TAKEN = [
    (
        "<p>{name} nimesi järjestöyhteyshenkilön ja kokoaa järjestöt kahdesti vuodessa "
        "järjestöfoorumiin.</p>",
        "<p>{name} utsåg en kontaktperson för föreningarna och samlar dem till ett forum "
        "två gånger om året.</p>",
        "<p>{name} named a contact person for associations and brings them together in a "
        "forum twice a year.</p>",
    ),
    (
        "<p>Kunnan tilat ovat yhdistysten käytössä maksutta arki-iltaisin. Avustusten haku "
        "on sähköinen.</p>",
        "<p>Kommunens lokaler är avgiftsfria för föreningar på vardagskvällar. Bidragen söks "
        "elektroniskt.</p>",
        "<p>The municipality's premises are free for associations on weekday evenings. "
        "Grants are applied for online.</p>",
    ),
    (
        "<p>Hyvinvointisuunnitelmaan kirjattiin yhteistyö järjestöjen kanssa. Järjestöt "
        "ovat mukana hyvinvointityöryhmässä.</p>",
        "<p>Samarbetet med föreningarna skrevs in i välfärdsplanen. Föreningarna är med i "
        "välfärdsgruppen.</p>",
        "<p>Working with associations is part of the welfare plan. Associations sit in the "
        "welfare working group.</p>",
    ),
]
STEPS_PLANNED = (
    "<p>Seuraavaksi kunta avaa yhteisen tapahtumakalenterin ja kokeilee kumppanuuspöytää.</p>",
    "<p>Härnäst öppnar kommunen en gemensam evenemangskalender och prövar ett "
    "partnerskapsbord.</p>",
    "<p>Next, the municipality opens a shared events calendar and tries a partnership table.</p>",
)

NEWS = [
    (
        "Kuoro hakee uusia laulajia syyskaudelle",
        "Harjoitukset tiistaisin seurakuntatalolla; nuottien lukutaitoa ei tarvita.",
    ),
    (
        "Vapaaehtoisille koulutusilta ensiapuun",
        "Maksuton ilta kaikille vapaaehtoisille: ensiavun perusteet ja kokemusten vaihto.",
    ),
    (
        "Kyläyhdistys kunnosti laavun yhteistalkoilla",
        "Kiitos kaikille talkoisiin osallistuneille! Laavu on taas kaikkien käytössä.",
    ),
    (
        "Omaishoitajien vertaisryhmä aloittaa",
        "Uusi ryhmä kokoontuu kerran kuussa. Kahvitarjoilu ja lastenhoito järjestetty.",
    ),
    (
        "Liikuntaryhmät jatkuvat koko kevään",
        "Tuolijumppa, vesijumppa ja kävelyryhmät jatkuvat entisin ajoin.",
    ),
]

VOLUNTEERING = (
    "Autat ohjaajaa ryhmän kokoontumisissa: vastaanotat osallistujat, keität kahvit ja "
    "juttelet. Perehdytämme sinut tehtävään.",
    "Kiinnostus ihmisiin ja halu auttaa; erityistaitoja ei tarvita.",
    "Noin 2 tuntia viikossa, sovitaan yhdessä. Lyhytkin sitoutuminen on tervetullutta.",
)


def _languages(texts: tuple, field: str, **values) -> dict:
    return {
        f"{field}_{lang}": text.format(**values)
        for lang, text in zip(("fi", "sv", "en"), texts, strict=True)
    }


def _cards(today: dt.date) -> int:
    municipalities = list(Municipality.objects.order_by("code"))
    with_cards = municipalities[: max(len(municipalities) - CARDS_LEFT_EMPTY, 0)]
    for index, municipality in enumerate(with_cards):
        name = str(municipality.name_fi)
        card, _created = MunicipalityCard.objects.update_or_create(
            municipality=municipality,
            defaults={
                **_languages(STEPS_TAKEN[index % len(STEPS_TAKEN)], "steps_taken", name=name),
                **_languages(STEPS_PLANNED, "steps_planned"),
                "verified_at": timezone.now() - dt.timedelta(days=30 * (index % 14)),
            },
        )
        Premises.objects.update_or_create(
            card=card,
            name_fi=f"{name}n nuorisotila" if not name.endswith("n") else f"{name} nuorisotila",
            defaults={"address": "Kirkkotie 1", "capacity": 30 + 10 * (index % 5)},
        )
        grant, _created = Grant.objects.update_or_create(
            card=card,
            name_fi="Yhdistysten toiminta-avustus",
            defaults={
                "purpose_fi": "Paikallisten yhdistysten säännölliseen toimintaan.",
                "amounts": "300–2 000 €",
            },
        )
        deadline = dt.date(today.year + (today.month > 3), 3, 31)
        GrantPeriod.objects.get_or_create(grant=grant, deadline=deadline)
    return len(with_cards)


def _news() -> int:
    organizations = list(Organization.objects.filter(data_source="demo").order_by("pk")[:20])
    if not organizations:
        return 0
    now = timezone.now()
    for index, (title, lead) in enumerate(NEWS):
        organization = organizations[(index * 4) % len(organizations)]
        post, _created = NewsPost.objects.update_or_create(
            public_id=f"demo:news-{index + 1}",
            defaults={
                "data_source": "demo",
                "title_fi": title,
                "lead_fi": lead,
                "body_fi": f"<p>{lead}</p><p>Lisätietoja antaa {organization.name_fi}.</p>",
                "organization": organization,
                "publication_status": PublicationStatus.PUBLISHED,
                "published_at": now - dt.timedelta(days=3 * index + 1),
            },
        )
        post.municipalities.set(organization.municipalities.all()[:2])
    return len(NEWS)


def _volunteering() -> int:
    what, skills, time = VOLUNTEERING
    tasks = Activity.objects.filter(data_source="demo", kind=Activity.Kind.VOLUNTEERING)
    return tasks.filter(skills_wanted_fi="").update(
        description_fi=what, skills_wanted_fi=skills, time_commitment_fi=time
    )


@transaction.atomic
def content_demo_load(today: dt.date | None = None) -> dict[str, int]:
    """Cards for most municipalities, a few news posts and described volunteering tasks."""
    today = today or timezone.localdate()
    return {"cards": _cards(today), "news": _news(), "volunteering": _volunteering()}
