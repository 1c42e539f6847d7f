"""axe-core finds no WCAG 2.1 A/AA violations on the pages this issue changed, in fi, sv, en:
the phone menu, My association with its new sections, the About page, the newsletter's
subscription page and the coordinator's queue and issue page."""

import datetime as dt

import pytest
from django.utils import timezone

from core.models import PublicationStatus
from core.tests.browser import LANGUAGES, axe_violations, describe_violations, localized_path
from events.tests.factories import EventFactory
from moderation import services as moderation_services
from moderation.tests.factories import ClaimFactory
from newsletter.tests.factories import IssueFactory
from organizations.tests.factories import OrganizationFactory
from selfservice.tests.factories import coordinator, editor_of
from selfservice.tests.test_browser import signed_in

from .test_phone_layout import SMALL_PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_changed_pages_have_no_accessibility_violations(open_page, live_server, lang):
    association = OrganizationFactory(confirmed_at=timezone.now() - dt.timedelta(days=600))
    event = EventFactory(
        organizers=[association],
        publication_status=PublicationStatus.PENDING,
        start_time=timezone.now() + dt.timedelta(days=3),
    )
    boss = coordinator()
    moderation_services.content_decline(obj=event, user=boss, message="Lisää paikka.")
    volunteer = editor_of(association)
    ClaimFactory(user=volunteer)
    issue = IssueFactory()

    pages = [
        (volunteer, localized_path("selfservice:dashboard", lang)),
        (volunteer, localized_path("selfservice:organization", lang, org=association.public_id)),
        (volunteer, localized_path("core:about", lang)),
        (volunteer, localized_path("newsletter:subscribe", lang)),
        (volunteer, localized_path("organizations:detail", lang, public_id=association.public_id)),
        (boss, localized_path("moderation:queue", lang)),
        (boss, localized_path("newsletter:issue", lang, pk=issue.pk)),
    ]
    found = []
    for user, path in pages:
        page = signed_in(open_page, live_server, user, **SMALL_PHONE)
        response = page.goto(path)
        assert response.ok, f"GET {path} answered {response.status}"
        page.locator(".site-menu summary").click()  # the open menu is checked too
        violations = axe_violations(page)
        if violations:
            found.append(describe_violations(violations, path))
    assert not found, "\n".join(found)
