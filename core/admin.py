"""The admin's share of the write kernel: content admins keep their history too."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from reversion.admin import VersionAdmin
from reversion.models import Version

from .consent_restore import withdrawals_kept_notice, withdrawals_to_keep
from .models import Tombstone
from .public_ids import save_new_or_changed

#: What an admin shows but never lets anyone type: set by the write kernel.
PUBLIC_ID_READONLY = ["public_id", "data_source", "created_at", "updated_at"]


class HistoryAdminMixin(VersionAdmin):
    """Put first in an admin's bases: `class OrganizationAdmin(HistoryAdminMixin, ...)`.

    An admin save is then recorded as a revision with its user, and the admin's
    "History" lists the versions, newest first. Register the model with
    core.history first (from the app's ready()), so its follow rules apply.
    """

    history_latest_first = True

    # The admin's "revert" and "recover" write a version back, then show it in the form.
    # Between the two, a person who withdrew their consent after the version is put back
    # as they are today (core.consent_restore), so the form never offers their details.

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id, object_id=unquote(object_id))
        request._sakke_consent_plan = withdrawals_to_keep(version)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        request._sakke_consent_plan = withdrawals_to_keep(get_object_or_404(Version, pk=version_id))
        return super().recover_view(request, version_id, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        plan = getattr(request, "_sakke_consent_plan", None)
        if plan is not None:
            names = plan.apply()
            if names:
                messages.warning(request, withdrawals_kept_notice(names))
        return super().changeform_view(request, object_id, form_url, extra_context)


class PublicIdAdmin(HistoryAdminMixin, admin.ModelAdmin):
    """An admin of content with a public id: a new object gets `sakke:<pk>` on its save."""

    readonly_fields = PUBLIC_ID_READONLY

    def save_model(self, request, obj, form, change):
        save_new_or_changed(obj)


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
