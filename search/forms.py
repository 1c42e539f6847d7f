from django import forms
from django.utils.translation import gettext_lazy as _

from core.filtering import SearchQueryField

from .models import Kind


class SearchForm(forms.Form):
    q = SearchQueryField(label=_("Search"), required=False, strip=True)
    type = forms.ChoiceField(
        label=_("Show"), required=False, choices=[("", _("Everything")), *Kind.choices]
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=500)
