"""The personal data of the materials library, for the privacy notice."""

from django.utils.translation import gettext_lazy as _

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
