"""Activities as Suomi.fi service register (PTV) service descriptions, ready to send.

Each published activity of an association that has a business id becomes one item: the
association (by business id: PTV knows organisations by it), a PTV Open API v11
`ServiceIn` and its channels, a `ServiceLocationChannelIn` where the activity meets and
a `WebPageChannelIn` for its page here. The mapping is documented in docs/api.md.
Sending to PTV is a later step behind SAKKE_PTV_SENDING_ENABLED; this only exports.
"""

import html
import re

from django.db.models import Prefetch, QuerySet
from django.utils.html import strip_tags

from activities.models import Activity, WeeklySlot
from core.models import PublicationStatus
from organizations.models import Organization

#: PTV's target group "citizens" (kansalaiset); associations' activities are for people.
TARGET_GROUP_CITIZENS = "http://uri.suomi.fi/codelist/ptv/ptvkohderyhmat/code/KR1"
#: Length limits of PTV's fields.
NAME_MAX, SUMMARY_MAX, DESCRIPTION_MAX, INFO_MAX, KEYWORD_MAX = 100, 150, 2500, 500, 150
LANGUAGES = ("fi", "sv", "en")
WEEKDAYS = {
    1: "Monday",
    2: "Tuesday",
    3: "Wednesday",
    4: "Thursday",
    5: "Friday",
    6: "Saturday",
    7: "Sunday",
}
_STREET = re.compile(r"^(?P<street>.*?\D)\s+(?P<number>\d[\w\s\-–]*)$")


def exportable_activities() -> QuerySet[Activity]:
    """Published activities of listed, active associations that have a business id."""
    return (
        Activity.objects.filter(
            publication_status=PublicationStatus.PUBLISHED,
            organizer__publication_status=PublicationStatus.PUBLISHED,
            organizer__status=Organization.Status.ACTIVE,
        )
        .exclude(organizer__business_id="")
        .select_related("organizer", "location__municipality")
        .prefetch_related(
            "municipalities",
            "topics",
            "in_language",
            Prefetch("schedule", queryset=WeeklySlot.objects.order_by("weekday", "start")),
        )
        .order_by("organizer__business_id", "pk")
    )


def ptv_export(activities, *, base_url: str) -> dict:
    """The export document: one item per activity, with the association and channels."""
    items = [ptv_item(activity, base_url=base_url.rstrip("/")) for activity in activities]
    return {
        "meta": {"count": len(items), "format": "PTV Open API v11", "sending": False},
        "data": items,
    }


def ptv_item(activity: Activity, *, base_url: str) -> dict:
    source_id = _source_id(activity)
    channels = [_web_page_channel(activity, source_id, base_url)]
    if activity.location_id:
        channels.insert(0, _location_channel(activity, source_id))
    return {
        "sourceId": source_id,
        "organization": {
            "businessId": activity.organizer.business_id,
            "name": activity.organizer.name_fi,
        },
        "service": _service(activity, source_id),
        "serviceChannels": channels,
    }


def _source_id(activity: Activity) -> str:
    # PTV's external ids take letters, digits and hyphens: "test:act-1" -> "sakke-test-act-1".
    return "sakke-" + re.sub(r"[^A-Za-z0-9-]+", "-", activity.public_id)


def _plain(text: str) -> str:
    return " ".join(html.unescape(strip_tags(text or "")).split())


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _localized(obj, field: str, limit: int, *, kind: str | None = None, plain=False) -> list:
    items = []
    for language in LANGUAGES:
        value = getattr(obj, f"{field}_{language}", "") or ""
        value = _plain(value) if plain else value.strip()
        if value:
            item = {"language": language, "value": _cut(value, limit)}
            if kind:
                item["type"] = kind
            items.append(item)
    return items


def _languages(activity: Activity) -> list[str]:
    codes = [language.code for language in activity.in_language.all()]
    return codes or ["fi"]


