"""What the browser tests share: Debian's Chromium, axe-core, page URLs and a small region.

The pytest fixtures built on these (`browser`, `open_page`, `page`, `north_savo`) are
in the repository's conftest.py.
"""

import datetime as dt
import os
import re
from types import SimpleNamespace

from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone, translation

from activities.models import Activity
from activities.tests.factories import ActivityFactory, WeeklySlotFactory
from events.models import Event
from events.tests.factories import EventFactory
from municipalities.tests.factories import MunicipalityFactory
from organizations.models import Contact
from organizations.tests.factories import OrganizationFactory
from places.tests.factories import PlaceFactory
from taxonomy.tests.factories import AudienceFactory, LanguageFactory, TopicFactory

# Debian's package; Playwright's own browser downloads are not available here or in CI.
CHROMIUM = os.environ.get("SAKKE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LANGUAGES = ["fi", "sv", "en"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# Anything but the live server: map tiles, CDNs. Tests never depend on the internet.
EXTERNAL_URL = re.compile(r"^(?!https?://(localhost|127\.0\.0\.1)[:/])")

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
_axe = Axe()


def missing_browser_reason() -> str | None:
    if os.access(CHROMIUM, os.X_OK):
        return None
    return f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set SAKKE_CHROMIUM)"


def localized_path(url_name: str, lang: str, **kwargs) -> str:
    """The path of a page in one language, e.g. ("events:list", "sv") -> /sv/evenemang/."""
    with translation.override(lang):
        return reverse(url_name, kwargs=kwargs or None)


