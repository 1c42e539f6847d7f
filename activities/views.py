from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.views import filter_fields, render_filtered_list
from municipalities.selectors import municipality_choices
from taxonomy.selectors import audience_choices, language_choices, topic_choices

from .filters import ActivityFilter
from .models import Activity
from .selectors import activity_get, activity_list

FILTER_KINDS = {
    "q": "search",
    "kind": "select",
    "participation": "select",
    "municipality": "select",
    "topic": "select",
    "audience": "select",
    "language": "select",
    "is_free": "checkbox",
}


# The volunteering page is the activity list with the kind fixed.
VOLUNTEERING_FILTER_KINDS = {name: kind for name, kind in FILTER_KINDS.items() if name != "kind"}


def filter_choices() -> dict:
    return {
        "municipality": municipality_choices(),
        "topic": topic_choices(),
        "audience": audience_choices(),
        "language": language_choices(),
    }


def activity_list_page(request):
    filterset = ActivityFilter(request.GET, queryset=activity_list())
    return render_filtered_list(
        request,
        filterset=filterset,
        page_template="activities/activity_list.html",
        results_template="activities/_results.html",
        context={
            "fields": filter_fields(filterset, FILTER_KINDS, filter_choices()),
            "section": "activities",
        },
    )


def volunteering_list_page(request):
    """Volunteering tasks, with the same filters as the activity list (the kind fixed)."""
    data = request.GET.copy()
    data["kind"] = Activity.Kind.VOLUNTEERING
    filterset = ActivityFilter(data, queryset=activity_list())
    return render_filtered_list(
        request,
        filterset=filterset,
        page_template="activities/volunteering_list.html",
        results_template="activities/_volunteering_results.html",
        context={
            "fields": filter_fields(filterset, VOLUNTEERING_FILTER_KINDS, filter_choices()),
            "section": "activities",
        },
    )


def activity_detail(request, public_id):
    try:
        activity = activity_get(public_id)
    except Activity.DoesNotExist:
        raise Http404(_("No activity found with this id.")) from None
    return render(
        request, "activities/activity_detail.html", {"activity": activity, "section": "activities"}
    )
