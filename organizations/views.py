from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from activities.selectors import activity_list
from core.views import (
    audience_choices,
    filter_fields,
    municipality_choices,
    render_filtered_list,
    topic_choices,
    upcoming_events,
)

from .filters import OrganizationFilter
from .models import Organization
from .selectors import organization_cards, organization_get

FILTER_KINDS = {"q": "search", "municipality": "select", "topic": "select", "audience": "select"}


def organization_list_page(request):
    data = request.GET.copy()
    # Dissolved associations stay findable by URL but are not listed by default.
    data.setdefault("status", Organization.Status.ACTIVE)
    filterset = OrganizationFilter(data, queryset=organization_cards())
    choices = {
        "municipality": municipality_choices(),
        "topic": topic_choices(),
        "audience": audience_choices(),
    }
    return render_filtered_list(
        request,
        filterset=filterset,
        page_template="organizations/organization_list.html",
        results_template="organizations/_results.html",
        context={
            "fields": filter_fields(filterset, FILTER_KINDS, choices),
            "section": "organizations",
        },
    )


def organization_schema(organization, request) -> dict:
    """schema.org Organization of an association page, for search engines."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": request.build_absolute_uri(organization.get_absolute_url()),
        "name": organization.name,
        "url": organization.website or request.build_absolute_uri(),
    }
    if organization.description:
        data["description"] = organization.description
    if organization.business_id:
        data["taxID"] = organization.business_id
    if organization.founded:
        data["foundingDate"] = str(organization.founded)
    if organization.email:
        data["email"] = organization.email
    if organization.phone:
        data["telephone"] = organization.phone
    if organization.street_address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": organization.street_address,
            "postalCode": organization.postal_code,
            "addressLocality": str(organization.address_municipality or ""),
            "addressCountry": "FI",
        }
    links = [link.url for link in organization.social_links.all()]
    if links:
        data["sameAs"] = links
    if organization.parent:
        data["parentOrganization"] = {"@type": "Organization", "name": organization.parent.name}
    data["areaServed"] = [m.name for m in organization.municipalities.all()]
    return data


def organization_detail(request, public_id):
    try:
        organization = organization_get(public_id)
    except Organization.DoesNotExist:
        raise Http404(_("No association found with this id.")) from None
    context = {
        "organization": organization,
        "schema": organization_schema(organization, request),
        "members": organization.children.filter(status=Organization.Status.ACTIVE),
        "events": upcoming_events().filter(organizers=organization)[:10],
        "activities": activity_list().filter(organizer=organization),
        "section": "organizations",
    }
    return render(request, "organizations/organization_detail.html", context)
