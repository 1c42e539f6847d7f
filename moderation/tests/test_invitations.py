import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import MunicipalityEditor, OrganizationEditor
from moderation import services
from moderation.tests.conftest import url
from moderation.tests.factories import CoordinatorFactory, InvitationFactory, UserFactory
from municipalities.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def invite(invited_by, email="uusi@example.org", **target):
    links = []
    invitation = services.invitation_create(
        invited_by=invited_by,
        email=email,
        accept_url_for=lambda token: links.append(token) or f"https://sakke.test/{token}/",
        **target,
    )
    return invitation, links[0]


def test_an_editor_invites_a_further_editor_who_accepts_by_the_emailed_link(
    client, django_capture_on_commit_callbacks
):
    organization = OrganizationFactory(name_fi="Kuopion Kuoro ry")
    editor = UserFactory()
    OrganizationEditor.objects.create(user=editor, organization=organization)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("moderation:invite", public_id=organization.public_id),
            {"email": "Uusi@Example.org"},
        )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["uusi@example.org"]
    link = re.search(r"https?://\S+/invitation/\S+/", mail.outbox[-1].body).group(0)

    newcomer = UserFactory(email="uusi@example.org")
    client.force_login(newcomer)
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302
    role = OrganizationEditor.objects.get(user=newcomer, organization=organization)
    assert role.granted_by == editor


def test_someone_who_is_not_an_editor_cannot_invite(client):
    organization = OrganizationFactory()
    client.force_login(UserFactory())
    response = client.get(url("moderation:invite", public_id=organization.public_id))
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        invite(UserFactory(), organization=organization)


def test_the_coordinator_invites_a_municipality_editor(coordinator):
    municipality = MunicipalityFactory()
    invitation, token = invite(coordinator, municipality=municipality)
    person = UserFactory(email="uusi@example.org")
    services.invitation_accept(token=token, user=person)
    assert MunicipalityEditor.objects.filter(user=person, municipality=municipality).exists()


def test_only_the_coordinator_invites_municipality_editors():
    with pytest.raises(PermissionDenied):
        invite(UserFactory(), municipality=MunicipalityFactory())


def test_an_expired_invitation_is_refused(coordinator):
    invitation, token = invite(coordinator, organization=OrganizationFactory())
    person = UserFactory(email="uusi@example.org")
    with time_machine.travel(dt.timedelta(days=15)):
        with pytest.raises(ValidationError) as error:
            services.invitation_accept(token=token, user=person)
    assert error.value.code == "expired"
    assert not OrganizationEditor.objects.filter(user=person).exists()


def test_a_forged_invitation_link_is_refused(client, coordinator):
    invitation = InvitationFactory(email="uusi@example.org")
    forged = services.invitation_token(invitation)[:-3] + "abc"
    person = UserFactory(email="uusi@example.org")
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(token=forged, user=person)
    assert error.value.code == "invalid"
    client.force_login(person)
    response = client.get(url("moderation:invitation_accept", token=forged))
    assert response.status_code == 410


def test_an_invitation_works_only_once(coordinator):
    invitation, token = invite(coordinator, organization=OrganizationFactory())
    person = UserFactory(email="uusi@example.org")
    services.invitation_accept(token=token, user=person)
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(token=token, user=UserFactory(email="uusi@example.org"))
    assert error.value.code == "used"


def test_an_invitation_is_refused_to_someone_signed_in_with_another_address(client, coordinator):
    invitation, token = invite(coordinator, organization=OrganizationFactory())
    other = UserFactory(email="joku.muu@example.org")
    with pytest.raises(ValidationError) as error:
        services.invitation_accept(token=token, user=other)
    assert error.value.code == "wrong_user"
    client.force_login(other)
    client.post(url("moderation:invitation_accept", token=token))
    assert not OrganizationEditor.objects.filter(user=other).exists()


def test_an_anonymous_visitor_of_an_invitation_link_is_sent_to_sign_in_and_back(
    client, coordinator
):
    invitation, token = invite(coordinator, organization=OrganizationFactory())
    link = url("moderation:invitation_accept", token=token)
    response = client.get(link)
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_a_newcomer_who_signs_up_from_an_invitation_comes_back_to_it(client):
    """The invitation link leads to sign-in, its sign-up link, the e-mail, the password
    page and back to the invitation, without reopening the invitation e-mail."""
    municipality = MunicipalityFactory(name_fi="Tuusniemi")
    _invitation, token = invite(CoordinatorFactory(), municipality=municipality)
    invitation_path = url("moderation:invitation_accept", token=token)

    sign_in_page = client.get(invitation_path, follow=True)
    sign_up_href = re.search(r'href="([^"]*sign-up/[^"]*)"', sign_in_page.text).group(1)
    sign_up_href = sign_up_href.replace("&amp;", "&")
    sign_up_page = client.get(sign_up_href)
    assert f'name="next" value="{invitation_path}"' in sign_up_page.text
    client.post(
        sign_up_href,
        {"name": "Uusi Yhteyshenkilö", "email": "uusi@example.org", "next": invitation_path},
    )
    verify_link = re.search(r"https?://\S+/confirm/\S+", mail.outbox[-1].body).group(0)
    password = "pitkä salasana kunnalle 2027"
    response = client.post(verify_link, {"new_password1": password, "new_password2": password})

    assert response.status_code == 302
    assert response["Location"] == invitation_path
    assert client.post(invitation_path).status_code == 302
    assert MunicipalityEditor.objects.filter(
        user__email="uusi@example.org", municipality=municipality
    ).exists()


def test_sign_up_ignores_a_next_address_on_another_site(client):
    client.post(
        url("accounts:sign_up"),
        {"name": "Uusi", "email": "uusi@example.org", "next": "https://evil.example/x"},
    )
    assert "evil.example" not in mail.outbox[-1].body
