"""The service sets no cookie but the session, CSRF and language cookies (privacy.views.
COOKIES, documented on the privacy notice): a crawl of the public pages and the sign-in
flow fails on any other."""

import re
from collections import deque

import pytest
from django.urls import reverse

from accounts.tests.factories import PASSWORD, UserFactory
from privacy.views import COOKIES

pytestmark = pytest.mark.django_db(transaction=True)

LINK = re.compile(r'href="(/[^"#?]*)"')
SKIP = ("/static/", "/media/", "/api/", "/admin/")
MAX_PAGES = 120


def other_cookies(response) -> set[str]:
    return set(response.cookies) - set(COOKIES)


def test_a_crawl_of_the_public_pages_sets_no_other_cookie(client, north_savo):
    queue, seen, crawled = deque(["/fi/", "/sv/", "/en/"]), set(), 0
    while queue and crawled < MAX_PAGES:
        path = queue.popleft()
        if path in seen or path.startswith(SKIP):
            continue
        seen.add(path)
        response = client.get(path)
        crawled += 1
        assert other_cookies(response) == set(), path
        if "text/html" in response.get("Content-Type", ""):
            queue.extend(LINK.findall(response.content.decode()))
    assert crawled > 30  # the crawl reached far into the site


def test_signing_in_changing_language_and_signing_out_set_no_other_cookie(client):
    user = UserFactory()
    responses = [
        client.get(reverse("accounts:login")),
        client.post(reverse("accounts:login"), {"username": user.email, "password": "wrong"}),
        client.post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD}),
        client.get(reverse("accounts:account")),
        client.post(reverse("set_language"), {"language": "sv", "next": "/sv/"}),
        client.post(reverse("accounts:logout")),
    ]
    assert responses[2].status_code == 302  # signed in
    set_cookies = set()
    for response in responses:
        assert other_cookies(response) == set()
        set_cookies |= set(response.cookies)
    assert set_cookies == set(COOKIES)


def test_a_cookie_not_on_the_list_would_be_noticed():
    from django.http import HttpResponse

    response = HttpResponse()
    response.set_cookie("_ga", "tracking")
    assert other_cookies(response) == {"_ga"}
