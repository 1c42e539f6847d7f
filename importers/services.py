"""Writes of the calendar importer: sources, polls and detaching an event.

A poll fetches (conditional GET), reads the whole feed, and only then applies it in one
transaction: a timeout, a 304 or a malformed feed changes no event, and a feed that
fails half-way through applying leaves nothing half-imported.
"""

import datetime as dt
import hashlib
import logging
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import close_old_connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_event, can_edit_organization, is_coordinator
from core.models import PublicationStatus
from core.public_ids import save_with_public_id
from core.publication import status_after_edit
from core.writes import content_write
from events.models import Event
from organizations.models import Organization

from . import ical_feed, sheets
from .duplicates import link_duplicate, release_duplicates
from .fetching import FetchError, FetchResult, fetch
from .models import CalendarSource, ImportedEvent, ImportRun, SheetImport
from .sheet_cells import header_keys
from .sheet_kinds import ERROR, KINDS, NEW, ROW, UNCHANGED, RowCheck

logger = logging.getLogger(__name__)
DATA_SOURCE = "ical"
MAX_WORKERS = 8


def source_create(*, user, organization, name: str, url: str) -> CalendarSource:
    """Connect a calendar feed to an association; only its editors may."""
    if not can_edit_organization(user, organization):
        raise PermissionDenied(_("You may not add calendars for this association."))
    url = url.strip()
    # Calendar apps hand out webcal:// addresses; they are https underneath.
    if url.lower().startswith("webcal://"):
        url = "https://" + url[len("webcal://") :]
    if url.split(":", 1)[0].lower() not in ("http", "https"):
        raise ValidationError({"url": _("Enter an http or https address.")})
    source = CalendarSource(organization=organization, name=name.strip(), url=url)
    source.created_by = user
    source.full_clean()
    source.save()
    return source


def source_delete(*, user, source: CalendarSource) -> None:
    """Disconnect a feed; its events stay, as events the association keeps here."""
    if not can_edit_organization(user, source.organization):
        raise PermissionDenied(_("You may not remove this calendar."))
    with transaction.atomic():
        ImportedEvent.objects.filter(source=source).update(detached=True)
        source.delete()


def event_detach(*, user, link: ImportedEvent) -> ImportedEvent:
    """Stop the feed from changing an event, so that it can be edited here."""
    if not can_edit_event(user, link.event):
        raise PermissionDenied(_("You may not edit this event."))
    link.detached = True
    link.save(update_fields=["detached"])
    return link


Fetcher = Callable[..., FetchResult]


def source_poll(source: CalendarSource, *, fetcher: Fetcher = fetch, now=None) -> ImportRun:
    """Fetch and import one feed; the run says what happened."""
    started = timezone.now()
    try:
        result = fetcher(source.url, etag=source.etag, last_modified=source.last_modified)
    except FetchError as error:
        return _finish(source, started, CalendarSource.Status.FAILED, str(error))
    return source_apply(source, result, started=started, now=now)


def source_apply(source: CalendarSource, result: FetchResult, *, started, now=None) -> ImportRun:
    """Import what a fetch gave: a 304 changes nothing, a malformed feed changes nothing."""
    if result.status == 304:
        return _finish(source, started, CalendarSource.Status.NOT_MODIFIED, "")
    try:
        occurrences = ical_feed.parse(result.body, now=now)
    except ical_feed.FeedError as error:
        return _finish(source, started, CalendarSource.Status.FAILED, str(error))
    try:
        with content_write(None, _("Imported from the calendar %(name)s") % {"name": source}):
            counts, log = _apply(source, occurrences)
    except Exception as error:  # the transaction rolled back: nothing half-imported
        logger.exception("Importing %s failed", source.url)
        return _finish(source, started, CalendarSource.Status.FAILED, str(error))
    source.etag, source.last_modified = result.etag, result.last_modified
    return _finish(source, started, CalendarSource.Status.IMPORTED, "", counts=counts, log=log)


