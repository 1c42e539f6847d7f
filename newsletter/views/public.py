"""Subscribing, confirming, preferences and unsubscribing without an account; the archive."""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from core.forms import show_service_errors

from ..forms import InterestsForm, SubscribeForm
from ..models import Subscriber
from ..rendering import IssueRenderer
from ..selectors import archive_list
from ..services.feedback import feedback_record
from ..services.subscriptions import (
    preferences_update,
    subscription_confirm,
    subscription_request,
    unsubscribe,
)
from ..tokens import (
    ExpiredToken,
    InvalidToken,
    make_manage_token,
    read_confirm_token,
    read_manage_token,
)


def invalid_link(request, message, status=400):
    return render(request, "newsletter/invalid_link.html", {"message": message}, status=status)


def _subscriber(token: str, reader) -> Subscriber:
    pk, email = reader(token)
    subscriber = Subscriber.objects.filter(pk=pk, email=email).first()
    if subscriber is None:
        raise InvalidToken
    return subscriber


def subscribe(request):
    # Rate limits, honeypot and fill time: core.antibot, through the form.
    form = SubscribeForm(
        request.POST or None,
        initial={"language": translation.get_language() or "fi"},
        request=request,
    )
    if request.method == "POST" and form.is_valid():
        try:
            subscription_request(
                email=form.cleaned_data["email"],
                language=form.cleaned_data["language"],
                topics=form.cleaned_data["topics"],
                municipalities=form.cleaned_data["municipalities"],
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            # The same answer whether or not the address already subscribes.
            return render(request, "newsletter/check_email.html")
    return render(request, "newsletter/subscribe.html", {"form": form}, status=form.antibot_status)


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button, the POST confirms: mail scanners follow links, but do not post."""
    try:
        subscriber = _subscriber(token, read_confirm_token)
    except ExpiredToken:
        return invalid_link(
            request,
            _("This confirmation link has expired. Subscribe again to get a new link."),
        )
    except InvalidToken:
        return invalid_link(
            request,
            _("This confirmation link is not valid. Copy the whole link from the e-mail."),
        )
    if request.method == "POST":
        if subscriber.status not in (Subscriber.Status.PENDING, Subscriber.Status.ACTIVE):
            return invalid_link(
                request,
                _("This subscription cannot be confirmed any more. Subscribe again if you wish."),
            )
        subscription_confirm(subscriber=subscriber)
        # The preferences link, here too: a new reader need not wait for the first issue.
        context = {"subscriber": subscriber, "manage_token": make_manage_token(subscriber)}
        return render(request, "newsletter/confirmed.html", context)
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber})


def _manage_link_error(request):
    return invalid_link(
        request,
        _("This link is not valid. Use the link of the newest newsletter, or subscribe again."),
    )


@require_http_methods(["GET", "POST"])
def preferences(request, token):
    try:
        subscriber = _subscriber(token, read_manage_token)
    except InvalidToken:
        return _manage_link_error(request)
    initial = {
        "language": subscriber.language,
        "topics": subscriber.topics.all(),
        "municipalities": subscriber.municipalities.all(),
    }
    form = InterestsForm(request.POST or None, initial=initial)
    saved = False
    if request.method == "POST" and form.is_valid():
        preferences_update(subscriber=subscriber, **form.cleaned_data)
        saved = True
    context = {"form": form, "subscriber": subscriber, "token": token, "saved": saved}
    return render(request, "newsletter/preferences.html", context)


# RFC 8058 one-click unsubscribe: the mail client POSTs "List-Unsubscribe=One-Click" to
# the URL of the List-Unsubscribe header, without cookies, so it cannot carry a CSRF
# token. The exemption is safe here because the signed token in the URL is what
# authorises the request (it is sent only to the subscriber), the view does nothing but
# unsubscribe that one address, and unsubscribing is harmless if repeated.
# Never cached: the page shows the subscriber's address (and the shared page cache does
# not follow subscriber rows, core.page_cache).
@csrf_exempt
@require_http_methods(["GET", "POST"])
@never_cache
def unsubscribe_view(request, token):
    try:
        subscriber = _subscriber(token, read_manage_token)
    except InvalidToken:
        return _manage_link_error(request)
    if request.method == "POST":
        unsubscribe(subscriber=subscriber)
        return render(request, "newsletter/unsubscribed.html", {"subscriber": subscriber})
    return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber})


def archive(request):
    return render(
        request, "newsletter/archive.html", {"issues": archive_list(), "section": "newsletter"}
    )


def archive_detail(request, pk):
    issue = get_object_or_404(archive_list(), pk=pk)
    language = translation.get_language() or "fi"
    renderer = IssueRenderer(issue)
    items = renderer.chosen(language, all_=True)
    context = {
        "issue": issue,
        "sections": _sections(items),
        "section": "newsletter",
    }
    return render(request, "newsletter/archive_detail.html", context)


def _sections(items):
    from ..rendering import SECTIONS, section_heading

    return [
        {"key": key, "heading": section_heading(key), "items": found}
        for key in SECTIONS
        if (found := [i for i in items if i.section == key])
    ]


# A machine-to-machine endpoint of the mail provider, authenticated by a shared secret
# header rather than a session, hence no CSRF token.
@csrf_exempt
@require_POST
def feedback_webhook(request):
    secret = settings.NEWSLETTER_WEBHOOK_SECRET
    given = request.headers.get("X-Newsletter-Secret", "")
    if not secret or not constant_time_compare(secret, given):
        return HttpResponse(status=403)
    try:
        payload = json.loads(request.body)
        events = payload if isinstance(payload, list) else [payload]
        stopped = 0
        for event in events:
            kind = str(event.get("type", ""))
            if kind not in ("bounce", "complaint"):
                continue
            if kind == "bounce" and str(event.get("bounce_type", "hard")) != "hard":
                continue  # soft bounces are retried by the sender
            stopped += feedback_record(
                kind=kind,
                address=str(event.get("email", "")),
                message_id=str(event.get("message_id", "")),
                reason=str(event.get("reason", kind))[:400],
            )
    except (ValueError, AttributeError):
        return JsonResponse({"error": "invalid payload"}, status=400)
    return JsonResponse({"stopped": stopped})
