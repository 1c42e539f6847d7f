"""axe-core finds nothing on a card, the comparison, the grant calendar and the edit page."""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client

from accounts.tests.factories import MunicipalityEditorFactory
from cards.models import Practice, PracticeAnswer
from core.tests.browser import LANGUAGES, axe_violations, describe_violations, localized_path

from .factories import (
    CardContactFactory,
    CardFactory,
    GrantFactory,
    GrantPeriodFactory,
    PracticeAnswerFactory,
    PremisesFactory,
)

pytestmark = pytest.mark.browser


def assert_no_violations(page, path):
    response = page.goto(path)
    assert response.ok, f"GET {path} answered {response.status}"
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, path)


@pytest.fixture
def cards(north_savo):
    kuopio = CardFactory(municipality=north_savo.kuopio, steps_planned_fi="<p>Foorumi 2026</p>")
    CardContactFactory(card=kuopio, name="Anna Avoin", phone="+358 44 123 4567")
    PremisesFactory(card=kuopio, name_fi="Kuopion nuorisotila", accessibility_notes_fi="Hissi")
    grant = GrantFactory(card=kuopio, name_fi="Kulttuuriavustus")
    GrantPeriodFactory(grant=grant, deadline=dt.date.today() + dt.timedelta(days=14))
    GrantPeriodFactory(
        grant=grant, deadline=dt.date.today() + dt.timedelta(days=60), deadline_time=dt.time(16)
    )
    # Live-server tests empty the database, the seeded checklist too.
    practices = [
        Practice.objects.get_or_create(key=key, defaults={"name_fi": name, "order": order})[0]
        for order, (key, name) in enumerate(
            [
                ("contact-person", "Nimetty järjestöyhteyshenkilö"),
                ("ngo-forum", "Järjestöfoorumi tai -neuvottelukunta"),
                ("premises", "Maksuttomat tai edulliset tilat yhdistyksille"),
            ]
        )
    ]
    statuses = [PracticeAnswer.Status.YES, PracticeAnswer.Status.IN_PROGRESS, "no"]
    for practice, status in zip(practices, statuses, strict=True):
        PracticeAnswerFactory(card=kuopio, practice=practice, status=status, note="Huom")
    iisalmi = CardFactory(municipality=north_savo.iisalmi)
    PracticeAnswerFactory(card=iisalmi, practice=practices[0])
    return north_savo


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_filled_card_has_no_violations(page, cards, lang):
    assert_no_violations(page, localized_path("cards:detail", lang, slug="kuopio"))
    assert "Kulttuuriavustus" in page.content()


def test_an_empty_card_and_the_list_have_no_violations(page, cards):
    assert_no_violations(page, localized_path("cards:detail", "fi", slug="varkaus"))
    assert_no_violations(page, localized_path("cards:list", "fi"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_comparison_has_no_violations(page, cards, lang):
    assert_no_violations(page, localized_path("cards:comparison", lang))
    assert_no_violations(page, localized_path("cards:comparison", lang) + "?practice=ngo-forum")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_grant_calendar_has_no_violations(page, cards, lang):
    assert_no_violations(page, localized_path("cards:grant_calendar", lang))
    assert "Kulttuuriavustus" in page.content()


def test_the_edit_page_has_no_violations(open_page, live_server, cards):
    editor = MunicipalityEditorFactory(municipality=cards.kuopio).user
    client = Client()
    client.force_login(editor)
    page = open_page()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    assert_no_violations(page, localized_path("cards:edit", "fi", slug="kuopio"))
    grant = cards.kuopio.card.grants.get()
    assert_no_violations(page, localized_path("cards:grant_edit", "fi", slug="kuopio", pk=grant.pk))
