from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CardsConfig(AppConfig):
    name = "cards"
    verbose_name = _("Municipality cards")

    def ready(self):
        from core.consent_restore import register_consent
        from core.history import register_child, register_history

        from .models import (
            CardContact,
            Grant,
            GrantPeriod,
            MunicipalityCard,
            PracticeAnswer,
            Premises,
        )

        # A card's revision holds the whole card: its rows, and each grant's periods.
        register_history(MunicipalityCard, follow=["contacts", "premises", "grants", "answers"])
        for row in (CardContact, Premises, PracticeAnswer):
            register_child(row, "card")
        register_child(Grant, "card", follow=["periods"])
        register_child(GrantPeriod, "grant")
        register_consent(CardContact, withdrawn_at="consent_withdrawn_at")

        from .indicators import register_indicator_sources

        register_indicator_sources()
