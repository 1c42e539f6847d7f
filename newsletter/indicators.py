"""Newsletter subscribers as an indicator of the association programme.

Registered from NewsletterConfig.ready(): the confirmed subscribers on the day, for the
whole region (a subscriber's municipalities are interests, not where they live).
"""

from django.utils.translation import gettext_lazy as _

from programme.indicators import register_indicator_source

from .models import Subscriber


def subscribers(programme, today) -> int:
    return Subscriber.objects.filter(status=Subscriber.Status.ACTIVE).count()


def register_indicator_sources() -> None:
    register_indicator_source(
        "newsletter.subscribers",
        _("Newsletter subscribers"),
        subscribers,
        description=_("Confirmed subscribers of the newsletter on the day."),
    )
