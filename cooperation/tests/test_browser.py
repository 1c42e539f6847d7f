"""The whole path in Chromium: a consultation fetched from a recorded feed reaches a
matching editor's digest; the coordinator opens a draft; two associations comment and
sign; the statement is published with both signatories and as a PDF; the outcome is
recorded. And axe-core over the cooperation pages in fi, sv and en."""

import datetime as dt
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from cooperation import services
from cooperation.alerts import digests_send
from cooperation.models import BodyDocument, Consultation, SeatRole, SourceKind, Statement
from cooperation.radar import source_poll
from core.tests.browser import (
    LANGUAGES,
    axe_violations,
    click_and_wait_for_the_next_page,
    describe_violations,
    localized_path,
)
from materials.tests.factories import DocumentFactory
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from selfservice.tests.factories import coordinator, editor_of
from selfservice.tests.test_browser import signed_in
from taxonomy.tests.factories import TopicFactory

from .factories import (
    BodyFactory,
    ConsultationFactory,
    MeetingFactory,
    MembershipFactory,
    SeatFactory,
    SourceFactory,
)

pytestmark = pytest.mark.browser

FEED = Path(__file__).parent / "fixtures" / "lausuntopalvelu.json"


def follow_topic(page, topic_name: str, organization) -> None:
    page.goto(localized_path("cooperation:follow", "en") + f"?org={organization.public_id}")
    page.get_by_label(topic_name).check()
    page.get_by_label("Daily").check()
    click_and_wait_for_the_next_page(page, page.get_by_role("button", name="Save my choices"))


def comment_and_sign(page, statement_url: str, text: str, *, sign: bool) -> None:
    page.goto(statement_url)
    if not sign:
        page.get_by_role("textbox", name="Comment").fill(text)
        click_and_wait_for_the_next_page(page, page.get_by_role("button", name="Add the comment"))
        assert page.get_by_text(text).is_visible()
        return
    click_and_wait_for_the_next_page(
        page, page.get_by_role("button", name="Sign for the association")
    )


