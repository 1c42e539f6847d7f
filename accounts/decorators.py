"""View decorators built on accounts.permissions."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .permissions import is_coordinator


def coordinator_only(view):
    """Anonymous visitors are sent to sign in; anyone else but the coordinator gets 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_coordinator(request.user):
            raise PermissionDenied(_("Only the coordinator may see this page."))
        return view(request, *args, **kwargs)

    return wrapped
