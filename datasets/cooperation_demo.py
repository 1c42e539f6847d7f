"""The demo's cooperation: a regional NGO council and three networks with members, seats
and meetings; consultations from each kind of source; joint statements in drafting,
signed by several associations, and sent with an outcome.

Loaded after the demo dataset, whose associations and municipalities it names. Dates
are relative to `today`, so meetings are upcoming and consultations open. Consultations
come in through the radar's real adapters from feeds built here (no network); every row
is found again by its public id or natural key, so loading twice changes nothing.
"""

import datetime as dt
import json
import tempfile
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from cooperation.models import (
    Body,
    BodyDocument,
    Consultation,
    ConsultationOrigin,
    ConsultationSource,
    DocumentRole,
    Effect,
    Meeting,
    Membership,
    Seat,
    Signature,
    SourceKind,
    Statement,
    StatementComment,
    StatementStatus,
    StatementVersion,
)
from cooperation.radar import source_poll, title_key, url_key
from materials.imports import Entry, documents_import, extract_now
from materials.models import Document, Kind
from municipalities.models import Municipality
from organizations.models import Organization
from taxonomy.models import Topic

BODIES = [
    {
        "id": "demo:body-council",
        "name": {
            "fi": "Pohjois-Savon järjestöneuvosto",
            "sv": "Norra Savolax organisationsråd",
            "en": "North Savo NGO Council",
        },
        "kind": "council",
        "purpose": {
            "fi": "Neuvosto tuo järjestöjen äänen maakunnan ja hyvinvointialueen päätöksentekoon, "
            "valmistelee yhteislausuntoja ja nimeää järjestöjen edustajat toimielimiin.",
            "en": "The council brings the associations' voice to the region's decision-making.",
        },
        "rules": {
            "fi": "Neuvostossa on 12 jäsentä kahden vuoden kaudeksi. Se kokoontuu 5–8 kertaa "
            "vuodessa. Puheenjohtaja ja sihteeri valitaan keskuudesta."
        },
        "topics": [],
        "members": ["org-001", "org-024", "org-036", "org-039", "org-047", "org-055"],
        "seats": [
            ("chair", "Aino Aaltonen", "org-001", "Järjestöjen kevätfoorumi", 0, 540, True),
            ("secretary", "Pekka Heikkinen", "org-001", "Järjestöjen kevätfoorumi", 0, 540, False),
            ("member", "Liisa Korhonen", "org-024", "Järjestöjen kevätfoorumi", 0, 540, False),
            ("member", "Juha Räsänen", "org-039", "Järjestöjen kevätfoorumi", 0, 540, True),
            ("member", "", None, "", None, None, False),
        ],
    },
    {
        "id": "demo:body-older",
        "name": {
            "fi": "Ikäihmisten järjestöverkosto",
            "en": "Network of older people's associations",
        },
        "kind": "network",
        "purpose": {"fi": "Eläkeläis- ja vanhusjärjestöjen yhteistyö ja vanhusneuvostoyhteistyö."},
        "topics": ["ikaihmiset"],
        "members": ["org-024", "org-027", "org-049"],
        "seats": [
            ("chair", "Raili Tiihonen", "org-049", "Verkoston kokous", -200, 60, True),
            ("member", "Esko Hyvönen", "org-027", "Verkoston kokous", -200, 60, False),
        ],
    },
    {
        "id": "demo:body-culture",
        "name": {"fi": "Kulttuurijärjestöjen verkosto", "en": "Network of cultural associations"},
        "kind": "network",
        "purpose": {"fi": "Nuorisoseurojen ja kulttuuriyhdistysten yhteiset hankkeet."},
        "topics": ["kulttuuri", "nuoriso"],
        "members": ["org-007", "org-008", "org-042", "org-048"],
        "seats": [("chair", "Sanna Miettinen", "org-048", "Verkoston kokous", 0, 700, False)],
    },
    {
        "id": "demo:body-villages",
        "name": {"fi": "Kylä- ja asukastoiminnan verkosto", "en": "Village network"},
        "kind": "network",
        "purpose": {"fi": "Kyläyhdistysten verkosto: kylätalot, palvelut ja kuntayhteistyö."},
        "topics": ["kyla-asukas"],
        "members": ["org-004", "org-017", "org-020", "org-047"],
        "seats": [("chair", "Markku Kinnunen", "org-047", "Verkoston kokous", 0, 700, False)],
    },
    {
        "id": "demo:body-kuopio-forum",
        "name": {"fi": "Kuopion järjestöfoorumi", "en": "Kuopio NGO forum"},
        "kind": "municipal_forum",
        "municipality": "297",
        "purpose": {"fi": "Kuopion kaupungin ja järjestöjen yhteinen foorumi."},
        "topics": [],
        "members": ["org-006", "org-039", "org-040", "org-049"],
        "seats": [
            ("member", "Tuula Savolainen", "org-040", "Järjestöneuvosto", 0, 45, False),
            ("deputy", "", None, "", None, None, False),
        ],
    },
]


