"""The coordinator decides on offers and composes, previews, tests and sends issues."""

from csp.decorators import csp_replace
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from accounts.decorators import coordinator_only
from core.forms import show_service_errors
from core.languages import LANGUAGE_CODES

from ..forms import ContentsForm, DecisionForm, IssueForm, ScheduleForm, TestSendForm
from ..models import Issue, Offer
from ..rendering import IssueRenderer
from ..selectors import (
    delivery_counts,
    suggested_events,
    suggested_news,
    suggested_offers,
)
from ..services.issues import (
    issue_save,
    issue_schedule,
    issue_send_test,
    issue_set_contents,
    issue_unschedule,
)
from ..services.offers import offer_decide

#: The preview's own Content-Security-Policy: the e-mail's inline styles and its images,
#: framed only by the service's own issue page.
PREVIEW_POLICY = {
    "default-src": ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["'self'", "https:", "data:"],
    "script-src": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'self'"],
}


@coordinator_only
def dashboard(request):
    context = {
        "issues": Issue.objects.all()[:50],
        "offers": Offer.objects.filter(status=Offer.Status.OFFERED).select_related("organization"),
        "section": "moderation",
    }
    return render(request, "newsletter/coordinator/dashboard.html", context)


@coordinator_only
def offer_decide_view(request, pk):
    offer = get_object_or_404(Offer.objects.select_related("organization"), pk=pk)
    initial = {
        "title": offer.title,
        "text": offer.text,
        "link": offer.link,
        "issue": offer.issue or offer.wished_issue,
        "message": offer.coordinator_message,
    }
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            offer_decide(
                user=request.user,
                offer=offer,
                accept=data["decision"] == "accept",
                message=data["message"],
                issue=data["issue"],
                changes={"title": data["title"], "text": data["text"], "link": data["link"]},
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("The decision was saved; the association sees it."))
            return redirect("newsletter:coordinator")
    context = {"offer": offer, "form": form, "section": "moderation"}
    return render(request, "newsletter/coordinator/offer_decide.html", context)


@coordinator_only
def issue_edit(request, pk=None):
    issue = get_object_or_404(Issue, pk=pk) if pk else None
    form = IssueForm(request.POST or None, instance=issue)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            issue = issue_save(user=request.user, issue=issue, fields=fields)
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            return redirect("newsletter:issue", pk=issue.pk)
    context = {"form": form, "issue": issue, "section": "moderation"}
    return render(request, "newsletter/coordinator/issue_form.html", context)


@coordinator_only
def issue_detail(request, pk):
    """Compose: the period's suggestions, ticked when they are in the issue; send controls."""
    issue = get_object_or_404(Issue, pk=pk)
    # issue__in=[None, ...] never matches NULL in SQL: the offers in no issue yet need isnull.
    offers = list(suggested_offers(issue).filter(Q(issue__isnull=True) | Q(issue=issue)))
    events = list(suggested_events(issue)) if issue.status == Issue.Status.DRAFT else []
    events = list({e.pk: e for e in [*issue.events.all(), *events]}.values())
    news_choices = {n["id"]: n["title"].get("fi", "") for n in issue.news_items}
    for news in suggested_news(issue):
        news_choices.setdefault(str(news.pk), str(getattr(news, "title", news)))
    initial = {
        "offers": [str(o.pk) for o in offers if o.issue_id == issue.pk],
        "events": [str(pk) for pk in issue.events.values_list("pk", flat=True)],
        "news": [n["id"] for n in issue.news_items],
    }
    form = ContentsForm(
        request.POST or None,
        initial=initial,
        offers=offers,
        events=events,
        news=list(news_choices.items()),
    )
    if request.method == "POST" and form.is_valid():
        try:
            issue_set_contents(
                user=request.user,
                issue=issue,
                offers=[o for o in offers if str(o.pk) in form.cleaned_data["offers"]],
                events=[e for e in events if str(e.pk) in form.cleaned_data["events"]],
                news_ids=form.cleaned_data["news"],
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("The contents of the issue were saved."))
            return redirect("newsletter:issue", pk=issue.pk)
    context = {
        "issue": issue,
        "form": form,
        "counts": delivery_counts(issue),
        "schedule_form": ScheduleForm(),
        "test_form": TestSendForm(initial={"language": translation.get_language()}),
        "section": "moderation",
    }
    return render(request, "newsletter/coordinator/issue_detail.html", context)


@coordinator_only
@xframe_options_sameorigin
@csp_replace(PREVIEW_POLICY)
def issue_preview(request, pk):
    """The e-mail as a subscriber with every interest would get it, in the page's language.

    Shown in a sandboxed frame on the issue's page. The e-mail's inline styles need a
    policy of their own, which allows them and nothing else: no scripts, no forms.
    """

    issue = get_object_or_404(Issue, pk=pk)
    language = request.GET.get("language") or translation.get_language() or "fi"
    if language not in LANGUAGE_CODES:
        language = "fi"
    renderer = IssueRenderer(issue)
    _subject, text, html = renderer.render(language, renderer.chosen(language, all_=True))
    if request.GET.get("format") == "text":
        return HttpResponse(text, content_type="text/plain; charset=utf-8")
    return HttpResponse(html)


@require_POST
@coordinator_only
def issue_test(request, pk):
    issue = get_object_or_404(Issue, pk=pk)
    form = TestSendForm(request.POST)
    language = form.cleaned_data["language"] if form.is_valid() else "fi"
    issue_send_test(user=request.user, issue=issue, language=language)
    messages.success(
        request, _("A test copy was sent to %(email)s.") % {"email": request.user.email}
    )
    return redirect("newsletter:issue", pk=issue.pk)


@require_POST
@coordinator_only
def issue_schedule_view(request, pk):
    issue = get_object_or_404(Issue, pk=pk)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the sending time as a date and a time."))
        return redirect("newsletter:issue", pk=issue.pk)
    send_at = form.cleaned_data["send_at"] or timezone.now()
    try:
        issue_schedule(user=request.user, issue=issue, send_at=send_at)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The issue will be sent at the chosen time."))
    return redirect("newsletter:issue", pk=issue.pk)


@require_POST
@coordinator_only
def issue_unschedule_view(request, pk):
    issue = get_object_or_404(Issue, pk=pk)
    try:
        issue_unschedule(user=request.user, issue=issue)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("newsletter:issue", pk=issue.pk)
