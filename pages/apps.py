from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The pages that assemble several apps: the home page, the municipality pages and an
    association's page. They have no models; config/urls.py wires them into the URL
    namespaces of the apps they show (core:home, municipalities:*, organizations:detail).
    """

    name = "pages"