def _finish(source, started, status, message, *, counts=None, log=None) -> ImportRun:
    counts = counts or {}
    run = ImportRun.objects.create(
        source=source,
        started_at=started,
        finished_at=timezone.now(),
        status=status,
        message=message,
        log=log or [],
        **counts,
    )
    source.last_run_at, source.last_status, source.last_message = started, status, message
    source.save(
        update_fields=["etag", "last_modified", "last_run_at", "last_status", "last_message"]
    )
    return run


def _public_id(source: CalendarSource, uid: str, recurrence_id: str) -> str:
    digest = hashlib.sha1(uid.encode(), usedforsecurity=False).hexdigest()[:16]
    suffix = f"-{recurrence_id}" if recurrence_id else ""
    return f"{DATA_SOURCE}:{source.pk}-{digest}{suffix}"


def _description(occurrence) -> str:
    paragraphs = [p.strip() for p in occurrence.description.split("\n\n") if p.strip()]
    if occurrence.location:
        paragraphs.append(_("Place: %(place)s") % {"place": occurrence.location})
    return "".join(f"<p>{escape(p)}</p>".replace("\n", "<br>") for p in paragraphs)


def _apply(source: CalendarSource, occurrences: list) -> tuple[dict, list]:
    links = {
        (link.uid, link.recurrence_id): link
        for link in source.imported_events.select_related("event")
    }
    counts = {"created": 0, "updated": 0, "cancelled": 0}
    log, seen, heads, new_organizers = [], set(), {}, []
    organization = source.organization
    for occurrence in occurrences:  # heads come before their dates
        key = (occurrence.uid, occurrence.recurrence_id)
        seen.add(key)
        link = links.get(key)
        if link is not None and link.detached:
            continue
        if link is not None and link.fingerprint == occurrence.fingerprint:
            heads[occurrence.uid] = link.event if occurrence.is_head else heads.get(occurrence.uid)
            continue
        is_new = link is None
        event = link.event if link else Event(public_id=_public_id(source, *key))
        event.data_source = DATA_SOURCE
        event.name_fi = occurrence.name[:250]
        event.description_fi = _description(occurrence)
        event.start_time, event.end_time = occurrence.start, occurrence.end
        event.event_status = (
            Event.Status.CANCELLED if occurrence.cancelled else Event.Status.SCHEDULED
        )
        event.super_event_type = Event.SuperEventType.RECURRING if occurrence.is_head else ""
        event.recurrence_rule = occurrence.rule
        if occurrence.recurrence_id:
            event.super_event = heads.get(occurrence.uid)
        current = event.publication_status if link else PublicationStatus.DRAFT
        event.publication_status = status_after_edit(
            user=source.created_by, organization=organization, current=current, publish=True
        )
        event.full_clean(exclude=["location", "organizers"])
        if is_new:
            _known_relations(event, organization)
        event.save()
        if occurrence.is_head:
            heads[occurrence.uid] = event
        if link is None:
            new_organizers.append(Event.organizers.through(event=event, organization=organization))
            links[key] = ImportedEvent.objects.create(
                source=source, uid=key[0], recurrence_id=key[1], event=event,
                fingerprint=occurrence.fingerprint,
            )  # fmt: skip
            counts["created"] += 1
            log.append(_entry("created", key, event))
        else:
            link.fingerprint = occurrence.fingerprint
            link.save(update_fields=["fingerprint"])
            counts["updated"] += 1
            log.append(_entry("updated", key, event))
        link_duplicate(
            event,
            place=occurrence.location,
            source_events=Q(imported_from__source=source),
            created=is_new,
        )
    # One statement for the feed's new events' organizer rows; each event is indexed for
    # search when the import's transaction ends, with its organizer.
    Event.organizers.through.objects.bulk_create(new_organizers)
    for key, link in links.items():
        if key in seen or link.detached or link.event.is_cancelled:
            continue
        # Gone from the feed: cancelled here, not deleted, so links to it keep working.
        link.event.event_status = Event.Status.CANCELLED
        link.event.save()
        release_duplicates(link.event)
        link.fingerprint = ""
        link.save(update_fields=["fingerprint"])
        counts["cancelled"] += 1
        log.append(_entry("cancelled", key, link.event))
    return counts, log


