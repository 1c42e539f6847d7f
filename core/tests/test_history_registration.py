"""Each app registers its own models with core.history; the follow and parent rules hold."""

import pytest
import reversion

from accounts.models import User
from activities.models import Activity, WeeklySlot
from activities.tests.factories import ActivityFactory, WeeklySlotFactory
from cards.models import CardContact, Grant, GrantPeriod, MunicipalityCard, PracticeAnswer, Premises
from cards.tests.factories import CardFactory, GrantFactory, GrantPeriodFactory
from core import history
from core.history import child_relations, is_tracked, record, versions_of
from events.models import Event
from news.models import NewsPost
from organizations.models import Contact, Organization, SocialLink
from organizations.tests.factories import OrganizationFactory
from places.models import Place

pytestmark = pytest.mark.django_db

CONTENT = [Organization, Contact, SocialLink, Activity, WeeklySlot, Event, NewsPost, Place]
CONTENT += [MunicipalityCard, CardContact, Premises, Grant, PracticeAnswer, GrantPeriod]


@pytest.mark.parametrize("model", CONTENT, ids=lambda model: model.__name__)
def test_every_content_model_is_tracked_by_its_own_app(model):
    assert is_tracked(model)


def test_a_contact_saved_alone_stores_its_association_in_the_same_revision():
    organization = OrganizationFactory()
    with record(None, "A contact"):
        Contact.objects.create(organization=organization, name="Maija Virtanen")
    assert versions_of(organization).first().revision.comment == "A contact"


def test_a_deleted_weekly_slot_stores_its_activity():
    slot = WeeklySlotFactory(activity=ActivityFactory())
    with record(None, "Slot gone"):
        slot.delete()
    assert versions_of(slot.activity).first().revision.comment == "Slot gone"


def test_a_grant_period_stores_its_grant_which_follows_its_periods():
    grant = GrantFactory(card=CardFactory())
    with record(None, "New period"):
        period = GrantPeriodFactory(grant=grant)
    revision = versions_of(grant).first().revision
    stored = {version._model for version in revision.version_set.all()}
    assert revision.comment == "New period"
    assert {Grant, GrantPeriod} <= stored
    assert period.pk in {
        int(v.object_id) for v in revision.version_set.all() if v._model is GrantPeriod
    }


def test_the_children_of_a_model_are_the_rows_registered_with_it():
    assert set(child_relations(Organization)) == {
        (Contact, "organization"),
        (SocialLink, "organization"),
    }
    assert set(child_relations(Grant)) == {(GrantPeriod, "grant")}


def test_registering_again_keeps_the_first_follow_rules():
    history.register_history(Organization, follow=["contacts"])
    assert reversion.revisions._get_options(Organization).follow == ("contacts", "social_links")


def test_a_model_no_app_registered_is_not_tracked():
    assert not is_tracked(User)


@pytest.mark.parametrize(
    "model", [Organization, Event, Activity, Place, MunicipalityCard], ids=lambda m: m.__name__
)
def test_the_content_admins_record_their_edits_as_history(model):
    from django.contrib import admin

    from core.admin import HistoryAdminMixin

    assert isinstance(admin.site._registry[model], HistoryAdminMixin)
