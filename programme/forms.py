"""Forms of the programme's self-service pages: adopt a measure, report, update a measure."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import date_input, translated_label
from core.languages import LANGUAGE_CODES

from .models import Measure, MeasureStatus


class CommitmentForm(forms.Form):
    organization = forms.ChoiceField(label=_("Association"))
    adopt = forms.BooleanField(
        label=_("We make this measure part of our association's work"),
    )
    description = forms.CharField(
        label=_("What will your association do?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For example: we hold two open evenings a year on this theme."),
    )

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = {org.public_id: org for org in organizations}
        self.fields["organization"].choices = [(o.public_id, o.name) for o in organizations]

    def chosen_organization(self):
        return self.organizations[self.cleaned_data["organization"]]


class ProgressReportForm(forms.Form):
    date = forms.DateField(
        label=_("Date"),
        initial=timezone.localdate,
        widget=date_input(),
    )
    text = forms.CharField(
        label=_("What has your association done?"), widget=forms.Textarea(attrs={"rows": 6})
    )

    def clean_date(self) -> dt.date:
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("A report cannot be dated in the future."))
        return date


class MeasureUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)
    text = forms.CharField(label=_("What has happened?"), widget=forms.Textarea(attrs={"rows": 6}))
    party = forms.ChoiceField(label=_("Reported by"))

    def __init__(self, *args, parties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [(p, p) for p in parties]


class MeasureForm(forms.ModelForm):
    """The coordinator's form of a measure: what, when and how it is going."""

    class Meta:
        model = Measure
        fields = [
            "identifier",
            *(f"{name}_{lang}" for name in ("name", "description") for lang in LANGUAGE_CODES),
            "schedule_unit",
            "start_year",
            "start_period",
            "end_year",
            "end_period",
            "status",
        ]
        widgets = {
            f"description_{lang}": forms.Textarea(attrs={"rows": 6}) for lang in LANGUAGE_CODES
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for lang in LANGUAGE_CODES:
            self.fields[f"name_{lang}"].label = translated_label(_("Name"), lang)
            self.fields[f"description_{lang}"].label = translated_label(_("Description"), lang)
        self.fields["name_fi"].required = True

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