def _known_relations(event: Event, organization: Organization) -> None:
    """A new event's relations are known: the association organises it, and it has no
    topics, audiences or languages. Said in its prefetch cache, so that the history's
    serializer, run at each save, does not ask the database for each relation (it was
    most of a feed's writing time); the organizer rows follow in one bulk insert."""
    event._prefetched_objects_cache = {
        field.name: field.related_model.objects.none() for field in Event._meta.many_to_many
    }
    organizers = Organization.objects.filter(pk=organization.pk)
    organizers._result_cache, organizers._prefetch_done = [organization], True  # as prefetched
    event._prefetched_objects_cache["organizers"] = organizers


def _entry(action: str, key: tuple, event: Event) -> dict:
    return {
        "action": action,
        "uid": key[0],
        "recurrence_id": key[1],
        "event": event.public_id,
        "name": event.name_fi,
        "start": event.start_time.isoformat(),
    }


def sources_due(now: dt.datetime | None = None, *, model=CalendarSource) -> list:
    """Active sources (of `model`: any source with an interval) whose interval has passed
    since their last poll."""
    now = now or timezone.now()
    due = []
    for source in model.objects.filter(is_active=True).select_related("organization"):
        last = source.last_run_at
        if last is None or last + dt.timedelta(minutes=source.interval_minutes) <= now:
            due.append(source)
    return due


def poll_sources(
    sources: Iterable[CalendarSource], *, fetcher: Fetcher = fetch, max_workers: int = MAX_WORKERS
) -> list[ImportRun]:
    """Poll many sources: fetches run in parallel (at most `max_workers` at once), and
    each feed is imported as soon as it has arrived, so a slow source delays no other."""
    sources = list(sources)
    runs = []

    def fetch_one(source):
        started = timezone.now()
        try:
            return (
                source,
                started,
                fetcher(source.url, etag=source.etag, last_modified=source.last_modified),
                None,
            )
        except FetchError as error:
            return source, started, None, error
        finally:
            close_old_connections()

    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        futures = [pool.submit(fetch_one, source) for source in sources]
        for future in as_completed(futures):
            source, started, result, error = future.result()
            if error is not None:
                runs.append(_finish(source, started, CalendarSource.Status.FAILED, str(error)))
            else:
                runs.append(source_apply(source, result, started=started))
    return runs


# Spreadsheets: a preview first, then the commit of every row or of none.

PREVIEW_VALID = dt.timedelta(hours=1)


def _may_import(user, kind: str, organization) -> None:
    if kind == SheetImport.Kind.ASSOCIATIONS:
        allowed = is_coordinator(user)
    else:
        allowed = organization is not None and can_edit_organization(user, organization)
    if not allowed:
        raise PermissionDenied(_("You may not import this."))


def sheet_preview(*, user, kind: str, organization: Organization | None, upload) -> SheetImport:
    """Read and check every row of an uploaded CSV or XLSX; keep the rows for the commit.

    Writes no content. A file that cannot be read raises ValidationError on "file"."""
    _may_import(user, kind, organization)
    data = upload.read(sheets.MAX_BYTES + 1)
    try:
        table = sheets.read_table(data, upload.name or "")
    except sheets.SheetError as error:
        raise ValidationError({"file": str(error)}) from error
    keys, missing = header_keys(table[0], KINDS[kind].columns)
    if missing:
        raise ValidationError(
            {
                "file": _("The header row lacks the columns %(columns)s. Start from the template.")
                % {"columns": ", ".join(f"“{name}”" for name in missing)}
            }
        )
    rows = []
    for number, cells in enumerate(table[1:], start=2):  # numbered as in the spreadsheet
        if any(cell.strip() for cell in cells):
            row = {key: cells[i] if i < len(cells) else "" for i, key in enumerate(keys) if key}
            rows.append([number, row])
    now = timezone.now()
    # Rows of previews nobody confirmed are not kept (they may hold contact details).
    SheetImport.objects.filter(status=SheetImport.Status.PREVIEWED, expires_at__lt=now).update(
        status=SheetImport.Status.FAILED, rows=[]
    )
    sheet = SheetImport(
        kind=kind,
        organization=organization,
        user=user,
        file_name=(upload.name or "")[:255],
        file_hash=hashlib.sha256(data).hexdigest(),
        rows=rows,
        expires_at=now + PREVIEW_VALID,
    )
    _record_checks(sheet, _check_rows(sheet, user))
    sheet.save()
    return sheet


