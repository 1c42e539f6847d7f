"""Pages of "My association": an editor's dashboard and the forms behind it.

Objects of organizations the user may not edit answer 404, whether or not they exist;
the rules themselves live in accounts.permissions and are checked again by the services.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import can_edit_activity, can_edit_event, can_edit_organization
from activities.models import Activity
from core.forms import adding_row, all_valid, show_service_errors, with_extra_row
from core.models import PublicationStatus
from events.models import Event
from events.views import event_schema
from events.views import series_dates as public_series_dates
from freshness.selectors import stale_organizations
from freshness.services import organization_confirm
from moderation.models import Claim
from moderation.selectors import claim_list_of_user, with_decline_reasons
from organizations.models import Contact, Organization
from organizations.views import organization_schema
from places.selectors import place_choices

from . import services
from .forms import (
    ActivityForm,
    CancelForm,
    ContactFormSet,
    CopyForm,
    EventForm,
    OrganizationForm,
    PlaceForm,
    SeriesForm,
    SocialLinkFormSet,
    WeeklySlotFormSet,
)
from .selectors import (
    own_activity_get,
    own_activity_list,
    own_event_get,
    own_event_list,
    own_organization_get,
    own_organization_list,
)


def _organization(request, public_id):
    organization = own_organization_get(request.user, public_id)
    if not can_edit_organization(request.user, organization):
        raise PermissionDenied
    return organization


def _event(request, organization, public_id):
    event = own_event_get(organization, public_id)
    if not can_edit_event(request.user, event):
        raise PermissionDenied
    return event


def _activity(request, organization, public_id):
    activity = own_activity_get(organization, public_id)
    if not can_edit_activity(request.user, activity):
        raise PermissionDenied
    return activity


@login_required
def dashboard(request):
    organizations = own_organization_list(request.user).order_by("name")[:50]
    # Requests still waiting, and declined ones with the coordinator's reason, so that
    # a newcomer sees where their request stands here and not only in an e-mail.
    claims = claim_list_of_user(request.user).exclude(status=Claim.Status.APPROVED)[:20]
    context = {"organizations": organizations, "claims": claims, "section": "selfservice"}
    return render(request, "selfservice/dashboard.html", context)


@login_required
def organization_overview(request, org):
    organization = _organization(request, org)
    events = list(own_event_list(organization))
    activities = list(own_activity_list(organization))
    places = list(organization.proposed_places.select_related("municipality").order_by("name"))
    with_decline_reasons([organization, *events, *activities, *places])
    context = {
        "organization": organization,
        "events": events,
        "past_events": own_event_list(organization, past=True).order_by("-start_time")[:10],
        "activities": [a for a in activities if a.kind != Activity.Kind.VOLUNTEERING],
        "tasks": [a for a in activities if a.kind == Activity.Kind.VOLUNTEERING],
        "counts": _publication_counts(events + activities),
        "stale": stale_organizations().filter(pk=organization.pk).exists(),
        "places": places,
        "section": "selfservice",
    }
    return render(request, "selfservice/organization.html", context)


@login_required
@require_POST
def organization_still_current(request, org):
    """The "our information is still current" button: the same check as the e-mailed link."""
    organization = _organization(request, org)
    organization_confirm(organization=organization)
    messages.success(request, _("Thank you. The information is marked as checked today."))
    return redirect("selfservice:organization", org=organization.public_id)


def _publication_counts(items) -> dict:
    counts = {status: 0 for status in PublicationStatus.values}
    for item in items:
        counts[item.publication_status] += 1
    return counts


@require_POST
@login_required
def contact_consent_withdraw(request, pk):
    """The person named as an association's contact hides their own details (from the
    account page)."""
    contact = get_object_or_404(Contact.objects.select_related("organization"), pk=pk)
    services.association_contact_consent_withdraw(user=request.user, contact=contact)
    messages.success(
        request,
        _("Your contact details are no longer shown on the page of %(association)s.")
        % {"association": contact.organization.name},
    )
    return redirect("accounts:account")


@login_required
def organization_edit(request, org):
    organization = _organization(request, org)
    contacts_initial = [
        {
            "name": c.name,
            "role_fi": c.role_fi,
            "email": c.email,
            "phone": c.phone,
            "consent": c.consent,
        }
        for c in organization.contacts.all()
    ]
    links_initial = [{"service": s.service, "url": s.url} for s in organization.social_links.all()]
    data = request.POST if request.method == "POST" else None
    adding = adding_row(request)
    if adding in ("contacts", "links"):
        data = with_extra_row(data, adding)
    form = OrganizationForm(data, request.FILES or None, instance=organization)
    contacts = ContactFormSet(data, initial=contacts_initial, prefix="contacts")
    links = SocialLinkFormSet(data, initial=links_initial, prefix="links")
    if data is not None and not adding and all_valid(form, contacts, links):
        try:
            services.organization_update(
                user=request.user,
                organization=organization,
                data=form.data_for_service(),
                relations=form.relations(),
                contacts=contacts.rows(),
                social_links=links.rows(),
                logo=form.cleaned_data.get("logo"),
                remove_logo=form.cleaned_data.get("remove_logo", False),
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _saved_message(organization))
            return redirect("selfservice:organization", org=organization.public_id)
    return render(
        request,
        "selfservice/organization_form.html",
        {
            "organization": organization,
            "form": form,
            "formsets": [contacts, links],
            "contacts": contacts,
            "links": links,
            "show_errors": data is not None and not adding,
            "section": "selfservice",
        },
    )


def _next_url(request, organization) -> str:
    """Back to the form that sent the person here (only a path on this site)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return _overview_url(organization)


