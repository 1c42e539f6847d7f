"""Write pohjois-savo-demo.json, Sakke's own invented demo content (data source "demo").

Deterministic: a fixed seed and base date, so running it again gives the same file.
    .venv/bin/python datasets/demo/build_demo.py
`manage.py load_demo` moves the events forward to start in the current week.
"""

import datetime as dt
import json
import random
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from organizations.ytunnus import ytunnus_check_digit  # noqa: E402

SEED = 20270104
BASE_DATE = dt.date(2027, 1, 4)  # a Monday
WEEKS = 10
HELSINKI = ZoneInfo("Europe/Helsinki")
OUT = Path(__file__).with_name("pohjois-savo-demo.json")
REFERENCE = ROOT / "municipalities" / "reference"

# code: (name, genitive, postal code, centre lat, lon)
TOWNS = {
    "140": ("Iisalmi", "Iisalmen", "74100", 63.5586, 27.1907),
    "171": ("Joroinen", "Joroisten", "79600", 62.1797, 27.8272),
    "204": ("Kaavi", "Kaavin", "73600", 62.9750, 28.4833),
    "239": ("Keitele", "Keiteleen", "72600", 63.1790, 26.3500),
    "263": ("Kiuruvesi", "Kiuruveden", "74700", 63.6525, 26.6186),
    "297": ("Kuopio", "Kuopion", "70100", 62.8925, 27.6782),
    "402": ("Lapinlahti", "Lapinlahden", "73100", 63.3667, 27.3897),
    "420": ("Leppävirta", "Leppävirran", "79100", 62.4911, 27.7875),
    "595": ("Pielavesi", "Pielaveden", "72400", 63.2333, 26.7583),
    "686": ("Rautalampi", "Rautalammin", "77700", 62.6250, 26.8333),
    "687": ("Rautavaara", "Rautavaaran", "73900", 63.4931, 28.2992),
    "749": ("Siilinjärvi", "Siilinjärven", "71800", 63.0750, 27.6600),
    "762": ("Sonkajärvi", "Sonkajärven", "74300", 63.6700, 27.5200),
    "778": ("Suonenjoki", "Suonenjoen", "77600", 62.6250, 27.1222),
    "844": ("Tervo", "Tervon", "72210", 62.9550, 26.7550),
    "857": ("Tuusniemi", "Tuusniemen", "73200", 62.8100, 28.4917),
    "915": ("Varkaus", "Varkauden", "78200", 62.3153, 27.8733),
    "921": ("Vesanto", "Vesannon", "72300", 62.9300, 26.4150),
    "925": ("Vieremä", "Vieremän", "74200", 63.7439, 27.0044),
}
BIG_TOWNS = ["297", "297", "297", "140", "915", "749", "778", "420"]

