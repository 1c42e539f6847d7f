"""The personal data of the calendar importer, for the privacy notice."""

from django.utils.translation import gettext_lazy as _

from accounts.gdpr import register_exporter
from core.personal_data import LegalBasis, PersonalData, register

register(
    PersonalData(
        key="calendar_feeds",
        models=("importers.CalendarSource",),
        what=_(
            "The addresses of the calendars an association's editors connect (a private "
            "calendar address may work like a password) and who connected each."
        ),
        purpose=_("Sakke fetches the association's events from its own calendar."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_("Until an editor removes the calendar or the association is removed."),
        recipients=_("The association's editors and the coordinator; never public."),
    ),
    PersonalData(
        key="linked_events_sources",
        models=("importers.LinkedEventsSource",),
        what=_("Who connected each Linked Events source of an association."),
        purpose=_("Sakke fetches the association's events from a city's event calendar."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_("Until an editor removes the source or the association is removed."),
        recipients=_("The association's editors and the coordinator; never public."),
    ),
    PersonalData(
        key="spreadsheet_imports",
        models=("importers.SheetImport",),
        what=_(
            "Who imported a spreadsheet, when and the file's name; until the import is "
            "confirmed, its rows (which may hold contact e-mail addresses and phone numbers)."
        ),
        purpose=_("The association's editors and the coordinator see what was imported."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_(
            "The rows until the import is confirmed or its preview has expired (an hour); "
            "the log until the association is removed. The link to the person goes when "
            "their account is removed."
        ),
        recipients=_("The association's editors and the coordinator; never public."),
    ),
    PersonalData(
        key="events_kept_apart",
        models=("events.KeptApart",),
        what=_(
            "Who said that two events shown as one are not the same event, or took that "
            "back, and when."
        ),
        purpose=_("Imports keep the two events apart, and the decision can be traced."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_(
            "As long as either event is kept. The link to the person goes when their "
            "account is removed."
        ),
        recipients=_("The editors of the two events and the coordinator; never public."),
    ),
)


@register_exporter
def calendar_feeds(user) -> dict:
    """The calendar feeds the person added for an association."""
    from .models import CalendarSource, LinkedEventsSource

    return {
        "calendar_feeds_added": list(
            CalendarSource.objects.filter(created_by=user).values(
                "organization__public_id", "name", "url", "is_active"
            )
        ),
        "linked_events_sources_added": list(
            LinkedEventsSource.objects.filter(created_by=user).values(
                "organization__public_id", "name", "api_root", "is_active"
            )
        ),
    }


@register_exporter
def spreadsheet_imports(user) -> dict:
    """The spreadsheets the person imported."""
    from .models import SheetImport

    return {
        "spreadsheet_imports": list(
            SheetImport.objects.filter(user=user).values(
                "kind", "organization__public_id", "file_name", "created_at", "status"
            )
        )
    }


@register_exporter
def events_kept_apart(user) -> dict:
    """The events the person said are not the same, and the decisions they took back."""
    from events.models import KeptApart

    fields = ("event__public_id", "other__public_id", "decided_at", "undone_at")
    return {
        "events_kept_apart": list(KeptApart.objects.filter(decided_by=user).values(*fields)),
        "events_kept_apart_undone": list(KeptApart.objects.filter(undone_by=user).values(*fields)),
    }
