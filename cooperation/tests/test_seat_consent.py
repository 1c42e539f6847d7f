"""A seat holder sees their consent to show contact details on their account page and
withdraws it there: the details are hidden at once."""

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from core.history import versions_of

from .factories import BodyFactory, SeatFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seat():
    return SeatFactory(
        body=BodyFactory(name_fi="Järjestöneuvosto"),
        person_name="Liisa Laine",
        email="liisa@example.org",
        phone="040 765 4321",
        contact_consent=True,
    )


def test_the_account_page_lists_the_seats_consent_with_a_way_to_withdraw(client, seat):
    client.force_login(UserFactory(email="liisa@example.org"))
    page = client.get(reverse("accounts:account")).content.decode()
    assert "Järjestöneuvosto" in page
    assert reverse("cooperation:seat_consent_withdraw", kwargs={"pk": seat.pk}) in page


def test_withdrawing_hides_the_contact_details_at_once_and_is_recorded(client, seat):
    client.force_login(UserFactory(email="liisa@example.org"))
    response = client.post(reverse("cooperation:seat_consent_withdraw", kwargs={"pk": seat.pk}))
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.contact_consent is False
    assert "040 765 4321" not in client.get(seat.body.get_absolute_url()).content.decode()
    assert versions_of(seat.body).first().revision.comment  # in the body's history


def test_a_seat_linked_to_the_account_is_listed_without_the_same_address(client, seat):
    person = UserFactory(email="other@example.org")
    seat.user = person
    seat.save()
    client.force_login(person)
    page = client.get(reverse("accounts:account")).content.decode()
    assert reverse("cooperation:seat_consent_withdraw", kwargs={"pk": seat.pk}) in page


def test_nobody_else_withdraws_a_seat_holders_consent(client, seat):
    client.force_login(UserFactory(email="someone@example.org"))
    response = client.post(reverse("cooperation:seat_consent_withdraw", kwargs={"pk": seat.pk}))
    assert response.status_code == 403
    seat.refresh_from_db()
    assert seat.contact_consent is True
