"""The GDPR export holds every kind of personal data kept about an account, and deleting
the account leaves no row that names the person but the hashed suppression entry."""

import pytest
from axes.models import AccessLog
from django.apps import apps

from accounts.gdpr import account_export
from accounts.services import account_delete
from accounts.tests.factories import PASSWORD, OrganizationEditorFactory
from cards.models import GrantReminderSent
from cards.tests.factories import GrantPeriodFactory, SubscriptionFactory
from core import personal_data
from core.history import record
from moderation.tests.factories import ClaimFactory, InvitationFactory
from newsletter.models import Subscriber, SuppressedAddress, address_hash
from newsletter.tests.factories import SubscriberFactory
from organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db
EMAIL = "maija.meikalainen@example.org"


@pytest.fixture
def person():
    """A person with a row of every kind the register names for an account."""
    user = OrganizationEditorFactory(user__email=EMAIL).user
    ClaimFactory(user=user)
    InvitationFactory(email=EMAIL.upper())
    SubscriptionFactory(user=user)
    GrantReminderSent.objects.create(user=user, period=GrantPeriodFactory())
    SubscriberFactory(email=EMAIL, status=Subscriber.Status.COMPLAINED)
    AccessLog.objects.create(username=EMAIL, ip_address="192.0.2.7", user_agent="Firefox")
    with record(user, "muokkaus"):
        OrganizationFactory().save()
    return user


def rows_naming(user_id: int) -> list[str]:
    """Rows of the register's models whose personal fields hold the person's address or id."""
    found = []
    for label in sorted(personal_data.registered_models()):
        model = apps.get_model(label)
        for field in personal_data.personal_fields(model):
            if model._meta.get_field(field).is_relation:
                rows = model.objects.filter(**{field: user_id})
            else:
                rows = model.objects.filter(**{f"{field}__iexact": EMAIL})
            if rows.exists():
                found.append(f"{label}.{field}")
    return found


def test_the_fixture_has_a_row_in_each_table_that_names_the_person(person):
    assert {name.split(".")[1] for name in rows_naming(person.pk)} >= {
        "User",
        "OrganizationEditor",
        "Claim",
        "Invitation",
        "GrantReminderSubscription",
        "GrantReminderSent",
        "Subscriber",
        "AccessLog",
        "Revision",
    }


def test_deleting_the_account_leaves_only_the_hashed_suppression_entry(person):
    user_id = person.pk
    account_delete(user=person, password=PASSWORD)
    assert rows_naming(user_id) == []
    (suppressed,) = SuppressedAddress.objects.all()
    assert suppressed.email_hash == address_hash(EMAIL)


def test_the_export_holds_every_kind_of_data_kept_about_the_account(person):
    data = account_export(person)
    assert data["user"]["email"] == EMAIL
    assert len(data["organization_roles"]) == 1
    assert len(data["claims"]) == 1
    assert len(data["invitations"]) == 1
    assert data["grant_reminders"]["days_before"] == 7
    assert len(data["grant_reminders_sent"]) == 1
    assert data["newsletter"]["status"] == Subscriber.Status.COMPLAINED
    assert data["sign_ins"][0]["ip_address"] == "192.0.2.7"


def test_the_account_page_shows_each_consent_and_where_to_withdraw_it(client, person):
    from django.urls import reverse

    client.force_login(person)
    html = client.get(reverse("accounts:account")).content.decode()
    assert 'id="account-consents"' in html
    assert f'href="{reverse("cards:grant_reminders")}"' in html
    assert f'href="{reverse("privacy:notice")}"' in html
