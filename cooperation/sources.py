"""Source adapters of the consultation radar: bytes in, items out, nothing written.

Each parser turns one fetched document into `Item`s, or raises `SourceError` when the
document is not what it should be, so the caller can keep the last good state. The
fetcher is a plain function (`http_fetch` in production, recorded fixtures in tests),
so no test ever calls the network.
"""

import datetime as dt
import json
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from core.richtext import html_to_text

#: Seconds to wait for a source before giving up until the next poll.
FETCH_TIMEOUT = 20
#: A feed larger than this is not a feed of consultations.
MAX_BYTES = 5 * 1024 * 1024

Fetcher = Callable[[str], bytes]


class SourceError(Exception):
    """A source could not be fetched or read; nothing of it is imported."""


@dataclass(frozen=True)
class Item:
    external_id: str
    title: str
    url: str = ""
    summary: str = ""
    organiser: str = ""
    published_on: dt.date | None = None
    deadline: dt.date | None = None


def http_fetch(url: str) -> bytes:
    """GET `url` within FETCH_TIMEOUT seconds; timeouts and HTTP errors become SourceError."""
    request = urllib.request.Request(url, headers={"User-Agent": "Sakke consultation radar"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:  # noqa: S310
            data = response.read(MAX_BYTES + 1)
    except (TimeoutError, urllib.error.URLError, OSError) as error:
        raise SourceError(f"Could not fetch {url}: {error}") from error
    if len(data) > MAX_BYTES:
        raise SourceError(f"{url} is larger than {MAX_BYTES} bytes")
    return data


def _date(value) -> dt.date | None:
    """An ISO date or datetime, an OData /Date(ms)/, or an RFC 822 date; None if empty."""
    if not value:
        return None
    value = str(value).strip()
    if match := re.fullmatch(r"/Date\((-?\d+)(?:[+-]\d+)?\)/", value):
        return dt.datetime.fromtimestamp(int(match[1]) / 1000, tz=dt.UTC).date()
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError):
        raise SourceError(f"Not a date: {value!r}") from None


def _text(value) -> str:
    return " ".join(html_to_text(str(value or "")).split())


# The JSON (OData) adapter.
#
# An assumption, said plainly: the default field names below follow the shape
# Lausuntopalvelu.fi is understood to publish for its requests for comment (an OData
# "Proposals" set; v4 answers {"value": [...]}, v2 {"d": {"results": [...]}}). They
# were not checked against the live service for this project, and the fixtures in
# cooperation/tests/fixtures/ were written by hand in that shape. So that a real feed
# (Lausuntopalvelu.fi's as it turns out to be, or a municipality's own JSON) can be read
# without a code change, each source may carry a field mapping
# (ConsultationSource.field_mapping, validated by `check_mapping`):
#
#   {"records": "data.items",             # dotted path to the list of records
#    "external_id": "uuid",               # a field name, or a list tried in order;
#    "title": ["otsikko", "nimi"],        # a dotted name reads a nested object
#    "organiser": "antaja.nimi",
#    "deadline": "maaraaika",
#    "date_format": "%d.%m.%Y",           # strptime format of the dates, if not ISO
#    "url_template": "https://example.fi/lausunnot/{external_id}"}
#
# Keys left out keep the defaults.
ODATA_FIELDS = {
    "external_id": ("Id", "ProposalId"),
    "title": ("Title", "Name"),
    "summary": ("Abstract", "Description"),
    "organiser": ("OrganizationName", "Organization"),
    "published_on": ("PublishedOn", "Published"),
    "deadline": ("Deadline", "DeadLine"),
    "url": ("Url", "Link"),
}
ODATA_URL_TEMPLATE = (
    "https://www.lausuntopalvelu.fi/FI/Proposal/Participation?proposalId={external_id}"
)
#: The keys of a field mapping besides the fields of ODATA_FIELDS.
MAPPING_OPTIONS = ("records", "date_format", "url_template")


def check_mapping(mapping) -> list[str]:
    """What is wrong with a source's field mapping (empty: nothing); in English, for
    the model's validation to translate the whole message."""
    if mapping in (None, ""):
        return []
    if not isinstance(mapping, dict):
        return ["The mapping must be a JSON object."]
    problems = []
    for key, value in mapping.items():
        if key in ODATA_FIELDS:
            names = [value] if isinstance(value, str) else value
            if not (
                isinstance(names, list) and names and all(isinstance(n, str) and n for n in names)
            ):
                problems.append(f"{key}: give a field name or a list of field names.")
        elif key in MAPPING_OPTIONS:
            if not isinstance(value, str) or not value:
                problems.append(f"{key}: give a text.")
            elif key == "url_template" and "{external_id}" not in value:
                problems.append("url_template: it must contain {external_id}.")
        else:
            known = ", ".join([*ODATA_FIELDS, *MAPPING_OPTIONS])
            problems.append(f"{key}: unknown key; use {known}.")
    return problems


def _get(record, path: str):
    """The value at a dotted `path` of nested objects, or None."""
    value = record
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _first(record: dict, names) -> object:
    for name in names:
        value = _get(record, name)
        if isinstance(value, dict):  # an expanded navigation property: its name
            value = value.get("Name") or value.get("Title")
        if value not in (None, ""):
            return value
    return None


def _records(document, path: str | None) -> list:
    if path:
        records = _get(document, path)
        if not isinstance(records, list):
            raise SourceError(f"No list of records at {path!r}")
        return records
    if isinstance(document, dict) and isinstance(document.get("value"), list):
        return document["value"]
    if isinstance(document, dict) and isinstance(document.get("d"), dict):
        records = document["d"].get("results")
        if isinstance(records, list):
            return records
    raise SourceError("Not an OData feed: no 'value' or 'd.results' list")


def _mapped_date(value, date_format: str | None) -> dt.date | None:
    if value in (None, "") or not date_format:
        return _date(value)
    try:
        return dt.datetime.strptime(str(value).strip(), date_format).date()
    except ValueError:
        raise SourceError(f"Not a date in the format {date_format}: {value!r}") from None


def parse_odata(data: bytes, *, mapping: dict | None = None) -> list[Item]:
    """The items of a JSON feed of proposals: Lausuntopalvelu.fi's assumed OData shape,
    or another shape described by the source's field `mapping`."""
    mapping = mapping or {}
    if problems := check_mapping(mapping):
        raise SourceError("Invalid field mapping: " + " ".join(problems))
    fields = {
        key: ([mapping[key]] if isinstance(mapping.get(key), str) else mapping.get(key)) or names
        for key, names in ODATA_FIELDS.items()
    }
    date_format = mapping.get("date_format")
    url_template = mapping.get("url_template") or ODATA_URL_TEMPLATE
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise SourceError(f"Invalid JSON: {error}") from error
    items = []
    for record in _records(document, mapping.get("records")):
        if not isinstance(record, dict):
            raise SourceError("An OData record is not an object")
        external_id = _first(record, fields["external_id"])
        title = _text(_first(record, fields["title"]))
        if not external_id or not title:
            raise SourceError("An OData record has no id or title")
        url = _first(record, fields["url"]) or url_template.format(external_id=external_id)
        items.append(
            Item(
                external_id=str(external_id),
                title=title[:500],
                url=str(url)[:500],
                summary=_text(_first(record, fields["summary"])),
                organiser=_text(_first(record, fields["organiser"]))[:300],
                published_on=_mapped_date(_first(record, fields["published_on"]), date_format),
                deadline=_mapped_date(_first(record, fields["deadline"]), date_format),
            )
        )
    return items


ATOM = "{http://www.w3.org/2005/Atom}"
# Municipal feeds say the deadline in words: "Lausunnot pyydetään viimeistään 15.1.2027",
# "svar senast 15.1.2027", "deadline 15 January" is rare enough to leave to a person.
DEADLINE_PATTERN = re.compile(
    r"(?:viimeistään|määräaika|mennessä|senast|deadline|\bDL\b)[^0-9]{0,40}"
    r"(\d{1,2})\.(\d{1,2})\.(\d{4})",
    re.IGNORECASE,
)
DATE_BEFORE_MENNESSA = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})\s+mennessä", re.IGNORECASE)


