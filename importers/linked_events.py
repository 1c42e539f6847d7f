"""Reading a Linked Events API: the query of a sync, its pages, and each event in plain form.

Linked Events answers `{"meta": {"count", "next", "previous"}, "data": [...]}`; every
event has `@id` and `id`, multilingual `name`/`description` dicts, UTC `start_time` and
`end_time`, a `location` and `keywords` (given whole with `include=location,keywords`,
else as `{"@id": ...}`), and `last_modified_time`. With `show_deleted=true` a deleted
event comes back as a tombstone: `{"id", "deleted": true, "name": "POISTETTU", ...}`.
Every page is read before anything is imported, so a bad page changes nothing.
"""

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from django.utils import timezone
from django.utils.translation import gettext as _

from .fetching import FetchError, FetchResult
from .linked_events_models import LinkedEventsSource, keyword_id

#: Events per page asked for, and how many pages one sync reads at most. Pages come
#: oldest change first, so a sync that stops at the cap goes on from there next time.
PAGE_SIZE = 100
MAX_PAGES = 10
LANGUAGES = ("fi", "sv", "en")


class LinkedEventsError(ValueError):
    """The API's answer cannot be read; nothing of the sync is imported."""


@dataclass
class UpstreamEvent:
    id: str
    deleted: bool = False
    last_modified: dt.datetime | None = None
    name: dict = field(default_factory=dict)
    short_description: dict = field(default_factory=dict)
    description: dict = field(default_factory=dict)
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    status: str = ""
    location: dict | None = None
    keywords: list = field(default_factory=list)  # [(id, name)]
    super_event: str = ""
    super_event_type: str = ""
    offer: dict = field(default_factory=dict)
    raw: dict = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps(self.raw, sort_keys=True).encode()).hexdigest()


def query(source: LinkedEventsSource) -> dict:
    """The query string of a sync: the source's filters, and the cursor after the first."""
    params = {}
    for name in ("publisher", "keyword", "division"):
        value = getattr(source, name).strip()
        if value:
            params[name] = value
    params.update(include="location,keywords", sort="last_modified_time", page_size=PAGE_SIZE)
    if source.last_modified_since is not None:
        since = source.last_modified_since.astimezone(dt.UTC)
        params["last_modified_since"] = since.strftime("%Y-%m-%dT%H:%M:%SZ")
        params["show_deleted"] = "true"
    return params


def first_page_url(source: LinkedEventsSource) -> str:
    return f"{source.events_url}?{urlencode(query(source))}"


def fetch_all(
    source: LinkedEventsSource, fetcher: Callable[..., FetchResult], *, max_pages=MAX_PAGES
) -> tuple[list[UpstreamEvent], bool]:
    """Every event of the sync's pages (following `meta.next`), and whether the cap cut it."""
    url, events = first_page_url(source), []
    origin = urlsplit(source.api_root)[:2]
    for _page in range(max_pages):
        result = fetcher(url)
        if result.status != 200:
            raise FetchError(_("The server answered %(status)s.") % {"status": result.status})
        page, url = read_page(result.body)
        events += page
        if not url:
            return events, False
        # A next page elsewhere would make the server's answer choose what we fetch.
        if urlsplit(url)[:2] != origin:
            raise LinkedEventsError(_("The next page is on another server: %s") % url)
    return events, True


def read_page(body: bytes) -> tuple[list[UpstreamEvent], str]:
    """The events of one page and the address of the next ('' on the last)."""
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise LinkedEventsError(_("The answer is not JSON: %s") % error) from error
    if not isinstance(document, dict) or not isinstance(document.get("data"), list):
        raise LinkedEventsError(_("The answer is not a Linked Events list (meta and data)."))
    meta = document.get("meta") or {}
    if not isinstance(meta, dict):
        raise LinkedEventsError(_("The answer is not a Linked Events list (meta and data)."))
    try:
        events = [_event(item) for item in document["data"]]
    except (AttributeError, TypeError, KeyError) as error:  # a field of an unexpected type
        raise LinkedEventsError(_("An event in the answer cannot be read: %s") % error) from error
    return events, str(meta.get("next") or "")


def _event(item) -> UpstreamEvent:
    if not isinstance(item, dict) or not item.get("id"):
        raise LinkedEventsError(_("An event in the answer has no id."))
    upstream = UpstreamEvent(
        id=str(item["id"]),
        deleted=bool(item.get("deleted")),
        last_modified=_time(item.get("last_modified_time")),
        raw=item,
    )
    if upstream.deleted:
        return upstream
    upstream.name = texts(item.get("name"))
    if not upstream.name:
        raise LinkedEventsError(_("The event %s has no name.") % upstream.id)
    upstream.start = _time(item.get("start_time"))
    if upstream.start is None:
        raise LinkedEventsError(_("The event %s has no start time.") % upstream.id)
    upstream.end = _time(item.get("end_time"))
    upstream.short_description = texts(item.get("short_description"))
    upstream.description = texts(item.get("description"))
    upstream.status = item.get("event_status") or ""
    location = item.get("location")
    upstream.location = location if isinstance(location, dict) else None
    upstream.keywords = [_keyword(k) for k in item.get("keywords") or [] if isinstance(k, dict)]
    upstream.super_event = keyword_id((item.get("super_event") or {}).get("@id", ""))
    upstream.super_event_type = item.get("super_event_type") or ""
    offers = item.get("offers") or []
    upstream.offer = offers[0] if offers and isinstance(offers[0], dict) else {}
    return upstream


def _keyword(value: dict) -> tuple[str, str]:
    ident = value.get("id") or keyword_id(value.get("@id", ""))
    name = texts(value.get("name"))
    return ident, name.get("fi") or next(iter(name.values()), "")


def texts(value) -> dict:
    """A multilingual value as {language: text} in Sakke's languages, blanks left out."""
    if isinstance(value, str):
        value = {"fi": value}
    if not isinstance(value, dict):
        return {}
    return {lang: str(value[lang]).strip() for lang in LANGUAGES if (value.get(lang) or "").strip()}


def _time(value) -> dt.datetime | None:
    """An ISO time (UTC from the API); a bare date is a day in Finnish time."""
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError as error:
        raise LinkedEventsError(_("A time in the answer cannot be read: %s") % value) from error
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
