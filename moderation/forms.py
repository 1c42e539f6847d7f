from django import forms
from django.utils.translation import gettext_lazy as _

from core.antibot import AntiBotMixin
from municipalities.models import Municipality


class OrganizationSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or business id of the association"), required=False)


class ClaimExistingForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the coordinator"),
        help_text=_("Tell who you are in the association, e.g. its secretary."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )


class ClaimNewForm(AntiBotMixin, forms.Form):
    """A new association for the coordinator to approve; a signed-in account sends it,
    but the account is new and cheap, so the public forms' defences apply too."""

    antibot_ip_rate = "20/h"
    antibot_address_field = "business_id"

    name = forms.CharField(label=_("Name of the association"), max_length=250)
    municipality = forms.ModelChoiceField(
        label=_("Home municipality"), queryset=Municipality.objects.all()
    )
    business_id = forms.CharField(
        label=_("Business id (Y-tunnus)"),
        help_text=_("In the form 1234567-8. Leave empty if the group is not registered."),
        max_length=9,
        required=False,
    )
    description = forms.CharField(
        label=_("Short description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )
    email = forms.EmailField(label=_("Public e-mail address"), required=False)
    phone = forms.CharField(label=_("Public phone number"), max_length=40, required=False)
    message = ClaimExistingForm.base_fields["message"]


class DecisionForm(forms.Form):
    """The coordinator's decision on a request or a listing, with a message."""

    action = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("decline", _("Decline")), ("review", _("Reviewed"))],
    )
    message = forms.CharField(
        label=_("Message"),
        help_text=_("Required when declining; the person sees it."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to invite"))