@login_required
def place_create(request, org):
    """A new meeting place ("ours is not in the list"), public once approved."""
    organization = _organization(request, org)
    form = PlaceForm(request.POST or None)
    if form.is_valid():
        try:
            place = services.place_add(
                user=request.user, organization=organization, data=form.cleaned_data
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            if place.is_published:
                text = _("The place %(name)s is added. You can now choose it from the list.")
            else:
                text = _(
                    "The place %(name)s is added. You can choose it for your events and "
                    "activities now; others see it once the coordinator has approved it."
                )
            messages.success(request, text % {"name": place.name})
            return redirect(_next_url(request, organization))
    context = {
        "organization": organization,
        "form": form,
        "next": _next_url(request, organization),
        "section": "selfservice",
    }
    return render(request, "selfservice/place_form.html", context)


def _saved_message(item) -> str:
    if item.publication_status == PublicationStatus.PUBLISHED:
        return _("Saved. The changes are now public.")
    if item.publication_status == PublicationStatus.PENDING:
        return _("Saved. It will be public once the coordinator has approved it.")
    return _("Saved as a draft. It is not public.")


@login_required
@require_POST
def organization_submit(request, org):
    organization = _organization(request, org)
    try:
        services.organization_submit(user=request.user, organization=organization)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _saved_message(organization))
    return redirect("selfservice:organization", org=organization.public_id)


@login_required
def organization_preview(request, org):
    organization = _organization(request, org)
    context = {
        "organization": organization,
        "schema": organization_schema(organization, request),
        # Other associations' drafts stay hidden, here as everywhere.
        "members": organization.children.filter(
            status=Organization.Status.ACTIVE, publication_status=PublicationStatus.PUBLISHED
        ),
        "events": own_event_list(organization).prefetch_related("organizers")[:10],
        "activities": own_activity_list(organization),
        "public_template": "pages/organization_detail.html",
        "preview_of": organization,
        "back_url": _overview_url(organization),
    }
    return render(request, "selfservice/preview.html", context)


def _overview_url(organization) -> str:
    return reverse("selfservice:organization", kwargs={"org": organization.public_id})


# Events


@login_required
def event_edit(request, org, event=None):
    organization = _organization(request, org)
    instance = _event(request, organization, event) if event else None
    is_series_date = bool(instance and instance.super_event_id)
    if request.method == "POST":
        form = EventForm(request.POST, request.FILES)
        series_form = SeriesForm(request.POST)
    else:
        today = timezone.localdate()
        initial = EventForm.initial_for(instance) if instance else {"start_date": today}
        form = EventForm(initial=initial)
        series_form = SeriesForm(
            initial=SeriesForm.initial_for(instance)
            if instance
            else {"series_weekday": today.weekday()}
        )
    form.fields["location"].queryset = place_choices(
        organization, current_id=instance.location_id if instance else None
    )
    if request.method == "POST" and all_valid(form, series_form):
        rule = None if is_series_date else series_form.cleaned_data["rule"]
        try:
            saved = services.event_save(
                user=request.user,
                organization=organization,
                event=instance,
                data=form.data_for_service(),
                relations=form.relations(),
                publish=form.publish,
                series=rule,
                end_series=series_form.cleaned_data["series_repeat"] == SeriesForm.ONCE,
                image=form.cleaned_data.get("image"),
                remove_image=form.cleaned_data.get("remove_image", False),
            )
        except ValidationError as error:
            _show_event_errors(error, form, series_form)
        else:
            messages.success(request, _saved_message(saved))
            return redirect("selfservice:organization", org=organization.public_id)
    context = {
        "organization": organization,
        "event": instance,
        "form": form,
        "series_form": None if is_series_date else series_form,
        "is_series_date": is_series_date,
        "section": "selfservice",
    }
    return render(request, "selfservice/event_form.html", context)


