"""RSS and Atom feeds of news: valid XML, published posts only, the list's filters."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from taxonomy.tests.factories import TopicFactory

from .factories import NewsPostFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_rss_feed_parses_and_lists_published_posts_only(client):
    NewsPostFactory(title_fi="Julkaistu")
    NewsPostFactory(title_fi="Luonnos", publication_status="draft")
    response = client.get(reverse("news:rss"))
    root = ET.fromstring(response.content)
    titles = [item.findtext("title") for item in root.iter("item")]
    assert titles == ["Julkaistu"]


def test_the_atom_feed_parses_and_lists_published_posts_only(client):
    NewsPostFactory(title_fi="Julkaistu")
    NewsPostFactory(title_fi="Odottaa", publication_status="pending")
    response = client.get(reverse("news:atom"))
    root = ET.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    assert titles == ["Julkaistu"]


def test_the_feed_takes_the_filters_of_the_list(client):
    sports = TopicFactory(slug="liikunta")
    NewsPostFactory(title_fi="Liikuntaa", topics=[sports])
    NewsPostFactory(title_fi="Muuta")
    root = ET.fromstring(client.get(reverse("news:rss") + "?topic=liikunta").content)
    assert [item.findtext("title") for item in root.iter("item")] == ["Liikuntaa"]
