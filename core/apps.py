from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Site")

    def ready(self):
        from core import page_cache, personal_data

        page_cache.connect_signals()

        # Every app's personal_data.py adds its entries to the privacy register.
        personal_data.autodiscover()
