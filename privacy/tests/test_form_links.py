"""Every form that collects personal data links to the privacy notice.

The pages below are every page with a form; a form collects personal data when it has
an e-mail or phone input, or a field for a person's name or a message (the rule of
`collects_personal_data`). A new form page belongs in PAGES.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from accounts.tests.factories import (
    MunicipalityEditorFactory,
    OrganizationEditorFactory,
    UserFactory,
)
from cards.tests.factories import CardFactory
from cooperation.tests.factories import BodyFactory
from moderation.tests.factories import CoordinatorFactory
from organizations.tests.factories import OrganizationFactory

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


@pytest.fixture
def world(db):
    org_editor = OrganizationEditorFactory()
    municipality_editor = MunicipalityEditorFactory()
    CardFactory(municipality=municipality_editor.municipality)
    return {
        "organization": org_editor.organization,
        "org_editor": org_editor.user,
        "municipality": municipality_editor.municipality,
        "municipality_editor": municipality_editor.user,
        "coordinator": CoordinatorFactory(),
        "user": UserFactory(),
        "other_organization": OrganizationFactory(),
    }


# (URL name, kwargs from the world, who is signed in)
PAGES = [
    ("accounts:sign_up", lambda w: {}, None),
    ("accounts:login", lambda w: {}, None),
    ("accounts:login_link", lambda w: {}, None),
    ("accounts:password_reset", lambda w: {}, None),
    ("accounts:account", lambda w: {}, "user"),
    ("newsletter:subscribe", lambda w: {}, None),
    ("privacy:accessibility", lambda w: {}, None),
    ("selfservice:organization_edit", lambda w: {"org": w["organization"].public_id}, "org_editor"),
    ("selfservice:activity_create", lambda w: {"org": w["organization"].public_id}, "org_editor"),
    ("cards:edit", lambda w: {"slug": w["municipality"].slug}, "municipality_editor"),
    ("cards:grant_reminders", lambda w: {}, "user"),
    ("moderation:claim_new", lambda w: {}, "user"),
    ("moderation:claim", lambda w: {"public_id": w["other_organization"].public_id}, "user"),
    ("moderation:invite", lambda w: {"public_id": w["organization"].public_id}, "coordinator"),
    (
        "moderation:invite_municipality",
        lambda w: {"slug": w["municipality"].slug},
        "coordinator",
    ),
    ("cooperation:join", lambda w: {"public_id": BodyFactory().public_id}, "org_editor"),
]


@pytest.mark.parametrize(("url_name", "kwargs", "who"), PAGES, ids=[p[0] for p in PAGES])
def test_the_form_that_collects_personal_data_links_to_the_privacy_notice(
    client, world, url_name, kwargs, who
):
    if who:
        client.force_login(world[who])
    response = client.get(reverse(url_name, kwargs=kwargs(world)))
    assert response.status_code == 200
    assert forms_lacking_the_link(response.content.decode()) == []