# Association types: name pattern, topics, audiences, English name pattern.
ORG_TYPES = [
    ("{g} Eläkeläiset ry", ["ikaihmiset"], ["seniorit"], "{n} Pensioners"),
    ("{g} Martat ry", ["koulutus", "vapaaehtoistoiminta"], ["aikuiset"], "{n} Martha Association"),
    ("{g} Urheiluseura ry", ["liikunta"], ["lapset", "nuoret"], "{n} Sports Club"),
    ("{g} Kyläyhdistys ry", ["kyla-asukas"], ["aikuiset", "lapsiperheet"], None),
    ("{g} Omaishoitajat ry", ["sosiaali-terveys"], ["omaishoitajat"], "{n} Family Carers"),
    ("{g} Mielenterveysseura ry", ["mielenterveys-paihde"], ["aikuiset"], None),
    ("{g} Nuorisoseura ry", ["nuoriso", "kulttuuri"], ["nuoret"], "{n} Youth Society"),
    ("{g} Riistanhoitoyhdistys", ["metsastys-kalastus"], ["aikuiset"], None),
    ("{g} Kuurojen yhdistys ry", ["potilas-vammais"], ["viittomakieliset"], "{n} Deaf Club"),
    ("{g} Luonnonsuojeluyhdistys ry", ["ymparisto"], ["aikuiset"], None),
    ("{g} MLL:n paikallisyhdistys", ["lapsiperheet"], ["lapsiperheet", "lapset"], None),
    ("{g} Monikulttuurinen yhdistys ry", ["kansainvalisyys"], ["maahanmuuttajat"], None),
]
PLACE_TYPES = [
    ("{g} kirjasto", "Kirjastokatu {n}", "{n} bibliotek"),
    ("{g} seurakuntatalo", "Kirkkotie {n}", None),
    ("{g} liikuntahalli", "Urheilutie {n}", None),
    ("{g} nuorisotalo", "Koulutie {n}", None),
    ("{g} kylätalo", "Kyläntie {n}", None),
]
EVENT_TYPES = {
    "ikaihmiset": ["Tuolijumppa", "Muistikahvila", "Tanssiaiset ikäihmisille", "Laulupiiri"],
    "koulutus": ["Leivontakurssi", "Sienikurssi", "Kotitalousneuvonnan ilta"],
    "liikunta": ["Hiihtokilpailut lapsille", "Salibandyturnaus", "Perheliikuntapäivä"],
    "kyla-asukas": ["Kyläillan talkoot", "Pilkkikilpailut", "Kyläjuhla"],
    "sosiaali-terveys": ["Omaishoitajien virkistyspäivä", "Luento jaksamisesta"],
    "mielenterveys-paihde": ["Mielen hyvinvoinnin ilta", "Vertaistuen avoin ilta"],
    "nuoriso": ["Nuorten disko", "Bändi-ilta", "Nuorten pelilauantai"],
    "kulttuuri": ["Harrastajateatterin ensi-ilta", "Runoilta", "Kuorokonsertti"],
    "metsastys-kalastus": ["Ampumaharjoitus", "Kalastuskurssi"],
    "potilas-vammais": ["Viittomakielinen kahvila", "Kuurojen kerhoilta"],
    "ymparisto": ["Linturetki", "Luontoilta: Pohjois-Savon suot"],
    "lapsiperheet": ["Perhekahvila", "Vauvamuskari", "Lastenvaatteiden kirpputori"],
    "kansainvalisyys": ["Kielikahvila", "Maailman ruokien ilta"],
    "vapaaehtoistoiminta": ["Vapaaehtoisten perehdytys"],
}
ACTIVITY_TYPES = [
    ("Kävelyryhmä", "hobby", "liikunta", "Walking group"),
    ("Vertaistukiryhmä", "support", "mielenterveys-paihde", "Peer support group"),
    ("Omaishoitajien olohuone", "support", "sosiaali-terveys", None),
    ("Kuoroharjoitukset", "hobby", "kulttuuri", "Choir practice"),
    ("Läksykerho", "volunteering", "vapaaehtoistoiminta", "Homework club"),
    ("Kielikahvila", "hobby", "kansainvalisyys", "Language café"),
    ("Ystäväpalvelu", "volunteering", "vapaaehtoistoiminta", "Befriending service"),
    ("Vesijumppa", "hobby", "liikunta", None),
    ("Perhekerho", "hobby", "lapsiperheet", "Family club"),
]
DESCRIPTION = (
    "{org} järjestää toimintaa {town_gen} seudulla. Tervetuloa mukaan, "
    "ennakkoilmoittautumista ei tarvita ellei toisin mainita."
)


def _ytunnus(rng: random.Random) -> str:
    while True:
        first = f"{rng.randint(100000, 3499999):07d}"
        check = ytunnus_check_digit(first)
        if check is not None:
            return f"{first}-{check}"


def _slug(text: str) -> str:
    table = str.maketrans("äöå ", "aoa-", ":.")
    return text.lower().translate(table)


def _reference(name: str):
    return json.loads((REFERENCE / name).read_text(encoding="utf-8"))


def _municipalities() -> list[dict]:
    rows = _reference("municipalities/11-pohjois-savo.json")["municipalities"]
    return [{"code": m["code"], "name": m["name"], "region": "Pohjois-Savo"} for m in rows]


def _terms(name: str) -> list[dict]:
    return [
        {"id": t["slug"], "name": t["name"], **({"yso": t["yso"]} if t.get("yso") else {})}
        for t in _reference(name)
    ]


