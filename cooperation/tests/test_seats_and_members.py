"""The friendly pages where a body's chair or the coordinator keeps its seats and members."""

import datetime as dt

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from cooperation.models import Membership, MembershipStatus, Seat, SeatRole
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from selfservice.tests.factories import coordinator, editor_of

from .factories import BodyFactory, MembershipFactory, SeatFactory, chair_of

pytestmark = pytest.mark.django_db


def seat_post(**changes):
    return {
        "role": "member",
        "person_name": "Liisa Edustaja",
        "organization": "",
        "nominated_by": "Järjestöjen kevätfoorumi",
        "term_start": "2026-01-01",
        "term_end": "2027-12-31",
        "email": "liisa@example.org",
        "phone": "",
        "account": "",
        **changes,
    }


def test_the_chair_adds_a_seat_with_person_role_term_association_and_nominating_body(client):
    body = BodyFactory()
    chair = UserFactory()
    chair_of(body, chair)
    org = OrganizationFactory(name_fi="Kuopion Eläkeläiset ry")
    client.force_login(chair)
    response = client.post(
        reverse("cooperation:seat_add", args=[body.public_id]),
        seat_post(organization="Kuopion Eläkeläiset ry", contact_consent="on"),
    )
    assert response.status_code == 302
    seat = Seat.objects.get(body=body, person_name="Liisa Edustaja")
    assert seat.role == SeatRole.MEMBER
    assert seat.organization == org
    assert seat.nominated_by == "Järjestöjen kevätfoorumi"
    assert (seat.term_start, seat.term_end) == (dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    assert seat.contact_consent
    page = client.get(body.get_absolute_url()).content.decode()
    assert "liisa@example.org" in page  # shown, with consent


def test_the_coordinator_edits_a_seat_and_links_the_persons_account(client):
    body = BodyFactory()
    seat = SeatFactory(body=body, role=SeatRole.SECRETARY, person_name="Vanha Nimi")
    secretary = UserFactory(email="sihteeri@example.org")
    client.force_login(coordinator())
    url = reverse("cooperation:seat_edit", args=[body.public_id, seat.pk])
    assert "Vanha Nimi" in client.get(url).content.decode()
    response = client.post(
        url,
        seat_post(role="secretary", person_name="Uusi Sihteeri", account="SIHTEERI@example.org"),
    )
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.person_name == "Uusi Sihteeri"
    assert seat.user == secretary
    assert not seat.contact_consent


def test_an_unknown_account_or_a_term_ending_before_it_begins_is_refused_with_a_message(client):
    body = BodyFactory()
    client.force_login(coordinator())
    url = reverse("cooperation:seat_add", args=[body.public_id])
    response = client.post(url, seat_post(account="nobody@example.org"))
    assert "Nobody has signed up with this e-mail address yet." in response.content.decode()
    response = client.post(url, seat_post(term_start="2027-01-01", term_end="2026-01-01"))
    assert response.status_code == 200
    assert "The term ends before it begins." in response.content.decode()
    assert not Seat.objects.exists()


def test_consent_without_contact_details_and_an_ambiguous_association_are_refused(client):
    body = BodyFactory()
    OrganizationFactory(name_fi="Kuopion Marttayhdistys ry")
    OrganizationFactory(name_fi="Kuopion Kyläyhdistys ry")
    client.force_login(coordinator())
    url = reverse("cooperation:seat_add", args=[body.public_id])
    response = client.post(url, seat_post(email="", contact_consent="on"))
    assert "Give an e-mail address or a phone number to show." in response.content.decode()
    response = client.post(url, seat_post(organization="Kuopion"))
    assert "Several associations match" in response.content.decode()
    assert not Seat.objects.exists()


def test_a_vacant_seat_is_saved_and_shown_as_a_vacancy(client):
    body = BodyFactory()
    client.force_login(coordinator())
    client.post(reverse("cooperation:seat_add", args=[body.public_id]), seat_post(person_name=""))
    assert Seat.objects.get(body=body).is_vacant
    assert "Vacant" in client.get(reverse("cooperation:representation")).content.decode()


def test_the_chair_removes_a_seat(client):
    body = BodyFactory()
    chair = UserFactory()
    chair_of(body, chair)
    seat = SeatFactory(body=body)
    client.force_login(chair)
    response = client.post(reverse("cooperation:seat_delete", args=[seat.pk]))
    assert response.status_code == 302
    assert not Seat.objects.filter(pk=seat.pk).exists()


def test_the_chair_adds_an_association_a_municipality_and_another_organisation(client):
    body = BodyFactory()
    chair = UserFactory()
    chair_of(body, chair)
    org = OrganizationFactory(name_fi="Siilinjärven Kyläyhdistys ry")
    kuopio = MunicipalityFactory(code="297", name_fi="Kuopio")
    client.force_login(chair)
    url = reverse("cooperation:member_add", args=[body.public_id])
    assert (
        client.post(url, {"kind": "association", "organization": org.public_id}).status_code == 302
    )
    assert client.post(url, {"kind": "municipality", "municipality": "297"}).status_code == 302
    assert client.post(url, {"kind": "other", "name": "Pohjois-Savon liitto"}).status_code == 302
    members = {(m.kind, str(m)) for m in body.memberships.filter(status=MembershipStatus.MEMBER)}
    assert members == {
        ("association", org.name),
        ("municipality", kuopio.name),
        ("other", "Pohjois-Savon liitto"),
    }
    again = client.post(url, {"kind": "association", "organization": org.public_id})
    assert again.status_code == 400
    assert "This is already a member of the body." in again.content.decode()


def test_adding_an_association_that_asked_to_join_makes_it_a_member(client):
    body = BodyFactory()
    org = OrganizationFactory()
    request = MembershipFactory(body=body, organization=org, status=MembershipStatus.REQUESTED)
    client.force_login(coordinator())
    client.post(
        reverse("cooperation:member_add", args=[body.public_id]),
        {"kind": "association", "organization": org.public_id},
    )
    request.refresh_from_db()
    assert request.status == MembershipStatus.MEMBER
    assert body.memberships.count() == 1


def test_a_member_without_its_association_or_name_is_refused(client):
    body = BodyFactory()
    client.force_login(coordinator())
    url = reverse("cooperation:member_add", args=[body.public_id])
    response = client.post(url, {"kind": "other", "name": ""})
    assert response.status_code == 400
    assert "Give the name of the organisation." in response.content.decode()
    assert not Membership.objects.exists()


def test_the_chair_removes_a_member(client):
    body = BodyFactory()
    chair = UserFactory()
    chair_of(body, chair)
    member = MembershipFactory(body=body, organization=OrganizationFactory())
    client.force_login(chair)
    client.post(reverse("cooperation:member_remove", args=[member.pk]))
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_the_manage_page_lists_seats_and_members_for_the_chair(client):
    body = BodyFactory()
    chair = UserFactory()
    chair_of(body, chair)
    SeatFactory(body=body, person_name="Matti Jäsen")
    MembershipFactory(body=body, organization=OrganizationFactory(name_fi="Tervon Martat ry"))
    client.force_login(chair)
    assert (
        reverse("cooperation:body_manage", args=[body.public_id])
        in client.get(body.get_absolute_url()).content.decode()
    )
    page = client.get(reverse("cooperation:body_manage", args=[body.public_id])).content.decode()
    assert "Matti Jäsen" in page and "Tervon Martat ry" in page


# The permission matrix: only the body's own chair and the coordinator.


def _other_body_chair(own_body):
    user = UserFactory()
    chair_of(own_body, user)
    return user


@pytest.mark.parametrize("who", ["chair_of_another_body", "secretary", "member", "editor"])
def test_nobody_but_the_chair_or_coordinator_manages_seats_and_members(client, who):
    body, other = BodyFactory(), BodyFactory()
    seat = SeatFactory(body=body, person_name="Pysyvä Henkilö")
    member = MembershipFactory(body=body, organization=OrganizationFactory())
    if who == "chair_of_another_body":
        user = _other_body_chair(other)
    elif who == "editor":
        user = editor_of(member.organization)
    else:
        user = UserFactory()
        chair_of(body, user, role=SeatRole.SECRETARY if who == "secretary" else SeatRole.MEMBER)
    client.force_login(user)
    urls = {
        "manage": reverse("cooperation:body_manage", args=[body.public_id]),
        "add_seat": reverse("cooperation:seat_add", args=[body.public_id]),
        "edit_seat": reverse("cooperation:seat_edit", args=[body.public_id, seat.pk]),
    }
    for url in urls.values():
        assert client.get(url).status_code == 403
    assert client.post(urls["add_seat"], seat_post()).status_code == 403
    assert client.post(urls["edit_seat"], seat_post(person_name="Muutettu")).status_code == 403
    assert client.post(reverse("cooperation:seat_delete", args=[seat.pk])).status_code == 403
    add_member = reverse("cooperation:member_add", args=[body.public_id])
    assert client.post(add_member, {"kind": "other", "name": "X"}).status_code == 403
    assert client.post(reverse("cooperation:member_remove", args=[member.pk])).status_code == 403
    seat.refresh_from_db()
    assert seat.person_name == "Pysyvä Henkilö"
    assert body.memberships.count() == 1
    assert "manage/" not in client.get(body.get_absolute_url()).content.decode()


def test_a_chair_cannot_reach_another_bodys_seat_through_their_own_body(client):
    own, other = BodyFactory(), BodyFactory()
    chair = UserFactory()
    chair_of(own, chair)
    seat = SeatFactory(body=other)
    client.force_login(chair)
    url = reverse("cooperation:seat_edit", args=[own.public_id, seat.pk])
    assert client.post(url, seat_post()).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client):
    body = BodyFactory()
    response = client.get(reverse("cooperation:body_manage", args=[body.public_id]))
    assert response.status_code == 302
    assert "manage" not in client.get(body.get_absolute_url()).content.decode().split("<main")[-1]
