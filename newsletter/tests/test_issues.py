"""Composing issues, personalisation, offers, preview, test copy and the archive."""

import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import OrganizationEditorFactory, UserFactory
from events.tests.factories import EventFactory
from municipalities.tests.factories import MunicipalityFactory
from newsletter.models import Issue, Offer
from newsletter.rendering import IssueRenderer
from newsletter.services.issues import issue_save

from .factories import IssueFactory, OfferFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def test_items_tagged_with_a_municipality_go_only_to_its_subscribers_and_untagged_to_all():
    kuopio = MunicipalityFactory(code="297", name="Kuopio", slug="kuopio")
    varkaus = MunicipalityFactory(code="915", name="Varkaus", slug="varkaus")
    issue = IssueFactory()
    OfferFactory(issue=issue, title="For Kuopio", municipalities=[kuopio])
    OfferFactory(issue=issue, title="For Varkaus", municipalities=[varkaus])
    OfferFactory(issue=issue, title="For everyone")
    reader = SubscriberFactory(municipalities=[kuopio])
    html = IssueRenderer(issue).message(reader).alternatives[0][0]
    assert "For Kuopio" in html and "For everyone" in html
    assert "For Varkaus" not in html


def test_a_new_issue_suggests_the_events_of_its_period():
    coordinator = UserFactory(is_coordinator=True)
    inside = EventFactory()
    EventFactory(start_time=timezone.now() + timezone.timedelta(days=90))
    today = timezone.localdate()
    issue = issue_save(
        user=coordinator,
        fields={
            "title_fi": "Joulukuu",
            "period_start": today,
            "period_end": today + timezone.timedelta(days=30),
        },
    )
    assert list(issue.events.all()) == [inside]


def test_an_editor_offers_an_item_and_sees_the_coordinators_decline_message(client):
    editor = OrganizationEditorFactory()
    client.force_login(editor.user)
    client.post(
        reverse("newsletter:offer_new"),
        {"organization": editor.organization.pk, "title": "Kevätmyyjäiset", "text": "Tervetuloa!"},
    )
    offer = Offer.objects.get()
    coordinator = UserFactory(is_coordinator=True)
    client.force_login(coordinator)
    client.post(
        reverse("newsletter:offer_decide", kwargs={"pk": offer.pk}),
        {
            "decision": "decline",
            "title": offer.title,
            "text": offer.text,
            "message": "Liian myöhään.",
        },
    )
    client.force_login(editor.user)
    page = client.get(reverse("newsletter:my_offers")).content.decode()
    assert "Kevätmyyjäiset" in page and "Liian myöhään." in page


def test_only_the_coordinator_sees_the_issue_pages(client):
    issue = IssueFactory()
    client.force_login(UserFactory())
    assert client.get(reverse("newsletter:issue", kwargs={"pk": issue.pk})).status_code == 403


def test_the_coordinator_previews_the_issue_and_gets_a_test_copy(client, mailoutbox):
    coordinator = UserFactory(is_coordinator=True, email="koordinaattori@example.org")
    issue = IssueFactory(title_fi="Esikatselu")
    OfferFactory(issue=issue, title="Kuoro hakee laulajia")
    client.force_login(coordinator)
    preview = client.get(reverse("newsletter:preview", kwargs={"pk": issue.pk}))
    assert "Kuoro hakee laulajia" in preview.content.decode()
    client.post(reverse("newsletter:test", kwargs={"pk": issue.pk}), {"language": "fi"})
    (message,) = mailoutbox
    assert message.to == ["koordinaattori@example.org"]
    assert "Esikatselu" in message.subject


def test_sent_issues_are_in_the_public_archive_and_drafts_are_not(client):
    sent = IssueFactory(title_fi="Lähetetty", status=Issue.Status.SENT, sent_at=timezone.now())
    IssueFactory(title_fi="Luonnos")
    page = client.get(reverse("newsletter:archive")).content.decode()
    assert "Lähetetty" in page and "Luonnos" not in page
    assert client.get(sent.get_absolute_url()).status_code == 200


# A frozen clock: the signed unsubscribe links carry a timestamp to the second, and the two
# copies are built a moment apart (one CI run saw them straddle a second).
@time_machine.travel("2027-03-01 10:00:00+02:00", tick=False)
def test_the_shared_serialised_copy_equals_the_message_built_for_the_subscriber():
    import email
    import email.policy

    issue = IssueFactory(title_fi="Yhteinen kopio")
    OfferFactory(issue=issue, title="Ääkköset ja pitkä rivi " * 5)
    reader = SubscriberFactory()
    renderer = IssueRenderer(issue)
    fast = renderer.outgoing(reader)
    assert fast.data is not None
    parsed = email.message_from_bytes(fast.data, policy=email.policy.default)
    built = renderer.message(reader).message()
    for header in ("To", "Subject", "Message-ID", "List-Unsubscribe", "List-Unsubscribe-Post"):
        expected = email.message_from_bytes(built.as_bytes(), policy=email.policy.default)
        assert " ".join(str(parsed[header]).split()) == " ".join(str(expected[header]).split())
    for kind in ("plain", "html"):
        body = parsed.get_body((kind,)).get_content()
        assert "Ääkköset" in body and "placeholder" not in body and "__NEWSLETTER" not in body


