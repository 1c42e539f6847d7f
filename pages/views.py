"""The pages that show several apps at once: the home page, the municipality pages and an
association's page. Each app's own lists and detail pages stay in its views.py."""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from activities.selectors import activity_list
from core.counting import count_rows
from core.filtering import stale_before
from core.share import share_card_response
from events.selectors import upcoming_event_list
from materials.selectors import documents_of_municipality
from municipalities.models import Municipality
from organizations.models import Organization
from organizations.selectors import organization_cards, organization_get, organization_list
from organizations.views import organization_schema
from programme.selectors import organization_commitments
from taxonomy.models import Topic

SHOWN_PER_SECTION = 20


def home(request):
    context = {
        "events": upcoming_event_list()[:6],
        "municipalities": Municipality.objects.all(),
        "topics": Topic.objects.all(),
        # Counted like the lists' default results: published, and stale listings left out.
        "organization_count": count_rows(
            organization_list().filter(
                status=Organization.Status.ACTIVE, confirmed_at__gte=stale_before()
            )
        ),
        "event_count": count_rows(upcoming_event_list()),
        "activity_count": count_rows(activity_list().filter(confirmed_at__gte=stale_before())),
    }
    return render(request, "pages/home.html", context)


def municipality_list(request):
    municipalities = Municipality.objects.annotate(
        organization_count=Count(
            "organizations",
            filter=Q(
                organizations__status=Organization.Status.ACTIVE,
                organizations__confirmed_at__gte=stale_before(),
            ),
            distinct=True,
        )
    )
    return render(
        request,
        "pages/municipality_list.html",
        {"municipalities": municipalities, "section": "municipalities"},
    )


def municipality_detail(request, slug):
    municipality = get_object_or_404(Municipality, slug=slug)
    # Stale listings leave these sections as they leave the lists' default results.
    fresh = stale_before()
    organizations = organization_cards().filter(
        municipalities=municipality, status=Organization.Status.ACTIVE, confirmed_at__gte=fresh
    )
    events = upcoming_event_list().filter(location__municipality=municipality)
    activities = activity_list().filter(municipalities=municipality, confirmed_at__gte=fresh)
    context = {
        "municipality": municipality,
        "organizations": organizations[:SHOWN_PER_SECTION],
        "organization_count": count_rows(organizations),
        "events": events[:SHOWN_PER_SECTION],
        "event_count": count_rows(events),
        "activities": activities[:SHOWN_PER_SECTION],
        "activity_count": count_rows(activities),
        "documents": documents_of_municipality(municipality)[:SHOWN_PER_SECTION],
        "section": "municipalities",
    }
    return render(request, "pages/municipality_detail.html", context)


def organization_share_image(request, public_id):
    """The image a shared link to the association shows on social media."""
    try:
        organization = organization_get(public_id)
    except Organization.DoesNotExist:
        raise Http404(_("No association found with this id.")) from None
    municipalities = ", ".join(str(m.name) for m in organization.municipalities.all()[:4])
    topics = ", ".join(str(t.name) for t in organization.topics.all()[:3])
    lines = [line for line in (municipalities, topics) if line]
    return share_card_response(
        obj=organization, title=organization.name, lines=lines, kicker=_("Association")
    )


def organization_detail(request, public_id):
    try:
        organization = organization_get(public_id)
    except Organization.DoesNotExist:
        raise Http404(_("No association found with this id.")) from None
    context = {
        "organization": organization,
        "schema": organization_schema(organization, request),
        "members": organization.children.filter(status=Organization.Status.ACTIVE),
        "events": upcoming_event_list().filter(organizers=organization)[:10],
        "activities": activity_list().filter(organizer=organization),
        "commitments": organization_commitments(organization)[:SHOWN_PER_SECTION],
        "section": "organizations",
    }
    return render(request, "pages/organization_detail.html", context)
