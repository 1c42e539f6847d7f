"""Sends a person who must use a second factor, and has not yet, to give it first."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect

from .twofactor import has_second_factor, is_verified, needs_second_factor

# The pages such a person may still open: the second factor's own pages and signing out,
# and the few pages outside the languages' URLs that no one needs to be signed in for.
ALLOWED = {
    "accounts:two_factor_setup",
    "accounts:two_factor_verify",
    "accounts:logout",
    "set_language",
    "health",
    "robots_txt",
    "favicon",
}


class SecondFactorMiddleware:
    """After django-otp's OTPMiddleware. Every other page, /admin/ and the coordinator's
    included, answers with a redirect to verification (or to enrolment when the person has
    no app yet) until the session has passed the second factor; the page asked for is
    kept in `next`. A login link or a password alone therefore never reaches them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.view_name in ALLOWED:
            return None
        if not needs_second_factor(request) or is_verified(request.user):
            return None
        name = "accounts:two_factor_verify"
        if not has_second_factor(request.user):
            name = "accounts:two_factor_setup"
        target = f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(target)
        return redirect(target)
