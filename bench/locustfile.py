"""A realistic load on Sakke for Locust (issue 20): not run in CI.

    .tools/bin/uv sync --group bench     # adds locust to .venv (`make install` removes it)
    .venv/bin/locust -f bench/locustfile.py --host http://127.0.0.1:8100 \\
        --users 200 --spawn-rate 20 --run-time 3m --headless --csv bench/out/locust

The mix, by weight: residents browse lists, search, open events and the map (most of
the traffic, anonymous: what the page cache serves); API clients read the open data;
some residents subscribe to the newsletter (the form, a POST); editors sign in, open an
event of their association and save it unchanged. Editors need an account made for the
run: set LOCUST_EDITOR_EMAIL and LOCUST_EDITOR_PASSWORD (an editor of an association with
events), otherwise no editor runs.

Every address is on this machine: point --host only at your own servers. Every simulated
resident comes from this one IP, so start the servers under test with RATELIMIT_ENABLE=0,
or the public forms' per-IP limits (core/antibot.py) refuse the subscriptions with 429.
"""

import os
import random
import re
import sys
import time
from pathlib import Path

from locust import HttpUser, between, task

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from core.tests.forms import form_pairs  # noqa: E402  (the project's root, added above)

LANGUAGES = ["fi", "fi", "fi", "sv", "en"]
SEARCHES = ["liikunta", "kuoro", "eläkeläiset", "nuoret", "kuopio", "vapaaehtoinen"]
EVENT_LINK = re.compile(r'href="(/(?:fi|sv|en)/[^"/]+/((?:[a-z0-9-]+:)?[^"/]+)/)"')


def pick_link(html: str, prefix: str) -> str | None:
    links = [m.group(1) for m in EVENT_LINK.finditer(html) if m.group(1).startswith(prefix)]
    return random.choice(links) if links else None


class Resident(HttpUser):
    """An anonymous reader, often on a phone: lists, search, an event, the map."""

    weight = 12
    wait_time = between(2, 8)

    def on_start(self):
        self.language = random.choice(LANGUAGES)

    @task(4)
    def browse_events_and_open_one(self):
        events = {"fi": "/fi/tapahtumat/", "sv": "/sv/evenemang/", "en": "/en/events/"}
        response = self.client.get(events[self.language], name="event list")
        link = pick_link(response.text, events[self.language])
        if link:
            self.client.get(link, name="event")

    @task(3)
    def browse_associations(self):
        lists = {"fi": "/fi/jarjestot/", "sv": "/sv/foreningar/", "en": "/en/associations/"}
        self.client.get(lists[self.language], name="association list")
        self.client.get(lists[self.language] + "?page=2", name="association list")

    @task(2)
    def search(self):
        pages = {"fi": "/fi/haku/", "sv": "/sv/sok/", "en": "/en/search/"}
        self.client.get(pages[self.language], params={"q": random.choice(SEARCHES)}, name="search")

    @task(1)
    def event_map(self):
        maps = {
            "fi": "/fi/tapahtumat/kartta/",
            "sv": "/sv/evenemang/karta/",
            "en": "/en/events/map/",
        }
        self.client.get(maps[self.language], name="event map")

    @task(1)
    def home(self):
        self.client.get(f"/{self.language}/", name="home")


class ApiClient(HttpUser):
    """A municipality's web site or an app reading the open data."""

    weight = 3
    wait_time = between(1, 5)

    @task(3)
    def events(self):
        self.client.get("/api/v1/event/", params={"page_size": 20}, name="api events")

    @task(1)
    def organizations(self):
        self.client.get("/api/v1/organization/", params={"page_size": 20}, name="api organizations")

    @task(1)
    def search(self):
        self.client.get("/api/v1/search/", params={"q": random.choice(SEARCHES)}, name="api search")


class Subscriber(HttpUser):
    """A resident subscribing to the newsletter: a form with a CSRF token, then a POST."""

    weight = 1
    wait_time = between(5, 15)

    @task
    def subscribe(self):
        page = self.client.get("/fi/uutiskirje/", name="newsletter form")
        token = self.client.cookies.get("csrftoken")
        stamp = re.search(r'name="form_started" value="([^"]+)"', page.text)
        if not token or page.status_code != 200 or not stamp:
            return
        # A person takes a few seconds to fill in the form; sooner is refused as a bot.
        time.sleep(int(os.environ.get("SAKKE_ANTIBOT_MIN_SECONDS", "3")))
        self.client.post(
            "/fi/uutiskirje/",
            data={
                "csrfmiddlewaretoken": token,
                "form_started": stamp.group(1),
                "email": f"locust-{random.randrange(10**9)}@example.invalid",
                "language": "fi",
                "consent": "on",
            },
            headers={"Referer": self.host + "/fi/uutiskirje/"},
            name="newsletter subscribe",
        )


class Editor(HttpUser):
    """An association volunteer who signs in and saves one of the association's events."""

    weight = 1 if os.environ.get("LOCUST_EDITOR_EMAIL") else 0
    wait_time = between(10, 30)

    def on_start(self):
        self.client.get("/fi/tili/kirjaudu/", name="sign-in form")
        self.client.post(
            "/fi/tili/kirjaudu/",
            data={
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
                "username": os.environ.get("LOCUST_EDITOR_EMAIL", ""),
                "password": os.environ.get("LOCUST_EDITOR_PASSWORD", ""),
            },
            name="sign in",
        )

    @task
    def save_an_event(self):
        # The dashboard lists the associations; an association's page lists its events.
        dashboard = self.client.get("/fi/oma-yhdistys/", name="self-service")
        own = re.findall(r'href="(/fi/oma-yhdistys/[^"/]+/)"', dashboard.text)
        if not own:
            return
        overview = self.client.get(own[0], name="self-service association")
        edit = [
            link
            for link in re.findall(
                r'href="(/fi/oma-yhdistys/[^"/]+/tapahtumat/[^"/]+/)"', overview.text
            )
            if not link.endswith("/uusi/")  # the form for a new event
        ]
        if not edit:
            return
        path = random.choice(edit)
        form = self.client.get(path, name="event form")
        self.client.post(path, data=form_pairs(form.text), name="event save")
