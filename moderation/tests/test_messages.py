"""A notice after an action is shown once, on every page layout that can show one."""

import pytest

from moderation.tests.conftest import url
from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_the_notice_after_a_claim_appears_once(client, person):
    organization = OrganizationFactory()
    client.force_login(person)
    response = client.post(
        url("moderation:claim", public_id=organization.public_id),
        {"message": "Olen kuoron sihteeri."},
        follow=True,
    )
    assert response.content.decode().count("Your request was sent to the coordinator.") == 1


def test_the_notice_on_the_sign_in_page_appears_once(client):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest, HttpResponse
    from django.urls import reverse

    request = HttpRequest()
    storage = CookieStorage(request)
    storage.add(constants.INFO, "Yksi ilmoitus")
    response = HttpResponse()
    storage.update(response)
    client.cookies.update(response.cookies)
    page = client.get(reverse("accounts:login")).content.decode()
    assert page.count("Yksi ilmoitus") == 1
