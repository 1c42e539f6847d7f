"""News in the site search: published posts are found, drafts never.

These run once news is registered in search/documents.py (a change of the search app,
proposed separately); until then the news list's `q` matches words of the text.
"""

import pytest
from django.urls import reverse

from core.models import PublicationStatus
from news.models import NewsPost
from search.documents import source_for_model
from search.services import search

from .factories import NewsPostFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        source_for_model(NewsPost) is None, reason="news is not in the search index yet"
    ),
]


def test_the_site_search_finds_a_published_post_by_a_word_of_its_text():
    post = NewsPostFactory(title_fi="Syyskokous", body_fi="<p>Kokous pidetään kirjastolla.</p>")
    hits = search("kirjasto", types=["news"]).hits
    assert [(hit.kind, hit.public_id) for hit in hits] == [("news", post.public_id)]
    assert hits[0].url == post.get_absolute_url()


def test_a_draft_is_not_in_the_site_search():
    NewsPostFactory(title_fi="Salainen suunnitelma", publication_status=PublicationStatus.DRAFT)
    assert search("suunnitelma").hits == []


def test_a_post_leaves_the_search_when_it_goes_back_to_draft():
    post = NewsPostFactory(title_fi="Kevätretki")
    post.publication_status = PublicationStatus.DRAFT
    post.save()
    assert search("kevätretki").hits == []


def test_the_news_list_searches_with_the_site_search(client):
    NewsPostFactory(title_fi="Kuorojen kevätkonsertti")
    NewsPostFactory(title_fi="Syyskokous")
    response = client.get(reverse("news:list") + "?q=kuoro")
    assert [p.title for p in response.context["page_obj"].object_list] == [
        "Kuorojen kevätkonsertti"
    ]
