"""Known cross-site scripting payloads, saved the ways content arrives, shown in Chromium.

Every payload of xss_payloads.txt goes in through the self-service forms (an association's
profile and contacts, an event, an activity, a request to add an association) and through
the importer (a dataset built here). Then every page that shows them is opened in a real
browser, and a page fails if a dialog opens, if a payload's marker `window.__xss` gets set,
or if the DOM holds anything a payload could run: an inline event handler, a javascript:
or data:text/html address, an injected script or frame, or JSON-LD that no longer parses.
"""

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import OrganizationEditor
from accounts.tests.factories import UserFactory
from activities.models import Activity
from datasets.services import dataset_import
from events.models import Event
from moderation.models import Claim
from municipalities.models import Municipality
from organizations.models import Organization
from organizations.tests.factories import OrganizationFactory
from places.tests.factories import PlaceFactory

# Each test opens several hundred pages: "heavy" starts them first among the browser tests.
pytestmark = [pytest.mark.browser, pytest.mark.heavy]

PAYLOAD_FILE = Path(__file__).with_name("xss_payloads.txt")
PAYLOADS = [
    line
    for line in PAYLOAD_FILE.read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("# ")
]

PRICE_LENGTH = 100  # the field's limit; the start of a payload is the dangerous part

# Runs in the page: what a payload left behind that could run, as readable lines.
FIND_INJECTIONS = r"""() => {
  const found = [];
  if (window.__xss !== undefined) found.push("window.__xss was set");
  const URL_ATTRIBUTES = ["href", "src", "action", "formaction", "xlink:href", "data",
                          "background", "poster", "codebase", "lowsrc", "dynsrc"];
  const describe = (el) => el.outerHTML.slice(0, 160);
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
      if (name.startsWith("on")) found.push(`inline handler ${name}: ${describe(el)}`);
      if (name === "srcdoc") found.push(`srcdoc: ${describe(el)}`);
      const runnable = /^(javascript|vbscript|data:text\/html|data:text\/javascript)/;
      if (URL_ATTRIBUTES.includes(name) && runnable.test(value)) {
        found.push(`script address in ${name}: ${describe(el)}`);
      }
      if (name === "style" && /expression\(|javascript:/.test(value)) {
        found.push(`script in style: ${describe(el)}`);
      }
    }
  }
  for (const script of document.querySelectorAll("script")) {
    const type = (script.type || "").toLowerCase();
    if (type.endsWith("json")) {
      try {
        JSON.parse(script.textContent);
      } catch (e) {
        found.push(`unparsable ${type}: ${script.textContent.slice(0, 160)}`);
      }
    } else if (/__xss|alert\(/.test(script.textContent + (script.getAttribute("src") || ""))) {
      found.push(`injected script: ${describe(script)}`);
    }
  }
  // Elements a payload could bring along; only their own attributes (and a style's rules)
  // count, as escaped payload text inside e.g. a form's <option> is harmless.
  const RISKY = "iframe, frame, object, embed, base, meta[http-equiv], link, form, button, "
    + "style, template";
  for (const el of document.querySelectorAll(RISKY)) {
    // A data-* attribute other than htmx's is inert text for the page's own scripts (the
    // share button carries the title it hands to navigator.share), so it does not count.
    const own = Array.from(el.attributes)
      .filter((a) => !a.name.startsWith("data-") || a.name.startsWith("data-hx-"))
      .map((a) => `${a.name}=${a.value}`).join(" ")
      + (el.tagName === "STYLE" || el.tagName === "TEMPLATE" ? el.innerHTML : "");
    if (/__xss|javascript:/i.test(own)) found.push(`injected ${el.tagName}: ${describe(el)}`);
  }
  const text = document.body ? document.body.innerText : "";
  if (/\b49 xss\b/.test(text)) found.push("a template ran {{7*7}}");
  return found;
}"""