def _organizations(rng: random.Random) -> list[dict]:
    codes = list(TOWNS) * 2 + BIG_TOWNS * 3
    orgs = [
        {
            "id": "org-001",
            "name": {
                "fi": "Pohjois-Savon Järjestöverkko ry",
                "sv": "Norra Savolax organisationsnätverk rf",
                "en": "North Savo NGO Network",
            },
            "municipalities": list(TOWNS),
            "code": "297",
            "topics": ["vapaaehtoistoiminta", "koulutus"],
            "audiences": ["aikuiset"],
        }
    ]
    seen = set()
    while len(orgs) < 60:
        code = codes[len(orgs) % len(codes)]
        pattern, topics, audiences, english = rng.choice(ORG_TYPES)
        town, gen = TOWNS[code][:2]
        name = pattern.format(g=gen)
        if name in seen:
            continue
        seen.add(name)
        names = {"fi": name}
        if english and rng.random() < 0.4:
            names["en"] = english.format(n=town)
        orgs.append(
            {
                "id": f"org-{len(orgs) + 1:03d}",
                "name": names,
                "municipalities": [code],
                "code": code,
                "topics": topics,
                "audiences": audiences,
            }
        )
    result = []
    for org in orgs:
        code = org.pop("code")
        town, gen, postal = TOWNS[code][:3]
        domain = _slug(org["name"]["fi"].removesuffix(" ry")) + ".example.org"
        unregistered = "ry" not in org["name"]["fi"] and "MLL" not in org["name"]["fi"]
        result.append(
            {
                **org,
                "business_id": None if unregistered else _ytunnus(rng),
                "legal_form": "unregistered" if unregistered else "association",
                "description": {
                    "fi": DESCRIPTION.format(org=org["name"]["fi"], town_gen=gen),
                    **({"en": f"An association in {town}."} if "en" in org["name"] else {}),
                },
                "email": f"info@{domain}",
                "phone": f"+358 40 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                "website": f"https://{domain}",
                "address": {
                    "street": f"Kauppakatu {rng.randint(1, 40)}",
                    "postal_code": postal,
                    "municipality": code,
                },
                "founded": rng.randint(1920, 2020),
                "parent": "org-001" if "Eläkeläiset" in org["name"]["fi"] else None,
            }
        )
    return result


def _places(rng: random.Random) -> list[dict]:
    codes = list(TOWNS) + BIG_TOWNS + ["297", "140", "915"]
    places = []
    for n, code in enumerate(codes[:30], start=1):
        town, gen, postal, lat, lon = TOWNS[code]
        pattern, street, swedish = PLACE_TYPES[n % len(PLACE_TYPES)]
        name = {"fi": pattern.format(g=gen)}
        if swedish and code in ("297", "140"):
            name["sv"] = swedish.format(n=town)
        if any(p["name"]["fi"] == name["fi"] for p in places):
            name["fi"] += f" {n}"
        places.append(
            {
                "id": f"place-{n:03d}",
                "name": name,
                "street_address": {"fi": street.format(n=rng.randint(1, 30))},
                "postal_code": postal,
                "municipality": code,
                "position": {
                    "lat": round(lat + rng.uniform(-0.01, 0.01), 5),
                    "lon": round(lon + rng.uniform(-0.02, 0.02), 5),
                },
            }
        )
    return places


def _time(day: dt.date, hour: int, minute: int = 0) -> str:
    return dt.datetime.combine(day, dt.time(hour, minute), HELSINKI).isoformat()


def _event(n, name, org, place, day, hour, hours, rng, **extra) -> dict:
    free = rng.random() < 0.7
    return {
        "id": f"event-{n:04d}",
        "name": name,
        "short_description": {"fi": f"{name['fi']} – tervetuloa mukaan!"},
        "description": {"fi": f"{name['fi']}. Järjestäjänä {org['name']['fi']}."},
        "start_time": _time(day, hour),
        "end_time": _time(day, hour + hours),
        "location": place["id"] if place else None,
        "online_url": None if place else "https://meet.example.org/demo",
        "organizers": [org["id"]],
        "topics": org["topics"][:2],
        "audiences": org["audiences"],
        "in_language": ["fi"],
        "offers": [{"is_free": free, "price": None if free else f"{rng.choice([5, 10, 15])} €"}],
        "registration_url": None,
        "event_status": "EventScheduled",
        "accessibility": rng.sample(["wheelchair", "induction_loop", "accessible_toilet"], 2),
        "super_event": None,
        "super_event_type": None,
        **extra,
    }