def _check_rows(sheet: SheetImport, user) -> list[RowCheck]:
    checker = KINDS[sheet.kind](user=user, organization=sheet.organization)
    checks, seen = [], {}
    for number, row in sheet.rows:
        check = checker.check(number, row)
        marks = [m for m in (check.key, ("pk", check.target) if check.target else None) if m]
        earlier = next((seen[m] for m in marks if m in seen), None)
        if earlier is not None:
            check.status, check.write = ERROR, None
            check.errors.append(
                (ROW, _("The same row is already on row %(row)s.") % {"row": earlier})
            )
        for mark in marks:
            seen.setdefault(mark, number)
        checks.append(check)
    return checks


def _record_checks(sheet: SheetImport, checks: list[RowCheck]) -> None:
    sheet.created = sum(c.status == NEW for c in checks)
    sheet.updated = sum(c.status not in (NEW, UNCHANGED, ERROR) for c in checks)
    sheet.unchanged = sum(c.status == UNCHANGED for c in checks)
    sheet.errors = [
        {"row": c.number, "column": column, "message": message}
        for c in checks
        for column, message in c.errors
    ]
    sheet.log = [{"row": c.number, "status": c.status, "name": c.name} for c in checks]


class _RowsFailed(Exception):
    pass


def sheet_commit(*, user, sheet: SheetImport) -> SheetImport:
    """Check every row again and write them all in one transaction, or none.

    Only the person who uploaded the file may confirm it, before the preview expires."""
    if sheet.user_id is None or sheet.user_id != getattr(user, "pk", None):
        raise PermissionDenied(_("You may not confirm this import."))
    _may_import(user, sheet.kind, sheet.organization)
    if sheet.expires_at <= timezone.now():
        raise ValidationError(_("The preview has expired. Upload the file again."))
    comment = _("Imported from the spreadsheet %(file)s") % {"file": sheet.file_name}
    try:
        with content_write(user, comment):
            locked = SheetImport.objects.select_for_update().get(pk=sheet.pk)
            if not locked.is_previewed:
                raise ValidationError(_("This import has already been handled."))
            checks = _check_rows(locked, user)
            _record_checks(locked, checks)
            if locked.errors:
                raise _RowsFailed(locked)
            log = [_write_row(locked, check) for check in checks if check.write is not None]
            locked.log = log
            locked.status, locked.finished_at, locked.rows = (
                SheetImport.Status.IMPORTED,
                timezone.now(),
                [],
            )
            locked.save()
    except _RowsFailed as failure:  # rolled back: nothing of the file was written
        failed = failure.args[0]
        failed.status, failed.finished_at, failed.rows = (
            SheetImport.Status.FAILED,
            timezone.now(),
            [],
        )
        failed.save()
        raise ValidationError(_("Nothing was imported: the file has errors.")) from None
    return locked


def _write_row(sheet: SheetImport, check: RowCheck) -> dict:
    try:
        saved = check.write()
    except ValidationError as error:  # a rule only the service knows
        headers = {column.key: column.fi for column in KINDS[sheet.kind].columns}
        items = (
            error.message_dict.items() if hasattr(error, "error_dict") else [(ROW, error.messages)]
        )
        sheet.errors = [
            {"row": check.number, "column": headers.get(name, ROW), "message": message}
            for name, messages in items
            for message in messages
        ]
        raise _RowsFailed(sheet) from error
    return {
        "row": check.number,
        "status": "created" if check.status == NEW else "updated",
        "id": saved.public_id,
        "name": saved.name_fi,
    }


def association_add(*, user, name: str, business_id: str = "") -> Organization:
    """A new association added by the coordinator (from a spreadsheet), published at once."""
    if not is_coordinator(user):
        raise PermissionDenied(_("Only the coordinator adds associations directly."))
    with content_write(user, _("Added the association")):
        organization = Organization(
            name_fi=name.strip(),
            business_id=business_id,
            publication_status=PublicationStatus.PUBLISHED,
            reviewed_at=timezone.now(),
        )
        save_with_public_id(organization)
    return organization