def _translated(name: str, value: dict) -> dict:
    return {f"{name}_{lang}": value.get(lang, "") for lang in ("fi", "sv", "en")}


def _bodies(today: dt.date, orgs: dict) -> dict[str, Body]:
    bodies = {}
    for row in BODIES:
        municipality = Municipality.objects.filter(code=row.get("municipality")).first()
        body, _created = Body.objects.update_or_create(
            public_id=row["id"],
            defaults={
                "data_source": "demo",
                "kind": row["kind"],
                "municipality": municipality,
                **_translated("name", row["name"]),
                **_translated("purpose", row["purpose"]),
                **_translated("rules", row.get("rules", {})),
            },
        )
        body.topics.set(Topic.objects.filter(slug__in=row["topics"]))
        body.memberships.all().delete()
        Membership.objects.bulk_create(
            Membership(body=body, kind="association", organization=orgs[o])
            for o in row["members"]
            if o in orgs
        )
        body.seats.all().delete()
        Seat.objects.bulk_create(
            Seat(
                body=body,
                role=role,
                person_name=person,
                organization=orgs.get(org) if org else None,
                nominated_by=nominated,
                term_start=today + dt.timedelta(days=start) if start is not None else None,
                term_end=today + dt.timedelta(days=end) if end is not None else None,
                email=f"{person.split()[0].lower()}@example.org" if person and consent else "",
                contact_consent=consent,
            )
            for role, person, org, nominated, start, end, consent in row["seats"]
        )
        bodies[row["id"]] = body
    return bodies


def _meetings(today: dt.date, bodies: dict) -> None:
    now = timezone.localtime().replace(hour=17, minute=0, second=0, microsecond=0)
    rows = [
        ("demo:meeting-1", "demo:body-council", -40, "Syyskokous", "Järjestötalo, Kuopio", ""),
        (
            "demo:meeting-2",
            "demo:body-council",
            21,
            "Talvikokous",
            "",
            "https://meet.example.org/neuvosto",
        ),
        ("demo:meeting-3", "demo:body-older", 10, "Verkostotapaaminen", "Kuopion pääkirjasto", ""),
        (
            "demo:meeting-4",
            "demo:body-culture",
            30,
            "Kevään suunnittelu",
            "Lapinlahden nuorisoseurantalo",
            "",
        ),
        ("demo:meeting-5", "demo:body-villages", -14, "Kylätalopäivä", "Varkauden kylätalo", ""),
    ]
    for public_id, body_id, days, title, place, online in rows:
        past = days < 0
        Meeting.objects.update_or_create(
            public_id=public_id,
            defaults={
                "data_source": "demo",
                "body": bodies[body_id],
                "title_fi": title,
                "starts_at": now + dt.timedelta(days=days),
                "ends_at": now + dt.timedelta(days=days, hours=2),
                "place": place,
                "online_url": online,
                "agenda_fi": "1. Kokouksen avaus\n2. Ajankohtaiset lausuntopyynnöt\n3. Muut asiat",
                "minutes": "Kokous avattiin klo 17. Käsiteltiin lausuntopyynnöt." if past else "",
                "decisions_fi": "Päätettiin valmistella yhteislausunto." if past else "",
            },
        )


MINUTES_ID = "demo:material-minutes-council"
MINUTES = [
    (
        "1. Kokouksen avaus",
        ["Puheenjohtaja Aino Aaltonen avasi kokouksen klo 17.00. Läsnä oli kahdeksan jäsentä."],
    ),
    (
        "2. Ajankohtaiset lausuntopyynnöt",
        [
            "Käytiin läpi lausuntoradarin avoimet pyynnöt. Hyvinvointialueen palvelustrategian "
            "luonnoksesta päätettiin valmistella järjestöjen yhteislausunto.",
        ],
    ),
    ("3. Muut asiat", ["Seuraava kokous pidetään etäyhteydellä."]),
]


