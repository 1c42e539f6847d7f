"""Forms of the cooperation pages: joining a body, meetings, consultations, statements,
alerts. Services validate the rules; these forms parse input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import date_input
from materials.models import Document
from municipalities.models import Municipality
from taxonomy.models import Topic

from .models import DocumentRole, Effect, Frequency

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class OrganizationChoiceForm(forms.Form):
    """A choice among the user's own associations, by public id."""

    organization = forms.ChoiceField(label=_("Association"))

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = {org.public_id: org for org in organizations}
        self.fields["organization"].choices = [(o.public_id, o.name) for o in organizations]

    def chosen_organization(self):
        return self.organizations[self.cleaned_data["organization"]]


class JoinForm(OrganizationChoiceForm):
    message = forms.CharField(
        label=_("Message to the chair"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example, why your association wants to join."),
    )


class CommentForm(OrganizationChoiceForm):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 5}))


class MeetingForm(forms.Form):
    title_fi = forms.CharField(label=_("Title"), required=False, max_length=200)
    starts_at = forms.DateTimeField(label=_("Begins"), widget=DATETIME_INPUT)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME_INPUT, required=False)
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    online_url = forms.URLField(
        label=_("Online meeting link"), assume_scheme="https", required=False
    )
    agenda_fi = forms.CharField(
        label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    agenda_url = forms.URLField(label=_("Agenda as a link"), assume_scheme="https", required=False)
    agenda_file = forms.FileField(label=_("Agenda as a file"), required=False)
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    minutes_url = forms.URLField(
        label=_("Minutes as a link"), assume_scheme="https", required=False
    )
    minutes_file = forms.FileField(label=_("Minutes as a file"), required=False)
    decisions_fi = forms.CharField(
        label=_("Decisions"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("agenda_file", "minutes_file"):
            # An empty file field keeps the file already saved.
            if not data.get(name):
                data.pop(name, None)
        return data


class MeetingDocumentUploadForm(forms.Form):
    role = forms.ChoiceField(label=_("What is it"), choices=DocumentRole.choices)
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=300,
        help_text=_("Empty: the body's name, what it is and the meeting's date."),
    )
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, Word, OpenDocument, Excel or PowerPoint.")
    )


class MeetingDocumentLinkForm(forms.Form):
    role = forms.ChoiceField(label=_("What is it"), choices=DocumentRole.choices)
    document = forms.ModelChoiceField(
        label=_("Document in the materials library"),
        queryset=Document.objects.order_by("-year", "title"),
        to_field_name="public_id",
    )


class ConsultationForm(forms.Form):
    title_fi = forms.CharField(label=_("Title"), max_length=500)
    organiser = forms.CharField(label=_("Requested by"), max_length=300, required=False)
    url = forms.URLField(label=_("Address"), assume_scheme="https", max_length=500, required=False)
    summary_fi = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    published_on = forms.DateField(label=_("Published"), required=False, widget=date_input())
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=date_input())


class ConsultationTagsForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )


class StatementOpenForm(forms.Form):
    body = forms.ChoiceField(label=_("On behalf of the body"), required=False)
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(label=_("First draft"), widget=forms.Textarea(attrs={"rows": 12}))

    def __init__(self, *args, bodies=(), allow_none=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies = {body.public_id: body for body in bodies}
        choices = [(b.public_id, b.name) for b in bodies]
        if allow_none:
            choices.insert(0, ("", _("No body: the coordinator's statement")))
        self.fields["body"].choices = choices

    def chosen_body(self):
        return self.bodies.get(self.cleaned_data.get("body") or "")


class RevisionForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}))
    note = forms.CharField(label=_("What changed"), required=False, max_length=300)


class OutcomeForm(forms.Form):
    decision = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 4}))
    url = forms.URLField(
        label=_("Link to the decision"), assume_scheme="https", required=False, max_length=500
    )
    effect = forms.ChoiceField(
        label=_("Were the associations' views taken into account?"),
        choices=Effect.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("How were they taken into account?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class FollowForm(forms.Form):
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    frequency = forms.ChoiceField(
        label=_("Digest"), choices=Frequency.choices, widget=forms.RadioSelect
    )
    reminders = forms.BooleanField(label=_("Remind me a week before each deadline"), required=False)
