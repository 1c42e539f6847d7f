from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "materials"
    verbose_name = _("Materials library")

    def ready(self):
        from core.history import register_child, register_history

        from . import models

        # A document's version holds its files, so a restore brings back which was current.
        register_history(models.Document, follow=["versions"])
        register_child(models.DocumentVersion, "document")
