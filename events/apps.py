from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from core.history import register_history

        from .models import Event

        # An event only points at its place; a place is shared, so it has its own history
        # and is not followed (restoring an event must not rewrite a shared place).
        register_history(Event)

        from .indicators import register_indicator_sources

        register_indicator_sources()
