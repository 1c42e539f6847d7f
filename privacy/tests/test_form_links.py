"""Every form that collects personal data links to the privacy notice.

The pages are found, not listed: every route of the URL conf that takes no parameter, and
every page linked from those, is fetched as a visitor and as a person who edits
everything. A form collects personal data when it has an e-mail or phone input, or a field
for a person's name or a message (the rule of `collects_personal_data`).

The templates keep the crawl honest: every template with a POST form must have been
rendered by the crawl, or be named in NOT_REACHED with the reason it cannot collect
personal data, so a new form page fails here until the crawl reaches it.
"""

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from accounts.tests.factories import (
    MunicipalityEditorFactory,
    OrganizationEditorFactory,
)
from cards.tests.factories import CardFactory
from cooperation.models import BodyDocument
from cooperation.tests.factories import BodyFactory, MeetingFactory
from importers.tests.factories import CalendarSourceFactory
from materials.tests.factories import DocumentFactory
from moderation.tests.factories import ClaimFactory, CoordinatorFactory
from organizations.tests.factories import OrganizationFactory
from surveys.tests.factories import QuestionFactory, RoundFactory

PERSONAL_NAMES = {"name", "email", "phone", "message", "contact_email", "contact_phone"}


class Forms(HTMLParser):
    """The POST forms of a page: for each, its input names/types and its links."""

    def __init__(self):
        super().__init__()
        self.forms, self.current = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.current = {"fields": [], "links": [], "action": attrs.get("action")}
        elif self.current is not None and tag in ("input", "textarea", "select"):
            if "readonly" in attrs and ("hidden" in attrs or attrs.get("type") == "hidden"):
                return  # a password manager's hint of the account, not an entry
            self.current["fields"].append((attrs.get("name") or "", attrs.get("type") or ""))
        elif self.current is not None and tag == "a":
            self.current["links"].append(attrs.get("href"))

    def handle_endtag(self, tag):
        if tag == "form" and self.current is not None:
            self.forms.append(self.current)
            self.current = None


def collects_personal_data(form) -> bool:
    for name, kind in form["fields"]:
        last = name.rsplit("-", 1)[-1]  # formset rows: contacts-0-email
        if kind in ("email", "tel") or last in PERSONAL_NAMES:
            return True
    return False


def forms_lacking_the_link(html: str) -> list:
    parser = Forms()
    parser.feed(html)
    notice = reverse("privacy:notice")
    return [
        form
        for form in parser.forms
        if collects_personal_data(form) and notice not in form["links"]
    ]


def test_a_form_with_an_e_mail_field_and_no_link_is_found():
    html = '<form method="post"><input type="email" name="address"></form>'
    assert len(forms_lacking_the_link(html)) == 1


def route_names(patterns=None, namespace="") -> list[str]:
    """Every named route of the URL conf, with its namespaces."""
    names = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names += route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(namespace + pattern.name)
    return names


def routes_without_parameters() -> list[str]:
    paths = []
    for name in route_names():
        if name.startswith(("admin:", "api:", "djdt:")):
            continue
        try:
            paths.append(reverse(name))
        except NoReverseMatch:
            continue  # takes parameters: reached through the links of the crawl
    return sorted(set(paths))


LINK = re.compile(r'href="(/[^"#?]*)"')
#: One language is enough: the three render the same templates. Files and feeds have no
#: forms; the API and the admin are not under a language.
SKIP_ENDINGS = (".pdf", ".ics", ".xml", ".json", ".csv", ".txt", ".xlsx")
MAX_PAGES = 400

#: Templates with a POST form that the crawl does not render, and why none of them can
#: collect personal data (or where its form is checked instead).
NOT_REACHED = {
    "importers/source_detail.html": "buttons only: poll now, edit an event here, remove",
    "importers/linked_events_detail.html": "an API address and its filters; buttons to sync, "
    "edit an event here or remove (the same form on the list page links the notice)",
    "importers/sheet_detail.html": "a button that confirms an uploaded spreadsheet's import",
    "accounts/delete.html": "the password only, to delete one's own account",
    "accounts/login_link_confirm.html": "a button that uses a one-time sign-in link",
    "accounts/password_reset_confirm.html": "a new password behind an e-mailed token",
    "accounts/verify.html": "a button that confirms an e-mailed token",
    "accounts/two_factor_verify.html": "the second step of signing in: a one-time code",
    "accounts/security_key_add.html": "offered only once the app is on, at a domain name "
    "(the crawl's editor has neither); its form links the notice, see test_security_keys",
    "moderation/invitation_accept.html": "a button that accepts an e-mailed invitation",
    "newsletter/confirm.html": "a button that confirms an e-mailed token",
    "newsletter/preferences.html": "language and interests behind an e-mailed token",
    "newsletter/unsubscribe.html": "a button behind an e-mailed token",
    "freshness/confirm.html": "a button behind an e-mailed token",
    "cooperation/unsubscribe.html": "a button behind an e-mailed token",
    "surveys/opted_out.html": "a button behind an e-mailed token",
}


