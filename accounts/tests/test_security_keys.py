"""Security keys (WebAuthn) beside the app: adding, removing, and signing in with one.

The browser's part is played by accounts.tests.authenticator.SoftwareKey, whose answers
go through py_webauthn's real verification."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from accounts.models import AuditEntry, SecurityKey, User
from accounts.security_keys import expected_origin, is_available, relying_party_id

from .authenticator import SoftwareKey
from .factories import PASSWORD, UserFactory
from .links import url
from .second_factor import app_device, current_code, sign_in_without_second_factor

pytestmark = pytest.mark.django_db

ORIGIN = "https://jarjestot.example.fi"


@pytest.fixture(autouse=True)
def base_url(settings):
    settings.SAKKE_BASE_URL = ORIGIN + "/"


@pytest.fixture
def coordinator():
    return UserFactory(email="koordinaattori@example.org", is_coordinator=True)


@pytest.fixture
def software_key():
    return SoftwareKey(ORIGIN)


def options_on(response, element_id="security-key-options") -> dict:
    """The WebAuthn options the page gives static/js/security_key.js."""
    html = response.content.decode()
    start = html.index(f'<script id="{element_id}" type="application/json">')
    start = html.index(">", start) + 1
    return json.loads(html[start : html.index("</script>", start)])


def add_key(client, software_key, name="Sininen avain"):
    options = options_on(client.get(url("accounts:security_key_add")))
    return client.post(
        url("accounts:security_key_add"),
        {"key-name": name, "key-credential": software_key.create(options)},
    )


def sign_in_with_password(client, user, next_path=""):
    data = {"username": user.email, "password": PASSWORD}
    return client.post(url("accounts:login") + (f"?next={next_path}" if next_path else ""), data)


def editor_past_the_app(client):
    """An association editor who turned two-step verification on and typed the app's code."""
    editor = UserFactory()
    device = app_device(editor)
    sign_in_without_second_factor(client, editor)
    client.post(url("accounts:two_factor_verify"), {"token": current_code(device)})
    return editor


def answer_with_key(client, software_key):
    options = options_on(client.get(url("accounts:two_factor_verify")))
    return client.post(
        url("accounts:two_factor_verify"), {"key-credential": software_key.get(options)}
    )


# The relying party follows the base URL -----------------------------------------------


def test_the_relying_party_and_origin_follow_the_base_url(settings):
    settings.SAKKE_BASE_URL = "https://Jarjestot.Example.fi:8443/sakke/"
    assert relying_party_id() == "jarjestot.example.fi"
    assert expected_origin() == "https://jarjestot.example.fi:8443"
    settings.SAKKE_BASE_URL = "https://jarjestot.example.fi:443"
    assert expected_origin() == "https://jarjestot.example.fi"


@pytest.mark.parametrize(
    "base_url, available",
    [
        ("https://jarjestot.example.fi", True),
        ("http://localhost:8000", True),
        ("http://127.0.0.1:8000", False),
        ("https://[::1]:8000", False),
        ("http://jarjestot.example.fi", False),
    ],
)
def test_keys_are_offered_only_where_browsers_can_use_them(settings, base_url, available):
    settings.SAKKE_BASE_URL = base_url
    assert is_available() is available


def test_at_an_ip_address_the_page_says_keys_need_the_domain_name(client, coordinator, settings):
    settings.SAKKE_BASE_URL = "http://127.0.0.1:8000"
    client.force_login(coordinator)
    response = client.get(url("accounts:two_factor"))
    assert "Security keys work only when the service is used at its domain name" in response.text
    assert client.get(url("accounts:security_key_add")).status_code == 302


# Adding and removing --------------------------------------------------------------------


def test_a_coordinator_adds_a_named_key_and_sees_it_in_the_list(client, coordinator, software_key):
    client.force_login(coordinator)
    response = add_key(client, software_key, name="Sininen avain")
    assert response.status_code == 302
    key = SecurityKey.objects.get(user=coordinator)
    assert key.name == "Sininen avain"
    assert key.credential_id == software_key.id
    assert key.transports == ["usb"]
    page = client.get(url("accounts:two_factor"))
    assert "Sininen avain" in page.text
    assert "The security key “Sininen avain” is added" in page.text
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SECURITY_KEY_ADDED)
    assert (entry.user, entry.detail) == (coordinator, "Sininen avain")


