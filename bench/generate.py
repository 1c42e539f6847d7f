"""Fill the benchmark database with a region's worth of data, fast.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sakke_bench \
        .venv/bin/python bench/generate.py --organizations 100000 --events 1000000

Rows go in with PostgreSQL COPY (psycopg 3), not through the ORM: a million events
load in a few minutes instead of hours. Django is set up only to read the models, so
that the column lists follow the real tables; a NOT NULL column the generator does not
know (a field added later) fails the run with its name instead of loading bad data.

The output is deterministic for a given --seed. Public ids look like bench:org-000001.
"""

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SAKKE_INSECURE_DEV_KEY", "1")

import django  # noqa: E402

django.setup()

import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import models  # noqa: E402

from bench.vocabulary import (  # noqa: E402
    ACCESS,
    AUDIENCES,
    EVENT_KINDS,
    LANGUAGES,
    MUNICIPALITIES,
    ORG_KINDS,
    PLACE_KINDS,
    PRICES,
    STATUSES,
    STREETS,
    TOPICS,
)
from events.models import Event  # noqa: E402
from municipalities.models import Municipality, Region  # noqa: E402
from organizations.models import Contact, Organization, SocialLink  # noqa: E402
from places.models import Place  # noqa: E402
from taxonomy.models import Audience, Language, Topic  # noqa: E402

DATA_SOURCE = "bench"
HELSINKI = ZoneInfo("Europe/Helsinki")
NULL = r"\N"


def log(message: str) -> None:
    print(f"[generate {time.strftime('%H:%M:%S')}] {message}", flush=True)


def fail(message: str) -> None:
    sys.exit(f"bench/generate.py: {message}")


class Table:
    """The COPY column list of one model's table, checked against the real schema.

    `known` are the columns the generator writes; every other concrete column gets
    its NULL, its model default or an empty string, and a NOT NULL column without
    any of those stops the run.
    """

    def __init__(self, model, known: list[str]):
        self.model = model
        self.name = model._meta.db_table
        fields = {
            f.column: f
            for f in model._meta.concrete_fields
            if not getattr(f, "generated", False) and f.column != "id"
        }
        unknown = [c for c in known if c != "id" and c not in fields]
        if unknown:
            fail(f"{self.name} has no column(s) {unknown}: update the generator to the models.")
        # Columns with only a database default (db_default) are left to the database.
        self.extra = [
            c
            for c in fields
            if c not in known
            and (fields[c].has_default() or fields[c].db_default is models.NOT_PROVIDED)
        ]
        fill = [self._filler(fields[c]) for c in self.extra]
        self.suffix = "".join("\t" + v for v in fill) + "\n"
        self.columns = known + self.extra

    def _filler(self, field) -> str:
        if field.has_default():
            default = field.get_default()
            if isinstance(field, models.JSONField):
                return json.dumps(default)
            if isinstance(field, models.BooleanField):
                return "t" if default else "f"
            if default is None:
                return NULL
            return str(default)
        if field.null:
            return NULL
        if field.blank and isinstance(
            field, (models.CharField, models.TextField, models.FileField)
        ):
            return ""
        fail(
            f"{self.name}.{field.column} is NOT NULL and has no default: "
            "teach bench/generate.py what to put in it."
        )

    def copy_sql(self) -> str:
        return f"COPY {self.name} ({', '.join(self.columns)}) FROM STDIN"


def m2m_table(model, field_name: str) -> tuple[str, str, str]:
    field = model._meta.get_field(field_name)
    through = field.remote_field.through._meta
    source = through.get_field(field.m2m_field_name()).column
    target = through.get_field(field.m2m_reverse_field_name()).column
    return through.db_table, source, target


