from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Ongoing activities")

    def ready(self):
        from core.history import register_child, register_history

        from .models import Activity, WeeklySlot

        # An activity only points at its place: a place is shared and has its own history.
        register_history(Activity, follow=["schedule"])
        register_child(WeeklySlot, "activity")