def test_the_add_page_gives_the_relying_party_and_excludes_keys_already_added(
    client, coordinator, software_key
):
    client.force_login(coordinator)
    add_key(client, software_key)
    options = options_on(client.get(url("accounts:security_key_add")))
    assert options["rp"] == {"id": "jarjestot.example.fi", "name": "Sakke"}
    assert options["user"]["name"] == coordinator.email
    assert [c["id"] for c in options["excludeCredentials"]] == [software_key.id]


def test_the_add_page_form_links_the_privacy_notice(client, coordinator):
    from privacy.tests.test_form_links import Forms, collects_personal_data

    client.force_login(coordinator)
    parser = Forms()
    parser.feed(client.get(url("accounts:security_key_add")).content.decode())

    key_forms = [form for form in parser.forms if collects_personal_data(form)]
    assert [reverse("privacy:notice") in form["links"] for form in key_forms] == [True]


def test_several_keys_can_be_added(client, coordinator):
    client.force_login(coordinator)
    add_key(client, SoftwareKey(ORIGIN), name="Avain kotona")
    add_key(client, SoftwareKey(ORIGIN), name="Avain töissä")
    names = list(SecurityKey.objects.filter(user=coordinator).values_list("name", flat=True))
    assert names == ["Avain kotona", "Avain töissä"]


def test_without_javascript_adding_a_key_says_why_and_stores_nothing(client, coordinator):
    client.force_login(coordinator)
    client.get(url("accounts:security_key_add"))
    response = client.post(url("accounts:security_key_add"), {"key-name": "Avain"})
    assert response.status_code == 200
    assert "Adding a key needs JavaScript" in response.text
    assert not SecurityKey.objects.exists()


def test_a_key_needs_a_name(client, coordinator, software_key):
    client.force_login(coordinator)
    response = add_key(client, software_key, name="  ")
    assert "This field is required" in response.text
    assert not SecurityKey.objects.exists()


def test_an_answer_to_another_challenge_is_refused(client, coordinator, software_key):
    client.force_login(coordinator)
    client.get(url("accounts:security_key_add"))
    forged = software_key.create({"challenge": "bm90LXRoZS1zZXJ2ZXJzLWNoYWxsZW5nZQ"})
    response = client.post(
        url("accounts:security_key_add"), {"key-name": "Avain", "key-credential": forged}
    )
    assert "The security key could not be added" in response.text
    assert not SecurityKey.objects.exists()


def test_an_answer_made_for_another_site_is_refused(client, coordinator):
    client.force_login(coordinator)
    elsewhere = SoftwareKey("https://phishing.example.com")
    response = add_key(client, elsewhere)
    assert "The security key could not be added" in response.text
    assert not SecurityKey.objects.exists()


def test_the_same_answer_cannot_be_sent_twice(client, coordinator, software_key):
    client.force_login(coordinator)
    options = options_on(client.get(url("accounts:security_key_add")))
    answer = software_key.create(options)
    client.post(url("accounts:security_key_add"), {"key-name": "A", "key-credential": answer})
    again = client.post(
        url("accounts:security_key_add"), {"key-name": "B", "key-credential": answer}
    )
    assert "The request expired" in again.text
    assert SecurityKey.objects.count() == 1


def test_garbage_instead_of_an_answer_is_refused(client, coordinator):
    client.force_login(coordinator)
    client.get(url("accounts:security_key_add"))
    response = client.post(
        url("accounts:security_key_add"), {"key-name": "A", "key-credential": "{not json"}
    )
    assert "was not understood" in response.text
    assert not SecurityKey.objects.exists()


def test_a_key_is_added_only_beside_the_app(client):
    editor = UserFactory()
    sign_in_without_second_factor(client, editor)
    response = client.get(url("accounts:security_key_add"))
    assert response.status_code == 302
    assert response.url == url("accounts:two_factor")


def test_a_session_that_has_not_passed_the_app_is_sent_to_it_before_adding_a_key(client):
    editor = UserFactory()
    app_device(editor)
    # Signed in before the app was turned on elsewhere: the session was never asked for it.
    sign_in_without_second_factor(client, editor)
    session = client.session
    session.pop("accounts_second_factor", None)
    session.save()
    response = client.get(url("accounts:security_key_add"))
    assert response.status_code == 302
    assert response.url.startswith(url("accounts:two_factor_verify"))


