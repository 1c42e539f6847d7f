"""The widget's parameters: what to show, from where, how many and in which language."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from municipalities.models import Municipality
from organizations.models import Organization
from taxonomy.models import Topic

MAX_COUNT = 20


class WidgetForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Show"),
        choices=[("events", _("Upcoming events")), ("activities", _("Activities"))],
        required=False,
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=_("All municipalities"),
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
    )
    association = forms.CharField(
        label=_("Association"),
        required=False,
        help_text=_("The association's id, e.g. sample:org-0001. Empty: all associations."),
    )
    count = forms.IntegerField(
        label=_("Number of items"), min_value=1, max_value=MAX_COUNT, initial=5, required=False
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES, required=False)

    def clean_association(self):
        value = (self.cleaned_data.get("association") or "").strip()
        if not value:
            return None
        association = Organization.objects.filter(public_id=value).first()
        if association is None:
            raise forms.ValidationError(_("No association has this id."), code="unknown")
        return association

    def clean_count(self):
        return self.cleaned_data.get("count") or 5

    def clean_kind(self):
        return self.cleaned_data.get("kind") or "events"
