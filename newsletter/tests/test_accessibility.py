"""axe-core finds nothing on the newsletter's public pages, in each language.

The subscription form (empty and with errors) and its answer, the confirmation page and
its answer, the preference page, the unsubscribe confirmation and its answer, a broken
link, the archive and an archived issue.
"""

import pytest
from django.utils import timezone

from core.tests.browser import (
    LANGUAGES,
    axe_violations,
    click_and_wait_for_the_next_page,
    describe_violations,
    localized_path,
)
from newsletter.models import Issue
from newsletter.tokens import make_confirm_token, make_manage_token
from taxonomy.models import Topic

from .factories import IssueFactory, OfferFactory, SubscriberFactory

pytestmark = pytest.mark.browser


def assert_no_violations(page, path=None):
    if path is not None:
        response = page.goto(path)
        assert response.ok, f"GET {path} answered {response.status}"
    violations = axe_violations(page)
    assert not violations, describe_violations(violations, path or page.url)


@pytest.fixture
def reader(north_savo):
    return SubscriberFactory(
        email="lukija@example.org",
        topics=[Topic.objects.get(slug="liikunta")],
        municipalities=[north_savo.kuopio],
    )


@pytest.fixture
def sent_issue(north_savo):
    issue = IssueFactory(
        title_fi="Marraskuun uutiskirje",
        title_sv="Novembers nyhetsbrev",
        title_en="November newsletter",
        intro_fi="Ajankohtaista yhdistyksistä.\nHyvää syksyä!",
        status=Issue.Status.SENT,
        sent_at=timezone.now(),
    )
    OfferFactory(
        issue=issue,
        organization=north_savo.culture_society,
        title="Kuoro hakee laulajia",
        text="Tule mukaan!",
        link="https://example.org/kuoro",
        topics=[Topic.objects.get(slug="kulttuuri")],
    )
    OfferFactory(issue=issue, organization=north_savo.culture_society, title="Talkoot")
    issue.news_items = [
        {
            "id": "1",
            "title": {"fi": "Uutinen", "sv": "Nyhet", "en": "News item"},
            "text": {"fi": "Lyhyesti.", "sv": "Kort.", "en": "In brief."},
            "url": {"fi": "https://example.org/uutinen"},
            "topics": [],
            "municipalities": [],
        }
    ]
    issue.save()
    issue.events.set([north_savo.chair_exercise, north_savo.poetry_evening])
    return issue


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_subscription_form_has_no_violations(page, north_savo, lang):
    assert_no_violations(page, localized_path("newsletter:subscribe", lang))
    assert page.locator("input[type=email]").count() == 1


def test_the_subscription_form_with_errors_has_no_violations(page, north_savo):
    page.goto(localized_path("newsletter:subscribe", "fi"))
    page.fill("input[type=email]", "not an address")
    click_and_wait_for_the_next_page(page, page.locator("form button[type=submit]").first)
    assert page.locator("[aria-invalid=true]").count() >= 1
    assert_no_violations(page)


def test_the_answer_to_a_subscription_has_no_violations(page, north_savo):
    page.goto(localized_path("newsletter:subscribe", "fi"))
    page.fill("input[type=email]", "uusi@example.org")
    page.locator("input[name=consent]").check()
    click_and_wait_for_the_next_page(page, page.locator("form button[type=submit]").first)
    assert page.locator("h1").count() == 1
    assert_no_violations(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_confirmation_page_and_its_answer_have_no_violations(page, north_savo, lang):
    pending = SubscriberFactory(status="pending", language=lang)
    path = localized_path("newsletter:confirm", lang, token=make_confirm_token(pending))
    assert_no_violations(page, path)
    click_and_wait_for_the_next_page(page, page.locator("main form button[type=submit]"))
    pending.refresh_from_db()
    assert pending.status == "active"
    assert_no_violations(page)


def test_a_broken_link_page_has_no_violations(page, north_savo):
    path = localized_path("newsletter:preferences", "fi", token="not-a-token")
    response = page.goto(path)
    assert response.status == 400
    assert_no_violations(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_preference_page_has_no_violations(page, reader, lang):
    path = localized_path("newsletter:preferences", lang, token=make_manage_token(reader))
    assert_no_violations(page, path)
    # save: the page with its notice
    click_and_wait_for_the_next_page(page, page.locator("form button[type=submit]").first)
    assert page.locator("[role=status]").count() == 1
    assert_no_violations(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_unsubscribe_confirmation_and_its_answer_have_no_violations(page, reader, lang):
    path = localized_path("newsletter:unsubscribe", lang, token=make_manage_token(reader))
    assert_no_violations(page, path)
    click_and_wait_for_the_next_page(page, page.locator("main form button[type=submit]"))
    reader.refresh_from_db()
    assert reader.status == "unsubscribed"
    assert_no_violations(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_archive_and_an_archived_issue_have_no_violations(page, sent_issue, lang):
    assert_no_violations(page, localized_path("newsletter:archive", lang))
    assert_no_violations(page, localized_path("newsletter:archive_detail", lang, pk=sent_issue.pk))
    assert page.locator("main h2").count() == 3  # offers, news, events


def test_an_empty_archive_has_no_violations(page, north_savo):
    assert_no_violations(page, localized_path("newsletter:archive", "fi"))