def test_removing_a_key_is_audited_and_keeps_the_app(client, coordinator, software_key):
    client.force_login(coordinator)
    add_key(client, software_key, name="Kadonnut avain")
    key = SecurityKey.objects.get()
    response = client.post(url("accounts:security_key_remove", pk=key.pk))
    assert response.status_code == 302
    assert not SecurityKey.objects.exists()
    assert app_device(coordinator).confirmed
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SECURITY_KEY_REMOVED)
    assert (entry.user, entry.detail) == (coordinator, "Kadonnut avain")


def test_nobody_removes_another_persons_key(client, coordinator, software_key):
    client.force_login(coordinator)
    add_key(client, software_key)
    key = SecurityKey.objects.get()
    other = UserFactory(is_coordinator=True)
    client.force_login(other)
    response = client.post(url("accounts:security_key_remove", pk=key.pk), follow=True)
    assert "not yours" in response.text
    assert SecurityKey.objects.filter(pk=key.pk).exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.SECURITY_KEY_REMOVED).exists()


def test_removing_takes_a_post(client, coordinator, software_key):
    client.force_login(coordinator)
    add_key(client, software_key)
    key = SecurityKey.objects.get()
    assert client.get(url("accounts:security_key_remove", pk=key.pk)).status_code == 405


# Signing in with a key -------------------------------------------------------------------


def enrolled_coordinator_with_key(client, coordinator, software_key):
    client.force_login(coordinator)
    add_key(client, software_key, name="Sininen avain")
    client.logout()


def test_a_key_passes_the_second_step_and_opens_the_coordinators_pages(
    client, coordinator, software_key
):
    enrolled_coordinator_with_key(client, coordinator, software_key)
    queue = url("moderation:queue")
    sign_in_with_password(client, coordinator, queue)
    assert client.get(queue).status_code == 302
    options = options_on(client.get(url("accounts:two_factor_verify")))
    assert [c["id"] for c in options["allowCredentials"]] == [software_key.id]
    assert options["rpId"] == "jarjestot.example.fi"
    response = client.post(
        url("accounts:two_factor_verify") + f"?next={queue}",
        {"key-credential": software_key.get(options), "next": queue},
    )
    assert response.status_code == 302
    assert response.url == queue
    assert client.get(queue).status_code == 200
    key = SecurityKey.objects.get()
    assert key.sign_count == 1
    assert key.last_used_at is not None
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.SECOND_FACTOR_VERIFIED).first()
    assert entry.detail == "security key “Sininen avain”"


def test_the_verification_page_offers_no_key_to_a_person_without_one(client, coordinator):
    app_device(coordinator)
    sign_in_with_password(client, coordinator)
    response = client.get(url("accounts:two_factor_verify"))
    assert 'data-security-key="get"' not in response.text
    assert "security_key.js" not in response.text
    assert "Code from the app" in response.text


def test_the_verification_page_keeps_the_app_and_recovery_codes_beside_the_key(
    client, coordinator, software_key
):
    enrolled_coordinator_with_key(client, coordinator, software_key)
    sign_in_with_password(client, coordinator)
    response = client.get(url("accounts:two_factor_verify"))
    assert 'data-security-key="get"' in response.text
    assert "Code from the app" in response.text
    assert "Recovery code" in response.text


def test_a_recovery_code_still_works_for_a_person_with_a_key(client, coordinator, software_key):
    client.force_login(coordinator)
    add_key(client, software_key)
    codes = client.post(url("accounts:recovery_codes")).context["codes"]
    client.logout()
    sign_in_with_password(client, coordinator)
    client.post(url("accounts:two_factor_verify"), {"recovery-token": codes[0]})
    assert client.get(url("moderation:queue")).status_code == 200


def test_a_wrong_signature_is_refused_and_audited(client, coordinator, software_key):
    enrolled_coordinator_with_key(client, coordinator, software_key)
    sign_in_with_password(client, coordinator)
    impostor = SoftwareKey(ORIGIN)
    impostor.credential_id = software_key.credential_id  # the id is not secret; the key is
    response = answer_with_key(client, impostor)
    assert response.status_code == 200
    assert "The security key could not be checked" in response.text
    assert client.get(url("moderation:queue")).status_code == 302
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.SECOND_FACTOR_FAILED, detail="security key"
    ).exists()


