"""The coordinator's admin: every model is there, and its list opens."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OUR_APPS = {
    "core", "accounts", "municipalities", "taxonomy", "organizations", "places", "events",
    "activities", "datasets", "api", "search", "selfservice", "moderation", "freshness",
    "cards", "news", "newsletter",
}  # fmt: skip


# Rows written only by the search index (rebuild_search_index makes them again).
DERIVED = {
    "search.SearchEntry",
    "search.SearchTerm",
    "search.SearchSuggestion",
    "search.SearchAssociation",
}


def test_every_model_of_the_project_has_an_admin_or_is_edited_inline():
    inline = {
        inline.model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }
    missing = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
        and not model._meta.auto_created
        and model not in admin.site._registry
        and model not in inline
        and model._meta.label not in DERIVED
    ]
    assert missing == []


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda model: model._meta.label)
def test_the_list_opens_for_a_superuser(client, model):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    opts = model._meta
    response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert response.status_code == 200