def path(name: str, lang: str = "fi", **kwargs) -> str:
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def _soon(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


# Saving the payloads ----------------------------------------------------------------------


def import_payloads(municipality_code: str) -> None:
    """A dataset whose every name and description is a payload, through the importer."""
    start = timezone.localtime() + dt.timedelta(days=7)

    def text(i):
        return {"fi": PAYLOADS[i], "sv": PAYLOADS[i], "en": PAYLOADS[i]}

    def price(i):
        return {"fi": PAYLOADS[i][:PRICE_LENGTH]}

    data = {
        "format": "sakke-dataset/1",
        "data_source": "xss",
        "municipalities": [
            {"code": municipality_code, "name": {"fi": "Kuopio"}, "region": "Pohjois-Savo"}
        ],
        "topics": [{"id": "xss", "name": text(0)}],
        "audiences": [{"id": "xss", "name": text(1)}],
        "organizations": [
            {
                "id": f"org-{i}",
                "name": text(i),
                "description": text(i),
                "municipalities": [municipality_code],
                "topics": ["xss"],
                "audiences": ["xss"],
            }
            for i in range(len(PAYLOADS))
        ],
        "places": [
            {"id": f"place-{i}", "name": text(i), "municipality": municipality_code}
            for i in range(len(PAYLOADS))
        ],
        "events": [
            {
                "id": f"event-{i}",
                "name": text(i),
                "short_description": text(i),
                "description": text(i),
                "start_time": (start + dt.timedelta(hours=i)).isoformat(),
                "location": f"place-{i}",
                "organizers": [f"org-{i}"],
                "topics": ["xss"],
                "offers": [{"is_free": False, "price": price(i)}],
            }
            for i in range(len(PAYLOADS))
        ],
        "activities": [
            {
                "id": f"act-{i}",
                "name": text(i),
                "description": text(i),
                "kind": "volunteering" if i % 2 else "hobby",
                "organizer": f"org-{i}",
                "location": f"place-{i}",
                "municipalities": [municipality_code],
                "price": price(i),
            }
            for i in range(len(PAYLOADS))
        ],
    }
    dataset_import(data=data)


def post_ok(client: Client, url: str, data: dict) -> None:
    response = client.post(url, data)
    form = response.context.get("form") if response.context else None
    assert response.status_code == 302, (
        f"saving {data.get('name_fi') or data.get('name')!r} at {url} was refused: "
        f"{form.errors if form else response.status_code}"
    )


def save_payloads_through_forms(kuopio, place) -> SimpleNamespace:
    """One association per payload, edited by its editor; an event and activity each; a claim."""
    editor = UserFactory(email="xss-editor@example.org")
    claimant = UserFactory(email="xss-claimant@example.org")
    editor_client, claimant_client = Client(), Client()
    editor_client.force_login(editor)
    claimant_client.force_login(claimant)
    organizations = []
    for i, payload in enumerate(PAYLOADS):
        organization = OrganizationFactory(name_fi=f"Lomakeyhdistys {i}", municipalities=[kuopio])
        OrganizationEditor.objects.create(user=editor, organization=organization)
        org = organization.public_id
        post_ok(
            editor_client,
            path("selfservice:organization_edit", "en", org=org),
            {
                "name_fi": payload,
                "description_fi": payload,
                "email": "info@example.org",
                "municipalities": [kuopio.pk],
                "contacts-TOTAL_FORMS": "1",
                "contacts-INITIAL_FORMS": "0",
                "contacts-0-name": payload,
                "contacts-0-role_fi": payload,
                "contacts-0-email": "yhteys@example.org",
                "links-TOTAL_FORMS": "0",
                "links-INITIAL_FORMS": "0",
            },
        )
        post_ok(
            editor_client,
            path("selfservice:event_create", "en", org=org),
            {
                "name_fi": payload,
                "short_description_fi": payload,
                "description_fi": payload,
                "price_fi": payload[:PRICE_LENGTH],
                "start_date": _soon(3),
                "start_time": "10:00",
                "end_time": "11:00",
                "location": place.pk,
                "visibility": "publish",
                "series_repeat": "once",
            },
        )
        volunteering = bool(i % 2)
        post_ok(
            editor_client,
            path(
                "selfservice:volunteering_create"
                if volunteering
                else "selfservice:activity_create",
                "en",
                org=org,
            ),
            {
                "name_fi": payload,
                "description_fi": payload,
                "skills_wanted_fi": payload,
                "time_commitment_fi": payload,
                "kind": Activity.Kind.HOBBY,
                "price_fi": payload[:PRICE_LENGTH],
                "location": place.pk,
                "municipalities": [kuopio.pk],
                "visibility": "publish",
                "schedule-TOTAL_FORMS": "0",
                "schedule-INITIAL_FORMS": "0",
            },
        )
        post_ok(
            claimant_client,
            path("moderation:claim_new", "en"),
            {
                "name": f"{payload} {i}",
                "municipality": kuopio.pk,
                "description": payload,
                "email": "uusi@example.org",
                "message": payload,
            },
        )
        organizations.append(organization)
    return SimpleNamespace(editor=editor, claimant=claimant, organizations=organizations)


@pytest.fixture
def stored(transactional_db):
    """Every payload saved through the forms and through the importer."""
    import_payloads("297")
    kuopio = Municipality.objects.get(code="297")
    place = PlaceFactory(name_fi="Kuopion kaupungintalo", municipality=kuopio)
    # Dozens of saves from one address in a minute: the rate limits of core.antibot
    # (tested on their own) would refuse them, and the payloads are what is tested here.
    with override_settings(RATELIMIT_ENABLE=False):
        through_forms = save_payloads_through_forms(kuopio, place)
    coordinator = UserFactory(email="xss-coordinator@example.org", is_coordinator=True)
    return SimpleNamespace(coordinator=coordinator, **vars(through_forms))


# Looking at the pages ---------------------------------------------------------------------


def browser_page(open_page, live_server, user=None):
    """A page whose every dialog is recorded (and dismissed), signed in as `user` if given."""
    page = open_page()
    if user is not None:
        client = Client()
        client.force_login(user)
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    page.dialogs = []

    def on_dialog(dialog):
        page.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return page


def injections_on(page, paths: list[str]) -> list[str]:
    """Open each path; what ran or could run there, one line per finding."""
    findings = []
    for url in paths:
        response = page.goto(url)
        assert response.ok, f"GET {url} answered {response.status}"
        findings += [f"{url}: {line}" for line in page.evaluate(FIND_INJECTIONS)]
        findings += [f"{url}: dialog {line}" for line in page.dialogs]
        page.dialogs.clear()
    return findings


def all_pages_of(list_path: str, count: int, page_size: int = 20) -> list[str]:
    return [f"{list_path}?page={n}" for n in range(1, count // page_size + 2)]


def assert_no_injections(findings: list[str]) -> None:
    assert not findings, f"{len(findings)} injection(s):\n" + "\n".join(findings[:40])


def test_the_corpus_has_at_least_fifty_payloads():
    assert len(PAYLOADS) >= 50
    assert len(set(PAYLOADS)) == len(PAYLOADS)


def test_public_pages_run_no_payload(open_page, live_server, stored):
    """The home page, every page of each list, the search and every public detail page."""
    paths = [
        path("core:home"),
        *all_pages_of(path("organizations:list"), Organization.objects.count()),
        *all_pages_of(path("events:list"), Event.objects.count()),
        *all_pages_of(path("activities:list"), Activity.objects.count()),
        *all_pages_of(path("activities:volunteering"), Activity.objects.count()),
        path("events:map"),
    ]
    # Detail pages, with their JSON-LD: those saved through the forms and the importer.
    for kind in (Organization, Event, Activity):
        objects = kind.objects.filter(publication_status="published").exclude(
            name_fi__startswith="Lomakeyhdistys"
        )
        details = [obj.get_absolute_url() for obj in objects]
        assert len(details) >= len(PAYLOADS) * 2 - 1, kind.__name__
        paths += details
    page = browser_page(open_page, live_server)
    findings = injections_on(page, paths)

    search = path("search:results")
    findings += injections_on(page, [f"{search}?q=xss&page=1"])
    assert page.get_by_role("main").get_by_role("link").count() > 5, "the search found nothing"
    searches = [f"{search}?q=xss&page={n}" for n in range(2, 6)]
    searches += [f"{search}?q=img&page=1", f"{search}?q=script&page=1", f"{search}?q=svg&page=1"]
    findings += injections_on(page, searches)
    assert_no_injections(findings)


def test_self_service_pages_run_no_payload(open_page, live_server, stored):
    paths = [path("selfservice:dashboard")]
    for organization in stored.organizations:
        org = organization.public_id
        event = Event.objects.get(organizers=organization)
        activity = Activity.objects.get(organizer=organization)
        # The overview lists every name; the forms put each value back into its input or
        # textarea (where </textarea> and quote breakouts aim); the previews hold JSON-LD.
        paths += [
            path("selfservice:organization", org=org),
            path("selfservice:organization_edit", org=org),
            path("selfservice:event_edit", org=org, event=event.public_id),
            path("selfservice:event_preview", org=org, event=event.public_id),
            path("selfservice:activity_edit", org=org, activity=activity.public_id),
        ]
    first = stored.organizations[0].public_id
    event = Event.objects.get(organizers=stored.organizations[0])
    paths += [
        path("selfservice:organization_preview", org=first),
        path("selfservice:event_copy", org=first, event=event.public_id),
        path("selfservice:event_cancel", org=first, event=event.public_id),
    ]
    page = browser_page(open_page, live_server, stored.editor)
    assert_no_injections(injections_on(page, paths))


def test_moderation_pages_run_no_payload(open_page, live_server, stored):
    paths = [path("moderation:queue"), path("freshness:stale")]
    for claim in Claim.objects.all():
        paths.append(path("moderation:claim_decide", pk=claim.pk))
    for organization in stored.organizations:
        paths.append(
            path("moderation:history", kind="association", public_id=organization.public_id)
        )
        event = Event.objects.get(organizers=organization)
        paths.append(path("moderation:history", kind="event", public_id=event.public_id))
        paths.append(path("moderation:content_decide", kind="event", public_id=event.public_id))
    coordinator_page = browser_page(open_page, live_server, stored.coordinator)
    findings = injections_on(coordinator_page, paths)
    claimant_page = browser_page(open_page, live_server, stored.claimant)
    findings += injections_on(claimant_page, [path("moderation:my_requests")])
    assert_no_injections(findings)