@pytest.mark.heavy
def test_a_fetched_consultation_becomes_a_published_joint_statement_with_its_outcome(
    open_page, live_server, transactional_db
):
    older = TopicFactory(slug="ikaihmiset", name_fi="Ikäihmiset", name_en="Older people")
    MunicipalityFactory(code="297", name_fi="Kuopio", name_sv="Kuopio")
    a = OrganizationFactory(name_fi="Kuopion Eläkeläiset ry")
    b = OrganizationFactory(name_fi="Kuopion Omaishoitajat ry")
    editor_a, editor_b, boss = editor_of(a), editor_of(b), coordinator()

    # 1. The consultation comes in from a recorded Lausuntopalvelu.fi feed.
    source = SourceFactory(kind=SourceKind.ODATA)
    assert source_poll(source, fetch=lambda url: FEED.read_bytes()) == 3
    consultation = Consultation.objects.get(title_fi__contains="vanhuspalvelujen")
    assert older in consultation.topics.all()

    # 2. Editor A follows the topic on the page and gets the day's digest with it.
    page_a = signed_in(open_page, live_server, editor_a, java_script_enabled=False)
    follow_topic(page_a, "Older people", a)
    assert digests_send() == 1
    (digest,) = mail.outbox
    assert digest.to == [editor_a.email]
    assert consultation.title_fi in digest.body

    # 3. The coordinator opens a draft on the consultation.
    page_c = signed_in(open_page, live_server, boss, java_script_enabled=False)
    page_c.goto(localized_path("cooperation:consultation", "en", public_id=consultation.public_id))
    click_and_wait_for_the_next_page(
        page_c, page_c.get_by_role("link", name="Open a joint statement")
    )
    page_c.get_by_role("textbox", name="Title").fill("Joint statement on elderly services")
    page_c.get_by_role("textbox", name="First draft").fill("Home care must be strengthened.")
    click_and_wait_for_the_next_page(page_c, page_c.get_by_role("button", name="Open the draft"))
    statement = Statement.objects.get()
    statement_url = page_c.url

    # Two associations comment; the author revises and the difference shows.
    page_b = signed_in(open_page, live_server, editor_b, java_script_enabled=False)
    comment_and_sign(page_a, statement_url, "Mention peer support.", sign=False)
    comment_and_sign(page_b, statement_url, "Mention family carers.", sign=False)
    click_and_wait_for_the_next_page(page_c, page_c.get_by_role("link", name="Revise the draft"))
    page_c.get_by_role("textbox", name="Text").fill(
        "Home care must be strengthened.\nPeer support and family carers need funding."
    )
    click_and_wait_for_the_next_page(
        page_c, page_c.get_by_role("button", name="Save as a new version")
    )
    assert page_c.locator("ins", has_text="family carers need funding").is_visible()
    click_and_wait_for_the_next_page(
        page_c, page_c.get_by_role("button", name="The text is final: open for signatures")
    )

    # 4. Both associations sign; the coordinator sends; the public sees both and the PDF.
    comment_and_sign(page_a, statement_url, "", sign=True)
    comment_and_sign(page_b, statement_url, "", sign=True)
    page_c.goto(statement_url)
    click_and_wait_for_the_next_page(
        page_c, page_c.get_by_role("button", name="Send and publish the statement")
    )
    public = open_page(java_script_enabled=False)
    public.goto(statement_url)
    signatories = public.locator("#signatories-heading + ul")
    assert signatories.get_by_role("link", name="Kuopion Eläkeläiset ry").is_visible()
    assert signatories.get_by_role("link", name="Kuopion Omaishoitajat ry").is_visible()
    pdf_link = public.get_by_role("link", name="The statement as a PDF")
    pdf = public.request.get(live_server.url + pdf_link.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # 5. The coordinator records the outcome; the statement page shows it.
    click_and_wait_for_the_next_page(page_c, page_c.get_by_role("link", name="Record the outcome"))
    decision = page_c.get_by_role("textbox", name="Decision (required)")
    decision.fill("The council adopted the plan with a peer-support line.")
    page_c.get_by_label("The views were partly taken into account").check()
    click_and_wait_for_the_next_page(page_c, page_c.get_by_role("button", name="Save the outcome"))
    public.goto(statement_url)
    assert public.get_by_text("The council adopted the plan").is_visible()
    statement.refresh_from_db()
    assert statement.effect == "partly"


def test_the_cooperation_pages_have_no_accessibility_violations(
    page, open_page, live_server, transactional_db
):
    body = BodyFactory(
        name_fi="Järjestöneuvosto", name_sv="Organisationsrådet", name_en="NGO council"
    )
    org = OrganizationFactory(name_fi="Kuopion Eläkeläiset ry")
    MembershipFactory(body=body, organization=org, status="member")
    SeatFactory(
        body=body,
        role=SeatRole.CHAIR,
        organization=org,
        email="pj@example.org",
        contact_consent=True,
        term_end=timezone.localdate() + dt.timedelta(days=30),
    )
    SeatFactory(body=body, person_name="", organization=None)
    meeting = MeetingFactory(body=body, title_fi="Kevätkokous", minutes="Pöytäkirja.")
    BodyDocument.objects.create(
        body=body,
        meeting=meeting,
        role="minutes",
        document=DocumentFactory(title_fi="Kevätkokouksen pöytäkirja"),
    )
    boss = coordinator()
    statement = services.statement_open(
        user=boss,
        consultation=ConsultationFactory(title_fi="Lausuntopyyntö vanhuspalveluista"),
        title="Yhteislausunto",
        text="Teksti.\nToinen kappale.",
    )
    services.statement_open_for_signing(user=boss, statement=statement)
    services.statement_sign(user=editor_of(org), statement=statement, organization=org)
    services.statement_send(user=boss, statement=statement)
    pages = [
        ("cooperation:bodies", {}),
        ("cooperation:body", {"public_id": body.public_id}),
        ("cooperation:meeting", {"public_id": meeting.public_id}),
        ("cooperation:representation", {}),
        ("cooperation:consultations", {}),
        ("cooperation:consultation", {"public_id": statement.consultation.public_id}),
        ("cooperation:statements", {}),
        ("cooperation:statement", {"public_id": statement.public_id}),
    ]
    for lang in LANGUAGES:
        for url_name, kwargs in pages:
            path = localized_path(url_name, lang, **kwargs)
            response = page.goto(path)
            assert response.ok, f"GET {path} answered {response.status}"
            violations = axe_violations(page)
            assert not violations, describe_violations(violations, path)
    # The chair's and coordinator's pages: seats and members, the meeting's upload forms.
    seat = body.seats.first()
    kept = [
        ("cooperation:body_manage", {"public_id": body.public_id}),
        ("cooperation:seat_add", {"body_id": body.public_id}),
        ("cooperation:seat_edit", {"body_id": body.public_id, "pk": seat.pk}),
        ("cooperation:meeting", {"public_id": meeting.public_id}),
    ]
    signed = signed_in(open_page, live_server, boss)
    for lang in LANGUAGES:
        for url_name, kwargs in kept:
            path = localized_path(url_name, lang, **kwargs)
            response = signed.goto(path)
            assert response.ok, f"GET {path} answered {response.status}"
            violations = axe_violations(signed)
            assert not violations, describe_violations(violations, path)
