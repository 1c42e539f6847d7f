"""The form an association's editor or the coordinator writes a news post with."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import VisibilityMixin, translated_label
from core.images import prepare_logo
from core.languages import LANGUAGE_CODES
from municipalities.models import Municipality
from taxonomy.models import Topic

from .models import NewsPost

OFFICE = "office"


class NewsPostForm(VisibilityMixin, forms.ModelForm):
    author = forms.ChoiceField(
        label=_("Published by"),
        help_text=_("The association the post is from."),
    )
    image = forms.FileField(
        label=_("Picture"),
        required=False,
        help_text=_("A JPEG, PNG or WebP picture of at most 5 MB. We make it smaller for you."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_image = forms.BooleanField(label=_("Remove the current picture"), required=False)

    class Meta:
        model = NewsPost
        fields = [
            *(f"{name}_{lang}" for lang in LANGUAGE_CODES for name in ("title", "lead", "body")),
            *(f"image_alt_{lang}" for lang in LANGUAGE_CODES),
            "topics",
            "municipalities",
        ]
        widgets = {
            **{f"lead_{lang}": forms.Textarea(attrs={"rows": 3}) for lang in LANGUAGE_CODES},
            **{f"body_{lang}": forms.Textarea(attrs={"rows": 12}) for lang in LANGUAGE_CODES},
            "topics": forms.CheckboxSelectMultiple,
            "municipalities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, authors=(), office: bool = False, **kwargs):
        """`authors`: the organizations to choose from; `office`: the coordinator's office too."""
        super().__init__(*args, **kwargs)
        labels = {
            "title": _("Title"),
            "lead": _("Lead"),
            "body": _("Text"),
            "image_alt": _("Description of the picture"),
        }
        for lang in LANGUAGE_CODES:
            for name, label in labels.items():
                self.fields[f"{name}_{lang}"].label = translated_label(label, lang)
        self.fields["title_fi"].required = True
        self.fields["lead_fi"].help_text = _("One or two sentences for the news list.")
        self.fields["body_fi"].help_text = _(
            "An empty line starts a new paragraph. Links are kept, other formatting is not."
        )
        self.fields["image_alt_fi"].help_text = _(
            "Needed with a picture: what it shows, for those who cannot see it."
        )
        self.fields["topics"].queryset = Topic.objects.all()
        self.fields["topics"].help_text = _("Readers can follow the topics they care about.")
        self.fields["municipalities"].queryset = Municipality.objects.all()
        self.fields["municipalities"].help_text = _(
            "Where the news matters. Leave empty if it concerns the whole region."
        )
        choices = [(OFFICE, _("The coordinator's office"))] if office else []
        choices += [(org.public_id, org.name) for org in authors]
        if self.instance.pk:
            del self.fields["author"]  # the author of a post stays
        else:
            self.fields["author"].choices = choices
            if len(choices) == 1:
                self.fields["author"].widget = forms.HiddenInput()
                self.fields["author"].initial = choices[0][0]
        self.authors = {org.public_id: org for org in authors}

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        return prepare_logo(upload) if upload else None

    def organization(self):
        """The chosen author: an organization, or None for the coordinator's office."""
        return self.authors.get(self.cleaned_data.get("author"))

    def data_for_service(self) -> dict:
        skip = {"topics", "municipalities"}
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name not in skip}

    def relations(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("topics", "municipalities")}
