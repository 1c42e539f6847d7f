"""Items associations offer for the newsletter, and the coordinator's decisions on them."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_organization, is_coordinator
from core.uploads import replacing_file

from ..models import Issue, Offer


def offer_create(*, user, organization, topics=(), municipalities=(), **fields) -> Offer:
    """An editor of the organization offers an item for the newsletter."""
    if not can_edit_organization(user, organization):
        raise PermissionDenied
    if not (fields.get("title") or "").strip():
        raise ValidationError({"title": _("Give the item a title.")})
    if not (fields.get("text") or "").strip():
        raise ValidationError({"text": _("Write the text of the item.")})
    if fields.get("image") and not (fields.get("image_alt") or "").strip():
        raise ValidationError({"image_alt": _("Describe the image for people who cannot see it.")})
    image = fields.pop("image", None)
    offer = Offer(organization=organization, created_by=user, **fields)
    # The picture is stored first: a refused write changes nothing (core.uploads).
    with replacing_file(offer, "image", image or None), transaction.atomic():
        offer.save()
        offer.topics.set(topics)
        offer.municipalities.set(municipalities)
    return offer


def offer_decide(
    *,
    user,
    offer: Offer,
    accept: bool,
    message: str = "",
    issue: Issue | None = None,
    changes: dict | None = None,
    now: dt.datetime | None = None,
) -> Offer:
    """The coordinator accepts (possibly edited, possibly into an issue) or declines an offer."""
    if not is_coordinator(user):
        raise PermissionDenied
    if not accept and not message.strip():
        raise ValidationError({"message": _("Tell the association why the item was declined.")})
    if issue is not None and issue.status not in (Issue.Status.DRAFT, Issue.Status.SCHEDULED):
        raise ValidationError({"issue": _("That issue has already been sent.")})
    with transaction.atomic():
        for name, value in (changes or {}).items():
            setattr(offer, name, value)
        offer.status = Offer.Status.ACCEPTED if accept else Offer.Status.DECLINED
        offer.issue = issue if accept else None
        offer.coordinator_message = message
        offer.decided_by = user
        offer.decided_at = now or timezone.now()
        offer.save()
    return offer