def _events(rng: random.Random, orgs: list[dict], places: list[dict]) -> list[dict]:
    places_in = {}
    for place in places:
        places_in.setdefault(place["municipality"], []).append(place)
    events = []
    # An umbrella event (a fair) with its programme.
    fair_day = BASE_DATE + dt.timedelta(weeks=3, days=5)
    network, hall = orgs[0], places_in["297"][0]
    fair = _event(
        1,
        {"fi": "Järjestöjen kevätmessut", "sv": "Föreningsmässan", "en": "NGO Fair"},
        network,
        hall,
        fair_day,
        10,
        6,
        rng,
        super_event_type="umbrella",
    )
    events.append(fair)
    for hour, title in (
        (10, "Messujen avaus"),
        (12, "Paneeli: järjestöt ja kunnat"),
        (14, "Vapaaehtoistyön tori"),
    ):
        events.append(
            _event(
                len(events) + 1,
                {"fi": title},
                network,
                hall,
                fair_day,
                hour,
                1,
                rng,
                super_event=fair["id"],
            )
        )
    # A recurring series: one event per occurrence.
    choir = next(o for o in orgs if "Nuorisoseura" in o["name"]["fi"])
    place = places_in.get(choir["municipalities"][0], places)[0]
    head = _event(
        len(events) + 1,
        {"fi": "Avoin tanssikurssi"},
        choir,
        place,
        BASE_DATE + dt.timedelta(days=2),
        18,
        2,
        rng,
        super_event_type="recurring",
    )
    events.append(head)
    for week in range(1, 8):
        day = BASE_DATE + dt.timedelta(weeks=week, days=2)
        events.append(
            _event(
                len(events) + 1,
                {"fi": "Avoin tanssikurssi"},
                choir,
                place,
                day,
                18,
                2,
                rng,
                super_event=head["id"],
            )
        )
    while len(events) < 200:
        org = rng.choice(orgs)
        topic = next((t for t in org["topics"] if t in EVENT_TYPES), "vapaaehtoistoiminta")
        title = rng.choice(EVENT_TYPES[topic])
        local = places_in.get(org["municipalities"][0]) or places
        online = rng.random() < 0.05
        day = BASE_DATE + dt.timedelta(days=rng.randrange(WEEKS * 7))
        event = _event(
            len(events) + 1,
            {"fi": title},
            org,
            None if online else rng.choice(local),
            day,
            rng.choice([10, 12, 13, 17, 18]),
            rng.choice([1, 2, 3]),
            rng,
        )
        if "viittomakieliset" in org["audiences"]:
            event["in_language"] = ["fse", "fi"]
            event["accessibility"] = ["sign_language", "wheelchair"]
        elif rng.random() < 0.05:
            event["in_language"] = ["sv"]
            event["name"]["sv"] = f"{title} (på svenska)"
        elif rng.random() < 0.05:
            event["in_language"] = ["en", "fi"]
            event["name"]["en"] = f"{title} (in English)"
        status = rng.random()
        if status < 0.03:
            event["event_status"] = "EventCancelled"
        elif status < 0.05:
            event["event_status"] = "EventPostponed"
        events.append(event)
    for n in (60, 140):  # a few postponed ones whatever the dice said
        events[n]["event_status"] = "EventPostponed"
    return events


def _activities(rng: random.Random, orgs: list[dict], places: list[dict]) -> list[dict]:
    activities = []
    for n in range(1, 41):
        title, kind, topic, english = ACTIVITY_TYPES[n % len(ACTIVITY_TYPES)]
        org = orgs[(n * 7) % len(orgs)]
        code = org["municipalities"][0]
        place = next((p for p in places if p["municipality"] == code), None)
        name = {"fi": f"{title}, {TOWNS[code][0]}"}
        if english and n % 3 == 0:
            name["en"] = f"{english}, {TOWNS[code][0]}"
        start = rng.choice([10, 13, 17, 18])
        days = rng.sample(range(1, 8), rng.choice([1, 1, 2]))
        participation = ["on_site"] if place else ["online"]
        if kind == "support" and place:
            participation.append("phone")
        activities.append(
            {
                "id": f"act-{n:03d}",
                "name": name,
                "description": {
                    "fi": f"{title} kokoontuu viikoittain. Mukaan voi tulla milloin vain."
                },
                "kind": kind,
                "participation": participation,
                "schedule": [
                    {"weekday": d, "start": f"{start}:00", "end": f"{start + 1}:30"}
                    for d in sorted(days)
                ],
                "organizer": org["id"],
                "location": place["id"] if place else None,
                "municipalities": [code],
                "topics": [topic],
                "audiences": org["audiences"],
                "in_language": ["fi"],
                "is_free": n % 5 != 0,
                "price": "20 € / kausi" if n % 5 == 0 else None,
                "accessibility": ["wheelchair"] if n % 2 else [],
                "contact": {"email": org["email"], "phone": org["phone"]},
            }
        )
    return activities


def build() -> dict:
    rng = random.Random(SEED)
    orgs = _organizations(rng)
    places = _places(rng)
    return {
        "format": "sakke-dataset/1",
        "data_source": "demo",
        "generated": BASE_DATE.isoformat(),
        "municipalities": _municipalities(),
        "topics": _terms("topics.json"),
        "audiences": _terms("audiences.json"),
        "organizations": orgs,
        "places": places,
        "events": _events(rng, orgs, places),
        "activities": _activities(rng, orgs, places),
    }


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"Wrote {OUT} ({OUT.stat().st_size // 1024} KB)")