def click_and_wait_for_the_next_page(page, target) -> None:
    """Click a button or link that loads a new page, and return once that page has loaded.

    Playwright's `click` can return while the old page is still shown or the new one is
    half parsed; a check made right after it (`count()`, `is_visible()`) does not retry,
    so it saw the old page now and then (one CI run failed so).
    """
    with page.expect_navigation(wait_until="load"):
        target.click()


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is now, checking WCAG 2.1 levels A and AA."""
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    return _axe.run(page, options=options).response["violations"]


def describe_violations(violations: list[dict], url: str) -> str:
    """One line per rule and one per failing element, so a failure says what to fix where."""
    lines = [f"{len(violations)} accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" [{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            selector = " ".join(str(part) for part in node["target"])
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {selector}: {summary}")
    return "\n".join(lines)


def _local(days: int, hour: int, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def create_north_savo() -> SimpleNamespace:
    """A few municipalities of North Savo with associations, places, events and activities.

    Names, codes and vocabularies are the real ones of the region's reference data.
    """
    data = SimpleNamespace()
    data.kuopio = MunicipalityFactory(code="297", name_fi="Kuopio", name_sv="Kuopio", slug="kuopio")
    data.iisalmi = MunicipalityFactory(
        code="140", name_fi="Iisalmi", name_sv="Idensalmi", slug="iisalmi"
    )
    data.varkaus = MunicipalityFactory(
        code="915", name_fi="Varkaus", name_sv="Varkaus", slug="varkaus"
    )
    data.siilinjarvi = MunicipalityFactory(
        code="749", name_fi="Siilinjärvi", name_sv="Siilinjärvi", slug="siilinjarvi"
    )

    sports = TopicFactory(
        slug="liikunta",
        name_fi="Liikunta ja urheilu",
        name_sv="Motion och idrott",
        name_en="Sports and exercise",
        yso="yso:p916",
    )
    culture = TopicFactory(
        slug="kulttuuri",
        name_fi="Kulttuuri ja taide",
        name_sv="Kultur och konst",
        name_en="Culture and arts",
    )
    welfare = TopicFactory(
        slug="sosiaali-terveys",
        name_fi="Sosiaali- ja terveysala",
        name_sv="Social- och hälsovård",
        name_en="Social welfare and health",
    )
    seniors = AudienceFactory(
        slug="seniorit", name_fi="Ikäihmiset", name_sv="Äldre", name_en="Older people"
    )
    families = AudienceFactory(
        slug="lapsiperheet",
        name_fi="Lapsiperheet",
        name_sv="Barnfamiljer",
        name_en="Families with children",
    )
    signers = AudienceFactory(
        slug="viittomakieliset",
        name_fi="Kuurot ja viittomakieliset",
        name_sv="Döva och teckenspråkiga",
        name_en="Deaf and sign language users",
    )
    carers = AudienceFactory(
        slug="omaishoitajat",
        name_fi="Omaishoitajat",
        name_sv="Närståendevårdare",
        name_en="Family carers",
    )
    finnish = LanguageFactory(code="fi", name_fi="suomi", name_sv="finska", name_en="Finnish")
    sign_language = LanguageFactory(
        code="fse",
        name_fi="suomalainen viittomakieli",
        name_sv="finskt teckenspråk",
        name_en="Finnish Sign Language",
    )

    data.pensioners = OrganizationFactory(
        name_fi="Kuopion Seudun Eläkeläiset ry",
        business_id="0123456-2",
        description_fi="Liikuntaa, retkiä ja vertaistukea ikäihmisille Kuopiossa.",
        municipalities=[data.kuopio, data.siilinjarvi],
        topics=[welfare, sports],
        audiences=[seniors, carers],
        phone="+358 40 123 4567",
        website="https://example.org/elakelaiset",
        street_address="Suokatu 42",
        postal_code="70100",
        address_municipality=data.kuopio,
        founded=1987,
    )
    Contact.objects.create(
        organization=data.pensioners,
        consent=True,
        name="Maija Virtanen",
        role_fi="puheenjohtaja",
        role_sv="ordförande",
        role_en="chair",
        email="maija.virtanen@example.org",
    )
    data.deaf_association = OrganizationFactory(
        name_fi="Pohjois-Savon Kuurojen Yhdistys ry",
        description_fi="Viittomakielisten kohtaamispaikka Kuopiossa ja Varkaudessa.",
        municipalities=[data.kuopio, data.varkaus],
        topics=[welfare],
        audiences=[signers],
        founded=1921,
    )
    data.culture_society = OrganizationFactory(
        name_fi="Iisalmen Kulttuuriyhdistys ry",
        description_fi="Konsertteja, runoiltoja ja näyttelyitä Iisalmessa.",
        municipalities=[data.iisalmi],
        topics=[culture],
        audiences=[families],
    )
    data.gymnasts = OrganizationFactory(
        name_fi="Varkauden Voimistelijat ry",
        description_fi="Perheliikuntaa ja voimistelua kaikenikäisille.",
        municipalities=[data.varkaus],
        topics=[sports],
        audiences=[families],
    )

    town_hall = PlaceFactory(
        name_fi="Kuopion kaupungintalo",
        street_address_fi="Suokatu 42",
        postal_code="70100",
        municipality=data.kuopio,
        latitude=62.8924,
        longitude=27.6783,
        accessibility_notes_fi="Esteetön sisäänkäynti Suokadun puolelta, induktiosilmukka.",
    )
    culture_centre = PlaceFactory(
        name_fi="Iisalmen kulttuurikeskus",
        street_address_fi="Kirkkopuistonkatu 9",
        postal_code="74100",
        municipality=data.iisalmi,
        latitude=63.5592,
        longitude=27.1907,
    )
    sports_hall = PlaceFactory(
        name_fi="Varkauden urheilutalo",
        street_address_fi="Kauppakatu 4",
        postal_code="78200",
        municipality=data.varkaus,
        latitude=62.3155,
        longitude=27.8730,
    )
    library = PlaceFactory(
        name_fi="Siilinjärven kirjasto",
        street_address_fi="Kasurilantie 1",
        postal_code="71800",
        municipality=data.siilinjarvi,
        latitude=63.0746,
        longitude=27.6586,
    )

    data.chair_exercise = EventFactory(
        name_fi="Tuolijumppa",
        name_sv="Stolgymnastik",
        name_en="Chair exercise",
        short_description_fi="Rauhallista jumppaa tuolilla istuen.",
        short_description_sv="Lugn gymnastik sittande på en stol.",
        short_description_en="Gentle exercise sitting on a chair.",
        start_time=_local(2, 10),
        end_time=_local(2, 11),
        location=town_hall,
        organizers=[data.pensioners],
        topics=[sports],
        audiences=[seniors],
        in_language=[finnish],
        accessibility=["wheelchair", "induction_loop"],
    )
    data.sign_language_cafe = EventFactory(
        name_fi="Viittomakielinen kahvila",
        name_sv="Teckenspråkigt kafé",
        name_en="Sign language café",
        start_time=_local(5, 14),
        end_time=_local(5, 16),
        location=town_hall,
        organizers=[data.deaf_association],
        topics=[welfare],
        audiences=[signers],
        in_language=[sign_language],
        accessibility=["sign_language", "wheelchair"],
    )
    data.family_evening = EventFactory(
        name_fi="Perheliikuntailta",
        name_sv="Familjemotion",
        name_en="Family exercise evening",
        start_time=_local(4, 17, 30),
        end_time=_local(4, 19),
        location=sports_hall,
        organizers=[data.gymnasts],
        topics=[sports],
        audiences=[families],
        in_language=[finnish],
    )
    data.poetry_evening = EventFactory(
        name_fi="Runoilta",
        name_sv="Poesikväll",
        name_en="Poetry evening",
        start_time=_local(6, 18),
        end_time=_local(6, 20),
        location=culture_centre,
        organizers=[data.culture_society],
        topics=[culture],
        in_language=[finnish],
    )
    data.cancelled_concert = EventFactory(
        name_fi="Kevätkonsertti",
        name_sv="Vårkonsert",
        name_en="Spring concert",
        start_time=_local(9, 18),
        end_time=_local(9, 20),
        location=culture_centre,
        organizers=[data.culture_society],
        topics=[culture],
        audiences=[families],
        in_language=[finnish],
        is_free=False,
        price_fi="10 €",
        event_status=Event.Status.CANCELLED,
    )

    data.senior_dance = ActivityFactory(
        name_fi="Senioritanssi",
        name_sv="Seniordans",
        name_en="Dance for seniors",
        description_fi="Lavatansseja ja rivitanssia, ei tarvitse omaa paria.",
        kind=Activity.Kind.HOBBY,
        participation=["on_site"],
        organizer=data.pensioners,
        location=town_hall,
        municipalities=[data.kuopio],
        topics=[sports],
        accessibility=["wheelchair"],
    )
    data.senior_dance.audiences.set([seniors])
    data.senior_dance.in_language.set([finnish])
    WeeklySlotFactory(activity=data.senior_dance, weekday=2, start=dt.time(10), end=dt.time(11, 30))
    WeeklySlotFactory(activity=data.senior_dance, weekday=4, start=dt.time(10), end=dt.time(11, 30))
    data.carers_group = ActivityFactory(
        name_fi="Omaishoitajien vertaisryhmä",
        name_sv="Kamratgrupp för närståendevårdare",
        name_en="Peer group for family carers",
        kind=Activity.Kind.SUPPORT,
        participation=["on_site", "online"],
        organizer=data.pensioners,
        location=library,
        municipalities=[data.siilinjarvi, data.kuopio],
        topics=[welfare],
    )
    data.carers_group.audiences.set([carers])
    WeeklySlotFactory(activity=data.carers_group, weekday=1, start=dt.time(18), end=dt.time(19, 30))
    data.shopping_help = ActivityFactory(
        name_fi="Kauppa-apu vapaaehtoisena",
        kind=Activity.Kind.VOLUNTEERING,
        participation=["phone"],
        organizer=data.gymnasts,
        location=None,
        municipalities=[data.varkaus],
        topics=[welfare],
        contact_phone="+358 44 765 4321",
    )
    WeeklySlotFactory(activity=data.shopping_help, weekday=3, start=dt.time(9), end=dt.time(12))
    return data
