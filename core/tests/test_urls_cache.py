"""Detail links from the per-route cache equal reverse() in every language."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from core.urls_cache import reverse_detail

IDS = ["sample:org-0001", "kuopio:tapahtuma 12", "lähde:yhdistys-äö", "x:100%", "a:b?c#d"]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("view_name", ["organizations:detail", "events:detail", "news:detail"])
@pytest.mark.parametrize("public_id", IDS)
def test_the_cached_link_equals_reverse(language, view_name, public_id):
    with translation.override(language):
        expected = reverse(view_name, kwargs={"public_id": public_id})
        assert reverse_detail(view_name, "public_id", public_id) == expected


def test_each_language_gets_its_own_link():
    links = set()
    for language in ["fi", "sv", "en"]:
        with translation.override(language):
            links.add(reverse_detail("organizations:detail", "public_id", "s:1"))
    assert len(links) == 3


@pytest.mark.parametrize("value", ["", "a/b"])
def test_a_value_reverse_refuses_is_refused(value):
    with pytest.raises(NoReverseMatch):
        reverse_detail("organizations:detail", "public_id", value)