def _service(activity: Activity, source_id: str) -> dict:
    descriptions = _localized(activity, "description", SUMMARY_MAX, kind="Summary", plain=True)
    descriptions += _localized(
        activity, "description", DESCRIPTION_MAX, kind="Description", plain=True
    )
    if not activity.is_free and activity.price:
        descriptions.append(
            {"language": "fi", "type": "ChargeTypeAdditionalInfo", "value": activity.price}
        )
    requirements = []
    if activity.skills_wanted:
        requirements.append({"language": "fi", "value": _cut(activity.skills_wanted, 2500)})
    municipalities = [m.code for m in activity.municipalities.all()]
    return {
        "sourceId": source_id,
        "type": "Service",
        "fundingType": "PubliclyFunded",
        "serviceNames": _localized(activity, "name", NAME_MAX, kind="Name"),
        "serviceDescriptions": descriptions,
        "serviceChargeType": "FreeOfCharge" if activity.is_free else "Chargeable",
        "languages": _languages(activity),
        "areaType": "LimitedType" if municipalities else "Nationwide",
        "areas": [{"type": "Municipality", "areaCodes": municipalities}] if municipalities else [],
        "targetGroups": [TARGET_GROUP_CITIZENS],
        "serviceClasses": [],
        "ontologyTerms": [],
        "keywords": [
            {"language": "fi", "value": _cut(topic.name_fi, KEYWORD_MAX)}
            for topic in activity.topics.all()
        ],
        "requirements": requirements,
        "serviceProducers": [{"provisionType": "SelfProducedServices", "organizations": []}],
        # PTV's id of the association, looked up by its business id when sending.
        "mainResponsibleOrganization": None,
        "publishingStatus": "Published",
    }


def _address(place) -> dict:
    match = _STREET.match(place.street_address_fi or "")
    street, number = (
        (match["street"], match["number"]) if match else (place.street_address_fi or "", "")
    )
    address = {
        "street": [{"language": "fi", "value": street}] if street else [],
        "streetNumber": number,
        "postalCode": place.postal_code,
        "municipality": place.municipality.code if place.municipality_id else None,
    }
    if place.latitude is not None and place.longitude is not None:
        address["latitude"], address["longitude"] = str(place.latitude), str(place.longitude)
    return {"type": "Location", "subType": "Street", "country": "FI", "streetAddress": address}


def _service_hours(activity: Activity) -> list:
    opening = [
        {
            "dayFrom": WEEKDAYS[slot.weekday],
            "from": slot.start.strftime("%H:%M"),
            "to": slot.end.strftime("%H:%M") if slot.end else slot.start.strftime("%H:%M"),
            "order": index,
        }
        for index, slot in enumerate(activity.schedule.all())
    ]
    if not opening:
        return []
    return [{"serviceHourType": "DaysOfTheWeek", "validForNow": True, "openingHour": opening}]


def _contacts(activity: Activity) -> dict:
    contacts = {}
    if activity.contact_email:
        contacts["emails"] = [{"language": "fi", "value": activity.contact_email}]
    if activity.contact_phone:
        contacts["phoneNumbers"] = [
            {
                "language": "fi",
                "number": activity.contact_phone,
                "isFinnishServiceNumber": False,
                "serviceChargeType": "FreeOfCharge",
            }
        ]
    return contacts


def _location_channel(activity: Activity, source_id: str) -> dict:
    place = activity.location
    return {
        "channelType": "ServiceLocation",
        "sourceId": f"{source_id}-location",
        "organizationId": None,
        "serviceChannelNames": _localized(place, "name", NAME_MAX, kind="Name"),
        "serviceChannelDescriptions": _localized(
            activity, "description", SUMMARY_MAX, kind="Summary", plain=True
        ),
        "languages": _languages(activity),
        "addresses": [_address(place)],
        "serviceHours": _service_hours(activity),
        **_contacts(activity),
        "publishingStatus": "Published",
    }


def _web_page_channel(activity: Activity, source_id: str, base_url: str) -> dict:
    return {
        "channelType": "WebPage",
        "sourceId": f"{source_id}-web",
        "organizationId": None,
        "serviceChannelNames": _localized(activity, "name", NAME_MAX, kind="Name"),
        "serviceChannelDescriptions": _localized(
            activity, "description", SUMMARY_MAX, kind="Summary", plain=True
        ),
        "webPage": [{"language": "fi", "value": base_url + activity.get_absolute_url()}],
        "languages": _languages(activity),
        "publishingStatus": "Published",
    }
