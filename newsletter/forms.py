from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.permissions import editable_organizations
from core.antibot import AntiBotMixin
from core.forms import date_input
from municipalities.models import Municipality
from taxonomy.models import Topic

from .models import LANGUAGE_CHOICES, Issue, Offer


class InterestsForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the newsletter"), choices=LANGUAGE_CHOICES, initial="fi"
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to get items of every topic."),
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"),
        queryset=Municipality.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to get items of every municipality."),
    )


class SubscribeForm(AntiBotMixin, InterestsForm):
    field_order = ["email", "language", "topics", "municipalities", "consent"]
    email = forms.EmailField(
        label=_("E-mail address"),
        error_messages={"invalid": _("Enter a valid e-mail address.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I want the newsletter to this address. My address and interests are kept only "
            "for sending it, and I can unsubscribe from any issue with one click."
        ),
        error_messages={"required": _("Tick the box to agree to receiving the newsletter.")},
    )


class OfferForm(forms.ModelForm):
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    class Meta:
        model = Offer
        fields = [
            "organization",
            "title",
            "text",
            "link",
            "image",
            "image_alt",
            "wished_issue",
            "wished_date",
            "topics",
            "municipalities",
        ]
        widgets = {
            "wished_date": date_input(),
            "topics": forms.CheckboxSelectMultiple,
            "municipalities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = editable_organizations(user)
        self.fields["wished_issue"].queryset = Issue.objects.filter(
            status__in=[Issue.Status.DRAFT, Issue.Status.SCHEDULED]
        )
        self.fields["wished_issue"].required = False
        self.fields["topics"].help_text = _("Subscribers interested in these get the item.")
        self.fields["municipalities"].help_text = _(
            "Leave empty if the item concerns the whole region."
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    issue = forms.ModelChoiceField(
        label=_("Issue"),
        queryset=Issue.objects.filter(status__in=[Issue.Status.DRAFT, Issue.Status.SCHEDULED]),
        required=False,
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea)
    link = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    message = forms.CharField(
        label=_("Message to the association"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when you decline."),
    )


class IssueForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = [
            "title_fi",
            "title_sv",
            "title_en",
            "intro_fi",
            "intro_sv",
            "intro_en",
            "period_start",
            "period_end",
        ]
        widgets = {
            "period_start": date_input(),
            "period_end": date_input(),
        }
        labels = {
            "title_fi": _("Title in Finnish"),
            "title_sv": _("Title in Swedish"),
            "title_en": _("Title in English"),
            "intro_fi": _("Introduction in Finnish"),
            "intro_sv": _("Introduction in Swedish"),
            "intro_en": _("Introduction in English"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_fi"].required = True


class ContentsForm(forms.Form):
    offers = forms.MultipleChoiceField(
        label=_("Offered items"), required=False, widget=forms.CheckboxSelectMultiple
    )
    events = forms.MultipleChoiceField(
        label=_("Events of the period"), required=False, widget=forms.CheckboxSelectMultiple
    )
    news = forms.MultipleChoiceField(
        label=_("News of the period"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, offers, events, news, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offers"].choices = [
            (str(o.pk), f"{o.title} ({o.organization})") for o in offers
        ]
        self.fields["events"].choices = [
            (str(e.pk), f"{e.start_time:%d.%m.%Y} {e.name}") for e in events
        ]
        self.fields["news"].choices = news


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        label=_("Send at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_("Leave empty to send now."),
    )


class TestSendForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
