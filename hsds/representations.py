"""Sakke's objects in the shape of Open Referral HSDS 3.0.

Associations are organizations; activities (hobby groups, peer support, volunteering)
are services, delivered at their place (service_at_location). Topics and audiences
are two taxonomies whose terms link to services through attributes. HSDS has one
text per field: the request's language, falling back to Finnish, as the pages do.
Empty values are left out, as the schemas allow no nulls.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import Accessibility

from .identifiers import part_id, resource_id

ACCESSIBILITY = dict(Accessibility.choices)
WEEKDAYS = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}
YSO_URI = "http://www.yso.fi/onto/yso/{}"
TAXONOMIES = {
    "topic": {
        "name": "Sakke topics (toimialat)",
        "description": "The fields of activity of associations, events and activities.",
    },
    "audience": {
        "name": "Sakke audiences (kohderyhmät)",
        "description": "Who an association, event or activity is for.",
    },
}


def compact(data: dict) -> dict:
    """The dict without empty values: HSDS's schemas allow no nulls."""
    return {key: value for key, value in data.items() if value not in (None, "")}


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def modified(value) -> str | None:
    return None if value is None else timezone.localtime(value).isoformat()


def taxonomy(kind: str) -> dict:
    return {
        "id": resource_id("taxonomy", 1 if kind == "topic" else 2),
        "name": TAXONOMIES[kind]["name"],
        "description": TAXONOMIES[kind]["description"],
        "version": "1",
        "metadata": [],
    }


def taxonomy_term(term, kind: str) -> dict:
    parent = taxonomy(kind)
    yso = (term.yso or "").removeprefix("yso:")
    return compact(
        {
            "id": resource_id(kind, term.pk),
            "code": term.slug,
            "name": term.name,
            "description": term.name,
            "taxonomy": parent["name"],
            "taxonomy_id": parent["id"],
            "term_uri": YSO_URI.format(yso) if yso else None,
            "language": settings.LANGUAGE_CODE,
            "metadata": [],
        }
    )


def attributes(link_id: str, link_entity: str, topics, audiences) -> list[dict]:
    """Attributes linking an object to its taxonomy terms."""
    rows = []
    for kind, terms in (("topic", topics), ("audience", audiences)):
        for term in terms:
            term_data = taxonomy_term(term, kind)
            rows.append(
                {
                    "id": part_id(link_id, "attribute", term_data["id"]),
                    "link_id": link_id,
                    "link_type": kind,
                    "link_entity": link_entity,
                    "taxonomy_term_id": term_data["id"],
                    "value": term.slug,
                    "taxonomy_term": term_data,
                    "metadata": [],
                }
            )
    return rows


def organization_summary(organization, request) -> dict:
    """organization_list.json: the organization without its related lists."""
    founded = organization.founded
    return compact(
        {
            "id": resource_id("organization", organization.pk),
            "name": organization.name,
            "description": organization.description or organization.name,
            "email": organization.email,
            "website": organization.website,
            "tax_id": organization.business_id,
            "year_incorporated": founded,
            "legal_status": organization.get_legal_form_display(),
            "uri": absolute(request, organization.get_absolute_url()),
            "parent_organization_id": (
                resource_id("organization", organization.parent_id)
                if organization.parent_id
                else None
            ),
        }
    )


def organization_full(organization, request, services) -> dict:
    data = organization_summary(organization, request)
    org_id = data["id"]
    identifiers = []
    if organization.business_id:
        identifiers.append(
            {
                "id": part_id(org_id, "business_id"),
                "organization_id": org_id,
                "identifier_scheme": "FI-PRH",
                "identifier_type": _("Business id (Y-tunnus)"),
                "identifier": organization.business_id,
                "attributes": [],
                "metadata": [],
            }
        )
    phones = []
    if organization.phone:
        phones.append(
            {
                "id": part_id(org_id, "phone"),
                "organization_id": org_id,
                "number": organization.phone,
                "attributes": [],
                "languages": [],
                "metadata": [],
            }
        )
    return data | {
        "funding": [],
        "contacts": [],
        "phones": phones,
        "locations": [],
        "programs": [],
        "organization_identifiers": identifiers,
        "attributes": attributes(
            org_id, "organization", organization.topics.all(), organization.audiences.all()
        ),
        "metadata": [],
        "services": [service_summary(service, request) for service in services],
    }


def location(place) -> dict:
    loc_id = resource_id("location", place.pk)
    municipality = place.municipality
    data = compact(
        {
            "id": loc_id,
            "location_type": "physical",
            "name": place.name,
            "latitude": place.latitude,
            "longitude": place.longitude,
            "external_identifier": place.public_id,
            "external_identifier_type": "sakke",
        }
    )
    addresses = []
    if place.street_address and municipality is not None:
        addresses.append(
            compact(
                {
                    "id": part_id(loc_id, "address"),
                    "location_id": loc_id,
                    "address_1": place.street_address,
                    "city": municipality.name,
                    "state_province": municipality.region.name,
                    "postal_code": place.postal_code or "-",
                    "country": "FI",
                    "address_type": "physical",
                    "attributes": [],
                    "metadata": [],
                }
            )
        )
    accessibility = []
    if place.accessibility_notes:
        accessibility.append(
            {
                "id": part_id(loc_id, "accessibility"),
                "location_id": loc_id,
                "description": place.accessibility_notes,
                "attributes": [],
                "metadata": [],
            }
        )
    return data | {
        "languages": [],
        "addresses": addresses,
        "contacts": [],
        "accessibility": accessibility,
        "phones": [],
        "schedules": [],
        "attributes": [],
        "metadata": [],
    }


