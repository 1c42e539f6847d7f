"""The programme's dashboard, its data as files, and a person's reminder setting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from municipalities.models import Municipality

from . import services
from .charts import bar_chart, line_chart
from .dashboard import dashboard_build
from .dashboard_cache import cached, dashboard_key
from .models import ReminderOptOut
from .spreadsheets import table_response
from .views import SECTION, _programme_or_404


def _municipality_or_404(slug):
    return get_object_or_404(Municipality, slug=slug) if slug else None


#: The dashboard's tables drawn as bar charts, in the page's order.
BAR_CHARTS = ("status", "goals", "municipalities")


def _dashboard_body(programme, municipality) -> tuple[str, object]:
    """The dashboard's counts, charts and tables as HTML, and the board they were drawn
    from (None when the HTML came from the cache: then nothing is counted or drawn)."""
    today = timezone.localdate()
    key = dashboard_key("body", programme, municipality, today.isoformat(), get_language())
    built = []

    def render() -> str:
        board = dashboard_build(programme, municipality, today)
        built.append(board)
        context = {
            "programme": programme,
            "municipality": municipality,
            "board": board,
            "charts": [bar_chart(board.tables[name]) for name in BAR_CHARTS],
            "indicator_charts": [
                (series, line_chart(series.table, series.indicator.target))
                for series in board.indicators
            ],
            "measures_table": board.tables["measures"],
        }
        return render_to_string("programme/_dashboard_body.html", context)

    body = cached(key, render)
    return mark_safe(body), (built[0] if built else None)  # noqa: S308 (our own template's output)


def dashboard(request, slug=None, municipality=None):
    """Progress by goal, measure and municipality, and the indicators, as charts and tables."""
    programme = _programme_or_404(slug)
    if request.GET.get("kunta"):  # the form's choice, without JavaScript
        chosen = _municipality_or_404(request.GET["kunta"])
        return redirect("programme:municipality_dashboard", programme.slug, chosen.slug)
    chosen = _municipality_or_404(municipality)
    body, board = _dashboard_body(programme, chosen)
    context = {
        "programme": programme,
        "body": body,
        "board": board,
        "municipalities": Municipality.objects.order_by("name"),
        "municipality": chosen,
        "section": SECTION,
    }
    return render(request, "programme/dashboard.html", context)


def dashboard_data(request, slug, key, fmt, municipality=None):
    """One chart's table of the dashboard as CSV or XLSX."""
    if fmt not in ("csv", "xlsx"):
        raise Http404(_("No such table."))
    programme = _programme_or_404(slug)
    board = dashboard_build(programme, _municipality_or_404(municipality))
    tables = {**board.tables, **{series.table.key: series.table for series in board.indicators}}
    if key not in tables:
        raise Http404(_("No such table."))
    table = tables[key]
    return table_response(f"{programme.slug}-{table.title}", table.columns, table.rows, fmt)


@login_required
def reminder_settings(request):
    """Whether the person gets the programme's reminders; one button to change it."""
    opted_out = ReminderOptOut.objects.filter(user=request.user).exists()
    if request.method == "POST":
        wanted = request.POST.get("reminders") == "on"
        services.reminders_opt_out_set(user=request.user, opted_out=not wanted)
        messages.success(
            request,
            _("You will get the programme's reminders.")
            if wanted
            else _("You will get no more reminders of the programme."),
        )
        return redirect("programme:reminders")
    context = {"opted_out": opted_out, "section": "selfservice"}
    return render(request, "programme/reminder_settings.html", context)
