"""The GDPR export holds every kind of personal data kept about an account, and deleting
the account leaves no row that names the person but the hashed suppression entry."""

import pytest
from axes.models import AccessLog
from django.apps import apps

from accounts.gdpr import account_export
from accounts.models import SecurityKey
from accounts.services import account_delete
from accounts.tests.factories import PASSWORD, OrganizationEditorFactory
from cards.models import GrantReminderSent
from cards.tests.factories import GrantPeriodFactory, SubscriptionFactory
from core import personal_data
from core.history import record
from moderation.tests.factories import ClaimFactory, InvitationFactory
from newsletter.models import Subscriber, SuppressedAddress, address_hash
from newsletter.tests.factories import SubscriberFactory
from organizations.models import Contact
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
    SecurityKey.objects.create(user=user, name="Avain", credential_id="AAEC", public_key=b"k")
    with record(user, "muokkaus"):
        OrganizationFactory().save()
    the_newer_apps_rows(user)
    return user


def the_newer_apps_rows(user):
    """A row naming the person in each of the newer apps: association and municipal
    contacts, cooperation, surveys, materials, the programme and calendar imports."""
    from cards.tests.factories import CardContactFactory
    from cooperation.models import Follow, Signature, StatementComment
    from cooperation.tests.factories import MembershipFactory, SeatFactory, StatementFactory
    from importers.tests.factories import CalendarSourceFactory
    from materials.models import DocumentVersion, FileType
    from materials.tests.factories import DocumentFactory
    from programme.models import MeasureStatus, MeasureUpdate
    from programme.tests.factories import MeasureFactory
    from surveys.models import Invitation, Response
    from surveys.tests.factories import RoundFactory

    organization = OrganizationFactory()
    Contact.objects.create(organization=organization, name="Maija", email=EMAIL, consent=True)
    CardContactFactory(email=EMAIL)
    SeatFactory(person_name="Maija Meikäläinen", user=user, email=EMAIL, phone="040 1")
    Follow.objects.create(user=user, email=EMAIL)
    MembershipFactory(requested_by=user, organization=organization)
    statement = StatementFactory(author=user)
    version = statement.versions.get()
    StatementComment.objects.create(
        statement=statement, version=version, author=user, text="Hyvä", organization=organization
    )
    Signature.objects.create(statement=statement, organization=organization, signed_by=user)
    survey_round = RoundFactory()
    Invitation.objects.create(round=survey_round, organization=organization, email=EMAIL)
    Response.objects.create(round=survey_round, organization=organization, submitted_by=user)
    DocumentVersion.objects.create(
        document=DocumentFactory(),
        number=1,
        file="materials/x.pdf",
        file_type=FileType.PDF,
        original_name="x.pdf",
        size=1,
        sha256="0" * 64,
        uploaded_by=user,
    )
    MeasureUpdate.objects.create(
        measure=MeasureFactory(),
        status=MeasureStatus.values[0],
        text="Edistyy",
        party="Yhdistys",
        author=user,
    )
    CalendarSourceFactory(organization=organization, created_by=user)


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
        "SecurityKey",
        "Revision",
        "Contact",
        "CardContact",
        "Seat",
        "Follow",
        "Membership",
        "Statement",
        "StatementVersion",
        "StatementComment",
        "Signature",
        "Response",
        "DocumentVersion",
        "MeasureUpdate",
        "CalendarSource",
    }


def test_deleting_the_account_leaves_only_the_hashed_suppression_entry(person):
    user_id = person.pk
    account_delete(user=person, password=PASSWORD)
    assert rows_naming(user_id) == []
    (suppressed,) = SuppressedAddress.objects.all()
    assert suppressed.email_hash == address_hash(EMAIL)
    from cooperation.models import Seat

    assert not Seat.objects.filter(person_name="Maija Meikäläinen").exists()
    assert Seat.objects.filter(person_name="", user=None, email="").count() == 1


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
    assert data["security_keys"][0]["name"] == "Avain"
    assert data["association_contact_details"][0]["email"] == EMAIL
    assert data["municipal_contact_details"][0]["email"] == EMAIL
    assert data["cooperation_seats"][0]["person_name"] == "Maija Meikäläinen"
    assert len(data["consultation_alerts"]) == 1
    for key in (
        "cooperation_memberships_requested",
        "statements_authored",
        "statement_versions_written",
        "statement_comments",
        "statement_signatures",
        "survey_responses_sent",
        "survey_invitations",
        "material_uploads",
        "programme_updates_written",
        "calendar_feeds_added",
    ):
        assert len(data[key]) == 1, key


def test_the_account_page_shows_each_consent_and_where_to_withdraw_it(client, person):
    from django.urls import reverse

    client.force_login(person)
    html = client.get(reverse("accounts:account")).content.decode()
    assert 'id="account-consents"' in html
    assert f'href="{reverse("cards:grant_reminders")}"' in html
    assert f'href="{reverse("privacy:notice")}"' in html
