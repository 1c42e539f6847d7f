"""Forms of the library's upload, edit and replace pages."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.forms import translated_label
from core.languages import LANGUAGE_CODES

from .models import Document

ACCEPT = ".pdf,.docx,.odt,.xlsx,.pptx,.png,.jpg,.jpeg"
COORDINATOR = "coordinator"


def file_field(label) -> forms.FileField:
    size = settings.SAKKE_MATERIALS_MAX_BYTES // (1024 * 1024)
    return forms.FileField(
        label=label,
        help_text=_(
            "PDF, Word, OpenDocument, Excel or PowerPoint file, or a PNG or JPEG picture; at "
            "most %(size)s MB. A tagged PDF is the most accessible choice."
        )
        % {"size": size},
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class DocumentForm(forms.ModelForm):
    """What a document is about and who publishes it; `file` only when adding."""

    publisher = forms.ChoiceField(label=_("Publisher"))

    class Meta:
        model = Document
        fields = [
            *(f"{name}_{lang}" for name in ("title", "description") for lang in LANGUAGE_CODES),
            "kind",
            "year",
            "language",
            "municipalities",
            "topics",
            "licence",
        ]
        widgets = {
            **{f"description_{lang}": forms.Textarea(attrs={"rows": 4}) for lang in LANGUAGE_CODES},
            "municipalities": forms.CheckboxSelectMultiple,
            "topics": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, publishers=(), with_file=False, **kwargs):
        super().__init__(*args, **kwargs)
        for lang in LANGUAGE_CODES:
            self.fields[f"title_{lang}"].label = translated_label(_("Title"), lang)
            self.fields[f"description_{lang}"].label = translated_label(_("Description"), lang)
        self.fields["title_fi"].required = True
        self.fields["year"].widget.attrs.update({"inputmode": "numeric", "min": 1900})
        self.publishers = dict(publishers)
        self.fields["publisher"].choices = [(key, label) for key, (label, _o) in publishers]
        if with_file:
            self.fields["file"] = file_field(_("File"))

    def data_for_service(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        _label, (organization, municipality) = self.publishers[self.cleaned_data["publisher"]]
        data["publisher_organization"] = organization
        data["publisher_municipality"] = municipality
        return data


class ReplaceForm(forms.Form):
    file = file_field(_("New file"))


def publisher_key(document: Document) -> str:
    if document.publisher_organization_id:
        return f"org:{document.publisher_organization.public_id}"
    if document.publisher_municipality_id:
        return f"municipality:{document.publisher_municipality.code}"
    return COORDINATOR
