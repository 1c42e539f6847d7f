"""Forms of the cooperation pages: joining a body, meetings, consultations, statements,
alerts. Services validate the rules; these forms parse input."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import date_input
from core.languages import translated_names
from materials.models import Document
from municipalities.models import Municipality
from organizations.models import Organization
from taxonomy.models import Topic

from .models import DocumentRole, Effect, Frequency, MemberKind, SeatRole

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


def _any_name(value: str, lookup: str) -> Q:
    """The name in any language: a Swedish-speaking chair may write the Finnish name."""
    query = Q()
    for field in translated_names("name"):
        query |= Q(**{f"{field}__{lookup}": value})
    return query


class AssociationField(forms.CharField):
    """An association by its id or its name, so that a chair need not know ids: a name
    that matches several associations asks for the full name rather than guessing."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault(
            "help_text", _("The association's name or its id (e.g. sample:org-0001).")
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value).strip()
        if not value:
            return None
        found = Organization.objects.filter(public_id=value).first()
        found = found or Organization.objects.filter(_any_name(value, "iexact")).first()
        if found:
            return found
        candidates = list(Organization.objects.filter(_any_name(value, "icontains"))[:6])
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            names = ", ".join(o.name for o in candidates[:5])
            raise forms.ValidationError(
                _("Several associations match: %(names)s. Write the full name.") % {"names": names},
                code="ambiguous",
            )
        raise forms.ValidationError(_("No association has this name or id."), code="unknown")


class SeatForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=SeatRole.choices)
    person_name = forms.CharField(
        label=_("Person"),
        required=False,
        max_length=200,
        help_text=_("Empty for a vacant seat."),
    )
    organization = AssociationField(label=_("Represented association"), required=False)
    nominated_by = forms.CharField(label=_("Nominating body"), required=False, max_length=200)
    term_start = forms.DateField(label=_("Term begins"), required=False, widget=date_input())
    term_end = forms.DateField(label=_("Term ends"), required=False, widget=date_input())
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    contact_consent = forms.BooleanField(
        label=_("The person has agreed that their e-mail address and phone are public"),
        required=False,
    )
    account = forms.EmailField(
        label=_("User account (e-mail)"),
        required=False,
        help_text=_(
            "The e-mail address the person signs in with. A chair or secretary with an "
            "account can keep the body's meetings."
        ),
    )

    def clean_account(self):
        email = self.cleaned_data.get("account")
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("Nobody has signed up with this e-mail address yet."), code="unknown"
            )
        return user

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["user"] = data.pop("account")
        return data

    @staticmethod
    def initial_for(seat) -> dict:
        names = [n for n in SeatForm.base_fields if n not in ("organization", "account")]
        initial = {name: getattr(seat, name) for name in names}
        initial["organization"] = seat.organization.public_id if seat.organization else ""
        initial["account"] = seat.user.email if seat.user else ""
        return initial


class MemberForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of member"), choices=MemberKind.choices, widget=forms.RadioSelect
    )
    organization = AssociationField(label=_("Association"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="code",
        required=False,
    )
    name = forms.CharField(label=_("Name of another organisation"), required=False, max_length=200)


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
