import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.tests.factories import MunicipalityEditorFactory, UserFactory
from cards import services
from cards.models import CardContact, GrantPeriod, Practice

from .factories import CardContactFactory, CardFactory, GrantFactory, GrantPeriodFactory

pytestmark = pytest.mark.django_db


def update(user, card, **changes):
    data = {"texts": {}, "checklist": [], "contacts": [], "premises": []} | changes
    return services.card_update(user=user, card=card, **data)


@pytest.fixture
def card():
    return CardFactory()


@pytest.fixture
def editor(card):
    return MunicipalityEditorFactory(municipality=card.municipality).user


def test_only_an_editor_of_the_municipality_updates_its_card(card):
    with pytest.raises(PermissionDenied):
        update(UserFactory(), card, texts={"steps_taken_fi": "Ei saa"})


def test_a_contact_row_with_an_id_changes_that_contact_and_one_left_out_is_removed(card, editor):
    kept, left_out = CardContactFactory(card=card), CardContactFactory(card=card)

    update(editor, card, contacts=[{"id": kept.pk, "name": "Uusi Nimi"}, {"name": "Lisätty"}])

    assert sorted(CardContact.objects.filter(card=card).values_list("name", flat=True)) == [
        "Lisätty",
        "Uusi Nimi",
    ]
    assert not CardContact.objects.filter(pk=left_out.pk).exists()


def test_a_row_of_another_cards_contact_is_refused(card, editor):
    stranger = CardContactFactory(card=CardFactory())

    with pytest.raises(PermissionDenied):
        update(editor, card, contacts=[{"id": stranger.pk, "name": "Kaapattu"}])

    assert CardContact.objects.get(pk=stranger.pk).name != "Kaapattu"


def test_a_field_the_card_form_does_not_have_is_refused(card, editor):
    with pytest.raises(ValueError):
        update(editor, card, texts={"verified_at": None})


def test_a_grant_of_another_card_cannot_be_saved_through_this_one(card, editor):
    grant = GrantFactory(card=CardFactory())

    with pytest.raises(PermissionDenied):
        services.grant_save(
            user=editor, card=card, grant=grant, data={"name_fi": "Kaapattu"}, periods=[]
        )


def test_saving_a_grant_keeps_only_the_periods_it_is_given(card, editor):
    grant = GrantFactory(card=card)
    kept, dropped = GrantPeriodFactory(grant=grant), GrantPeriodFactory(grant=grant)

    services.grant_save(
        user=editor,
        card=card,
        grant=grant,
        data={"name_fi": "Toiminta-avustus"},
        periods=[{"id": kept.pk, "deadline": kept.deadline}],
    )

    assert list(GrantPeriod.objects.filter(grant=grant)) == [kept]
    assert not GrantPeriod.objects.filter(pk=dropped.pk).exists()


def test_an_answer_not_on_the_list_is_refused(card, editor):
    practice = Practice.objects.first()

    with pytest.raises(ValidationError):
        update(editor, card, checklist=[(practice, "maybe", "")])


def test_reminders_of_more_than_90_days_before_are_refused():
    with pytest.raises(ValidationError):
        services.subscription_save(user=UserFactory(), days_before=120, municipalities=[])
