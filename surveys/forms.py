"""The answer form (one section a page) and the coordinator's questionnaire forms."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.antibot import AntiBotForm
from core.forms import date_input
from municipalities.models import Municipality
from taxonomy.models import Topic

from .models import QuestionKind, Survey

SCALE_CHOICES = [
    ("1", gettext_lazy("1 – not at all")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", gettext_lazy("5 – very much")),
]


def field_name(question) -> str:
    return f"q_{question.key}"


def _field(question, version, municipalities):
    common = {"label": version.text, "help_text": version.help_text, "required": False}
    if question.kind == QuestionKind.SINGLE:
        choices = [(str(c.pk), c.label) for c in question.choices.all()]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.MULTIPLE:
        choices = [(str(c.pk), c.label) for c in question.choices.all()]
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.kind == QuestionKind.SCALE:
        return forms.ChoiceField(choices=SCALE_CHOICES, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.NUMBER:
        return forms.DecimalField(
            min_value=0,
            max_digits=12,
            decimal_places=2,
            widget=forms.NumberInput(attrs={"inputmode": "decimal"}),
            **common,
        )
    if question.kind == QuestionKind.MUNICIPALITY:
        choices = [("", _("Choose a municipality"))]
        choices += [(str(m.pk), m.name) for m in municipalities]
        return forms.ChoiceField(choices=choices, **common)
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, **common)


class SectionForm(forms.Form):
    """The questions of one section. Nothing is required while saving a draft; sending
    checks the required questions (`check_required`)."""

    def __init__(self, *args, items, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items  # [(question, version, condition label or "")]
        for question, version, condition in items:
            field = _field(question, version, municipalities)
            if condition:
                extra = _("Answer this if you chose “%(choice)s” above.") % {"choice": condition}
                field.help_text = f"{extra} {field.help_text}".strip()
            if question.required:
                field.label_suffix = ""
            self.fields[field_name(question)] = field
            field.question = question

    def values(self) -> dict:
        """The cleaned answers by question id, in the shape services.response_save takes."""
        values = {}
        for question, _version, _condition in self.items:
            value = self.cleaned_data.get(field_name(question))
            values[question.pk] = value if value not in (None, "", []) else None
        return values

    def check_required(self) -> bool:
        ok = True
        for question, _version, _condition in self.items:
            name = field_name(question)
            if question.required and self.cleaned_data.get(name) in (None, "", []):
                self.add_error(name, _("Answer this question before sending."))
                ok = False
        return ok


class OpenLinkAntiBotForm(AntiBotForm):
    """The defences of a round's public open link; every save and page turn is one post."""

    antibot_ip_rate = "120/h"


class ConsentForm(forms.Form):
    consent_to_be_named = forms.BooleanField(
        label=gettext_lazy("Our association may be named in the raw answers the coordinator sees"),
        help_text=gettext_lazy(
            "Without this the coordinator sees a pseudonym. Published results never name "
            "an association."
        ),
        required=False,
    )


class SurveyForm(forms.Form):
    slug = forms.SlugField(label=gettext_lazy("Short name in addresses"), max_length=50)
    name_fi = forms.CharField(label=gettext_lazy("Name in Finnish"), max_length=200)
    name_sv = forms.CharField(label=gettext_lazy("Name in Swedish"), max_length=200, required=False)
    name_en = forms.CharField(label=gettext_lazy("Name in English"), max_length=200, required=False)


class SectionAddForm(forms.Form):
    title_fi = forms.CharField(label=gettext_lazy("Section title in Finnish"), max_length=200)
    title_sv = forms.CharField(
        label=gettext_lazy("Section title in Swedish"), max_length=200, required=False
    )
    title_en = forms.CharField(
        label=gettext_lazy("Section title in English"), max_length=200, required=False
    )


