"""The forms of signing up, signing in and keeping one's own account.

Field ids, errors and help texts follow Django's pattern (`id_email_error`,
`id_email_helptext`), which the widgets name in aria-describedby; the template
accounts/_field.html renders them.
"""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from core.antibot import AntiBotMixin

from .models import User


def email_field(**kwargs) -> forms.EmailField:
    return forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
        **kwargs,
    )


class EmailFormMixin:
    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class SignInForm(auth_forms.AuthenticationForm):
    """E-mail and password. The error never tells whether the address has an account."""

    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is wrong, or the account has not been "
            "confirmed yet."
        ),
        "inactive": _(
            "The e-mail address or the password is wrong, or the account has not been "
            "confirmed yet."
        ),
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class SignUpForm(AntiBotMixin, EmailFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("Shown to the coordinator and to the other editors of your association."),
    )
    email = email_field(
        help_text=_("We send a link to this address. You choose your password after opening it.")
    )


class EmailOnlyForm(AntiBotMixin, EmailFormMixin, forms.Form):
    email = email_field()


class ChoosePasswordForm(auth_forms.SetPasswordForm):
    """The first password, chosen after the link of the sign-up e-mail was opened."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].label = _("Password")
        self.fields["new_password2"].label = _("Password again")


class PasswordResetForm(AntiBotMixin, EmailFormMixin, auth_forms.PasswordResetForm):
    email = email_field()

    def get_users(self, email):
        # Unlike Django's, also accounts without a password yet (made in the admin, or
        # used with login links only): the link lets them choose one.
        return User.objects.filter(email__iexact=email, is_active=True)


class NameForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name"]
        labels = {"name": _("Your name")}
        widgets = {"name": forms.TextInput(attrs={"autocomplete": "name"})}


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you, type the password you sign in with."),
    )


class AppCodeForm(forms.Form):
    """The six digits an authenticator app shows."""

    token = forms.CharField(
        label=_("Code from the app"),
        max_length=12,
        help_text=_("Six digits. A new code appears every 30 seconds."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": r"[0-9 ]*",
                "autocapitalize": "off",
                "spellcheck": "false",
            }
        ),
    )


class RecoveryCodeForm(forms.Form):
    """One of the recovery codes shown when two-step verification was turned on."""

    prefix = "recovery"
    token = forms.CharField(
        label=_("Recovery code"),
        max_length=40,
        help_text=_("Each recovery code works once."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class SecurityKeyForm(forms.Form):
    """A new security key: the name the person gives it and the browser's answer, which
    static/js/security_key.js puts into the hidden field."""

    prefix = "key"
    name = forms.CharField(
        label=_("Name of the key"),
        max_length=64,
        help_text=_("So that you know it in the list, e.g. “Blue USB key” or “My phone”."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    credential = forms.CharField(required=False, max_length=20_000, widget=forms.HiddenInput)


class SecurityKeySignInForm(forms.Form):
    """The browser's answer from a security key at the second step of signing in."""

    prefix = "key"
    credential = forms.CharField(max_length=20_000, widget=forms.HiddenInput)
