from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Associations")

    def ready(self):
        from core.consent_restore import register_consent
        from core.history import register_child, register_history

        from .models import Contact, Organization, SocialLink

        # A revision of an association holds its contacts and links; changing one stores it.
        register_history(Organization, follow=["contacts", "social_links"])
        register_child(Contact, "organization")
        register_child(SocialLink, "organization")
        # Restoring an old version never shows a person who has withdrawn their consent.
        register_consent(Contact, withdrawn_at="consent_withdrawn_at")
