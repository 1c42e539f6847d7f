"""The personal data of the materials library, for the privacy notice."""

from django.utils.translation import gettext_lazy as _

from accounts.gdpr import register_exporter
from core.personal_data import LegalBasis, PersonalData, register

register(
    PersonalData(
        key="material_uploaders",
        models=("materials.DocumentVersion",),
        what=_(
            "Who uploaded each file of a document in the library. Downloads are only "
            "counted: nothing about who downloaded is kept."
        ),
        purpose=_("The coordinator can see who added or replaced a file, and undo mistakes."),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=_("While the document is in the library."),
        recipients=_("The coordinator; not public and not in the open data API."),
    ),
)


@register_exporter
def material_uploads(user) -> dict:
    """The document versions the person uploaded (the link goes with the account)."""
    from .models import DocumentVersion

    return {
        "material_uploads": list(
            DocumentVersion.objects.filter(uploaded_by=user).values(
                "document__public_id", "number", "original_name", "uploaded_at"
            )
        )
    }
