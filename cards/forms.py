"""Forms of the card's edit pages, the comparison's filters and grant reminders."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import date_input
from municipalities.models import Municipality

from .models import (
    CardContact,
    Grant,
    GrantPeriod,
    GrantReminderSubscription,
    MunicipalityCard,
    Practice,
    PracticeAnswer,
    Premises,
)

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
TEXT = forms.Textarea(attrs={"rows": 3})
TEXT_HELP = _("Plain text: an empty line starts a new paragraph.")


class CardTextForm(forms.ModelForm):
    class Meta:
        model = MunicipalityCard
        fields = [
            "steps_taken_fi",
            "steps_planned_fi",
            "steps_taken_sv",
            "steps_planned_sv",
            "steps_taken_en",
            "steps_planned_en",
        ]
        labels = {
            "steps_taken_fi": _("Steps taken"),
            "steps_planned_fi": _("Steps planned"),
            "steps_taken_sv": _("Steps taken, in Swedish"),
            "steps_planned_sv": _("Steps planned, in Swedish"),
            "steps_taken_en": _("Steps taken, in English"),
            "steps_planned_en": _("Steps planned, in English"),
        }
        help_texts = {name: TEXT_HELP for name in fields}
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}


class ChecklistForm(forms.Form):
    """One yes / in progress / no question, with a note, per practice of the checklist."""

    def __init__(self, *args, card: MunicipalityCard, **kwargs):
        super().__init__(*args, **kwargs)
        answers = {a.practice_id: a for a in card.answers.all()} if card.pk else {}
        self.practices = list(Practice.objects.all())
        choices = [("", _("Not answered")), *PracticeAnswer.Status.choices]
        for practice in self.practices:
            answer = answers.get(practice.pk)
            self.fields[f"practice_{practice.pk}"] = forms.ChoiceField(
                label=practice.name,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                initial=answer.status if answer else "",
                help_text=practice.description,
            )
            self.fields[f"practice_{practice.pk}_note"] = forms.CharField(
                label=_("Note on “%(practice)s” (optional)") % {"practice": practice.name},
                max_length=300,
                required=False,
                initial=answer.note if answer else "",
            )

    def rows(self):
        """[(practice, status, note)] of every practice, status "" where unanswered."""
        return [
            (
                practice,
                self.cleaned_data.get(f"practice_{practice.pk}", ""),
                self.cleaned_data.get(f"practice_{practice.pk}_note", ""),
            )
            for practice in self.practices
        ]

    def pairs(self):
        """(answer field, note field) per practice, for the template."""
        return [(self[f"practice_{p.pk}"], self[f"practice_{p.pk}_note"]) for p in self.practices]


class ContactForm(forms.ModelForm):
    class Meta:
        model = CardContact
        fields = ["name", "title_fi", "email", "phone", "consent", "consent_date"]
        labels = {"title_fi": _("Title")}
        help_texts = {"consent_date": _("When the person agreed; today if left empty.")}
        widgets = {"phone": forms.TextInput(attrs={"type": "tel"}), "consent_date": date_input()}

    def clean(self):
        data = super().clean()
        if data.get("consent") and not data.get("consent_date"):
            data["consent_date"] = timezone.localdate()
            self.instance.consent_date = data["consent_date"]
        return data


class PremisesForm(forms.ModelForm):
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    class Meta:
        model = Premises
        fields = [
            "name_fi",
            "address",
            "capacity",
            "accessibility_notes_fi",
            "price",
            "booking_fi",
            "url",
        ]
        labels = {
            "name_fi": _("Name"),
            "accessibility_notes_fi": _("Accessibility"),
            "booking_fi": _("How to book"),
        }
        widgets = {"accessibility_notes_fi": TEXT, "booking_fi": TEXT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_fi"].required = True


class GrantForm(forms.ModelForm):
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    class Meta:
        model = Grant
        fields = [
            "name_fi",
            "purpose_fi",
            "eligibility_fi",
            "amounts_fi",
            "decision_timing_fi",
            "url",
        ]
        labels = {
            "name_fi": _("Name"),
            "purpose_fi": _("Purpose"),
            "eligibility_fi": _("Who may apply"),
            "amounts_fi": _("Budget or amounts"),
            "decision_timing_fi": _("When decisions are made"),
        }
        widgets = {"purpose_fi": TEXT, "eligibility_fi": TEXT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_fi"].required = True


class PeriodForm(forms.ModelForm):
    class Meta:
        model = GrantPeriod
        fields = ["opens_on", "deadline", "deadline_time"]
        widgets = {"opens_on": date_input(), "deadline": date_input(), "deadline_time": TIME}

    def clean(self):
        data = super().clean()
        opens, deadline = data.get("opens_on"), data.get("deadline")
        if opens and deadline and opens > deadline:
            self.add_error("opens_on", _("The period must open before its deadline."))
        return data


ContactFormSet = forms.inlineformset_factory(
    MunicipalityCard, CardContact, form=ContactForm, extra=1, can_delete=True
)
PremisesFormSet = forms.inlineformset_factory(
    MunicipalityCard, Premises, form=PremisesForm, extra=1, can_delete=True
)
PeriodFormSet = forms.inlineformset_factory(
    Grant, GrantPeriod, form=PeriodForm, extra=1, can_delete=True
)


class MunicipalityChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ComparisonFilterForm(forms.Form):
    practice = forms.ModelMultipleChoiceField(
        label=_("Practices"),
        queryset=Practice.objects.all(),
        to_field_name="key",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipality = MunicipalityChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="code",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class CalendarFilterForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=_("All municipalities"),
    )


class SubscriptionForm(forms.ModelForm):
    class Meta:
        model = GrantReminderSubscription
        fields = ["days_before", "municipalities"]
        help_texts = {
            "days_before": _("How many days before each deadline the e-mail is sent (1–90)."),
        }
        widgets = {"municipalities": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["municipalities"]
        field.queryset = Municipality.objects.order_by("name")
        field.label_from_instance = lambda obj: obj.name

    def clean_days_before(self):
        days = self.cleaned_data["days_before"]
        if not 1 <= days <= 90:
            raise ValidationError(_("Choose a number of days between 1 and 90."))
        return days
