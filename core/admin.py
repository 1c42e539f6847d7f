"""The admin's share of the write kernel: content admins keep their history too."""

from django.contrib import admin
from reversion.admin import VersionAdmin

from .models import Tombstone


class HistoryAdminMixin(VersionAdmin):
    """Put first in an admin's bases: `class OrganizationAdmin(HistoryAdminMixin, ...)`.

    An admin save is then recorded as a revision with its user, and the admin's
    "History" lists the versions, newest first. Register the model with
    core.history first (from the app's ready()), so its follow rules apply.
    """

    history_latest_first = True


@admin.register(Tombstone)
class TombstoneAdmin(admin.ModelAdmin):
    """Read only: tombstones are written by core.tombstones, for the API's mirrors."""

    list_display = ["model", "public_id", "reason", "removed_at"]
    list_filter = ["model", "reason"]
    search_fields = ["public_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
