import pytest
from django.core import mail
from django.core.management import call_command
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEntry
from accounts.twofactor import RECOVERY_CODE_COUNT

from .factories import PASSWORD, OrganizationEditorFactory, UserFactory
from .links import link_in, url
from .second_factor import app_device, current_code, sign_in_without_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return UserFactory(email="koordinaattori@example.org", is_coordinator=True)


def sign_in(client, email):
    return client.post(url("accounts:login"), {"username": email, "password": PASSWORD})


def enrol(client):
    client.get(url("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(confirmed=False)
    return client.post(url("accounts:two_factor_setup"), {"token": current_code(device)})


def recovery_codes_of(response) -> list[str]:
    return response.context["codes"]


def test_a_coordinator_signed_in_with_a_password_is_sent_to_set_up_the_app(client, coordinator):
    sign_in(client, coordinator.email)
    response = client.get(url("moderation:queue"))
    assert response.status_code == 302
    assert response.url.startswith(url("accounts:two_factor_setup"))
    assert "next=" in response.url


def test_a_coordinator_with_an_app_is_asked_for_its_code(client, coordinator):
    app_device(coordinator)
    sign_in(client, coordinator.email)
    response = client.get(url("moderation:queue"))
    assert response.url.startswith(url("accounts:two_factor_verify"))


def test_the_admin_is_closed_to_staff_without_the_second_factor(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    sign_in_without_second_factor(client, staff)
    response = client.get("/en/admin/")
    assert response.status_code == 302
    assert response.url.startswith(url("accounts:two_factor_setup"))


def test_public_pages_also_wait_for_the_second_factor(client, coordinator):
    sign_in_without_second_factor(client, coordinator)
    response = client.get(url("core:home"))
    assert response.url.startswith(url("accounts:two_factor_setup"))


def test_an_htmx_request_is_told_to_go_to_verification(client, coordinator):
    app_device(coordinator)
    sign_in_without_second_factor(client, coordinator)
    response = client.get(url("moderation:queue"), headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(url("accounts:two_factor_verify"))


def test_a_login_link_does_not_pass_the_second_factor(client, coordinator):
    app_device(coordinator)
    client.post(url("accounts:login_link"), {"email": coordinator.email})
    link = link_in(mail.outbox[-1])
    token = link.split("sesame=")[1]
    client.post(url("accounts:login_link_confirm"), {"sesame": token})
    assert client.session["_auth_user_id"] == str(coordinator.pk)
    response = client.get(url("moderation:queue"))
    assert response.url.startswith(url("accounts:two_factor_verify"))


def test_the_set_up_page_shows_a_qr_code_and_the_key_as_text(client, coordinator):
    sign_in_without_second_factor(client, coordinator)
    text = client.get(url("accounts:two_factor_setup")).text
    device = TOTPDevice.objects.get(user=coordinator, confirmed=False)
    assert 'src="data:image/svg+xml;base64,' in text
    assert device.bin_key and len(text.split('id="totp-secret">')[1].split("<")[0]) >= 32
    assert 'autocomplete="one-time-code"' in text
    assert 'inputmode="numeric"' in text


def test_the_apps_code_turns_it_on_and_ten_recovery_codes_are_shown_once(client, coordinator):
    sign_in_without_second_factor(client, coordinator)
    response = enrol(client)
    assert response.status_code == 200
    assert len(set(recovery_codes_of(response))) == RECOVERY_CODE_COUNT
    assert TOTPDevice.objects.get(user=coordinator).confirmed
    assert client.get(url("moderation:queue")).status_code == 200
    assert recovery_codes_of(response)[0] not in client.get(url("accounts:two_factor")).text


def test_a_wrong_code_at_set_up_is_refused_and_changes_nothing(client, coordinator):
    sign_in_without_second_factor(client, coordinator)
    client.get(url("accounts:two_factor_setup"))
    response = client.post(url("accounts:two_factor_setup"), {"token": "000000"})
    assert response.status_code == 200
    assert 'id="id_token_error"' in response.text
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert not StaticToken.objects.exists()


def test_the_set_up_page_asks_for_the_current_app_before_a_new_one(client, coordinator):
    app_device(coordinator)
    sign_in_without_second_factor(client, coordinator)
    response = client.get(url("accounts:two_factor_setup"))
    assert response.url.startswith(url("accounts:two_factor_verify"))


def test_the_apps_code_passes_verification_and_returns_to_the_page(client, coordinator):
    device = app_device(coordinator)
    sign_in_without_second_factor(client, coordinator)
    queue = url("moderation:queue")
    response = client.post(
        url("accounts:two_factor_verify"), {"token": current_code(device), "next": queue}
    )
    assert response.url == queue
    assert client.get(queue).status_code == 200


def test_a_wrong_code_is_refused(client, coordinator):
    app_device(coordinator)
    sign_in_without_second_factor(client, coordinator)
    response = client.post(url("accounts:two_factor_verify"), {"token": "123 456"})
    assert response.status_code == 200
    assert "The code is wrong" in response.text
    assert client.get(url("moderation:queue")).status_code == 302


def test_a_recovery_code_works_once(client, coordinator):
    sign_in_without_second_factor(client, coordinator)
    code = recovery_codes_of(enrol(client))[0]
    client.post(url("accounts:logout"))
    for expected in (302, 200):
        sign_in_without_second_factor(client, coordinator)
        response = client.post(url("accounts:two_factor_verify"), {"recovery-token": code})
        assert response.status_code == expected
        client.post(url("accounts:logout"))
    assert StaticToken.objects.count() == RECOVERY_CODE_COUNT - 1


def test_new_recovery_codes_replace_the_old_ones(client, coordinator):
    sign_in_without_second_factor(client, coordinator)
    old = recovery_codes_of(enrol(client))
    new = recovery_codes_of(client.post(url("accounts:recovery_codes")))
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)
    assert not set(old) & set(new)


def test_the_coordinator_cannot_turn_it_off(client, coordinator):
    sign_in_without_second_factor(client, coordinator)
    enrol(client)
    client.post(url("accounts:two_factor_remove"))
    assert TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()


def test_an_editor_is_not_asked_for_a_second_factor_until_they_turn_it_on(client):
    editor = OrganizationEditorFactory().user
    sign_in(client, editor.email)
    assert client.get(url("selfservice:dashboard")).status_code == 200


def test_an_editor_who_turned_it_on_is_asked_at_the_next_sign_in(client):
    editor = OrganizationEditorFactory().user
    sign_in(client, editor.email)
    enrol(client)
    client.post(url("accounts:logout"))
    sign_in(client, editor.email)
    response = client.get(url("selfservice:dashboard"))
    assert response.url.startswith(url("accounts:two_factor_verify"))


def test_an_editor_may_turn_it_off(client):
    editor = OrganizationEditorFactory().user
    sign_in(client, editor.email)
    enrol(client)
    client.post(url("accounts:two_factor_remove"))
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert client.get(url("selfservice:dashboard")).status_code == 200


def test_without_the_requirement_the_coordinator_is_not_asked(client, coordinator, settings):
    settings.SAKKE_REQUIRE_2FA = False
    sign_in(client, coordinator.email)
    assert client.get(url("moderation:queue")).status_code == 200


def test_force_login_in_tests_passes_the_second_factor_of_the_coordinator(client, coordinator):
    client.force_login(coordinator)
    assert client.get(url("moderation:queue")).status_code == 200


def test_the_reset_command_removes_the_app_and_the_codes(client, coordinator):
    sign_in_without_second_factor(client, coordinator)
    enrol(client)
    call_command("two_factor_reset", coordinator.email, stdout=None)
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert not StaticToken.objects.exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SECOND_FACTOR_REMOVED).exists()


def test_a_right_code_just_after_a_wrong_one_is_asked_to_wait(client, coordinator):
    device = app_device(coordinator)
    sign_in_without_second_factor(client, coordinator)
    client.post(url("accounts:two_factor_verify"), {"token": "000000"})
    response = client.post(url("accounts:two_factor_verify"), {"token": current_code(device)})
    assert "Too many wrong codes" in response.text
