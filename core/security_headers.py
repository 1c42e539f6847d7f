"""Response headers that protect every page: Content-Security-Policy and Permissions-Policy.

The public pages run no inline script or style, so their policy allows only our own
files (and the map tiles). Two pages we do not write need more, and get it by path only:
the admin and the API docs page (Swagger UI), both of which set inline styles.
"""

import re
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

# /fi/admin/, /sv/admin/, /en/admin/ (page URLs carry the language prefix).
ADMIN_PATH = re.compile(r"^/[a-z]{2}(-[a-z]+)?/admin/")
API_DOCS_PATH = "/api/v1/docs/"

# These replace the directives they name ('unsafe-inline' is ignored next to a hash).
ADMIN_POLICY = {"style-src": ["'self'", "'unsafe-inline'"]}
# The docs page is drf-spectacular's split view (its start-up script is a file of its
# own); Swagger UI still sets inline styles.
API_DOCS_POLICY = {"style-src": ["'self'", "'unsafe-inline'"]}


def map_tile_origin() -> str:
    """The origin of SAKKE_MAP_TILE_URL, with Leaflet's {s} subdomain as a wildcard."""
    parts = urlsplit(getattr(settings, "SAKKE_MAP_TILE_URL", "") or "")
    host = parts.netloc.replace("{s}.", "*.")
    return f"{parts.scheme}://{host}" if parts.scheme in ("http", "https") and host else ""


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, plus the map tile host and the per-path exceptions."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        tiles = map_tile_origin()
        if tiles:
            parts.update = _merge({"img-src": [tiles]}, parts.update or {})
        path = request.path_info
        looser = None
        if ADMIN_PATH.match(path):
            looser = ADMIN_POLICY
        elif path.startswith(API_DOCS_PATH):
            looser = API_DOCS_POLICY
        if looser:
            parts.replace = {**looser, **(parts.replace or {})}
        return parts


def _merge(first: dict, second: dict) -> dict:
    merged = {key: list(values) for key, values in first.items()}
    for key, values in second.items():
        values = [values] if isinstance(values, str) else list(values)
        merged.setdefault(key, []).extend(v for v in values if v not in merged[key])
    return merged


class PermissionsPolicyMiddleware:
    """Turns off browser features the service never uses (settings.PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response
