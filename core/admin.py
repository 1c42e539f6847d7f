"""The admin's share of the write kernel: content admins keep their history too."""

from reversion.admin import VersionAdmin


class HistoryAdminMixin(VersionAdmin):
    """Put first in an admin's bases: `class OrganizationAdmin(HistoryAdminMixin, ...)`.

    An admin save is then recorded as a revision with its user, and the admin's
    "History" lists the versions, newest first. Register the model with
    core.history first (from the app's ready()), so its follow rules apply.
    """

    history_latest_first = True
