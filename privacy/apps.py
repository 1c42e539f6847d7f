from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """The privacy notice, the accessibility statement and the content policy.

    An app of its own in the top layer, beside pages: the notice reads the register of
    personal data (core.personal_data) that every app fills, so it sits above them all, and
    it imports nothing but core. Other apps link to its pages by URL name only.
    """

    name = "privacy"
    verbose_name = _("Privacy and accessibility")
