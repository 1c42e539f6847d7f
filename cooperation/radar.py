"""The consultation radar's import: poll a source, and write its items all or nothing.

A failed fetch or a document that does not parse is logged and recorded on the source;
the consultations stay as the last good fetch left them. An item is matched to an
existing consultation by its own id in the source, then by its address, then by its
title, so the same request seen in two sources is one consultation.
"""

import logging
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from core.public_ids import save_with_public_id
from core.writes import content_write
from municipalities.models import Municipality
from taxonomy.models import Topic

from .matching import suggested_municipality_ids, suggested_topic_ids
from .models import Consultation, ConsultationOrigin, ConsultationSource, SourceKind
from .permissions import can_correct_consultations
from .sources import Fetcher, Item, SourceError, http_fetch, parse_source

logger = logging.getLogger(__name__)

ITEM_FIELDS = ("title", "summary", "url", "organiser", "published_on", "deadline")
#: Sources write in Finnish: an item's title and summary are the Finnish ones.
MODEL_FIELDS = {"title": "title_fi", "summary": "summary_fi"}
EDITABLE_FIELDS = {MODEL_FIELDS.get(name, name) for name in ITEM_FIELDS}


def url_key(url: str) -> str:
    """https://www.x.fi/a/?utm_source=y&id=3 -> x.fi/a?id=3: one address, however linked."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = parts.netloc.casefold().removeprefix("www.")
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.startswith("utm_")]
    key = host + parts.path.rstrip("/")
    return (key + ("?" + urlencode(sorted(query)) if query else ""))[:500]


def title_key(title: str) -> str:
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", title or "").casefold())
    return " ".join(words)[:500]


def _existing(source: ConsultationSource, item: Item) -> Consultation | None:
    origin = (
        ConsultationOrigin.objects.select_related("consultation")
        .filter(source=source, external_id=item.external_id)
        .first()
    )
    if origin:
        return origin.consultation
    if key := url_key(item.url):
        if found := Consultation.objects.filter(url_key=key).first():
            return found
    return Consultation.objects.filter(title_key=title_key(item.title)).first()


def _suggest_tags(consultation: Consultation, source: ConsultationSource) -> None:
    text = f"{consultation.title_fi} {consultation.summary_fi} {consultation.organiser}"
    topics = Topic.objects.values_list("pk", "slug", "name_fi")
    municipalities = Municipality.objects.values_list("pk", "name_fi", "name_sv")
    consultation.topics.set(suggested_topic_ids(text, topics))
    municipality_ids = set(suggested_municipality_ids(text, municipalities))
    if source.municipality_id:
        municipality_ids.add(source.municipality_id)
    consultation.municipalities.set(municipality_ids)


def _write_item(source: ConsultationSource, item: Item, now) -> tuple[Consultation, bool]:
    """Create or update the consultation of `item`; (it, whether anything changed)."""
    consultation = _existing(source, item)
    is_new = consultation is None
    consultation = consultation or Consultation(first_seen_at=now)
    changed = is_new
    for name in ITEM_FIELDS:
        value = getattr(item, name)
        # A second source may know less (an RSS item has no organiser): keep what is known.
        if value in ("", None) and not is_new:
            continue
        field = MODEL_FIELDS.get(name, name)
        if getattr(consultation, field) != value:
            setattr(consultation, field, value)
            changed = True
    consultation.url_key = url_key(consultation.url)
    consultation.title_key = title_key(consultation.title_fi)
    if is_new:
        save_with_public_id(consultation)
    elif changed:
        consultation.save()
    ConsultationOrigin.objects.update_or_create(
        source=source,
        external_id=item.external_id,
        defaults={"consultation": consultation, "seen_at": now},
    )
    if changed and not consultation.tags_confirmed:
        _suggest_tags(consultation, source)
    return consultation, changed


def _record_failure(source: ConsultationSource, error: Exception) -> None:
    logger.warning("Consultation source %s (%s) failed: %s", source.pk, source.name, error)
    source.last_error = str(error)[:2000]
    source.last_error_at = timezone.now()
    source.save(update_fields=["last_error", "last_error_at"])


def source_poll(source: ConsultationSource, *, fetch: Fetcher = http_fetch) -> int | None:
    """Fetch `source` and import its items; how many changed, or None if it failed."""
    if source.kind == SourceKind.MANUAL or not source.url:
        return 0
    try:
        items = parse_source(source.kind, fetch(source.url), mapping=source.field_mapping)
    except (SourceError, TimeoutError, OSError) as error:
        _record_failure(source, error)
        return None
    now = timezone.now()
    seen = {}
    for item in items:
        seen.setdefault(item.external_id, item)
    try:
        with content_write(None, _("Fetched consultations")):
            changed = sum(_write_item(source, item, now)[1] for item in seen.values())
            source.last_success_at = now
            source.last_error = ""
            source.save(update_fields=["last_success_at", "last_error"])
    except Exception as error:  # anything half-done is rolled back with the transaction
        logger.exception("Importing consultation source %s failed", source.pk)
        _record_failure(source, error)
        return None
    return changed


def sources_poll(*, fetch: Fetcher = http_fetch) -> dict[int, int | None]:
    """Poll every active source; one failing does not stop the others."""
    return {
        source.pk: source_poll(source, fetch=fetch)
        for source in ConsultationSource.objects.filter(is_active=True).exclude(
            kind=SourceKind.MANUAL
        )
    }


def consultation_save(
    *, user, data: dict, topics=None, municipalities=None, consultation=None
) -> Consultation:
    """Manual entry of a consultation, or the coordinator's correction of one; corrected
    topics and areas are kept from then on (tags_confirmed)."""
    if not can_correct_consultations(user):
        raise PermissionDenied(_("Only the coordinator may enter or correct consultations."))
    unknown = set(data) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Fields not editable here: {', '.join(sorted(unknown))}")
    is_new = consultation is None
    consultation = consultation or Consultation()
    for name, value in data.items():
        setattr(consultation, name, value.strip() if isinstance(value, str) else value)
    if not consultation.title_fi:
        raise ValidationError({"title_fi": _("Give the consultation a title.")})
    if (
        consultation.published_on
        and consultation.deadline
        and consultation.deadline < consultation.published_on
    ):
        raise ValidationError({"deadline": _("The deadline is before the publication date.")})
    consultation.url_key = url_key(consultation.url)
    consultation.title_key = title_key(consultation.title_fi)
    with content_write(user, _("Saved the consultation")):
        if is_new:
            save_with_public_id(consultation)
            manual, _created = ConsultationSource.objects.get_or_create(
                kind=SourceKind.MANUAL, defaults={"name": _("Manual entry")}
            )
            ConsultationOrigin.objects.create(
                consultation=consultation, source=manual, external_id=consultation.public_id
            )
        else:
            consultation.save()
        if topics is not None or municipalities is not None:
            consultation.tags_confirmed = True
            consultation.save(update_fields=["tags_confirmed"])
            if topics is not None:
                consultation.topics.set(topics)
            if municipalities is not None:
                consultation.municipalities.set(municipalities)
        elif is_new:
            _suggest_tags(consultation, manual)
    return consultation
