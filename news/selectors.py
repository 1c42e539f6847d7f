"""Reads of news: the public list, one post, a newsletter period, and a writer's own posts."""

import datetime as dt
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.permissions import can_edit_news_post, editable_organizations, is_coordinator
from core.models import PublicationStatus
from organizations.models import Organization

from .models import NewsPost


def news_list() -> QuerySet[NewsPost]:
    """Published posts whose time has come, newest first, with what a list shows."""
    return (
        NewsPost.objects.filter(
            publication_status=PublicationStatus.PUBLISHED, published_at__lte=timezone.now()
        )
        .select_related("organization")
        .prefetch_related("topics", "municipalities")
        .order_by("-published_at", "-pk")
    )


def news_get(public_id: str) -> NewsPost:
    """One public post (raises NewsPost.DoesNotExist)."""
    return news_list().get(public_id=public_id)


def _tagged(queryset: QuerySet, field: str, values: Iterable | None) -> QuerySet:
    """Posts tagged with any of `values` (objects or pks) through `field`, or not tagged."""
    if values is None:
        return queryset
    pks = [getattr(value, "pk", value) for value in values]
    relation = NewsPost._meta.get_field(field)
    through = relation.remote_field.through
    owner, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    tags = through.objects.filter(**{owner: OuterRef("pk")})
    return queryset.filter(Exists(tags.filter(**{f"{target}__in": pks})) | ~Exists(tags))


def news_for_period(
    start: dt.datetime,
    end: dt.datetime,
    *,
    topics: Iterable | None = None,
    municipalities: Iterable | None = None,
) -> QuerySet[NewsPost]:
    """Posts published between start and end (both included), for a newsletter issue.

    With `topics` or `municipalities` (objects or pks), posts tagged with any of them
    and posts without such tags (news for everyone) are kept.
    """
    posts = news_list().filter(published_at__gte=start, published_at__lte=end)
    posts = _tagged(posts, "topics", topics)
    return _tagged(posts, "municipalities", municipalities)


def own_news_list(user, organization: Organization | None = None) -> QuerySet[NewsPost]:
    """Every post the user may edit, drafts too; only `organization`'s when given."""
    posts = NewsPost.objects.select_related("organization").order_by("-updated_at", "-pk")
    if organization is not None:
        return posts.filter(organization=organization)
    allowed = Q(organization__in=editable_organizations(user).filter(editor_roles__user=user))
    if is_coordinator(user):
        allowed |= Q(organization__isnull=True)
    return posts.filter(allowed)


def own_news_get(user, public_id: str) -> NewsPost:
    """One post the user may edit; any other is "not found", existing or not."""
    post = NewsPost.objects.select_related("organization").filter(public_id=public_id).first()
    if post is None or not can_edit_news_post(user, post):
        raise Http404
    return post