class CopyWriter:
    """Streams text-format rows into one COPY, in large chunks."""

    def __init__(self, cursor, sql: str):
        self.context = cursor.copy(sql)
        self.buffer: list[str] = []
        self.rows = 0

    def __enter__(self):
        self.copy = self.context.__enter__()
        return self

    def add(self, line: str) -> None:
        self.buffer.append(line)
        if len(self.buffer) >= 20000:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.copy.write("".join(self.buffer))
            self.rows += len(self.buffer)
            self.buffer = []

    def __exit__(self, *exc):
        if exc[0] is None:
            self.flush()
        return self.context.__exit__(*exc)


def conninfo() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        fail("DATABASE_URL must point to PostgreSQL (COPY is PostgreSQL only).")
    parts = {
        "dbname": db["NAME"],
        "user": db.get("USER") or "",
        "password": db.get("PASSWORD") or "",
        "host": db.get("HOST") or "",
        "port": str(db.get("PORT") or ""),
    }
    return " ".join(f"{k}='{v}'" for k, v in parts.items() if v)


def weighted(rng: random.Random, items: list, weights: list[float], size: int = 4096) -> list:
    """A lookup table: picking `table[rng.randrange(len)]` follows the weights."""
    total = sum(weights)
    table = []
    for item, weight in zip(items, weights, strict=True):
        table.extend([item] * max(1, round(weight / total * size)))
    return table


