"""Forms of the coordinator's pages: programmes, goals, parties, tasks, indicators, files."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import date_input, translated_label
from core.languages import LANGUAGE_CODES
from municipalities.models import Municipality
from organizations.models import Organization

from .indicators import indicator_sources
from .models import Goal, Indicator, PartyKind, PartyRole, Programme, Theme


def _translated(names) -> list[str]:
    return [f"{name}_{lang}" for name in names for lang in LANGUAGE_CODES]


class _TranslatedModelForm(forms.ModelForm):
    """Labels a field's languages in words, the Finnish one required."""

    translated: tuple[str, ...] = ()
    labels_by_name: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.translated:
            for lang in LANGUAGE_CODES:
                field = self.fields[f"{name}_{lang}"]
                field.label = translated_label(self.labels_by_name[name], lang)
            self.fields[f"{name}_fi"].required = True

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ProgrammeForm(_TranslatedModelForm):
    translated = ("name",)
    labels_by_name = {"name": _("Name")}

    class Meta:
        model = Programme
        fields = [
            *_translated(["name", "vision", "future_outlook"]),
            "slug",
            "start_year",
            "end_year",
            "successor",
        ]
        widgets = {
            f"{name}_{lang}": forms.Textarea(attrs={"rows": 5})
            for name in ("vision", "future_outlook")
            for lang in LANGUAGE_CODES
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for lang in LANGUAGE_CODES:
            self.fields[f"vision_{lang}"].label = translated_label(_("Vision"), lang)
            self.fields[f"future_outlook_{lang}"].label = translated_label(
                _("Future outlook"), lang
            )


class GoalForm(_TranslatedModelForm):
    translated = ("name",)
    labels_by_name = {"name": _("Name")}

    class Meta:
        model = Goal
        fields = ["theme", "identifier", *_translated(["name", "description"]), "order"]
        widgets = {
            f"description_{lang}": forms.Textarea(attrs={"rows": 4}) for lang in LANGUAGE_CODES
        }

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(programme=programme)
        for lang in LANGUAGE_CODES:
            self.fields[f"description_{lang}"].label = translated_label(_("Description"), lang)


class PartyForm(forms.Form):
    """One responsible party of a measure. Name the association by its public id or pick the
    municipality; the coordinator's organisation and a network go by name."""

    # Initial values the browser sends back for an untouched extra row, so it counts as empty.
    role = forms.ChoiceField(label=_("Role"), choices=PartyRole.choices, initial=PartyRole.PRIMARY)
    kind = forms.ChoiceField(
        label=_("Kind of party"), choices=PartyKind.choices, initial=PartyKind.ASSOCIATION
    )
    # A text field, not a list of every association of the region: the id is on the
    # association's page and in the admin.
    organization = forms.CharField(
        label=_("Association's id"),
        required=False,
        help_text=_("For an association: its id, for example sakke:123."),
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name"), required=False
    )
    name = forms.CharField(label=_("Name"), required=False, max_length=200)

    def clean_organization(self):
        public_id = self.cleaned_data["organization"].strip()
        if not public_id:
            return None
        organization = Organization.objects.filter(public_id=public_id).first()
        if organization is None:
            raise forms.ValidationError(_("No association has this id."))
        return organization

    def party(self) -> dict:
        data = self.cleaned_data
        party = {"role": data["role"], "kind": data["kind"]}
        if data["kind"] == PartyKind.ASSOCIATION:
            party["organization"] = data["organization"]
        elif data["kind"] == PartyKind.MUNICIPALITY:
            party["municipality"] = data["municipality"]
        else:
            party["name"] = data["name"]
        return party


PartyFormSet = forms.formset_factory(PartyForm, extra=1, can_delete=True)


class TaskForm(forms.Form):
    name = forms.CharField(label=_("Task"), max_length=300)
    due_date = forms.DateField(label=_("Due date"), widget=date_input())


class IndicatorForm(_TranslatedModelForm):
    translated = ("name",)
    labels_by_name = {"name": _("Name")}
    source_key = forms.ChoiceField(label=_("Computed from"), required=False)

    class Meta:
        model = Indicator
        fields = [
            *_translated(["name", "description"]),
            "unit",
            "kind",
            "source_key",
            "goal",
            "baseline",
            "baseline_year",
            "target",
            "target_year",
            "order",
        ]
        widgets = {
            f"description_{lang}": forms.Textarea(attrs={"rows": 3}) for lang in LANGUAGE_CODES
        }

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(theme__programme=programme)
        self.fields["source_key"].choices = [("", "—")] + [
            (source.key, source.label) for source in indicator_sources()
        ]
        for lang in LANGUAGE_CODES:
            self.fields[f"description_{lang}"].label = translated_label(_("Description"), lang)


class IndicatorValueForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100)
    value = forms.DecimalField(label=_("Value"), max_digits=14, decimal_places=2)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        empty_label=_("The whole region"),
    )
    source = forms.CharField(label=_("Source"), required=False, max_length=300)


class MeasureFileForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV)"),
        help_text=_("The same columns as the export. Nothing is saved if a row has an error."),
    )
