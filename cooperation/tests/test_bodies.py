"""Bodies, seats, meetings, join requests and the representation page."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from cooperation.models import Meeting, Membership, MembershipStatus, SeatRole
from organizations.tests.factories import OrganizationFactory
from selfservice.tests.factories import coordinator, editor_of

from .factories import BodyFactory, MeetingFactory, MembershipFactory, SeatFactory, chair_of

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 15, 9, tzinfo=dt.UTC)


def test_the_body_page_shows_its_purpose_seats_members_and_meetings(client):
    body = BodyFactory(name_fi="Pohjois-Savon järjestöneuvosto", rules_fi="Neuvosto kokoontuu.")
    org = OrganizationFactory(name_fi="Kuopion Eläkeläiset ry")
    MembershipFactory(body=body, organization=org)
    SeatFactory(body=body, role=SeatRole.CHAIR, person_name="Aino Puheenjohtaja", organization=org)
    MeetingFactory(body=body, title_fi="Kevätkokous")
    response = client.get(body.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pohjois-Savon järjestöneuvosto" in html
    assert "Neuvosto kokoontuu." in html
    assert "Aino Puheenjohtaja" in html
    assert html.count("Kuopion Eläkeläiset ry") >= 2  # the seat and the membership
    assert "Kevätkokous" in html


def test_contact_details_show_only_with_consent(client):
    body = BodyFactory()
    SeatFactory(body=body, email="hidden@example.org", contact_consent=False)
    SeatFactory(body=body, email="shown@example.org", phone="040 123", contact_consent=True)
    html = client.get(body.get_absolute_url()).content.decode()
    assert "shown@example.org" in html
    assert "hidden@example.org" not in html


@time_machine.travel(NOW)
def test_representation_lists_seats_vacancies_and_terms_ending_soon(client):
    council = BodyFactory(name_fi="Hyvinvointialueen järjestöjen vaikuttamistoimielin")
    org = OrganizationFactory(name_fi="Sydänyhdistys ry")
    SeatFactory(
        body=council,
        person_name="Matti Edustaja",
        organization=org,
        nominated_by="Järjestöneuvosto",
        term_end=dt.date(2026, 8, 31),
    )
    SeatFactory(body=council, person_name="", organization=None)
    SeatFactory(
        body=council, person_name="Past Person", organization=org, term_end=dt.date(2025, 12, 31)
    )
    html = client.get(reverse("cooperation:representation")).content.decode()
    assert "Matti Edustaja" in html
    assert "Järjestöneuvosto" in html
    assert "Vacant" in html or "Vapaa" in html
    assert "1 vacancy" in html or "1 vapaa paikka" in html
    assert "Term ending soon" in html or "Kausi päättymässä" in html
    assert "Past Person" not in html


def test_the_meeting_page_shows_agenda_minutes_and_decisions(client):
    meeting = MeetingFactory(
        minutes="Pöytäkirja hyväksyttiin.",
        decisions_fi="Päätettiin lausua.",
        online_url="https://meet.example.org/x",
    )
    html = client.get(meeting.get_absolute_url()).content.decode()
    assert "1. Kokouksen avaus" in html
    assert "Pöytäkirja hyväksyttiin." in html
    assert "Päätettiin lausua." in html
    assert "https://meet.example.org/x" in html


# Join requests.


def test_an_editor_asks_to_join_for_their_own_association(client):
    body = BodyFactory()
    org = OrganizationFactory()
    client.force_login(editor_of(org))
    response = client.post(
        reverse("cooperation:join", args=[body.public_id]),
        {"organization": org.public_id, "message": "Haluamme mukaan."},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(body=body, organization=org)
    assert membership.status == MembershipStatus.REQUESTED
    assert membership.message == "Haluamme mukaan."


def test_an_editor_cannot_ask_to_join_for_another_association(client):
    body = BodyFactory()
    own, other = OrganizationFactory(), OrganizationFactory()
    client.force_login(editor_of(own))
    response = client.post(
        reverse("cooperation:join", args=[body.public_id]), {"organization": other.public_id}
    )
    assert response.status_code == 200  # the form refuses a choice not offered
    assert not Membership.objects.filter(organization=other).exists()


def test_someone_without_an_association_cannot_open_the_join_page(client):
    client.force_login(UserFactory())
    assert (
        client.get(reverse("cooperation:join", args=[BodyFactory().public_id])).status_code == 403
    )


def test_the_join_page_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("cooperation:join", args=[BodyFactory().public_id]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_chair_accepts_a_join_request(client):
    body = BodyFactory()
    chair = UserFactory()
    chair_of(body, chair)
    request = MembershipFactory(body=body, organization=OrganizationFactory(), status="requested")
    client.force_login(chair)
    response = client.post(
        reverse("cooperation:join_decide", args=[request.pk]), {"decision": "accept"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == MembershipStatus.MEMBER
    assert request.decided_by == chair


def test_the_coordinator_declines_a_join_request(client):
    request = MembershipFactory(organization=OrganizationFactory(), status="requested")
    client.force_login(coordinator())
    client.post(reverse("cooperation:join_decide", args=[request.pk]), {"decision": "decline"})
    request.refresh_from_db()
    assert request.status == MembershipStatus.DECLINED


@pytest.mark.parametrize("who", ["chair_of_another_body", "secretary", "member_editor"])
def test_nobody_else_decides_a_join_request(client, who):
    body = BodyFactory()
    org = OrganizationFactory()
    request = MembershipFactory(body=body, organization=org, status="requested")
    user = UserFactory()
    if who == "chair_of_another_body":
        chair_of(BodyFactory(), user)
    elif who == "secretary":
        chair_of(body, user, role=SeatRole.SECRETARY)
    else:
        user = editor_of(org)
    client.force_login(user)
    response = client.post(
        reverse("cooperation:join_decide", args=[request.pk]), {"decision": "accept"}
    )
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == MembershipStatus.REQUESTED


def test_a_chair_whose_term_has_ended_no_longer_decides(client):
    body = BodyFactory()
    user = UserFactory()
    SeatFactory(
        body=body,
        user=user,
        role=SeatRole.CHAIR,
        term_end=timezone.localdate() - dt.timedelta(days=1),
    )
    request = MembershipFactory(body=body, organization=OrganizationFactory(), status="requested")
    client.force_login(user)
    response = client.post(
        reverse("cooperation:join_decide", args=[request.pk]), {"decision": "accept"}
    )
    assert response.status_code == 403


# Meetings.

MEETING_POST = {
    "title_fi": "Syyskokous",
    "starts_at": "2026-09-10T17:00",
    "place": "Järjestötalo",
    "agenda_fi": "1. Avaus",
}


@pytest.mark.parametrize("role", [SeatRole.CHAIR, SeatRole.SECRETARY])
def test_the_chair_or_secretary_adds_a_meeting(client, role):
    body = BodyFactory()
    user = UserFactory()
    chair_of(body, user, role=role)
    client.force_login(user)
    response = client.post(reverse("cooperation:meeting_add", args=[body.public_id]), MEETING_POST)
    assert response.status_code == 302
    meeting = Meeting.objects.get(body=body)
    assert meeting.title_fi == "Syyskokous"
    assert meeting.public_id == f"sakke:{meeting.pk}"


def test_a_member_of_one_body_cannot_edit_another_bodys_meetings(client):
    own, other = BodyFactory(), BodyFactory()
    user = UserFactory()
    chair_of(own, user)
    meeting = MeetingFactory(body=other, place="Vanha paikka")
    client.force_login(user)
    edit = reverse("cooperation:meeting_edit", args=[meeting.public_id])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {**MEETING_POST, "place": "Uusi paikka"}).status_code == 403
    assert (
        client.post(
            reverse("cooperation:meeting_add", args=[other.public_id]), MEETING_POST
        ).status_code
        == 403
    )
    meeting.refresh_from_db()
    assert meeting.place == "Vanha paikka"
    assert not Meeting.objects.filter(place="Järjestötalo").exists()


def test_an_ordinary_seat_holder_cannot_edit_the_meetings(client):
    body = BodyFactory()
    user = UserFactory()
    chair_of(body, user, role=SeatRole.MEMBER)
    client.force_login(user)
    assert client.get(reverse("cooperation:meeting_add", args=[body.public_id])).status_code == 403


def test_a_meeting_without_place_or_link_is_refused_with_a_message(client):
    body = BodyFactory()
    client.force_login(coordinator())
    response = client.post(
        reverse("cooperation:meeting_add", args=[body.public_id]), {**MEETING_POST, "place": ""}
    )
    assert response.status_code == 200
    assert not Meeting.objects.exists()
    assert "Give the place or the online meeting link." in response.content.decode()


def test_the_meeting_form_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("cooperation:meeting_add", args=[BodyFactory().public_id]))
    assert response.status_code == 302


def test_the_calendar_lists_meetings_and_deadlines(client):
    from .factories import ConsultationFactory

    MeetingFactory(title_fi="Kevätkokous")
    ConsultationFactory(title_fi="Lausuntopyyntö hyvinvointisuunnitelmasta")
    response = client.get(reverse("cooperation:calendar"))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "Kevätkokous" in text
    assert "hyvinvointisuunnitelmasta" in text


def test_the_sitemap_lists_bodies_consultations_and_sent_statements_only(client):
    from django.core.cache import cache

    from cooperation.models import StatementStatus

    from .factories import ConsultationFactory, StatementFactory

    body = BodyFactory()
    consultation = ConsultationFactory()
    sent = StatementFactory(consultation=consultation, status=StatementStatus.SENT)
    draft = StatementFactory(consultation=consultation)
    cache.clear()
    bodies = client.get("/sitemap-cooperation-bodies-fi.xml").content.decode()
    statements = client.get("/sitemap-joint-statements-sv.xml").content.decode()
    consultations = client.get("/sitemap-consultations-en.xml").content.decode()
    pages = client.get("/sitemap-cooperation-fi.xml").content.decode()
    cache.clear()
    assert f"/fi/yhteistyo/toimielimet/{body.public_id}/" in bodies
    assert sent.public_id in statements and draft.public_id not in statements
    assert consultation.public_id in consultations
    assert "/fi/yhteistyo/edustus/" in pages
