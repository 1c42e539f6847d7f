import pytest
from django.urls import reverse
from reversion.models import Version

from accounts.tests.factories import MunicipalityEditorFactory, UserFactory
from cards.models import CardContact, MunicipalityCard, Practice, PracticeAnswer
from municipalities.tests.factories import MunicipalityFactory

from .factories import CardFactory, GrantFactory

pytestmark = pytest.mark.django_db


def edit_url(municipality):
    return reverse("cards:edit", kwargs={"slug": municipality.slug})


def card_form_data(**extra):
    data = {
        "steps_taken_fi": "Nimesimme yhteyshenkilön.\n\nJärjestöfoorumi kokoontuu.",
        "steps_planned_fi": "<p>Avustusohjeet uusiksi</p><script>alert(1)</script>",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": "Anna Avoin",
        "contacts-0-title_fi": "hyvinvointikoordinaattori",
        "contacts-0-email": "anna@kunta.example.fi",
        "contacts-0-consent": "on",
        "premises-TOTAL_FORMS": "0",
        "premises-INITIAL_FORMS": "0",
    }
    return data | extra


@pytest.fixture
def editor():
    return MunicipalityEditorFactory(municipality=MunicipalityFactory(slug="tervo")).user


def test_a_municipality_editor_edits_the_card_of_their_municipality(client, editor):
    municipality = editor.municipality_roles.get().municipality
    practice = Practice.objects.get(key="contact-person")
    client.force_login(editor)

    response = client.post(
        edit_url(municipality), card_form_data(**{f"practice_{practice.pk}": "yes"})
    )

    assert response.status_code == 302
    card = MunicipalityCard.objects.get(municipality=municipality)
    assert card.steps_taken_fi.startswith("<p>Nimesimme yhteyshenkilön.</p>")
    assert "script" not in card.steps_planned_fi
    contact = CardContact.objects.get(card=card)
    assert contact.consent and contact.consent_date is not None
    assert PracticeAnswer.objects.get(card=card, practice=practice).status == "yes"


def test_a_municipality_editor_may_not_edit_another_municipalitys_card(client, editor):
    other = MunicipalityFactory(slug="rautalampi")
    client.force_login(editor)

    assert client.get(edit_url(other)).status_code == 403
    assert client.post(edit_url(other), card_form_data()).status_code == 403
    assert not MunicipalityCard.objects.filter(municipality=other).exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    municipality = MunicipalityFactory(slug="tervo")

    response = client.get(edit_url(municipality))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_coordinator_edits_every_card(client):
    client.force_login(UserFactory(is_coordinator=True))
    for slug in ("tervo", "vesanto"):
        municipality = MunicipalityFactory(slug=slug)
        assert client.get(edit_url(municipality)).status_code == 200
        assert client.post(edit_url(municipality), card_form_data()).status_code == 302
    assert MunicipalityCard.objects.count() == 2


def test_confirming_the_card_records_who_and_when(client, editor):
    municipality = editor.municipality_roles.get().municipality
    client.force_login(editor)

    client.post(reverse("cards:confirm", kwargs={"slug": municipality.slug}))

    card = MunicipalityCard.objects.get(municipality=municipality)
    assert card.verified_by == editor and card.verified_at is not None


def test_a_grant_is_saved_with_several_application_periods(client, editor):
    municipality = editor.municipality_roles.get().municipality
    client.force_login(editor)

    response = client.post(
        reverse("cards:grant_add", kwargs={"slug": municipality.slug}),
        {
            "name_fi": "Kohdeavustus",
            "periods-TOTAL_FORMS": "2",
            "periods-INITIAL_FORMS": "0",
            "periods-0-deadline": "2030-03-31",
            "periods-1-deadline": "2030-09-30",
            "periods-1-deadline_time": "16:00",
        },
    )

    assert response.status_code == 302
    grant = municipality.card.grants.get()
    assert [str(p.deadline) for p in grant.periods.all()] == ["2030-03-31", "2030-09-30"]


def test_a_period_that_opens_after_its_deadline_is_refused(client, editor):
    municipality = editor.municipality_roles.get().municipality
    client.force_login(editor)

    response = client.post(
        reverse("cards:grant_add", kwargs={"slug": municipality.slug}),
        {
            "name_fi": "Kohdeavustus",
            "periods-TOTAL_FORMS": "1",
            "periods-INITIAL_FORMS": "0",
            "periods-0-opens_on": "2030-04-01",
            "periods-0-deadline": "2030-03-31",
        },
    )

    assert response.status_code == 200
    assert "The period must open before its deadline." in response.text


def test_an_editor_may_not_touch_a_grant_of_another_municipality(client, editor):
    grant = GrantFactory(card=CardFactory(municipality__slug="vesanto"))
    client.force_login(editor)
    own = editor.municipality_roles.get().municipality

    url = reverse("cards:grant_delete", kwargs={"slug": own.slug, "pk": grant.pk})
    assert client.post(url).status_code == 404
    url = reverse("cards:grant_delete", kwargs={"slug": "vesanto", "pk": grant.pk})
    assert client.post(url).status_code == 403


def test_every_edit_is_kept_in_the_history_with_its_rows(client, editor):
    municipality = editor.municipality_roles.get().municipality
    client.force_login(editor)

    client.post(edit_url(municipality), card_form_data())

    card = MunicipalityCard.objects.get(municipality=municipality)
    version = Version.objects.get_for_object(card).get()
    assert version.revision.user == editor
    models = {v._model for v in version.revision.version_set.all()}
    assert CardContact in models


def test_adding_a_row_keeps_what_was_typed_and_saves_nothing(client, editor):
    municipality = editor.municipality_roles.get().municipality
    client.force_login(editor)

    response = client.post(edit_url(municipality), card_form_data(add_row="contacts"))

    assert response.status_code == 200
    assert 'name="contacts-1-name"' in response.text
    assert "Anna Avoin" in response.text
    assert not MunicipalityCard.objects.exists()
