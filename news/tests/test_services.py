"""Who may write news, and when a post is public: the publication rules by role."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.history import versions_of
from core.models import PublicationStatus
from moderation import selectors as queue
from moderation.services import content_approve
from news.models import NewsPost
from news.selectors import news_for_period, news_list
from news.services import news_save
from organizations.tests.factories import OrganizationFactory
from selfservice.tests.factories import UserFactory, coordinator, editor_of
from taxonomy.tests.factories import TopicFactory

from .factories import NewsPostFactory

pytestmark = pytest.mark.django_db

TEXT = {"title_fi": "Syyskokous", "body_fi": "Tervetuloa syyskokoukseen."}


def queue_items(sections, kind="news"):
    return next(section for section in sections if section.kind == kind).items


def test_an_approved_associations_editor_publishes_at_once_and_the_coordinator_reviews_later():
    association = OrganizationFactory()
    post = news_save(user=editor_of(association), organization=association, data=TEXT, publish=True)
    assert post.publication_status == PublicationStatus.PUBLISHED
    assert post.published_at is not None
    assert post.reviewed_at is None
    assert post in queue_items(queue.changed_content())
    assert post in news_list()


def test_a_post_of_an_association_not_yet_approved_waits_for_the_coordinator():
    association = OrganizationFactory(publication_status=PublicationStatus.PENDING)
    post = news_save(user=editor_of(association), organization=association, data=TEXT, publish=True)
    assert post.publication_status == PublicationStatus.PENDING
    assert post.published_at is None
    assert post in queue_items(queue.pending_content())
    assert post not in news_list()


def test_the_coordinators_approval_publishes_a_waiting_post_and_dates_it():
    association = OrganizationFactory(publication_status=PublicationStatus.PENDING)
    post = news_save(user=editor_of(association), organization=association, data=TEXT, publish=True)
    content_approve(obj=post, user=coordinator())
    post.refresh_from_db()
    assert post.is_published
    assert post.published_at is not None
    assert post in news_list()


def test_a_post_saved_without_publishing_is_a_draft():
    association = OrganizationFactory()
    post = news_save(
        user=editor_of(association), organization=association, data=TEXT, publish=False
    )
    assert post.publication_status == PublicationStatus.DRAFT
    assert post not in news_list()


def test_an_editor_may_not_write_for_another_association():
    with pytest.raises(PermissionDenied):
        news_save(
            user=editor_of(OrganizationFactory()),
            organization=OrganizationFactory(),
            data=TEXT,
            publish=True,
        )


def test_an_editor_may_not_edit_another_associations_post():
    post = NewsPostFactory()
    with pytest.raises(PermissionDenied):
        news_save(
            user=editor_of(OrganizationFactory()),
            organization=None,
            post=post,
            data=TEXT,
            publish=True,
        )


def test_only_the_coordinator_writes_for_the_coordinators_office():
    with pytest.raises(PermissionDenied):
        news_save(user=UserFactory(), organization=None, data=TEXT, publish=True)
    post = news_save(user=coordinator(), organization=None, data=TEXT, publish=True)
    assert post.is_by_office
    assert post.is_published
    assert post.reviewed_at is not None
    assert post not in queue_items(queue.changed_content())


def test_a_declined_post_goes_back_to_the_coordinator_when_published_again():
    association = OrganizationFactory()
    editor = editor_of(association)
    post = NewsPostFactory(organization=association, publication_status="declined")
    news_save(user=editor, organization=None, post=post, data=TEXT, publish=True)
    assert post.publication_status == PublicationStatus.PENDING


def test_the_text_is_cleaned_of_anything_that_runs():
    association = OrganizationFactory()
    data = {**TEXT, "body_fi": '<p onclick="x()">Hei</p><script>alert(1)</script>'}
    post = news_save(user=editor_of(association), organization=association, data=data, publish=True)
    assert post.body_fi == "<p>Hei</p>"


def test_a_post_needs_a_finnish_title():
    association = OrganizationFactory()
    with pytest.raises(ValidationError) as error:
        news_save(
            user=editor_of(association),
            organization=association,
            data={"title_fi": " ", "body_fi": "Teksti"},
            publish=True,
        )
    assert "title_fi" in error.value.message_dict


def test_every_save_is_kept_in_the_history():
    association = OrganizationFactory()
    post = news_save(user=editor_of(association), organization=association, data=TEXT, publish=True)
    assert versions_of(post).count() == 1


def test_the_new_post_gets_a_public_id_of_the_service():
    post = news_save(user=coordinator(), organization=None, data=TEXT, publish=True)
    assert post.public_id == f"sakke:{post.pk}"
    assert NewsPost.objects.get(public_id=post.public_id) == post


def test_a_scheduled_post_stays_hidden_until_its_time():
    post = NewsPostFactory(published_at=timezone.now() + dt.timedelta(days=1))
    assert post not in news_list()


def test_news_for_period_keeps_the_period_and_the_chosen_or_untagged_topics():
    sports, culture = TopicFactory(), TopicFactory()
    now = timezone.now()
    inside = NewsPostFactory(published_at=now - dt.timedelta(days=2), topics=[sports])
    untagged = NewsPostFactory(published_at=now - dt.timedelta(days=2))
    NewsPostFactory(published_at=now - dt.timedelta(days=2), topics=[culture])
    NewsPostFactory(published_at=now - dt.timedelta(days=20), topics=[sports])
    NewsPostFactory(
        published_at=now - dt.timedelta(days=2), publication_status=PublicationStatus.DRAFT
    )
    found = news_for_period(now - dt.timedelta(days=7), now, topics=[sports])
    assert set(found) == {inside, untagged}