@time_machine.travel("2027-03-01 10:00:00+02:00", tick=False)  # signed links: see above
def test_the_per_subscriber_shortcuts_give_the_same_links_and_wire_bytes():
    import email
    import email.policy

    from newsletter.services.smtp import _EOL, _LEADING_DOT
    from newsletter.services.subscriptions import manage_urls

    # Lines that begin with a dot: SMTP needs them doubled.
    issue = IssueFactory(title_fi="Pikatie", intro_fi=".alkaa pisteellä\n.ja toinenkin")
    OfferFactory(issue=issue, title="Rivi")
    renderer = IssueRenderer(issue)
    for language in ("fi", "sv", "en"):
        reader = SubscriberFactory(language=language)
        assert renderer._manage_urls(reader) == manage_urls(reader)
        fast = renderer.outgoing(reader)
        wire = _LEADING_DOT.sub(b"..", _EOL.sub(b"\r\n", fast.data))
        assert fast.wire == wire  # what smtplib would have made of the same message
        assert b"\r\n..alkaa" in fast.wire
        parsed = email.message_from_bytes(fast.data, policy=email.policy.default)
        assert parsed["To"] == reader.email
        assert str(parsed["List-Unsubscribe"]).strip("<>") == manage_urls(reader)["unsubscribe_url"]


def test_an_offer_accepted_before_any_issue_existed_is_offered_for_the_next_issue(client):
    OfferFactory(issue=None, title="Kuoro hakee laulajia ennen numeroa")
    issue = IssueFactory()
    client.force_login(UserFactory(is_coordinator=True))
    page = client.get(reverse("newsletter:issue", kwargs={"pk": issue.pk})).content.decode()
    assert "Kuoro hakee laulajia ennen numeroa" in page


def test_times_in_the_newsletter_are_written_as_the_site_writes_them():
    import datetime as dt

    start = timezone.localtime() + dt.timedelta(days=5)
    start = start.replace(hour=18, minute=0, second=0, microsecond=0)
    issue = IssueFactory()
    issue.events.add(EventFactory(name_fi="Kevätkonsertti", start_time=start))
    message = IssueRenderer(issue).message(SubscriberFactory(language="fi"))
    for body in (message.body, message.alternatives[0][0]):
        body = re.sub(r'datetime="[^"]*"', "", body)  # machine-readable, not what people read
        assert "Kevätkonsertti" in body
        assert "18.00" in body and "18:00" not in body


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_scheduled_issue_is_not_labelled_with_an_events_wording(language):
    from django.utils import translation

    from events.models import Event

    with translation.override(language):
        issue_label = str(Issue.Status.SCHEDULED.label)
        event_label = str(Event.Status.SCHEDULED.label)
    assert issue_label != event_label
    assert issue_label == {"fi": "Ajastettu", "sv": "Schemalagd"}[language]


def test_the_preview_has_its_own_policy_allowing_the_emails_styles_and_nothing_else(client):
    issue = IssueFactory(title_fi="Esikatselu")
    client.force_login(UserFactory(is_coordinator=True))

    preview = client.get(reverse("newsletter:preview", kwargs={"pk": issue.pk}))

    policy = preview["Content-Security-Policy"]
    assert "style-src 'unsafe-inline'" in policy
    assert "script-src 'none'" in policy and "default-src 'none'" in policy
    assert "frame-ancestors 'self'" in policy
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert 'style="' in preview.content.decode()  # the e-mail's own inline styles


def test_the_issue_page_shows_the_preview_in_a_sandboxed_frame(client):
    issue = IssueFactory()
    client.force_login(UserFactory(is_coordinator=True))
    page = client.get(reverse("newsletter:issue", kwargs={"pk": issue.pk})).content.decode()
    preview = reverse("newsletter:preview", kwargs={"pk": issue.pk})
    assert f'<iframe class="newsletter-preview" sandbox src="{preview}"' in page
    # The site's own pages keep their strict policy and still refuse to be framed.
    site = client.get(reverse("newsletter:issue", kwargs={"pk": issue.pk}))
    assert "style-src 'self'" in site["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in site["Content-Security-Policy"]
