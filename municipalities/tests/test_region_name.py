"""The region's name follows the page's language, from the reference data of regions."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "name"), [("fi", "Pohjois-Savo"), ("sv", "Norra Savolax"), ("en", "North Savo")]
)
def test_the_region_is_named_in_the_language_of_the_page(client, language, name):
    with translation.override(language):
        page = client.get(reverse("core:home")).content.decode()
    assert "<title>" in page
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.endswith(f", {name}")
