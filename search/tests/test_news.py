"""News posts in the site search: published posts are found, drafts and scheduled ones never."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from core.models import PublicationStatus
from municipalities.tests.factories import MunicipalityFactory
from news.tests.factories import NewsPostFactory
from organizations.tests.factories import OrganizationFactory
from search.index import rebuild_search_index
from search.models import SearchEntry
from search.services import autocomplete, search
from taxonomy.tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


def news_titles(query, **kwargs):
    return [hit.title for hit in search(query, types=["news"], **kwargs).hits]


def post(title, **kwargs):
    """A published post whose text says nothing but what the test gives it."""
    kwargs = {"lead_fi": "", "body_fi": "<p>Tervetuloa!</p>", "organization": None, **kwargs}
    return NewsPostFactory(title_fi=title, **kwargs)


def test_a_published_post_is_found_by_an_inflected_word_of_its_title(voikko):
    spring_meeting = post("Yhdistysten kevätkokous")

    hits = search("kevätkokouksen").hits

    assert [(hit.kind, hit.public_id) for hit in hits] == [("news", spring_meeting.public_id)]
    assert hits[0].url == spring_meeting.get_absolute_url()
    assert news_titles("kokoukseen") == ["Yhdistysten kevätkokous"]
    assert news_titles("yhdistys") == ["Yhdistysten kevätkokous"]


def test_a_title_match_ranks_above_a_match_in_the_text():
    post("Syysretki", body_fi="<p>Kuoro laulaa bussissa.</p>")
    post("Kuoron kevätkonsertti")

    assert news_titles("kuoro") == ["Kuoron kevätkonsertti", "Syysretki"]


def test_newer_posts_come_before_older_ones():
    now = timezone.now()
    post("Kirpputori viime vuonna", published_at=now - dt.timedelta(days=300))
    post("Kirpputori tällä viikolla", published_at=now - dt.timedelta(days=2))
    post("Kirpputori keväällä", published_at=now - dt.timedelta(days=60))

    assert news_titles("kirpputori") == [
        "Kirpputori tällä viikolla",
        "Kirpputori keväällä",
        "Kirpputori viime vuonna",
    ]


def test_the_text_is_found_without_the_tags_of_its_html():
    post("Syyskokous", lead_fi="Tule mukaan", body_fi="<p>Kokous <strong>kirjastolla</strong>.</p>")

    assert news_titles("kirjasto") == ["Syyskokous"]
    assert news_titles("mukaan") == ["Syyskokous"]
    assert search("strong").hits == []


def test_topics_municipalities_and_the_author_are_searched_as_for_other_content():
    kuopio = MunicipalityFactory(code="297", name_fi="Kuopio")
    choirs = TopicFactory(name_fi="Kuorot")
    post("Konsertti", topics=[choirs], municipalities=[kuopio])
    post("Konsertti", organization=OrganizationFactory(name_fi="Siilinjärven Martat ry"))

    assert len(search("konsertti", types=["news"], municipality="297").hits) == 1
    assert news_titles("kuorot") == ["Konsertti"]
    assert news_titles("martat") == ["Konsertti"]


@pytest.mark.parametrize(
    "status", [PublicationStatus.DRAFT, PublicationStatus.PENDING, PublicationStatus.DECLINED]
)
def test_a_post_that_is_not_published_is_never_found(status):
    post("Salainen suunnitelma", publication_status=status, published_at=None)

    assert search("suunnitelma").hits == []
    assert autocomplete("Salainen") == []
    assert not SearchEntry.objects.exists()


def test_a_post_scheduled_for_later_is_found_once_its_time_has_come():
    publish_at = timezone.now() + dt.timedelta(days=1)
    post("Joulumyyjäiset", published_at=publish_at)
    call_command("index_due_news", verbosity=0)
    assert news_titles("joulumyyjäiset") == []
    assert autocomplete("Joulu") == []

    with time_machine.travel(publish_at + dt.timedelta(minutes=5), tick=False):
        call_command("index_due_news", verbosity=0)
        assert news_titles("joulumyyjäiset") == ["Joulumyyjäiset"]


def test_a_post_leaves_the_search_when_it_goes_back_to_draft():
    spring_trip = post("Kevätretki")
    assert news_titles("kevätretki") == ["Kevätretki"]

    spring_trip.publication_status = PublicationStatus.DRAFT
    spring_trip.save()

    assert search("kevätretki").hits == []


def test_a_deleted_post_leaves_the_search():
    spring_trip = post("Kevätretki")

    spring_trip.delete()

    assert search("kevätretki").hits == []
    assert not SearchEntry.objects.exists()


def test_the_rebuild_command_indexes_published_posts_only():
    post("Kalastuskilpailu")
    post("Kalastuskilpailun luonnos", publication_status=PublicationStatus.DRAFT)
    SearchEntry.objects.all().delete()

    call_command("rebuild_search_index", verbosity=0)

    assert news_titles("kalastuskilpailu") == ["Kalastuskilpailu"]
    assert rebuild_search_index() == 1


def test_type_news_in_the_api_gives_only_news_linked_to_their_api_detail(client):
    news = post("Kuorot kokoontuvat")
    OrganizationFactory(name_fi="Kuoro Kaiku ry")

    body = client.get("/api/v1/search/", {"q": "kuoro", "type": "news"}).json()

    assert [(item["type"], item["id"]) for item in body["data"]] == [("news", news.public_id)]
    detail = reverse("api:news-detail", kwargs={"id": news.public_id})
    assert body["data"][0]["api_url"] == "http://testserver" + detail
    assert client.get(detail).status_code == 200
    assert client.get("/api/v1/search/", {"q": "kuoro"}).json()["meta"]["count"] == 2


def test_the_search_page_lists_a_post_with_its_date_and_a_link_to_it(client):
    news = post("Kuorot kokoontuvat", published_at=dt.datetime(2026, 3, 9, 12, tzinfo=dt.UTC))
    OrganizationFactory(name_fi="Kuoro Kaiku ry")

    with translation.override("en"):
        page = reverse("search:results")
        url = news.get_absolute_url()
    everything = client.get(page, {"q": "kuoro"}).text
    only_news = client.get(page, {"q": "kuoro", "type": "news"}).text

    assert f'<a href="{url}">Kuorot kokoontuvat</a>' in everything
    assert "9.3.2026" in everything and "2 results" in everything
    assert '<option value="news" selected>News</option>' in only_news
    assert "Kuoro Kaiku ry" not in only_news and "1 result" in only_news
    assert client.get(url).status_code == 200


def test_the_news_list_searches_with_the_site_search(client):
    post("Kuorojen kevätkonsertti")
    post("Syyskokous")

    response = client.get(reverse("news:list") + "?q=kuoro")

    assert [p.title for p in response.context["page_obj"].object_list] == [
        "Kuorojen kevätkonsertti"
    ]


def test_the_periodic_task_indexes_a_post_once_due():
    from news.tasks import index_due_news_task

    publish_at = timezone.now() + dt.timedelta(hours=2)
    post("Syyskokous", published_at=publish_at)
    assert index_due_news_task() == 0
    with time_machine.travel(publish_at + dt.timedelta(minutes=1), tick=False):
        assert index_due_news_task() == 1
        assert news_titles("syyskokous") == ["Syyskokous"]
        assert index_due_news_task() == 0
