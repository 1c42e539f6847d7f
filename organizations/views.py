"""The association list. An association's own page shows its events and activities too,
so it is assembled in pages/views.py; its schema.org description stays here."""

from core.views import filter_fields, render_filtered_list
from municipalities.selectors import municipality_choices
from taxonomy.selectors import audience_choices, topic_choices

from .filters import OrganizationFilter
from .models import Organization
from .selectors import organization_cards

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