def service_summary(activity, request) -> dict:
    """service_list.json: the activity without its related lists."""
    return compact(
        {
            "id": resource_id("service", activity.pk),
            "organization_id": resource_id("organization", activity.organizer_id)
            if activity.organizer_id
            else None,
            "name": activity.name,
            "description": activity.description,
            "url": absolute(request, activity.get_absolute_url()),
            "email": activity.contact_email,
            "status": "active",
            "fees_description": activity.price if not activity.is_free else _("Free of charge"),
            "eligibility_description": activity.skills_wanted,
            "last_modified": modified(activity.updated_at),
        }
    )


def schedules(activity, service_id: str) -> list[dict]:
    rows = []
    for slot in activity.schedule.all():
        rows.append(
            compact(
                {
                    "id": part_id(service_id, "schedule", slot.pk),
                    "service_id": service_id,
                    "freq": "WEEKLY",
                    "interval": 1,
                    "wkst": "MO",
                    "byday": WEEKDAYS[slot.weekday],
                    "opens_at": slot.start.strftime("%H:%M"),
                    "closes_at": slot.end.strftime("%H:%M") if slot.end else None,
                    "description": str(slot),
                    "attributes": [],
                    "metadata": [],
                }
            )
        )
    return rows


def cost_options(activity, service_id: str) -> list[dict]:
    option = {
        "id": part_id(service_id, "cost"),
        "service_id": service_id,
        "currency": "EUR",
        "attributes": [],
        "metadata": [],
    }
    if activity.is_free:
        return [option | {"option": _("Free of charge"), "amount": 0}]
    return [option | compact({"option": _("Fee"), "amount_description": activity.price})]


def languages(activity, service_id: str) -> list[dict]:
    # Finnish Sign Language is "fse" (ISO 639-3), as Sakke's language list has it.
    return [
        {
            "id": part_id(service_id, "language", language.code),
            "service_id": service_id,
            "name": language.name,
            "code": language.code,
            "attributes": [],
            "metadata": [],
        }
        for language in activity.in_language.all()
    ]


def service_areas(activity, service_id: str) -> list[dict]:
    return [
        {
            "id": part_id(service_id, "area", municipality.code),
            "service_id": service_id,
            "name": municipality.name,
            "description": _("Municipality %(code)s") % {"code": municipality.code},
            "extent_type": "municipality",
            "uri": f"http://uri.suomi.fi/codelist/jhs/kunta_1_20240101/code/{municipality.code}",
            "attributes": [],
            "metadata": [],
        }
        for municipality in activity.municipalities.all()
    ]


def service_at_location(activity, request, *, with_service: bool) -> dict:
    service_id = resource_id("service", activity.pk)
    place = activity.location
    where = location(place)
    # The activity's own accessibility features (a loop, sign language) at its place.
    where["accessibility"] += [
        {
            "id": part_id(where["id"], "accessibility", activity.pk, code),
            "location_id": where["id"],
            "description": str(label),
            "attributes": [],
            "metadata": [],
        }
        for code, label in ACCESSIBILITY.items()
        if code in (activity.accessibility or [])
    ]
    data = {
        "id": resource_id("service_at_location", activity.pk),
        "service_id": service_id,
        "location_id": resource_id("location", place.pk),
        "contacts": [],
        "phones": [],
        "schedules": [],
        "location": where,
        "attributes": [],
        "metadata": [],
    }
    if with_service:
        data["service"] = service_summary(activity, request)
    return data


def service_full(activity, request) -> dict:
    data = service_summary(activity, request)
    service_id = data["id"]
    phones = []
    if activity.contact_phone:
        phones.append(
            {
                "id": part_id(service_id, "phone"),
                "service_id": service_id,
                "number": activity.contact_phone,
                "attributes": [],
                "languages": [],
                "metadata": [],
            }
        )
    organization = activity.organizer
    result = data | {
        "phones": phones,
        "schedules": schedules(activity, service_id),
        "service_areas": service_areas(activity, service_id),
        "service_at_locations": (
            [service_at_location(activity, request, with_service=False)]
            if activity.location_id
            else []
        ),
        "languages": languages(activity, service_id),
        "funding": [],
        "cost_options": cost_options(activity, service_id),
        "required_documents": [],
        "contacts": [],
        "attributes": attributes(
            service_id, "service", activity.topics.all(), activity.audiences.all()
        ),
        "metadata": [],
    }
    if organization is not None:
        result["organization"] = organization_summary(organization, request)
    if "sign_language" in (activity.accessibility or []):
        result["interpretation_services"] = _("Sign language interpretation")
    return result


def page(rows: list, *, total: int, number: int, per_page: int) -> dict:
    """HSDS's page envelope (openapi.json, components/schemas/Page)."""
    pages = max(1, -(-total // per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": len(rows),
        "first_page": number == 1,
        "last_page": number >= pages,
        "empty": total == 0,
        "contents": rows,
    }


def root(request) -> dict:
    return {
        "version": "3.0",
        "profile": "https://specs.openreferral.org/en/v3.0/",
        "openapi_url": absolute(request, "/hsds/openapi.json"),
    }
