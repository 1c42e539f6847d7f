"""The calendar feed pages pass axe-core's WCAG 2.1 A and AA rules in fi, sv and en."""

import pytest
from django.utils import timezone

from core.tests.browser import LANGUAGES, axe_violations, describe_violations, localized_path
from events.tests.factories import EventFactory
from importers.models import CalendarSource, ImportedEvent, ImportRun
from selfservice.tests.factories import editor_of
from selfservice.tests.test_browser import signed_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_calendar_feed_pages_have_no_accessibility_violations(
    open_page, live_server, north_savo, lang
):
    association = north_savo.pensioners
    source = CalendarSource.objects.create(
        organization=association, name="Kotisivun kalenteri", url="https://example.org/k.ics"
    )
    event = EventFactory(name_fi="Tuotu tapahtuma", organizers=[association])
    ImportedEvent.objects.create(source=source, uid="a@example.org", event=event)
    ImportRun.objects.create(source=source, started_at=timezone.now(), status="imported", created=1)
    page = signed_in(open_page, live_server, editor_of(association))
    for path in (
        localized_path("importers:list", lang, org=association.public_id),
        localized_path("importers:detail", lang, org=association.public_id, pk=source.pk),
    ):
        response = page.goto(path)
        assert response.ok, path
        violations = axe_violations(page)
        assert not violations, describe_violations(violations, path)