def test_another_persons_key_does_not_pass(client, coordinator, software_key):
    enrolled_coordinator_with_key(client, coordinator, software_key)
    other = UserFactory(is_coordinator=True)
    client.force_login(other)
    add_key(client, SoftwareKey(ORIGIN), name="Oma avain")
    client.logout()
    sign_in_with_password(client, other)
    response = answer_with_key(client, software_key)
    assert "not one of yours" in response.text
    assert client.get(url("moderation:queue")).status_code == 302


def test_an_answer_used_once_does_not_pass_again(client, coordinator, software_key):
    enrolled_coordinator_with_key(client, coordinator, software_key)
    sign_in_with_password(client, coordinator)
    options = options_on(client.get(url("accounts:two_factor_verify")))
    answer = software_key.get(options)
    client.post(url("accounts:two_factor_verify"), {"key-credential": answer})
    client.logout()
    sign_in_with_password(client, coordinator)
    client.get(url("accounts:two_factor_verify"))
    response = client.post(url("accounts:two_factor_verify"), {"key-credential": answer})
    assert "The security key could not be checked" in response.text
    assert client.get(url("moderation:queue")).status_code == 302


def test_a_cloned_key_whose_counter_goes_back_is_refused(client, coordinator, software_key):
    enrolled_coordinator_with_key(client, coordinator, software_key)
    sign_in_with_password(client, coordinator)
    answer_with_key(client, software_key)
    client.logout()
    software_key.sign_count = 0  # the clone has not seen the original's use
    sign_in_with_password(client, coordinator)
    response = answer_with_key(client, software_key)
    assert "The security key could not be checked" in response.text


def test_an_editor_who_opted_in_signs_in_with_a_key(client, software_key):
    editor = editor_past_the_app(client)
    add_key(client, software_key)
    assert SecurityKey.objects.filter(user=editor).exists()
    client.logout()
    sign_in_with_password(client, editor)
    assert client.get(url("accounts:account")).status_code == 302
    answer_with_key(client, software_key)
    assert client.get(url("accounts:account")).status_code == 200


# Turning off, personal data --------------------------------------------------------------


def test_turning_two_step_verification_off_removes_the_keys(client, software_key):
    editor_past_the_app(client)
    add_key(client, software_key)
    assert SecurityKey.objects.count() == 1
    client.post(url("accounts:two_factor_remove"))
    assert not SecurityKey.objects.exists()


def test_the_reset_command_removes_the_keys_too(client, coordinator, software_key):
    client.force_login(coordinator)
    add_key(client, software_key)
    call_command("two_factor_reset", coordinator.email)
    assert not SecurityKey.objects.exists()


def test_the_data_download_lists_the_keys_without_the_public_key(client, coordinator, software_key):
    client.force_login(coordinator)
    add_key(client, software_key, name="Sininen avain")
    data = json.loads(client.post(url("accounts:export")).content)
    assert [k["name"] for k in data["security_keys"]] == ["Sininen avain"]
    assert data["security_keys"][0]["credential_id"] == software_key.id
    assert "public_key" not in data["security_keys"][0]


def test_deleting_the_account_deletes_its_keys(client, software_key):
    editor = editor_past_the_app(client)
    add_key(client, software_key)
    client.post(url("accounts:delete"), {"password": PASSWORD})
    assert not User.objects.filter(pk=editor.pk).exists()
    assert not SecurityKey.objects.exists()


@pytest.mark.parametrize(
    "language, unsupported, cancelled",
    [
        ("fi", "Tämä selain ei osaa käyttää suojausavaimia", "Suojausavainta ei käytetty"),
        ("sv", "Den här webbläsaren kan inte använda", "Säkerhetsnyckeln användes inte"),
        ("en", "This browser cannot use security keys", "The security key was not used"),
    ],
)
def test_the_scripts_messages_come_translated(
    client, coordinator, language, unsupported, cancelled
):
    client.force_login(coordinator)
    with translation.override(language):
        response = client.get(url("accounts:security_key_add", language=language))
    assert f'data-unsupported="{unsupported}' in response.text
    assert f'data-cancelled="{cancelled}' in response.text