def deadline_in_text(text: str) -> dt.date | None:
    """A deadline written in the text of a feed item, if it says one."""
    for pattern in (DATE_BEFORE_MENNESSA, DEADLINE_PATTERN):
        if match := pattern.search(text or ""):
            day, month, year = (int(part) for part in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                return None
    return None


def _child_text(element, *names: str) -> str:
    for name in names:
        child = element.find(name)
        if child is not None and (child.text or "").strip():
            return child.text.strip()
    return ""


def parse_feed(data: bytes) -> list[Item]:
    """The items of an RSS 2.0 or Atom feed; the deadline is read from the text."""
    try:
        root = ET.fromstring(data)  # noqa: S314 (expat fetches no external entities)
    except ET.ParseError as error:
        raise SourceError(f"Invalid XML: {error}") from error
    if root.tag == "rss":
        entries = root.findall("./channel/item")
        fields = {
            "id": ("guid", "link"),
            "title": ("title",),
            "summary": ("description",),
            "date": ("pubDate",),
        }
    elif root.tag == f"{ATOM}feed":
        entries = root.findall(f"{ATOM}entry")
        fields = {
            "id": (f"{ATOM}id",),
            "title": (f"{ATOM}title",),
            "summary": (f"{ATOM}summary", f"{ATOM}content"),
            "date": (f"{ATOM}published", f"{ATOM}updated"),
        }
    else:
        raise SourceError(f"Not an RSS or Atom feed: <{root.tag}>")
    items = []
    for entry in entries:
        if root.tag == "rss":
            link = _child_text(entry, "link")
        else:
            link_element = entry.find(f"{ATOM}link")
            link = link_element.get("href", "") if link_element is not None else ""
        external_id = _child_text(entry, *fields["id"]) or link
        title = _text(_child_text(entry, *fields["title"]))
        if not external_id or not title:
            raise SourceError("A feed item has no id or title")
        summary = _text(_child_text(entry, *fields["summary"]))
        items.append(
            Item(
                external_id=external_id[:300],
                title=title[:500],
                url=link[:500],
                summary=summary,
                published_on=_date(_child_text(entry, *fields["date"])),
                deadline=deadline_in_text(f"{title} {summary}"),
            )
        )
    return items


PARSERS = {"odata": parse_odata, "feed": parse_feed}


def parse_source(kind: str, data: bytes, *, mapping: dict | None = None) -> list[Item]:
    """The items of a fetched document of a source of `kind`; only the JSON adapter
    reads a field mapping (RSS and Atom have fixed names)."""
    if kind == "odata":
        return parse_odata(data, mapping=mapping)
    return PARSERS[kind](data)