def _show_event_errors(error: ValidationError, form, series_form) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages_ in error.message_dict.items():
        target = series_form if name.startswith("series_") else form
        show_service_errors(ValidationError({name: messages_}), target, EventForm.ERROR_FIELDS)


@login_required
def event_copy(request, org, event):
    organization = _organization(request, org)
    original = _event(request, organization, event)
    form = CopyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.event_copy(
                user=request.user, event=original, start_date=form.cleaned_data["start_date"]
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(
                request, _("Copied as a draft. Check the details and choose who can see it.")
            )
            return redirect(
                "selfservice:event_edit", org=organization.public_id, event=copy.public_id
            )
    return render(
        request,
        "selfservice/event_action.html",
        {"organization": organization, "event": original, "form": form, "action": "copy"},
    )


@login_required
def event_cancel(request, org, event):
    organization = _organization(request, org)
    target = _event(request, organization, event)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(user=request.user, event=target, note=form.cleaned_data["note"])
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _("The event is marked cancelled. It stays in the list."))
            return redirect("selfservice:organization", org=organization.public_id)
    return render(
        request,
        "selfservice/event_action.html",
        {"organization": organization, "event": target, "form": form, "action": "cancel"},
    )


@login_required
def event_preview(request, org, event):
    organization = _organization(request, org)
    target = _event(request, organization, event)
    sub_events = []
    if target.super_event_type == Event.SuperEventType.UMBRELLA:
        sub_events = (
            Event.objects.filter(super_event=target)
            .filter(Q(publication_status=PublicationStatus.PUBLISHED) | Q(organizers=organization))
            .distinct()
        )
    context = {
        "event": target,
        "schema": event_schema(target, request),
        "series_dates": public_series_dates(target),
        "sub_events": sub_events,
        "public_template": "events/event_detail.html",
        "preview_of": target,
        "back_url": _overview_url(organization),
    }
    return render(request, "selfservice/preview.html", context)


# Activities and volunteering tasks


@login_required
def activity_edit(request, org, activity=None, volunteering=False):
    organization = _organization(request, org)
    instance = _activity(request, organization, activity) if activity else None
    if instance is not None:
        volunteering = instance.kind == Activity.Kind.VOLUNTEERING
    data = request.POST if request.method == "POST" else None
    adding = adding_row(request)
    if adding == "schedule":
        data = with_extra_row(data, "schedule")
    initial = {}
    if instance is not None:
        initial["visibility"] = "draft" if instance.publication_status == "draft" else "publish"
    form = ActivityForm(
        data,
        request.FILES if data is not None else None,
        instance=instance or Activity(organizer=organization),
        initial=initial,
        volunteering=volunteering,
    )
    form.fields["location"].queryset = place_choices(
        organization, current_id=instance.location_id if instance else None
    )
    slots_initial = (
        [{"weekday": s.weekday, "start": s.start, "end": s.end} for s in instance.schedule.all()]
        if instance
        else []
    )
    schedule = WeeklySlotFormSet(data, initial=slots_initial, prefix="schedule")
    if data is not None and not adding and all_valid(form, schedule):
        try:
            saved = services.activity_save(
                user=request.user,
                organization=organization,
                activity=instance,
                data=form.data_for_service(),
                relations=form.relations(),
                schedule=schedule.rows(),
                publish=form.publish,
                image=form.cleaned_data.get("image"),
                remove_image=form.cleaned_data.get("remove_image", False),
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            messages.success(request, _saved_message(saved))
            return redirect("selfservice:organization", org=organization.public_id)
    template = "selfservice/activity_form.html"
    if request.htmx and adding:
        template = "selfservice/_schedule.html"
    context = {
        "organization": organization,
        "activity": instance,
        "form": form,
        "schedule": schedule,
        "formsets": [schedule],
        "volunteering": volunteering,
        "show_errors": data is not None and not adding,
        "section": "selfservice",
    }
    return render(request, template, context)


@login_required
def activity_preview(request, org, activity):
    organization = _organization(request, org)
    target = _activity(request, organization, activity)
    context = {
        "activity": target,
        "public_template": "activities/activity_detail.html",
        "preview_of": target,
        "back_url": _overview_url(organization),
    }
    return render(request, "selfservice/preview.html", context)