class QuestionAddForm(forms.Form):
    section = forms.ChoiceField(label=gettext_lazy("Section"))
    key = forms.SlugField(
        label=gettext_lazy("Key"),
        max_length=50,
        help_text=gettext_lazy("Stays the same in every round, e.g. volunteers-count."),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Type"), choices=QuestionKind.choices)
    text_fi = forms.CharField(label=gettext_lazy("Question in Finnish"), max_length=500)
    text_sv = forms.CharField(
        label=gettext_lazy("Question in Swedish"), max_length=500, required=False
    )
    text_en = forms.CharField(
        label=gettext_lazy("Question in English"), max_length=500, required=False
    )
    choices = forms.CharField(
        label=gettext_lazy("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "For choice questions: one a line, value | Finnish | Swedish | English, "
            "e.g. yes | Kyllä | Ja | Yes."
        ),
    )
    required = forms.BooleanField(label=gettext_lazy("Required"), required=False)

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(str(s.pk), s.title) for s in survey.sections.all()]

    def clean_choices(self) -> list[dict]:
        rows = []
        for number, line in enumerate(self.cleaned_data["choices"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) < 2 or not parts[0] or not parts[1]:
                raise forms.ValidationError(
                    _("Line %(number)d: write a value and a Finnish label.") % {"number": number}
                )
            parts += [""] * (4 - len(parts))
            rows.append({"value": parts[0], "fi": parts[1], "sv": parts[2], "en": parts[3]})
        return rows


class RoundOpenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"), max_length=100, help_text=gettext_lazy("E.g. the year.")
    )
    closes_on = forms.DateField(label=gettext_lazy("Closes on"), widget=date_input())
    municipalities = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Invite only associations of these municipalities"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    topics = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Invite only associations of these topics"),
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    open_link = forms.BooleanField(
        label=gettext_lazy("Also an open link for individuals, answered anonymously"),
        required=False,
    )


class QuestionRewordForm(forms.Form):
    """A new wording of a question; the coordinator must say whether it stays comparable."""

    text_fi = forms.CharField(label=gettext_lazy("Question in Finnish"), max_length=500)
    text_sv = forms.CharField(
        label=gettext_lazy("Question in Swedish"), max_length=500, required=False
    )
    text_en = forms.CharField(
        label=gettext_lazy("Question in English"), max_length=500, required=False
    )
    comparable = forms.ChoiceField(
        label=gettext_lazy("Can the answers to the new wording be compared with earlier rounds?"),
        choices=[
            ("yes", gettext_lazy("Yes: the meaning stays the same")),
            ("no", gettext_lazy("No: the comparison starts again from this wording")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Say whether the answers can be compared.")},
    )


def _question_label(question) -> str:
    version = question.current_version()
    return version.text if version else question.key


class QuestionConditionForm(forms.Form):
    show_if_choice = forms.ChoiceField(
        label=gettext_lazy("Show the question only if an earlier answer was"),
        required=False,
    )

    def __init__(self, *args, question, earlier, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Always show the question"))]
        for other in earlier:
            label = _question_label(other)
            choices += [(str(c.pk), f"{label}: {c.label}") for c in other.choices.all()]
        self.fields["show_if_choice"].choices = choices
        self.fields["show_if_choice"].initial = question.show_if_choice_id or ""


class QuestionIndicatorForm(forms.Form):
    indicator = forms.ChoiceField(
        label=gettext_lazy("Indicator of the association programme"),
        help_text=gettext_lazy(
            "An indicator the coordinator enters: the survey writes its value when a round closes."
        ),
    )
    choice = forms.ChoiceField(label=gettext_lazy("The share of answers with"), required=False)

    def __init__(self, *args, question, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", "—")] + [
            (str(i.pk), f"{i.programme.name}: {i.name}") for i in indicators
        ]
        if question.has_choices:
            self.fields["choice"].required = True
            self.fields["choice"].choices = [("", "—")] + [
                (str(c.pk), c.label) for c in question.choices.all()
            ]
        else:
            del self.fields["choice"]
