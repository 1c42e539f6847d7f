"""The sign-in lockout (django-axes), fitted to sign-in by e-mail address."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out address and IP pair before any password is checked.

    Calls without a request come from code (tests, management commands), not from a
    visitor, so there is no IP to lock and axes is skipped rather than raising.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_username(request, credentials) -> str:
    """The address as the failure counter knows it: `Maija@X.fi` and `maija@x.fi` are one."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()
