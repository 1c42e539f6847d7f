from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Association programme")

    def ready(self):
        from core.history import register_child, register_history

        from . import models

        for model in (models.Programme, models.Theme, models.Goal):
            register_history(model)
        # A measure's version holds who is responsible and its tasks, so a restore is whole.
        register_history(models.Measure, follow=["responsibilities", "tasks"])
        register_child(models.Responsibility, "measure")
        register_child(models.Task, "measure")
        for model in (models.MeasureUpdate, models.Commitment, models.ProgressReport):
            register_history(model)
        register_history(models.Indicator)

        from . import dashboard_cache
        from .indicators import register_programme_sources

        dashboard_cache.connect_signals()

        register_programme_sources()
