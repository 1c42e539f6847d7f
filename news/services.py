"""Writes of news posts: an association's editors and the coordinator write and publish them.

The publication rules are those of every write (core.publication): an approved
association's post is public at once and waits in the coordinator's queue as
"changed"; a post of an association not yet approved waits for approval.
"""

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can_edit_news_post, is_coordinator, may_write_news_for
from core.images import prepare_logo
from core.indexing import index_missing
from core.languages import translated_names
from core.models import PublicationStatus
from core.public_ids import save_new_or_changed
from core.publication import mark_changed, status_after_edit
from core.richtext import sanitize_html
from core.uploads import replacing_file
from core.writes import content_write
from organizations.models import Organization

from .models import NewsPost

RICH_TEXT = set(translated_names("body"))
FIELDS = set(translated_names("title", "lead", "image_alt"))
FIELDS |= RICH_TEXT
RELATIONS = {"topics", "municipalities"}


def _status(*, user, organization: Organization | None, current: str, publish: bool) -> str:
    if organization is None:  # the coordinator's office: only the coordinator writes
        return PublicationStatus.PUBLISHED if publish else PublicationStatus.DRAFT
    return status_after_edit(user=user, organization=organization, current=current, publish=publish)


def _assign(post: NewsPost, data: dict) -> None:
    unknown = set(data) - FIELDS
    if unknown:
        # A programming error, not a user's: the form and the service disagree.
        raise ValueError(f"Fields not editable here: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        value = value or ""
        setattr(post, name, sanitize_html(value) if name in RICH_TEXT else value.strip())


def _check(post: NewsPost, has_image: bool) -> None:
    if not post.title_fi:
        raise ValidationError({"title_fi": _("Enter the title in Finnish.")})
    if not post.body_fi and not post.lead_fi:
        raise ValidationError({"body_fi": _("Write the text of the post in Finnish.")})
    if has_image and not post.image_alt_fi:
        raise ValidationError({"image_alt_fi": _("Describe in Finnish what the picture shows.")})
    post.full_clean(exclude=["public_id", "image"], validate_unique=False)


def news_save(
    *,
    user,
    organization: Organization | None,
    data: dict,
    publish: bool,
    relations: dict | None = None,
    post: NewsPost | None = None,
    image=None,
    remove_image: bool = False,
) -> NewsPost:
    """Write a new post or change one; `organization` None is the coordinator's office.

    The author of an existing post stays; `image` is an upload, checked and shrunk here.
    """
    if post is not None:
        organization = post.organization
        if not can_edit_news_post(user, post):
            raise PermissionDenied(_("You may not edit this news post."))
    elif not may_write_news_for(user, organization):
        raise PermissionDenied(_("You may not write news for this association."))
    is_new = post is None
    post = post or NewsPost(organization=organization)
    current = PublicationStatus.DRAFT if is_new else post.publication_status
    _assign(post, data)
    prepared = prepare_logo(image) if image else None
    if prepared is not None:
        prepared.name = f"news-{uuid.uuid4().hex[:16]}.{prepared.name.rsplit('.', 1)[-1]}"
    keeps_image = bool(post.image) and not remove_image
    _check(post, has_image=prepared is not None or keeps_image)
    for name in relations or {}:
        if name not in RELATIONS:
            raise ValueError(f"Relation not editable here: {name}")
    with (
        replacing_file(post, "image", prepared, remove=remove_image),
        content_write(user, _("Saved the news post")),
    ):
        post.publication_status = _status(
            user=user, organization=organization, current=current, publish=publish
        )
        mark_changed(post, user)
        save_new_or_changed(post)
        for name, values in (relations or {}).items():
            getattr(post, name).set(values)
        if is_coordinator(user):
            # The coordinator's own edit needs no review: mark it reviewed as of its save.
            NewsPost.objects.filter(pk=post.pk).update(reviewed_at=F("updated_at"))
            post.refresh_from_db(fields=["reviewed_at", "updated_at"])
    return post


def news_index_due() -> int:
    """Put in the site search the published posts whose time has come and that it lacks.

    A post scheduled for later stays out of the index when saved (search.documents);
    run from cron every few minutes (`manage.py index_due_news`). Returns how many.
    """
    due = NewsPost.objects.filter(
        publication_status=PublicationStatus.PUBLISHED, published_at__lte=timezone.now()
    )
    return index_missing(due)
