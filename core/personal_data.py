"""The register of personal data the service keeps, declared beside the models.

Each app describes its own personal data in a `personal_data.py` module that calls
`register(...)`; core finds those modules when Django starts (`autodiscover`, the way the
admin finds `admin.py`). The privacy notice renders from this register, and a test fails
when a model that stores personal data (`stores_personal_data`) has no entry, so the
notice cannot drift from the code.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

#: Field names that hold something about a person whatever the field's type.
PERSONAL_FIELD_NAMES = frozenset({"phone", "ip_address", "user_agent", "username", "person_name"})


class LegalBasis(models.TextChoices):
    """GDPR article 6(1): the grounds this service relies on."""

    CONSENT = "consent", _("Consent (GDPR article 6(1)(a))")
    CONTRACT = "contract", _("The user agreement of an account (GDPR article 6(1)(b))")
    LEGAL_OBLIGATION = "legal_obligation", _("A legal obligation (GDPR article 6(1)(c))")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest (GDPR article 6(1)(f))")


@dataclass(frozen=True)
class PersonalData:
    """One kind of personal data: which models hold it, why, and for how long."""

    key: str
    models: tuple[str, ...]  # "app_label.ModelName"
    what: str
    purpose: str
    legal_basis: LegalBasis
    # A callable where the period comes from a setting, so the notice shows the real one.
    retention: str | Callable[[], str]
    recipients: str
    leaves_eu: bool = False

    @property
    def retention_text(self) -> str:
        return str(self.retention() if callable(self.retention) else self.retention)

    @property
    def legal_basis_label(self) -> str:
        return str(LegalBasis(self.legal_basis).label)


_register: dict[str, PersonalData] = {}


def register(*entries: PersonalData) -> None:
    """Add entries to the register; registering the same key again replaces it."""
    for entry in entries:
        _register[entry.key] = entry


def entries() -> list[PersonalData]:
    """Every registered kind of personal data, in the order the apps registered them."""
    return list(_register.values())


def registered_models() -> set[str]:
    return {label for entry in _register.values() for label in entry.models}


def personal_fields(model: type[models.Model]) -> list[str]:
    """The fields of `model` that make it hold personal data, by the rule of this module:
    an e-mail or IP address field, a field named like `PERSONAL_FIELD_NAMES`, or any
    foreign key to the user model (a row that belongs to a person, or that records who
    wrote, uploaded, decided or recorded something)."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = []
    for field in model._meta.concrete_fields:
        if isinstance(field, models.EmailField | models.GenericIPAddressField):
            found.append(field.name)
        elif field.name in PERSONAL_FIELD_NAMES:
            found.append(field.name)
        elif field.is_relation and field.related_model is user_model:
            found.append(field.name)
    return found


def stores_personal_data(model: type[models.Model]) -> bool:
    return bool(personal_fields(model))


def unregistered_models() -> list[str]:
    """Labels of installed models that hold personal data and have no register entry."""
    known = registered_models()
    return sorted(
        model._meta.label
        for model in apps.get_models()
        if stores_personal_data(model) and model._meta.label not in known
    )


def autodiscover() -> None:
    """Import every installed app's `personal_data` module (from CoreConfig.ready)."""
    autodiscover_modules("personal_data")


# What core keeps itself: the history of changes (django-reversion, core.history), the
# admin's log and the session of a signed-in person.
register(
    PersonalData(
        key="history",
        models=("reversion.Revision", "admin.LogEntry"),
        what=_("Who changed which information and when."),
        purpose=_("Showing the history of the information and undoing mistakes."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_("While the information exists; a deleted account's name is removed."),
        recipients=_("The coordinator of the service."),
    ),
    PersonalData(
        key="sessions",
        models=("sessions.Session",),
        what=_("The session of a signed-in person."),
        purpose=_("Keeping the person signed in."),
        legal_basis=LegalBasis.CONTRACT,
        retention=_("Until the person signs out, at most two weeks."),
        recipients=_("Nobody outside the service."),
    ),
)
