from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render

from activities.selectors import activity_list
from core.counting import count_rows
from core.filtering import stale_before
from core.views import upcoming_events
from organizations.models import Organization
from organizations.selectors import organization_cards

from .models import Municipality

SHOWN_PER_SECTION = 20


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
        "municipalities/municipality_list.html",
        {"municipalities": municipalities, "section": "municipalities"},
    )


def municipality_detail(request, slug):
    municipality = get_object_or_404(Municipality, slug=slug)
    # Stale listings leave these sections as they leave the lists' default results.
    fresh = stale_before()
    organizations = organization_cards().filter(
        municipalities=municipality, status=Organization.Status.ACTIVE, confirmed_at__gte=fresh
    )
    events = upcoming_events().filter(location__municipality=municipality)
    activities = activity_list().filter(municipalities=municipality, confirmed_at__gte=fresh)
    context = {
        "municipality": municipality,
        "organizations": organizations[:SHOWN_PER_SECTION],
        "organization_count": count_rows(organizations),
        "events": events[:SHOWN_PER_SECTION],
        "event_count": count_rows(events),
        "activities": activities[:SHOWN_PER_SECTION],
        "activity_count": count_rows(activities),
        "section": "municipalities",
    }
    return render(request, "municipalities/municipality_detail.html", context)
