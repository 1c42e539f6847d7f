"""/api/v1/news/: published posts only, in the envelope and shape of the other resources."""

import pytest
from django.urls import reverse

from taxonomy.tests.factories import TopicFactory

from .factories import NewsPostFactory

pytestmark = pytest.mark.django_db


def test_the_list_has_published_posts_only_in_the_envelope(client):
    post = NewsPostFactory(title_fi="Julkaistu")
    NewsPostFactory(publication_status="draft")
    NewsPostFactory(publication_status="pending")
    body = client.get("/api/v1/news/").json()
    assert body["meta"]["count"] == 1
    item = body["data"][0]
    assert item["id"] == post.public_id
    assert item["@type"] == "NewsArticle"
    assert item["@id"].endswith(reverse("api:news-detail", kwargs={"id": post.public_id}))
    assert item["title"] == {"fi": "Julkaistu", "sv": None, "en": None}
    assert item["organization"]["id"] == post.organization.public_id


def test_a_draft_is_not_found_at_its_own_address(client):
    post = NewsPostFactory(publication_status="draft")
    response = client.get(reverse("api:news-detail", kwargs={"id": post.public_id}))
    assert response.status_code == 404


def test_the_list_filters_by_topic(client):
    sports = TopicFactory(slug="liikunta")
    NewsPostFactory(title_fi="Liikuntaa", topics=[sports])
    NewsPostFactory()
    body = client.get("/api/v1/news/?topic=liikunta").json()
    assert [item["title"]["fi"] for item in body["data"]] == ["Liikuntaa"]


def test_a_post_of_the_coordinators_office_has_no_organization(client):
    NewsPostFactory(organization=None)
    assert client.get("/api/v1/news/").json()["data"][0]["organization"] is None
