"""The personal data of accounts and sign-ins, for the privacy notice (core.personal_data)."""

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.personal_data import LegalBasis, PersonalData, register


def _account_retention() -> str:
    return gettext(
        "Until the person deletes the account. An account whose e-mail address was never "
        "confirmed is deleted after %(days)d days."
    ) % {"days": settings.SAKKE_UNVERIFIED_ACCOUNT_DAYS}


def _audit_retention() -> str:
    return gettext("%(days)d days.") % {"days": settings.SAKKE_AUDIT_LOG_DAYS}


def _sign_in_retention() -> str:
    return gettext("%(days)d days.") % {"days": settings.SAKKE_LOGIN_ATTEMPT_DAYS}


register(
    PersonalData(
        key="accounts",
        models=("accounts.User",),
        what=_("Account: e-mail address, name, password (as a one-way hash), sign-in times."),
        purpose=_("Signing in, and keeping the information of associations and municipalities."),
        legal_basis=LegalBasis.CONTRACT,
        retention=_account_retention,
        recipients=_("The coordinator of the service."),
    ),
    PersonalData(
        key="editor_roles",
        models=("accounts.OrganizationEditor", "accounts.MunicipalityEditor"),
        what=_("Which associations and municipality cards a person may edit, and who granted it."),
        purpose=_("Deciding who may change what."),
        legal_basis=LegalBasis.CONTRACT,
        retention=_("Until the role is removed or the account is deleted."),
        recipients=_("The coordinator of the service."),
    ),
    PersonalData(
        key="sign_ins",
        models=("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"),
        what=_("Sign-ins and failed sign-in attempts: e-mail address, IP address, browser."),
        purpose=_("Protecting accounts against password guessing."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_sign_in_retention,
        recipients=_("Nobody outside the service's maintenance."),
    ),
    PersonalData(
        key="audit_log",
        models=("accounts.AuditEntry",),
        what=_(
            "The audit log: sign-ins, failed sign-ins and two-step verifications with the "
            "e-mail address, IP address and time; the coordinator's decisions."
        ),
        purpose=_("Protecting accounts and showing who did what in the service."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_audit_retention,
        recipients=_("The coordinator of the service."),
    ),
    PersonalData(
        key="second_factor",
        models=(
            "otp_totp.TOTPDevice",
            "otp_static.StaticDevice",
            "otp_static.StaticToken",
        ),
        what=_("Two-step verification: the authenticator app's secret key and recovery codes."),
        purpose=_("Signing in securely."),
        legal_basis=LegalBasis.CONTRACT,
        retention=_("Until the person turns it off or the account is deleted."),
        recipients=_("Nobody outside the service's maintenance."),
    ),
    PersonalData(
        key="security_keys",
        models=("accounts.SecurityKey",),
        what=_(
            "Security keys and passkeys of two-step verification: the name the person gave "
            "each key, its public key and identifier, when it was added and last used."
        ),
        purpose=_("Signing in securely."),
        legal_basis=LegalBasis.CONTRACT,
        retention=_("Until the person removes the key or the account is deleted."),
        recipients=_("Nobody outside the service's maintenance."),
    ),
)
