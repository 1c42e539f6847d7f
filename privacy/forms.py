from django import forms
from django.utils.translation import gettext_lazy as _

from core.antibot import AntiBotMixin


class StatementCheckForm(forms.Form):
    """The coordinator's record of a check of the accessibility statement."""

    checked_on = forms.DateField(
        label=_("Checked on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class AccessibilityFeedbackForm(AntiBotMixin, forms.Form):
    """Feedback on accessibility; the reply address is optional (anonymous feedback is fine)."""

    # Enough for a person, too few to flood the coordinator's inbox.
    antibot_ip_rate = "10/h"

    message = forms.CharField(
        label=_("What did not work, and on which page?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    email = forms.EmailField(
        label=_("Your e-mail address, if you want an answer"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
