"""Leaving the newsletter from the signed-in person's account page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..services.subscriptions import subscription_erase, subscription_of, unsubscribe


def _own_subscription(request):
    subscriber = subscription_of(request.user)
    if subscriber is None:
        raise Http404
    return subscriber


@require_POST
@login_required
def account_unsubscribe(request):
    unsubscribe(subscriber=_own_subscription(request))
    messages.success(request, _("You no longer receive the newsletter."))
    return redirect("accounts:account")


@require_POST
@login_required
def account_erase(request):
    subscription_erase(subscriber=_own_subscription(request))
    messages.success(request, _("Your newsletter subscription and its address are deleted."))
    return redirect("accounts:account")