def _meeting_minutes() -> None:
    """The council's past meeting gets its minutes as a PDF in the materials library."""
    from .materials_demo import _pdf

    document = Document.objects.filter(public_id=MINUTES_ID).first()
    if document is None:
        with tempfile.TemporaryDirectory(prefix="sakke-demo-minutes-") as folder:
            path = Path(folder) / "neuvosto-poytakirja.pdf"
            title = "Pohjois-Savon järjestöneuvosto: syyskokouksen pöytäkirja"
            path.write_bytes(_pdf(title, MINUTES))
            [document] = documents_import(
                [
                    Entry(
                        path=path,
                        title=title,
                        kind=Kind.MINUTES,
                        year=timezone.localdate().year,
                        description="Järjestöneuvoston syyskokouksen pöytäkirja.",
                        public_id=MINUTES_ID,
                    )
                ]
            )
        extract_now([document])
    meeting = Meeting.objects.get(public_id="demo:meeting-1")
    BodyDocument.objects.get_or_create(
        body=meeting.body,
        meeting=meeting,
        document=document,
        defaults={"role": DocumentRole.MINUTES},
    )


def _odata_feed(today: dt.date) -> bytes:
    def day(n):
        return (today + dt.timedelta(days=n)).isoformat()

    records = [
        (
            "demo-lp-1",
            "Lausuntopyyntö Pohjois-Savon hyvinvointialueen palvelustrategiasta",
            "Hyvinvointialue pyytää järjestöiltä lausuntoa ikäihmisten ja omaishoitajien "
            "palveluista.",
            "Pohjois-Savon hyvinvointialue",
            30,
        ),
        (
            "demo-lp-2",
            "Luonnos hallituksen esitykseksi liikuntalain muuttamisesta",
            "Esitys koskee liikuntajärjestöjen avustuksia ja liikuntapaikkoja.",
            "Opetus- ja kulttuuriministeriö",
            6,
        ),
        (
            "demo-lp-3",
            "Kansallinen vapaaehtoistoiminnan strategia",
            "Lausuntoa pyydetään järjestöiltä ja vapaaehtoistoiminnan toimijoilta.",
            "Oikeusministeriö",
            45,
        ),
    ]
    value = [
        {
            "Id": i,
            "Title": t,
            "Abstract": a,
            "OrganizationName": o,
            "PublishedOn": day(-5),
            "Deadline": day(d),
        }
        for i, t, a, o, d in records
    ]
    return json.dumps({"value": value}, ensure_ascii=False).encode()


def _rss_feed(today: dt.date) -> bytes:
    deadline = (today + dt.timedelta(days=20)).strftime("%-d.%-m.%Y")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Kuopion kaupunki: kuulutukset</title>
