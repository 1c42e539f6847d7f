"""The API's detail links: built once per route, equal to what reverse() gives."""

import pytest
from django.test import RequestFactory, override_settings
from rest_framework.request import Request
from rest_framework.reverse import reverse

from core.rest.fields import detail_url

pytestmark = pytest.mark.usefixtures("any_host")


@pytest.fixture
def any_host():
    with override_settings(ALLOWED_HOSTS=["*"]):
        yield


TRICKY_IDS = [
    "sample:org-0001",
    "kuopio:tapahtuma 12",
    "lähde:yhdistys-äö",
    "x:100%",
    "a:b?c#d",
    "src:o'brien&co",
]


@pytest.mark.parametrize("public_id", TRICKY_IDS)
@pytest.mark.parametrize("view_name", ["api:event-detail", "api:organization-detail"])
def test_detail_url_equals_reverse(public_id, view_name):
    request = Request(RequestFactory().get("/api/v1/event/", HTTP_HOST="example.fi"))
    expected = reverse(view_name, kwargs={"id": public_id}, request=request)
    assert detail_url(view_name, public_id, request) == expected
    # The second call comes from the per-request template and must agree too.
    assert detail_url(view_name, public_id, request) == expected


def test_detail_url_without_request_is_relative():
    assert detail_url("api:event-detail", "sample:e-1", None) == "/api/v1/event/sample:e-1/"


def test_each_request_builds_its_own_host_into_the_links():
    first = Request(RequestFactory().get("/", HTTP_HOST="a.example.fi"))
    second = Request(RequestFactory().get("/", HTTP_HOST="b.example.fi"))
    assert detail_url("api:event-detail", "s:1", first).startswith("http://a.example.fi/")
    assert detail_url("api:event-detail", "s:1", second).startswith("http://b.example.fi/")


def test_an_id_with_a_slash_is_refused_as_reverse_refuses_it():
    from django.urls import NoReverseMatch

    request = Request(RequestFactory().get("/"))
    with pytest.raises(NoReverseMatch):
        detail_url("api:event-detail", "a/b", request)
