from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Cooperation and the associations' voice")

    def ready(self):
        from core.consent_restore import register_consent
        from core.history import register_child, register_history

        from . import models
        from .indicators import register_indicator_sources

        register_indicator_sources()

        # A body's version holds its members and seats, so a restore is whole.
        register_history(models.Body, follow=["memberships", "seats"])
        register_child(models.Membership, "body")
        register_child(models.Seat, "body")
        register_consent(models.Seat, consent="contact_consent", name="person_name")
        register_history(models.Meeting, follow=["document_links"])
        register_child(models.BodyDocument, "meeting")
        register_history(models.Consultation)
        register_history(models.Statement, follow=["versions", "comments", "signatures"])
        for model in (models.StatementVersion, models.StatementComment, models.Signature):
            register_child(model, "statement")
