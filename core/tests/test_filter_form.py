"""The lists' filter forms ask htmx for the bare list URL, so filters never pile up."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["events:list", "organizations:list"])
def test_a_filtered_list_asks_htmx_for_its_path_without_the_earlier_filters(client, name):
    with translation.override("fi"):
        path = reverse(name)
    page = client.get(path + "?q=kuoro&page=2&q=kuoro").content.decode()
    (target,) = re.findall(r'<form class="filter-form"[^>]*hx-get="([^"]*)"', page)
    assert target == path
