"""The embeddable widget: a frame page, a script with its data, and the builder page.

Only the frame may be framed by other sites (CSP frame-ancestors *); every other page
keeps refusing (frame-ancestors 'none', X-Frame-Options: DENY). Neither the frame, the
script nor its data sets a cookie or tracks anyone.
"""

from pathlib import Path
from urllib.parse import urlencode

from csp.decorators import csp_replace
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from .forms import WidgetForm
from .selectors import widget_items

SCRIPT = Path(__file__).resolve().parent / "static" / "widget" / "sakke-widget.js"
PARAMETERS = ["kind", "municipality", "topic", "association", "count", "language"]


def _filters(form: WidgetForm) -> dict:
    data = form.cleaned_data
    return {
        "municipality": data.get("municipality"),
        "topic": data.get("topic"),
        "association": data.get("association"),
        "count": data.get("count") or 5,
    }


def _heading(form: WidgetForm) -> str:
    data = form.cleaned_data
    kind = data.get("kind") or "events"
    where = data.get("municipality")
    if kind == "activities":
        if where:
            return _("Activities in %(place)s") % {"place": where.name}
        return _("Activities")
    if where:
        return _("Upcoming events in %(place)s") % {"place": where.name}
    return _("Upcoming events")


def _more_url(form: WidgetForm) -> str:
    data = form.cleaned_data
    kind = data.get("kind") or "events"
    query = {}
    if data.get("municipality"):
        query["municipality"] = data["municipality"].code
    if data.get("topic"):
        query["topic"] = data["topic"].slug
    path = reverse("activities:list" if kind == "activities" else "events:list")
    return f"{path}?{urlencode(query)}" if query else path


@require_GET
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def frame(request):
    """The widget as a page of its own, for an <iframe> on any site."""
    form = WidgetForm(request.GET)
    if not form.is_valid():
        return render(request, "widget/frame.html", {"form": form}, status=400)
    context = {
        "form": form,
        "heading": _heading(form),
        "items": widget_items(form.cleaned_data["kind"], **_filters(form)),
        "more_url": _more_url(form),
        "kind": form.cleaned_data["kind"],
    }
    return render(request, "widget/frame.html", context)


@require_GET
@cache_control(public=True, max_age=300)
def items(request):
    """The script's data: the items, a heading and a link, in the asked language."""
    form = WidgetForm(request.GET)
    if not form.is_valid():
        response = JsonResponse({"errors": form.errors}, status=400)
    else:
        language = form.cleaned_data.get("language") or translation.get_language()
        with translation.override(language):
            absolute = request.build_absolute_uri
            found = widget_items(form.cleaned_data["kind"], **_filters(form))
            response = JsonResponse(
                {
                    "language": language,
                    "heading": _heading(form),
                    "empty": _("Nothing to show right now."),
                    "more": _("See more"),
                    "more_url": absolute(_more_url(form)),
                    "items": [item | {"url": absolute(item["url"])} for item in found],
                }
            )
    # Any site may read it; no credentials, so no cookie is ever sent or set.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@cache_control(public=True, max_age=3600)
def script(request):
    """The embedding script (no dependencies, no cookies), at a stable address."""
    response = HttpResponse(SCRIPT.read_bytes(), content_type="text/javascript; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def builder(request):
    """A page where a municipality or an association picks the widget's content,
    previews it and copies the snippet."""
    form = WidgetForm(request.GET or None)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        language = data.get("language") or translation.get_language()
        params = {
            "kind": data["kind"],
            "municipality": data["municipality"].code if data.get("municipality") else "",
            "topic": data["topic"].slug if data.get("topic") else "",
            "association": data["association"].public_id if data.get("association") else "",
            "count": data["count"],
        }
        params = {key: value for key, value in params.items() if value}
        with translation.override(language):
            frame_path = reverse("widget:frame")
        context |= {
            "frame_url": request.build_absolute_uri(f"{frame_path}?{urlencode(params)}"),
            "script_url": request.build_absolute_uri(reverse("widget_script")),
            "script_params": params | {"language": language},
        }
    elif not form.is_bound:
        context["frame_url"] = request.build_absolute_uri(reverse("widget:frame"))
        context["script_url"] = request.build_absolute_uri(reverse("widget_script"))
        context["script_params"] = {"language": translation.get_language()}
    return render(request, "widget/builder.html", context)
