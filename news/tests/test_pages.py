"""The public news pages and the pages where editors write posts."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import PublicationStatus
from municipalities.tests.factories import MunicipalityFactory
from news.models import NewsPost
from organizations.tests.factories import OrganizationFactory
from selfservice.tests.factories import coordinator, editor_of
from taxonomy.tests.factories import TopicFactory

from .factories import NewsPostFactory

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def list_titles(client, query=""):
    response = client.get(reverse("news:list") + query)
    assert response.status_code == 200
    return {post.title for post in response.context["page_obj"].object_list}


def test_the_list_shows_published_posts_only(client):
    NewsPostFactory(title_fi="Julkinen")
    for status in ("draft", "pending", "declined"):
        NewsPostFactory(title_fi=f"Piilossa {status}", publication_status=status)
    assert list_titles(client) == {"Julkinen"}


def test_the_list_filters_by_topic(client):
    sports = TopicFactory(slug="liikunta")
    NewsPostFactory(title_fi="Liikuntaa", topics=[sports])
    NewsPostFactory(title_fi="Muuta", topics=[TopicFactory()])
    assert list_titles(client, "?topic=liikunta") == {"Liikuntaa"}


def test_the_list_filters_by_municipality(client):
    kuopio = MunicipalityFactory(code="297")
    NewsPostFactory(title_fi="Kuopiosta", municipalities=[kuopio])
    NewsPostFactory(title_fi="Muualta", municipalities=[MunicipalityFactory(code="140")])
    assert list_titles(client, "?municipality=297") == {"Kuopiosta"}


def test_the_list_finds_words_of_the_text(client):
    NewsPostFactory(title_fi="Syyskokous", body_fi="<p>Kokous pidetään lokakuussa.</p>")
    NewsPostFactory(title_fi="Retki", lead_fi="", body_fi="<p>Bussi lähtee torilta.</p>")
    assert list_titles(client, "?q=lokakuussa") == {"Syyskokous"}


def test_the_list_is_paginated(client):
    NewsPostFactory.create_batch(25)
    response = client.get(reverse("news:list") + "?page=2")
    assert len(response.context["page_obj"].object_list) == 5


def test_an_htmx_request_gets_only_the_results(client):
    NewsPostFactory(title_fi="Uutinen htmx")
    response = client.get(reverse("news:list"), headers={"HX-Request": "true"})
    assert b"Uutinen htmx" in response.content
    assert b"<html" not in response.content


def test_the_list_costs_the_same_queries_for_one_post_or_many(client):
    topic, kuopio = TopicFactory(), MunicipalityFactory()
    NewsPostFactory(topics=[topic], municipalities=[kuopio])
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("news:list"))
    NewsPostFactory.create_batch(10, topics=[topic], municipalities=[kuopio])
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("news:list"))
    assert len(many) == len(one)


def test_the_detail_page_describes_the_post_as_a_news_article(client):
    post = NewsPostFactory(title_fi="Kuoro </script><script>alert(1)</script>")
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    data = json.loads(JSON_LD.search(html).group(1))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == post.title_fi
    assert data["author"]["name"] == post.organization.name
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize("status", ["draft", "pending", "declined"])
def test_an_unpublished_post_is_not_found(client, status):
    post = NewsPostFactory(publication_status=status)
    assert client.get(post.get_absolute_url()).status_code == 404


def test_the_detail_page_shows_the_text_without_what_runs(client):
    post = NewsPostFactory(body_fi="<p>Tervetuloa</p><script>alert(1)</script>")
    response = client.get(post.get_absolute_url())
    assert b"<p>Tervetuloa</p>" in response.content
    assert b"alert(1)" not in response.content


# Writing


def test_writing_needs_signing_in(client):
    response = client.get(reverse("news:create"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_an_editor_writes_and_publishes_a_post(client):
    association = OrganizationFactory()
    client.force_login(editor_of(association))
    response = client.post(
        reverse("news:create"),
        {
            "author": association.public_id,
            "title_fi": "Uusi kerho",
            "lead_fi": "Kerho alkaa.",
            "body_fi": "Tervetuloa!",
            "visibility": "publish",
        },
    )
    assert response.status_code == 302
    post = NewsPost.objects.get(title_fi="Uusi kerho")
    assert post.organization == association
    assert post.is_published
    assert client.get(post.get_absolute_url()).status_code == 200


def test_an_editor_cannot_write_as_another_association(client):
    client.force_login(editor_of(OrganizationFactory()))
    other = OrganizationFactory()
    response = client.post(
        reverse("news:create"),
        {"author": other.public_id, "title_fi": "X", "body_fi": "Y", "visibility": "publish"},
    )
    assert response.status_code == 200  # the form, with the choice refused
    assert not NewsPost.objects.exists()


def test_a_picture_needs_a_description(client):
    import io

    from PIL import Image

    association = OrganizationFactory()
    client.force_login(editor_of(association))
    data = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(data, format="PNG")
    upload = SimpleUploadedFile("kuva.png", data.getvalue(), content_type="image/png")
    response = client.post(
        reverse("news:create"),
        {
            "author": association.public_id,
            "title_fi": "Kuvallinen",
            "body_fi": "Teksti",
            "image": upload,
            "visibility": "publish",
        },
    )
    assert response.status_code == 200
    assert "image_alt_fi" in response.context["form"].errors
    assert not NewsPost.objects.exists()


def test_another_associations_post_is_not_found_for_editing(client):
    post = NewsPostFactory()
    client.force_login(editor_of(OrganizationFactory()))
    assert client.get(reverse("news:edit", kwargs={"public_id": post.public_id})).status_code == 404


def test_an_editor_previews_a_draft(client):
    post = NewsPostFactory(publication_status=PublicationStatus.DRAFT, title_fi="Luonnos")
    client.force_login(editor_of(post.organization))
    response = client.get(reverse("news:preview", kwargs={"public_id": post.public_id}))
    assert response.status_code == 200
    assert b"Luonnos" in response.content


def test_the_write_page_lists_the_associations_drafts(client):
    post = NewsPostFactory(publication_status=PublicationStatus.DRAFT, title_fi="Luonnos")
    NewsPostFactory(title_fi="Jonkun muun")
    client.force_login(editor_of(post.organization))
    response = client.get(reverse("news:write") + f"?org={post.organization.public_id}")
    assert b"Luonnos" in response.content
    assert b"Jonkun muun" not in response.content


def test_the_coordinator_writes_for_the_office(client):
    client.force_login(coordinator())
    response = client.post(
        reverse("news:create"),
        {"author": "office", "title_fi": "Tiedote", "body_fi": "Teksti", "visibility": "publish"},
    )
    assert response.status_code == 302
    post = NewsPost.objects.get()
    assert post.organization is None and post.is_published


def test_after_an_error_the_form_says_the_chosen_picture_must_be_chosen_again(client):
    import io

    from PIL import Image

    association = OrganizationFactory()
    client.force_login(editor_of(association))
    data = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(data, format="PNG")
    upload = SimpleUploadedFile("kuva.png", data.getvalue(), content_type="image/png")
    page = client.post(
        reverse("news:create"),
        {"author": association.public_id, "title_fi": "Kuvallinen", "image": upload},
    ).content.decode()
    assert "Nothing you wrote has been lost" not in page
    assert "Your text has been kept, but the file you chose was not" in page


def test_the_picture_of_a_published_post_loads_on_its_page(client, settings, tmp_path):
    import io

    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    association = OrganizationFactory()
    client.force_login(editor_of(association))
    data = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(data, format="PNG")
    upload = SimpleUploadedFile("kuva.png", data.getvalue(), content_type="image/png")
    client.post(
        reverse("news:create"),
        {
            "author": association.public_id,
            "title_fi": "Kuvallinen",
            "body_fi": "Teksti",
            "image": upload,
            "image_alt_fi": "Punainen laatta",
            "visibility": "publish",
        },
    )
    post = NewsPost.objects.get()
    post.publication_status = PublicationStatus.PUBLISHED
    post.save()
    client.logout()
    page = client.get(post.get_absolute_url()).content.decode()
    (src,) = re.findall(r'<img src="([^"]+)" alt="Punainen laatta"', page)
    picture = client.get(src)
    assert picture.status_code == 200
    assert picture["Content-Type"] == "image/png"
