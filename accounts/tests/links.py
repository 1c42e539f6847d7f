"""Finding pages and the links of e-mails in the accounts tests."""

import re

from django.urls import reverse
from django.utils import translation


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def link_in(message) -> str:
    """The first link of an e-mail, as a path with its query string."""
    found = re.search(r"https?://[^/\s]+(/\S+)", message.body)
    assert found, message.body
    return found.group(1)