POST_FORM = re.compile(r'<form[^>]*method="post"', re.IGNORECASE)


def templates_with_post_forms() -> set[str]:
    """Every project template with a POST form, by its name under templates/."""
    found = set()
    root = Path(settings.BASE_DIR)
    for directory in [root / "templates", *root.glob("*/templates")]:
        for path in directory.glob("**/*.html"):
            if POST_FORM.search(path.read_text()):
                found.add(path.relative_to(directory).as_posix())
    return found


@pytest.fixture
def editor_of_everything(north_savo):
    """The coordinator, also an editor of an association and a municipality, with some of
    everything waiting for them (a claim, an offer, an issue, a programme measure)."""
    from newsletter.models import Offer
    from newsletter.tests.factories import IssueFactory, OfferFactory
    from organizations.models import Organization
    from programme.tests.factories import CommitmentFactory, MeasureFactory

    coordinator = CoordinatorFactory()
    organization = Organization.objects.filter(status="active").first() or OrganizationFactory()
    OrganizationEditorFactory(user=coordinator, organization=organization)
    municipality_editor = MunicipalityEditorFactory(user=coordinator)
    CardFactory(municipality=municipality_editor.municipality)
    ClaimFactory(organization=organization)
    OfferFactory(organization=organization, status=Offer.Status.OFFERED)
    IssueFactory()
    CommitmentFactory(measure=MeasureFactory(), organization=organization)
    document = DocumentFactory(publisher_organization=organization)
    # A meeting with its minutes: its page has the upload, link and remove forms.
    meeting = MeetingFactory(body=BodyFactory())
    BodyDocument.objects.create(
        body=meeting.body, meeting=meeting, document=document, role="minutes"
    )
    CalendarSourceFactory(organization=organization)
    RoundFactory(survey=QuestionFactory().survey, open_link=True)
    return coordinator


def unlinked_pages(coordinator) -> list[str]:
    """Pages with a form that no page links to (reached from e-mails or typed by hand)."""
    from cooperation.models import StatementStatus
    from cooperation.tests.factories import StatementFactory

    organization = coordinator.organization_roles.first().organization
    signing = StatementFactory(status=StatementStatus.SIGNING)
    return [
        reverse("moderation:invite", kwargs={"public_id": organization.public_id}),
        # A statement open for signatures is shown to associations from e-mails and the
        # consultation it answers; the public lists show only sent ones.
        reverse("cooperation:statement", kwargs={"public_id": signing.public_id}),
    ]


def crawl(client, start: list[str], rendered: set[str], failures: list) -> int:
    queue, seen = deque(start), set()
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        if path in seen or not path.startswith("/en/") or path.endswith(SKIP_ENDINGS):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        rendered.update(t.name for t in response.templates if t.name)
        html = response.content.decode()
        failures += [(path, form["action"]) for form in forms_lacking_the_link(html)]
        queue.extend(LINK.findall(html))
    return len(seen)


@pytest.mark.django_db(transaction=True)
def test_every_form_found_in_the_site_that_collects_personal_data_links_to_the_notice(
    client, editor_of_everything
):
    rendered, failures = set(), []
    start = routes_without_parameters()
    assert "/en/newsletter/" in start or reverse("newsletter:subscribe") in start

    visited = crawl(client, start, rendered, failures)
    client.force_login(editor_of_everything)
    visited += crawl(client, start + unlinked_pages(editor_of_everything), rendered, failures)

    assert failures == [], "\n".join(sorted({f"{p} {a}" for p, a in failures}))
    unreached = templates_with_post_forms() - rendered - set(NOT_REACHED)
    assert unreached == set(), f"form pages the crawl does not reach: {sorted(unreached)}"
    assert visited > 100
