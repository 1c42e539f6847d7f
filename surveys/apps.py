from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("NGO survey")

    def ready(self):
        from core.history import register_child, register_history

        from . import models

        # A survey's revision holds its questionnaire, so a restore is whole.
        register_history(models.Survey, follow=["sections", "questions"])
        register_child(models.Section, "survey")
        register_child(models.Question, "survey", follow=["versions", "choices"])
        register_child(models.QuestionVersion, "question")
        register_child(models.Choice, "question")
        register_history(models.Round)
