from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FreshnessConfig(AppConfig):
    name = "freshness"
    verbose_name = _("Information checks")

    def ready(self):
        from .indicators import register_indicator_sources

        register_indicator_sources()
