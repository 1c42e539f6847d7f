"""Security keys (WebAuthn) on the account's two-step verification page: add and remove.

Signing in with a key is the verification page's (accounts.twofactor_views).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import security_keys, twofactor
from .forms import SecurityKeyForm
from .twofactor_views import security_keys_messages


@never_cache
@login_required
def security_key_add(request):
    """Name the key, touch it (static/js/security_key.js), and it is in the list."""
    user = request.user
    if not twofactor.has_second_factor(user) or not security_keys.is_available():
        return redirect("accounts:two_factor")
    if not twofactor.is_verified(user):
        return redirect(
            f"{reverse('accounts:two_factor_verify')}?{urlencode({'next': request.path})}"
        )
    form = SecurityKeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            key = security_keys.security_key_add(
                request=request,
                name=form.cleaned_data["name"],
                credential=form.cleaned_data["credential"],
            )
        except ValidationError as error:
            for field, errors in error.update_error_dict({}).items():
                form.add_error("name" if field == "name" else None, errors)
        else:
            messages.success(
                request,
                _("The security key “%(name)s” is added. Next time you can sign in with it.")
                % {"name": key.name},
            )
            return redirect("accounts:two_factor")
    context = {
        "form": form,
        "key_options": security_keys.registration_options(request),
        **security_keys_messages(),
    }
    return render(request, "accounts/security_key_add.html", context)


@login_required
@require_POST
def security_key_remove(request, pk: int):
    try:
        security_keys.security_key_remove(request=request, key_id=pk)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The security key is removed."))
    return redirect("accounts:two_factor")