def ytunnus(number: int) -> str:
    digits = f"{number:07d}"
    remainder = sum(int(d) * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    if remainder == 1:
        return ""
    return f"{digits}-{0 if remainder == 0 else 11 - remainder}"


class Generator:
    def __init__(self, conn, args):
        self.conn = conn
        self.args = args
        self.rng = random.Random(args.seed)
        self.now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        self.now_text = self.now.isoformat()

    # Reference data ------------------------------------------------------------

    def reference_data(self, cur) -> None:
        """Use the municipalities and vocabularies already loaded, adding what is missing."""
        region_table = Region._meta.db_table
        cur.execute(f"SELECT id FROM {region_table} WHERE code = '11'")
        row = cur.fetchone()
        if row is None:
            cur.execute(
                f"INSERT INTO {region_table} (code, name, name_fi, name_sv, slug) "
                "VALUES ('11', 'Pohjois-Savo', 'Pohjois-Savo', 'Norra Savolax', 'pohjois-savo') "
                "RETURNING id"
            )
            row = cur.fetchone()
        region_id = row[0]
        muni_table = Municipality._meta.db_table
        for code, fi, sv, *_rest in MUNICIPALITIES:
            slug = fi.lower().replace("ä", "a").replace("ö", "o")
            cur.execute(
                f"INSERT INTO {muni_table} (code, name, name_fi, name_sv, slug, region_id) "
                "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (code) DO NOTHING",
                (code, fi, fi, sv, slug, region_id),
            )
        cur.execute(f"SELECT code, id FROM {muni_table}")
        ids = dict(cur.fetchall())
        self.municipalities = [(ids[m[0]],) + m for m in MUNICIPALITIES]
        self.muni_pick = weighted(
            self.rng, self.municipalities, [m[4] for m in self.municipalities]
        )

        self.topics = self._vocabulary(cur, Topic, "slug", TOPICS, ("yso", ""))
        self.audiences = self._vocabulary(cur, Audience, "slug", AUDIENCES, ("yso", ""))
        languages = self._vocabulary(cur, Language, "code", LANGUAGES, None, as_dict=True)
        if "fi" not in languages:
            fail("the language 'fi' is missing from the reference data.")
        others = [languages[c] for c in ("sv", "en", "fse", "ru", "ar", "uk") if c in languages]
        self.lang_fi = languages["fi"]
        self.lang_others = others or [self.lang_fi]

    def _vocabulary(self, cur, model, key, rows, extra, as_dict=False):
        table = model._meta.db_table
        cur.execute(f"SELECT count(*) FROM {table}")
        if cur.fetchone()[0] == 0:
            columns = [key, "name", "name_fi", "name_sv", "name_en"] + ([extra[0]] if extra else [])
            for ident, fi, sv, en in rows:
                values = [ident, fi, fi, sv, en] + ([extra[1]] if extra else [])
                cur.execute(
                    f"INSERT INTO {table} ({', '.join(columns)}) "
                    f"VALUES ({', '.join(['%s'] * len(values))})",
                    values,
                )
        cur.execute(f"SELECT {key}, id FROM {table} ORDER BY id")
        found = cur.fetchall()
        if not found:
            fail(f"{table} is empty.")
        return dict(found) if as_dict else [i for _k, i in found]

    # Places --------------------------------------------------------------------

    def places(self, cur) -> None:
        rng = self.rng
        table = Table(
            Place,
            ["id", "public_id", "data_source", "created_at", "updated_at", "name", "name_fi",
             "street_address", "street_address_fi", "postal_code", "latitude", "longitude",
             "accessibility_notes", "municipality_id"],
        )  # fmt: skip
        weights = []
        now = self.now_text
        with CopyWriter(cur, table.copy_sql()) as out:
            for n in range(1, self.args.places + 1):
                muni_id, _code, fi, _sv, _pop, lat, lon, gen = self.muni_pick[
                    rng.randrange(len(self.muni_pick))
                ]
                name = f"{gen} {rng.choice(PLACE_KINDS)} {n}"
                street = f"{rng.choice(STREETS)} {rng.randint(1, 60)}"
                weights.append(rng.paretovariate(1.5))  # a few places host most events
                row = [
                    str(n), f"{DATA_SOURCE}:place-{n:05d}", DATA_SOURCE, now, now, name, name,
                    street, street, f"{70000 + rng.randrange(9000):05d}",
                    f"{lat + rng.uniform(-0.1, 0.1):.5f}", f"{lon + rng.uniform(-0.2, 0.2):.5f}",
                    "", str(muni_id),
                ]  # fmt: skip
                out.add("\t".join(row) + table.suffix)
        self.place_pick = weighted(rng, list(range(1, self.args.places + 1)), weights, 100000)
        self.counts[table.name] = out.rows

    # Organizations ---------------------------------------------------------------

    def organizations(self, cur) -> None:
        rng = self.rng
        total = self.args.organizations
        known = ["id", "public_id", "data_source", "created_at", "updated_at", "name", "name_fi",
                 "name_sv", "name_en", "business_id", "legal_form", "description",
                 "description_fi", "email", "phone", "website", "street_address", "postal_code",
                 "founded", "logo", "status", "address_municipality_id", "parent_id"]  # fmt: skip
        # Owners confirm their listing now and then: spread over two years, so about a quarter
        # are older than the 18 months after which a listing leaves the default results.
        confirmable = "confirmed_at" in {f.column for f in Organization._meta.concrete_fields}
        table = Table(Organization, known + (["confirmed_at"] if confirmable else []))
        prefixes = ["Kotka", "Kontio", "Hirvi", "Karhu", "Lohi", "Kaisla", "Koivu", "Kuusi",
                    "Petäjä", "Haapa", "Leppä", "Pihlaja", "Kalla", "Kivi", "Savi", "Hiekka",
                    "Sammal", "Tuomi", "Vaahtera", "Mänty", "Kataja", "Joutsen", "Kurki", "Ilves",
                    "Kettu", "Majava", "Saukko", "Lumme", "Kaski", "Aho", "Niitty", "Pelto",
                    "Routa", "Sarvi", "Honka", "Ruoko", "Tammi", "Vuohi", "Ahven",
                    "Hauki"]  # fmt: skip
        suffixes = ["lahden", "järven", "mäen", "niemen", "vaaran", "salmen", "kylän", "joen",
                    "rannan", "kosken", "harjun", "lammen"]  # fmt: skip
        forms = weighted(rng, ["association", "foundation", "cooperative", "unregistered", "other"],
                         [88, 3, 2, 5, 2])  # fmt: skip
        munis = self.municipalities
        org_muni = self._m2m_writer(Organization, "municipalities")
        org_topic = self._m2m_writer(Organization, "topics")
        org_audience = self._m2m_writer(Organization, "audiences")
        now = self.now_text
        with CopyWriter(cur, table.copy_sql()) as out:
            for n in range(1, total + 1):
                muni = self.muni_pick[rng.randrange(len(self.muni_pick))]
                kind = rng.choice(ORG_KINDS)
                if rng.random() < 0.3:
                    name = f"{muni[7]} {kind}"
                    if rng.random() < 0.5:
                        name = f"{muni[7]} {rng.choice(prefixes)}{rng.choice(suffixes)} {kind}"
                else:
                    name = f"{rng.choice(prefixes)}{rng.choice(suffixes)} {kind}"
                slug = f"org{n}"
                business = ytunnus(1000000 + n * 37) if rng.random() < 0.7 else ""
                parent = str(rng.randrange(1, n)) if n > 100 and rng.random() < 0.1 else NULL
                row = [
                    str(n), f"{DATA_SOURCE}:org-{n:06d}", DATA_SOURCE, now, now, name, name,
                    f"{name} (sv)" if rng.random() < 0.08 else NULL,
                    f"{name} (en)" if rng.random() < 0.03 else NULL,
                    business, forms[rng.randrange(len(forms))],
                    *([f"{name} toimii {muni[7]} alueella. Tervetuloa mukaan toimintaan!"] * 2),
                    f"info@{slug}.example.org", f"+358 40 {rng.randrange(1000000, 9999999)}",
                    f"https://{slug}.example.org" if rng.random() < 0.6 else "",
                    f"{rng.choice(STREETS)} {rng.randint(1, 60)}",
                    f"{70000 + rng.randrange(9000):05d}", str(rng.randint(1900, 2025)), "",
                    "dissolved" if rng.random() < 0.05 else "active", str(muni[0]), parent,
                ]  # fmt: skip
                if confirmable:
                    confirmed = self.now - dt.timedelta(days=rng.uniform(0, 2 * 365))
                    row.append(confirmed.isoformat())
                out.add("\t".join(row) + table.suffix)
                if rng.random() < 0.02:  # a regional organization serves every municipality
                    served = {m[0] for m in munis}
                else:
                    served = {muni[0]}
                    for _ in range(rng.choice((0, 0, 1, 2))):
                        served.add(self.muni_pick[rng.randrange(len(self.muni_pick))][0])
                for muni_id in served:
                    org_muni.append(f"{n}\t{muni_id}\n")
                for topic in rng.sample(self.topics, rng.choice((1, 1, 2, 3))):
                    org_topic.append(f"{n}\t{topic}\n")
                for audience in rng.sample(self.audiences, rng.choice((0, 1, 1, 2))):
                    org_audience.append(f"{n}\t{audience}\n")
        self.counts[table.name] = out.rows
        self._flush_m2m(cur)
        self._contacts_and_links(cur)

    def _contacts_and_links(self, cur) -> None:
        rng = self.rng
        contacts = Table(Contact, ["organization_id", "name", "role", "role_fi", "email", "phone"])
        first = ["Anna", "Matti", "Liisa", "Juha", "Sari", "Pekka", "Tuula", "Jari", "Aino", "Eino"]
        last = ["Korhonen", "Hyvönen", "Räsänen", "Turunen", "Heikkinen", "Miettinen", "Ryynänen"]
        with CopyWriter(cur, contacts.copy_sql()) as out:
            for n in range(1, self.args.organizations + 1):
                for _ in range(rng.choice((0, 1, 1, 2))):
                    person = f"{rng.choice(first)} {rng.choice(last)}"
                    role = rng.choice(("puheenjohtaja", "sihteeri", "rahastonhoitaja"))
                    row = [str(n), person, role, role, f"{role}@org{n}.example.org", ""]
                    out.add("\t".join(row) + contacts.suffix)
        self.counts[contacts.name] = out.rows
        links = Table(SocialLink, ["organization_id", "service", "url"])
        with CopyWriter(cur, links.copy_sql()) as out:
            for n in range(1, self.args.organizations + 1):
                for service in rng.sample(
                    ("facebook", "instagram", "youtube"), rng.choice((0, 1, 2))
                ):
                    out.add(f"{n}\t{service}\thttps://{service}.com/org{n}{links.suffix}")
        self.counts[links.name] = out.rows

    # Events ----------------------------------------------------------------------

    def events(self, cur) -> None:
        rng = self.rng
        total = self.args.events
        table = Table(
            Event,
            ["id", "public_id", "data_source", "created_at", "updated_at", "name", "name_fi",
             "name_sv", "name_en", "short_description", "short_description_fi", "description",
             "description_fi", "start_time", "end_time", "location_id", "online_url", "is_free",
             "price", "price_fi", "offer_info_url", "registration_url", "event_status",
             "accessibility", "super_event_id", "super_event_type", "recurrence_rule",
             "audience_min_age", "audience_max_age"],
        )  # fmt: skip
        # Local dates one year either side of today, each with its UTC offset (summer time).
        today = self.now.astimezone(HELSINKI).date()
        days = []
        for delta in range(-365, 366):
            day = today + dt.timedelta(days=delta)
            noon = dt.datetime.combine(day, dt.time(12), HELSINKI)
            offset = noon.utcoffset() // dt.timedelta(hours=1)
            days.append((day.isoformat(), f"+{offset:02d}", day))
        # Weekends and the evenings are busier.
        day_pick = weighted(
            rng, list(range(len(days))), [1.6 if d[2].weekday() >= 5 else 1 for d in days], 20000
        )
        # Ids follow the order events were entered, up to two months before they start, so
        # the table is roughly in start-time order as in a live database (not shuffled).
        entered = sorted(
            (d - 60 * rng.random(), d)
            for d in (day_pick[rng.randrange(len(day_pick))] for _ in range(total))
        )
        hour_pick = weighted(rng, list(range(8, 22)),
                             [2, 4, 5, 5, 4, 4, 4, 4, 5, 7, 8, 6, 4, 2])  # fmt: skip
        minute_pick = ["00"] * 6 + ["30"] * 3 + ["15", "45"]
        status_pick = weighted(rng, [s for s, _w in STATUSES], [w for _s, w in STATUSES])
        org_weights = [rng.paretovariate(1.2) for _ in range(self.args.organizations)]
        org_pick = weighted(rng, list(range(1, self.args.organizations + 1)), org_weights,
                            4 * self.args.organizations)  # fmt: skip
        org_n = len(org_pick)
        place_pick, place_n = self.place_pick, len(self.place_pick)
        kinds = EVENT_KINDS
        access_choices = ["[]"] * 6 + [json.dumps(ACCESS[:k]) for k in (1, 2, 4)]
        ev_org = self._m2m_writer(Event, "organizers")
        ev_topic = self._m2m_writer(Event, "topics")
        ev_audience = self._m2m_writer(Event, "audiences")
        ev_lang = self._m2m_writer(Event, "in_language")
        topics, audiences, lang_fi, lang_others = (
            self.topics,
            self.audiences,
            self.lang_fi,
            self.lang_others,
        )
        now = self.now_text
        random_ = rng.random
        randrange = rng.randrange
        umbrella = 0
        started = time.monotonic()
        with CopyWriter(cur, table.copy_sql()) as out:
            for n in range(1, total + 1):
                kind, short = kinds[randrange(len(kinds))]
                day, offset, _date = days[entered[n - 1][1]]
                hour = hour_pick[randrange(len(hour_pick))]
                start = f"{day} {hour:02d}:{minute_pick[randrange(11)]}:00{offset}"
                r = random_()
                if r < 0.15:
                    end = NULL
                elif r < 0.97:
                    end_hour = min(hour + 1 + randrange(3), 23)
                    end = f"{day} {end_hour:02d}:{minute_pick[randrange(11)]}:00{offset}"
                else:  # a festival or camp over a few days (offset change ignored)
                    last = dt.date.fromisoformat(day) + dt.timedelta(days=1 + randrange(3))
                    end = f"{last.isoformat()} 18:00:00{offset}"
                if random_() < 0.92:
                    location, online = str(place_pick[randrange(place_n)]), ""
                else:
                    location, online = NULL, f"https://meet.example.org/e{n}"
                free = random_() < 0.6
                price = "" if free else PRICES[randrange(len(PRICES))]
                super_event, super_type = NULL, ""
                if n % 2000 == 1:
                    umbrella, super_type = n, "umbrella"
                elif umbrella and n - umbrella <= 5:
                    super_event = str(umbrella)
                description = f"{short} Tervetuloa! Lisätietoja järjestäjältä. (#{n})"
                row = [
                    str(n), f"{DATA_SOURCE}:event-{n:07d}", DATA_SOURCE, now, now, kind, kind,
                    f"{kind} (sv)" if random_() < 0.05 else NULL,
                    f"{kind} (en)" if random_() < 0.03 else NULL,
                    short, short, description, description, start, end, location, online,
                    "t" if free else "f", price, price,
                    "" if free else f"https://liput.example.org/e{n}",
                    f"https://ilmo.example.org/e{n}" if random_() < 0.2 else "",
                    status_pick[randrange(len(status_pick))],
                    access_choices[randrange(len(access_choices))], super_event, super_type, "",
                    NULL, NULL,
                ]  # fmt: skip
                out.add("\t".join(row) + table.suffix)
                organizer = org_pick[randrange(org_n)]
                ev_org.append(f"{n}\t{organizer}\n")
                if random_() < 0.12:  # co-organized
                    second = org_pick[randrange(org_n)]
                    if second != organizer:
                        ev_org.append(f"{n}\t{second}\n")
                ev_topic.append(f"{n}\t{topics[randrange(len(topics))]}\n")
                if random_() < 0.4:
                    other = topics[randrange(len(topics))]
                    if f"{n}\t{other}\n" != ev_topic[-1]:
                        ev_topic.append(f"{n}\t{other}\n")
                if random_() < 0.7:
                    ev_audience.append(f"{n}\t{audiences[randrange(len(audiences))]}\n")
                r = random_()
                if r < 0.95:
                    ev_lang.append(f"{n}\t{lang_fi}\n")
                if r > 0.9:
                    other = lang_others[randrange(len(lang_others))]
                    if other != lang_fi:
                        ev_lang.append(f"{n}\t{other}\n")
                    elif r >= 0.95:
                        ev_lang.append(f"{n}\t{lang_fi}\n")
                if n % 200000 == 0:
                    rate = n / (time.monotonic() - started)
                    log(f"events: {n:,} ({rate:,.0f}/s)")
        self.counts[table.name] = out.rows
        self._flush_m2m(cur)

    # Many-to-many rows: collected in memory (a few tens of MB), copied after the parents.

    def _m2m_writer(self, model, field_name: str) -> list[str]:
        lines: list[str] = []
        self.pending.append((m2m_table(model, field_name), lines))
        return lines

    def _flush_m2m(self, cur) -> None:
        for (table, source, target), lines in self.pending:
            with cur.copy(f"COPY {table} ({source}, {target}) FROM STDIN") as copy:
                for i in range(0, len(lines), 50000):
                    copy.write("".join(lines[i : i + 50000]))
            self.counts[table] = len(lines)
        self.pending = []

    # The whole run ---------------------------------------------------------------

    def run(self) -> None:
        self.counts: dict[str, int] = {}
        self.pending = []
        conn = self.conn
        big_tables = [Organization._meta.db_table, Event._meta.db_table, Contact._meta.db_table,
                      SocialLink._meta.db_table] + [
            m2m_table(model, f)[0]
            for model, fields in ((Organization, ("municipalities", "topics", "audiences")),
                                  (Event, ("organizers", "topics", "audiences", "in_language")))
            for f in fields
        ]  # fmt: skip
        with conn.cursor() as cur:
            cur.execute(f"SELECT count(*) FROM {Event._meta.db_table}")
            if cur.fetchone()[0]:
                fail("the database already has events: bench/run.sh recreates it empty.")
            # A bulk load in one transaction: foreign keys are checked once at the end
            # (below), secondary indexes are built once after the rows are in.
            cur.execute("SET session_replication_role = replica")
            cur.execute("SET synchronous_commit = off")
            cur.execute("SET maintenance_work_mem = '1GB'")
            self.reference_data(cur)
            t = time.monotonic()
            self.places(cur)
            log(f"places: {self.counts[Place._meta.db_table]:,} in {time.monotonic() - t:.1f}s")
            indexes = self._drop_secondary_indexes(cur, big_tables)
            t = time.monotonic()
            self.organizations(cur)
            log(f"organizations: {self.args.organizations:,} in {time.monotonic() - t:.1f}s")
            t = time.monotonic()
            self.events(cur)
            log(f"events: {self.args.events:,} in {time.monotonic() - t:.1f}s")
            t = time.monotonic()
            for _name, definition in indexes:
                cur.execute(definition)
            log(f"rebuilt {len(indexes)} indexes in {time.monotonic() - t:.1f}s")
            for model in (Place, Organization, Event, Contact, SocialLink):
                table = model._meta.db_table
                cur.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"
                )
            cur.execute("SET session_replication_role = origin")
            t = time.monotonic()
            self._check_foreign_keys(cur, big_tables + [Place._meta.db_table])
            log(f"foreign keys checked in {time.monotonic() - t:.1f}s")
        conn.commit()
        t = time.monotonic()
        conn.autocommit = True
        conn.execute("VACUUM (ANALYZE)")
        log(f"VACUUM ANALYZE in {time.monotonic() - t:.1f}s")

    def _drop_secondary_indexes(self, cur, tables: list[str]) -> list[tuple[str, str]]:
        cur.execute(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """,
            (tables,),
        )
        indexes = cur.fetchall()
        for name, _definition in indexes:
            cur.execute(f'DROP INDEX "{name}"')
        return indexes

    def _check_foreign_keys(self, cur, tables: list[str]) -> None:
        """Loaded with triggers off, so prove every reference points to a row."""
        cur.execute(
            """
            SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, fa.attname
            FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
            WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s)
            """,
            (tables,),
        )
        for table, column, target, target_column in cur.fetchall():
            cur.execute(
                f"SELECT count(*) FROM {table} t WHERE t.{column} IS NOT NULL AND NOT EXISTS "
                f"(SELECT 1 FROM {target} p WHERE p.{target_column} = t.{column})"
            )
            broken = cur.fetchone()[0]
            if broken:
                fail(f"{broken} rows of {table}.{column} point to no {target} row.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organizations", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--places", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--summary", type=Path, help="write the row counts and timing as JSON")
    args = parser.parse_args()
    started = time.monotonic()
    with psycopg.connect(conninfo()) as conn:
        generator = Generator(conn, args)
        generator.run()
    seconds = time.monotonic() - started
    log(f"done in {seconds:.0f}s: " + ", ".join(f"{t} {n:,}" for t, n in generator.counts.items()))
    if args.summary:
        args.summary.parent.mkdir(parents=True, exist_ok=True)
        args.summary.write_text(
            json.dumps({"seconds": round(seconds, 1), "rows": generator.counts}, indent=2)
        )


if __name__ == "__main__":
    main()