<item><title>Kuuleminen: Kuopion kirjastopalveluiden verkkoselvitys</title>
<link>https://www.kuopio.fi/demo/kirjastoselvitys</link>
<description>Mielipiteet viimeistään {deadline}.
Selvitys koskee lähikirjastoja ja kulttuuria.</description>
</item>
<item><title>Lausuntopyyntö Pohjois-Savon hyvinvointialueen palvelustrategiasta</title>
<link>https://www.kuopio.fi/demo/palvelustrategia</link>
<description>Kaupunki välittää hyvinvointialueen lausuntopyynnön.</description>
</item></channel></rss>""".encode()


def _consultations(today: dt.date) -> dict[str, Consultation]:
    kuopio = Municipality.objects.filter(code="297").first()
    national, _c = ConsultationSource.objects.update_or_create(
        name="Lausuntopalvelu.fi (demo)",
        defaults={
            "kind": SourceKind.ODATA,
            "is_active": False,
            "url": "https://www.lausuntopalvelu.fi/api/v1/Lausuntopalvelu.svc/Proposals",
        },
    )
    city, _c = ConsultationSource.objects.update_or_create(
        name="Kuopion kaupunki, kuulutukset (demo)",
        defaults={
            "kind": SourceKind.FEED,
            "is_active": False,
            "municipality": kuopio,
            "url": "https://www.kuopio.fi/demo/kuulutukset.rss",
        },
    )
    # Demo sources are inactive, so `make run` never polls the real services with them.
    source_poll(national, fetch=lambda url: _odata_feed(today))
    source_poll(city, fetch=lambda url: _rss_feed(today))
    manual, _c = ConsultationSource.objects.get_or_create(
        kind=SourceKind.MANUAL, defaults={"name": "Manual entry"}
    )
    title = "Pohjois-Savon järjestöavustusten uudistus"
    url = "https://www.example.org/demo/avustukset"
    consultation, _c = Consultation.objects.update_or_create(
        public_id="demo:consultation-manual",
        defaults={
            "data_source": "demo",
            "title_fi": title,
            "summary_fi": "Pohjois-Savon liitto kerää järjestöjen näkemyksiä avustuksista.",
            "organiser": "Pohjois-Savon liitto",
            "url": url,
            "url_key": url_key(url),
            "title_key": title_key(title),
            "deadline": today + dt.timedelta(days=14),
            "tags_confirmed": True,
        },
    )
    consultation.topics.set(Topic.objects.filter(slug="vapaaehtoistoiminta"))
    ConsultationOrigin.objects.get_or_create(
        source=manual, external_id=consultation.public_id, defaults={"consultation": consultation}
    )
    return {c.title_key: c for c in Consultation.objects.all()}


def _statement(public_id, consultation, body, title, versions, status, today):
    statement, _c = Statement.objects.update_or_create(
        public_id=public_id,
        defaults={
            "data_source": "demo",
            "consultation": consultation,
            "body": body,
            "title_fi": title,
            "status": status,
        },
    )
    for number, text in enumerate(versions, start=1):
        StatementVersion.objects.update_or_create(
            statement=statement, number=number, defaults={"text": text}
        )
    return statement


def _statements(today: dt.date, bodies: dict, consultations: dict, orgs: dict) -> None:
    by_title = {c.title_fi: c for c in consultations.values()}
    council = bodies["demo:body-council"]
    drafting = _statement(
        "demo:statement-drafting",
        by_title["Kansallinen vapaaehtoistoiminnan strategia"],
        council,
        "Pohjois-Savon järjestöjen yhteislausunto vapaaehtoistoiminnan strategiasta",
        [
            "Järjestöt pitävät strategiaa tervetulleena.\nVapaaehtoistoiminnan tukirakenteet "
            "on turvattava.",
            "Järjestöt pitävät strategiaa tervetulleena.\nVapaaehtoistoiminnan tukirakenteet "
            "on turvattava myös maakunnissa.\nKoordinaatioon tarvitaan pysyvä rahoitus.",
        ],
        StatementStatus.DRAFT,
        today,
    )
    first = drafting.versions.get(number=1)
    for org_id, text in (
        ("org-024", "Lisätkää maininta ikäihmisten vapaaehtoistoiminnasta."),
        ("org-036", "Rahoituksen pysyvyys on tärkein asia."),
    ):
        StatementComment.objects.get_or_create(
            statement=drafting, version=first, organization=orgs[org_id], text=text
        )
    signing = _statement(
        "demo:statement-signing",
        by_title["Lausuntopyyntö Pohjois-Savon hyvinvointialueen palvelustrategiasta"],
        bodies["demo:body-older"],
        "Ikäihmisten järjestöjen yhteislausunto palvelustrategiasta",
        [
            "Järjestöt esittävät, että ikäihmisten kotiin annettavia palveluja vahvistetaan "
            "ja järjestöjen kanssa tehdään sopimukset vertaistuesta."
        ],
        StatementStatus.SIGNING,
        today,
    )
    sent = _statement(
        "demo:statement-sent",
        by_title["Luonnos hallituksen esitykseksi liikuntalain muuttamisesta"],
        council,
        "Järjestöjen yhteislausunto liikuntalain muutoksesta",
        ["Liikuntajärjestöjen avustusten tulee jatkossakin kattaa seurojen perustoiminta."],
        StatementStatus.SENT,
        today,
    )
    for statement, org_ids in (
        (signing, ["org-024", "org-027", "org-049", "org-055"]),
        (sent, ["org-009", "org-039", "org-001"]),
    ):
        for org_id in org_ids:
            if org_id in orgs:
                Signature.objects.get_or_create(
                    statement=statement, organization=orgs[org_id], withdrawn_at=None
                )
    Statement.objects.filter(pk=sent.pk).update(
        sent_at=timezone.now() - dt.timedelta(days=2),
        outcome_decision="Hallituksen esitykseen lisättiin seurojen perustoiminnan avustukset.",
        outcome_url="https://www.example.org/demo/paatos",
        effect=Effect.TAKEN,
        effect_note="Järjestöjen ehdotus kirjattiin esityksen perusteluihin.",
        outcome_recorded_at=timezone.now(),
    )


@transaction.atomic
def cooperation_demo_load(*, today: dt.date | None = None) -> int:
    """Load the demo's bodies, meetings, consultations and statements; how many bodies."""
    today = today or timezone.localdate()
    orgs = {
        o.public_id.split(":", 1)[1]: o
        for o in Organization.objects.filter(public_id__startswith="demo:org-")
    }
    bodies = _bodies(today, orgs)
    _meetings(today, bodies)
    _meeting_minutes()
    consultations = _consultations(today)
    _statements(today, bodies, consultations, orgs)
    return len(bodies)
