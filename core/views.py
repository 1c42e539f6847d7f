"""The pattern every filtered list page shares, the about page, robots.txt and /health/.

The home page shows several apps, so it lives in pages/views.py.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from core.filtering import ranked_through
from core.health import service_health
from core.pagination import CappedCountPaginator, requested_page

PAGE_SIZE = 20


@dataclass
class FilterField:
    """One control of a filter form, as the shared template renders it."""

    name: str
    label: str
    kind: str  # "search", "select", "date" or "checkbox"
    value: str = ""
    choices: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def filter_fields(filterset, kinds: dict, choices: dict) -> list[FilterField]:
    """The controls of `filterset`'s form, with the values the visitor sent back in."""
    form = filterset.form
    fields = []
    for name, kind in kinds.items():
        form_field = form.fields[name]
        options = choices.get(name)
        if options is None and hasattr(form_field, "choices"):
            options = [(value, label) for value, label in form_field.choices if value != ""]
        fields.append(
            FilterField(
                name=name,
                label=form_field.label,
                kind=kind,
                value=str(form.data.get(name, "") or ""),
                choices=options or [],
                errors=form.errors.get(name, []) if form.is_bound else [],
            )
        )
    return fields


def render_filtered_list(request, *, filterset, page_template, results_template, context):
    """Render a filtered, paginated list: the results partial for htmx, the page otherwise.

    One URL serves both, so a filtered list can be bookmarked and shared.
    """
    number = requested_page(request.GET.get("page"))
    # A text search ranks the rows up to the end of this page (core.filtering).
    with ranked_through(number * PAGE_SIZE) as window:
        rows = filterset.qs
    # A list searched by text is paged from the search's ids (core.filtering).
    rows = window.found_rows(rows, filterset.queryset)
    paginator = CappedCountPaginator(
        rows, PAGE_SIZE, requested_page=number, more_rows=window.more_matches
    )
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page_obj": page,
        "paginator": paginator,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "has_filter_errors": bool(filterset.form.errors),
        **context,
    }
    if callable(context.get("group_page")):
        context["groups"] = context.pop("group_page")(page.object_list)
    partial = request.htmx and not request.htmx.history_restore_request
    response = render(request, results_template if partial else page_template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def about(request):
    coordinator = {
        "name": settings.SAKKE_COORDINATOR_NAME,
        "email": settings.SAKKE_COORDINATOR_EMAIL,
        "phone": settings.SAKKE_COORDINATOR_PHONE,
        "organization": settings.SAKKE_CONTROLLER_NAME,
    }
    return render(request, "core/about.html", {"coordinator": coordinator})


#: A page of each section meant for people signed in, or reached by a personal link.
PRIVATE_SECTIONS = (
    "admin:index",
    "accounts:login",
    "selfservice:dashboard",
    "moderation:queue",
    "freshness:stale",
)


def _section_prefix(url_name: str) -> str:
    """/fi/tili/ of /fi/tili/kirjaudu/: the language and the section's first segment."""
    return "/".join(reverse(url_name).split("/")[:3]) + "/"


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page names; the icon is an SVG.

    Looked up per request, not at import: the static manifest may not exist yet then.
    """
    return HttpResponsePermanentRedirect(static("favicon.svg"))


def robots_txt(request):
    """Crawlers may read the public pages; the sitemap lists them all.

    Left out: the sections for signed-in people, the API (it has its own documentation),
    and every URL with a query string: the filters and search of the lists make endless
    combinations of the same pages, and each page they lead to is in the sitemap.
    """
    # The longest matching rule wins: the sitemap's own pages (?p=2) stay allowed.
    lines = ["User-agent: *", "Allow: /sitemap", "Disallow: /api/", "Disallow: /*?"]
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            lines += [f"Disallow: {_section_prefix(name)}" for name in PRIVATE_SECTIONS]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def health(request):
    """GET /health/: 200 while the database answers (with "degraded" when background work
    is late), 503 when it does not. Never cached; see core/health.py."""
    report = service_health()
    response = JsonResponse(report, status=503 if report["status"] == "error" else 200)
    add_never_cache_headers(response)
    return response
