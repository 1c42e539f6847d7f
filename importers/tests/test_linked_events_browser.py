"""The Linked Events source pages pass axe-core's WCAG 2.1 A and AA rules in fi, sv and en."""

import pytest
from django.utils import timezone

from core.tests.browser import LANGUAGES, axe_violations, describe_violations, localized_path
from events.tests.factories import EventFactory
from importers.models import LinkedEventsEvent, LinkedEventsRun, LinkedEventsSource
from selfservice.tests.factories import editor_of
from selfservice.tests.test_browser import signed_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_linked_events_pages_have_no_accessibility_violations(
    open_page, live_server, north_savo, lang
):
    association = north_savo.pensioners
    source = LinkedEventsSource.objects.create(
        organization=association,
        name="Kaupungin tapahtumat",
        api_root="https://api.hel.fi/linkedevents/v1/",
        division="kallio",
    )
    event = EventFactory(name_fi="Tuotu tapahtuma", organizers=[association])
    LinkedEventsEvent.objects.create(source=source, upstream_id="helsinki:1", event=event)
    LinkedEventsRun.objects.create(
        source=source,
        started_at=timezone.now(),
        status="imported",
        created=1,
        unmapped_keywords=[{"id": "yso:p11185", "name": "konsertit"}],
    )
    page = signed_in(open_page, live_server, editor_of(association))
    for path in (
        localized_path("importers:le_list", lang, org=association.public_id),
        localized_path("importers:le_detail", lang, org=association.public_id, pk=source.pk),
    ):
        response = page.goto(path)
        assert response.ok, path
        violations = axe_violations(page)
        assert not violations, describe_violations(violations, path)
