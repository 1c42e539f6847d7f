"""Pages of the municipality cards: public cards, the comparison, the grant calendar, editing."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import coordinator_only
from accounts.permissions import can_edit_municipality, editable_municipalities
from core.emails import report_reminders_sent
from core.forms import adding_row, all_valid, formset_rows, show_service_errors, with_extra_row
from core.ical import calendar_response
from municipalities.models import Municipality
from municipalities.regions import region_name

from . import selectors, services
from .forms import (
    CalendarFilterForm,
    CardTextForm,
    ChecklistForm,
    ComparisonFilterForm,
    ContactFormSet,
    GrantForm,
    PeriodFormSet,
    PremisesFormSet,
    SubscriptionForm,
)
from .ical import deadline_calendar
from .models import CardContact, Grant, GrantReminderSubscription
from .pdf import PdfUnavailable, render_pdf

SECTION = "cards"


def card_list(request):
    rows = [
        {
            "municipality": municipality,
            "card": card,
            "stale": selectors.is_stale(card),
            "verified_at": card.verified_at if card else None,
        }
        for municipality, card in selectors.municipality_cards()
    ]
    can_edit = request.user.is_authenticated and editable_municipalities(request.user).exists()
    context = {"rows": rows, "can_edit": can_edit, "section": SECTION}
    return render(request, "cards/card_list.html", context)


def _card_context(card) -> dict:
    return {
        "card": card,
        "municipality": card.municipality,
        "empty": selectors.card_is_empty(card),
        "contacts": selectors.public_contacts(card),
        "checklist": selectors.card_checklist(card),
        "stale": selectors.is_stale(card if card.pk else None),
        # Where municipalities ask for editing rights; the about page when it is not set.
        "coordinator_email": getattr(settings, "SAKKE_COORDINATOR_EMAIL", ""),
    }


def card_detail(request, slug):
    municipality = get_object_or_404(Municipality, slug=slug)
    card = selectors.card_for(municipality)
    context = _card_context(card) | {
        "can_edit": can_edit_municipality(request.user, municipality),
        "section": SECTION,
    }
    return render(request, "cards/card_detail.html", context)


def _editable_municipality(request, slug) -> Municipality:
    municipality = get_object_or_404(Municipality, slug=slug)
    if not can_edit_municipality(request.user, municipality):
        raise PermissionDenied
    return municipality


@login_required
def card_edit(request, slug):
    municipality = _editable_municipality(request, slug)
    card = selectors.card_for(municipality)
    data = request.POST if request.method == "POST" else None
    adding = adding_row(request)
    if adding in ("contacts", "premises"):
        data = with_extra_row(data, adding)
    form = CardTextForm(data, instance=card)
    checklist = ChecklistForm(data, card=card)
    contacts = ContactFormSet(data, instance=card, prefix="contacts")
    premises = PremisesFormSet(data, instance=card, prefix="premises")
    if data is not None and not adding and all_valid(form, checklist, contacts, premises):
        try:
            services.card_update(
                user=request.user,
                card=card,
                texts=form.cleaned_data,
                checklist=checklist.rows(),
                contacts=formset_rows(contacts),
                premises=formset_rows(premises),
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("Saved. The card is now public."))
            return redirect("cards:edit", slug=slug)
    context = {
        "card": card,
        "municipality": municipality,
        "form": form,
        "extra_form": checklist,
        "checklist": checklist,
        "contacts": contacts,
        "premises": premises,
        "formsets": [contacts, premises],
        "grants": card.grants.all() if card.pk else [],
        "show_errors": data is not None and not adding,
        "section": SECTION,
    }
    return render(request, "cards/card_edit.html", context)


@require_POST
@login_required
def card_confirm(request, slug):
    municipality = _editable_municipality(request, slug)
    card = services.card_get_or_create(municipality=municipality)
    services.card_confirm(user=request.user, card=card)
    messages.success(request, _("Thank you. The card is marked as up to date."))
    return redirect("cards:edit", slug=slug)


@login_required
def grant_edit(request, slug, pk=None):
    municipality = _editable_municipality(request, slug)
    card = selectors.card_for(municipality)
    grant = get_object_or_404(Grant, pk=pk, card__municipality=municipality) if pk else Grant()
    data = request.POST if request.method == "POST" else None
    adding = adding_row(request)
    if adding == "periods":
        data = with_extra_row(data, adding)
    form = GrantForm(data, instance=grant)
    periods = PeriodFormSet(data, instance=grant, prefix="periods")
    if data is not None and not adding and all_valid(form, periods):
        try:
            grant = services.grant_save(
                user=request.user,
                card=card,
                grant=grant if grant.pk else None,
                data=form.cleaned_data,
                periods=formset_rows(periods),
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("Saved the grant %(name)s.") % {"name": grant.name})
            return redirect("cards:edit", slug=slug)
    context = {
        "municipality": municipality,
        "grant": grant,
        "form": form,
        "periods": periods,
        "formsets": [periods],
        "show_errors": data is not None and not adding,
        "section": SECTION,
    }
    return render(request, "cards/grant_form.html", context)


@require_POST
@login_required
def grant_delete(request, slug, pk):
    municipality = _editable_municipality(request, slug)
    grant = get_object_or_404(Grant, pk=pk, card__municipality=municipality)
    services.grant_delete(user=request.user, grant=grant)
    messages.success(request, _("Removed the grant %(name)s.") % {"name": grant.name})
    return redirect("cards:edit", slug=slug)


@require_POST
@login_required
def contact_consent_withdraw(request, pk):
    """The person named on a card hides their own contact details (from the account page)."""
    contact = get_object_or_404(CardContact, pk=pk)
    services.contact_consent_withdraw(user=request.user, contact=contact)
    messages.success(
        request,
        _("Your contact details are no longer shown on the card of %(municipality)s.")
        % {"municipality": contact.card.municipality.name},
    )
    return redirect("accounts:account")


@coordinator_only
def stale_cards(request):
    context = {
        "rows": selectors.stale_cards(),
        "stale_before": timezone.now() - selectors.STALE_AFTER,
        "section": "coordinator",
    }
    return render(request, "cards/stale_cards.html", context)


@require_POST
@coordinator_only
def remind(request, slug):
    municipality = get_object_or_404(Municipality, slug=slug)
    sent = services.send_card_reminder(municipality=municipality)
    report_reminders_sent(request, sent=sent, to_editors_of=municipality.name)
    return redirect("cards:stale")


def comparison(request):
    form = ComparisonFilterForm(request.GET or None)
    practices = municipalities = None
    if form.is_valid():
        practices = form.cleaned_data["practice"] or None
        municipalities = form.cleaned_data["municipality"] or None
    municipalities, totals = selectors.practice_comparison(
        practices=practices, municipalities=municipalities
    )
    context = {
        "form": form,
        "municipalities": municipalities,
        "totals": totals,
        "section": SECTION,
    }
    return render(request, "cards/comparison.html", context)


def _calendar_municipality(request):
    form = CalendarFilterForm(request.GET or None)
    municipality = form.cleaned_data["municipality"] if form.is_valid() else None
    return form, municipality


def grant_calendar(request):
    form, municipality = _calendar_municipality(request)
    periods = selectors.upcoming_deadlines(municipalities=[municipality] if municipality else None)
    context = {
        "form": form,
        "municipality": municipality,
        "periods": periods[:500],
        "subscribed": request.user.is_authenticated
        and GrantReminderSubscription.objects.filter(user=request.user).exists(),
        "section": SECTION,
    }
    return render(request, "cards/grant_calendar.html", context)


def grant_calendar_ics(request):
    _form, municipality = _calendar_municipality(request)
    periods = selectors.upcoming_deadlines(municipalities=[municipality] if municipality else None)
    name = _("Grant deadlines – %(site)s") % {"site": settings.SAKKE_SITE_NAME}
    if municipality:
        name = _("Grant deadlines of %(municipality)s") % {"municipality": municipality.name}
    calendar = deadline_calendar(
        periods[:1000],
        url_for=lambda period: request.build_absolute_uri(period.grant.card.get_absolute_url()),
        host=request.get_host(),
        name=name,
    )
    return calendar_response(calendar, filename="grant-deadlines.ics", attachment=False)


@login_required
def grant_reminders(request):
    subscription = GrantReminderSubscription.objects.filter(user=request.user).first()
    if request.method == "POST" and "unsubscribe" in request.POST:
        services.subscription_delete(user=request.user)
        messages.success(request, _("You will no longer get grant reminders."))
        return redirect("cards:grant_reminders")
    form = SubscriptionForm(request.POST or None, instance=subscription)
    if request.method == "POST" and form.is_valid():
        try:
            services.subscription_save(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(
                request,
                _("Saved. You will get an e-mail %(days)d days before each grant deadline.")
                % {"days": form.cleaned_data["days_before"]},
            )
            return redirect("cards:grant_reminders")
    context = {
        "form": form,
        "subscription": subscription,
        "show_errors": request.method == "POST",
        "section": SECTION,
    }
    return render(request, "cards/grant_reminders.html", context)


def _pdf_response(request, cards, filename: str) -> HttpResponse:
    context = {
        "cards": [_card_context(card) for card in cards],
        "now": timezone.now(),
        "SITE_NAME": settings.SAKKE_SITE_NAME,
        "REGION_NAME": region_name(),
    }
    try:
        pdf = render_pdf(
            "cards/print_cards.html", context, base_url=request.build_absolute_uri("/")
        )
    except PdfUnavailable:
        return HttpResponse(
            _("PDF files cannot be made on this server. Use your browser's print function."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def card_pdf(request, slug):
    municipality = get_object_or_404(Municipality, slug=slug)
    return _pdf_response(request, [selectors.card_for(municipality)], f"{slug}.pdf")


def all_cards_pdf(request):
    cards = selectors.all_cards()
    return _pdf_response(request, cards, "municipality-cards.pdf")
