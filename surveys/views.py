"""Public pages of the NGO survey and the answer form.

The answer form is one section a page: "Save" keeps the answers as a draft, "Next" and
"Previous" save and move, "Send" on the last page checks the required questions of every
page and sends. It works without JavaScript; conditions are applied on the server.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import can_edit_organization
from core.forms import show_service_errors
from municipalities.models import Municipality
from organizations.models import Organization

from . import downloads, invitations, selectors, services
from .charts import comparison_chart
from .forms import ConsentForm, OpenLinkAntiBotForm, SectionForm
from .models import Response, Round, Survey
from .results import DIMENSIONS, cached_for_round, min_group, round_results

SECTION = "surveys"
ANONYMOUS_SESSION_KEY = "surveys_anonymous"


def _survey_or_404(slug) -> Survey:
    try:
        return selectors.survey_get(slug)
    except Survey.DoesNotExist:
        raise Http404(_("No survey found with this name.")) from None


def _round_or_404(survey, pk) -> Round:
    try:
        return selectors.round_get(survey, pk)
    except Round.DoesNotExist:
        raise Http404(_("No round found.")) from None


def survey_index(request):
    context = {"surveys": selectors.survey_list(), "section": SECTION}
    return render(request, "surveys/survey_list.html", context)


def survey_detail(request, slug):
    survey = _survey_or_404(slug)
    open_rounds = selectors.open_rounds(survey)
    answering = []
    if request.user.is_authenticated:
        for round_ in open_rounds:
            organizations = selectors.answerable_organizations(request.user, round_)[:50]
            answering += [(round_, organization) for organization in organizations]
    context = {
        "survey": survey,
        "closed_rounds": selectors.closed_rounds(survey),
        "open_rounds": open_rounds,
        "answering": answering,
        "section": SECTION,
    }
    return render(request, "surveys/survey_detail.html", context)


def _closed_round(slug, pk) -> Round:
    round_ = _round_or_404(_survey_or_404(slug), pk)
    if not round_.is_closed():
        raise Http404(_("The results are published when the round closes."))
    return round_


def round_results_page(request, slug, pk):
    """Every question's suppressed answers, broken down by one dimension at a time."""
    round_ = _closed_round(slug, pk)
    by = request.GET.get("by")
    by = by if by in DIMENSIONS else "municipality"
    context = {
        "survey": round_.survey,
        "round": round_,
        "results": round_results(round_),
        "texts": cached_for_round(round_, "texts", lambda: selectors.approved_texts(round_)),
        "rates": cached_for_round(round_, "rates", lambda: selectors.response_rates(round_)),
        "dimensions": list(DIMENSIONS.items()),
        "by": by,
        "by_label": DIMENSIONS[by],
        "threshold": min_group(),
        "section": SECTION,
    }
    return render(request, "surveys/results.html", context)


def round_results_download(request, slug, pk, fmt):
    if fmt not in downloads.FORMATS:
        raise Http404
    round_ = _closed_round(slug, pk)
    rows = downloads.results_rows(round_results(round_))
    return downloads.response(rows, f"{round_.survey.slug}-{round_.name}", fmt)


def comparison_page(request, slug):
    survey = _survey_or_404(slug)
    closed = selectors.closed_rounds(survey)
    rounds = selectors.chosen_rounds(survey, request.GET.getlist("round"))
    charts = []
    for comparison in selectors.comparisons(survey, rounds):
        shares = [result.shares() for _round, result in comparison.points]
        rows = [
            {"label": label, "shares": [row[index] for row in shares]}
            for index, (_value, label) in enumerate(comparison.columns)
        ]
        chart = comparison_chart(comparison)
        charts.append({"comparison": comparison, "chart": chart, "rows": rows})
    context = {
        "survey": survey,
        "closed_rounds": closed,
        "chosen": {r.pk for r in rounds},
        "query": request.GET.urlencode() if len(rounds) < len(closed) else "",
        "charts": charts,
        "threshold": min_group(),
        "section": SECTION,
    }
    return render(request, "surveys/comparison.html", context)


def comparison_download(request, slug, fmt):
    if fmt not in downloads.FORMATS:
        raise Http404
    survey = _survey_or_404(slug)
    rounds = selectors.chosen_rounds(survey, request.GET.getlist("round"))
    rows = downloads.comparison_rows(selectors.comparisons(survey, rounds))
    return downloads.response(rows, f"{survey.slug}-comparison", fmt)


# Answering.


def answer_invited(request, token):
    """An invited association answers through its signed personal link."""
    invitation = services.invitation_from_token(token)
    if invitation is None:
        raise Http404(_("This survey link is not valid. Ask the coordinator for a new one."))
    invitations.invitation_answered_in(invitation, get_language())
    url = reverse("surveys:answer_invited", args=[token])
    return _answer(request, invitation.round, url, organization=invitation.organization)


def answer_signed_in(request, slug, pk, organization):
    """An editor of an association answers for it when signed in."""
    round_ = _round_or_404(_survey_or_404(slug), pk)
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    found = Organization.objects.filter(public_id=organization).first()
    if found is None or not can_edit_organization(request.user, found):
        raise PermissionDenied(_("You may answer only for the associations you edit."))
    url = reverse("surveys:answer", args=[slug, pk, organization])
    return _answer(request, round_, url, organization=found)


def answer_open(request, slug, pk):
    """Anyone answers anonymously through a round's open link, if it has one."""
    round_ = _round_or_404(_survey_or_404(slug), pk)
    if not round_.open_link:
        raise Http404(_("This survey has no open link."))
    keys = request.session.get(ANONYMOUS_SESSION_KEY, {})
    key = keys.get(str(round_.pk))
    if key is None:
        key = services.new_anonymous_key()
        request.session[ANONYMOUS_SESSION_KEY] = {**keys, str(round_.pk): key}
    url = reverse("surveys:answer_open", args=[slug, pk])
    return _answer(request, round_, url, anonymous_key=key)


def _page_number(request, pages) -> int:
    try:
        number = int(request.POST.get("page") or request.GET.get("page") or 1)
    except ValueError:
        number = 1
    return min(max(number, 1), len(pages))


def _answer(request, round_, url, organization=None, anonymous_key=""):
    context = {"survey": round_.survey, "round": round_, "organization": organization}
    existing = Response.objects.filter(
        round=round_,
        **({"organization": organization} if organization else {"anonymous_key": anonymous_key}),
    ).first()
    if existing and existing.status == Response.Status.SUBMITTED:
        return render(request, "surveys/answer_sent.html", {**context, "section": SECTION})
    if not round_.is_open():
        return render(request, "surveys/answer_closed.html", {**context, "section": SECTION})
    pages = selectors.questionnaire(round_)
    if not pages:
        raise Http404(_("This round asks no questions."))
    number = _page_number(request, pages)
    saved = services.answer_values(existing) if existing else {}
    items = selectors.visible_items(pages, number - 1, saved)
    municipalities = Municipality.objects.order_by("name")
    last = number == len(pages)
    consent = ConsentForm(
        request.POST or None,
        initial={"consent_to_be_named": existing.consent_to_be_named if existing else False},
        prefix="consent",
    )
    # The open link is public: rate limits, honeypot and fill time (core.antibot).
    antibot = OpenLinkAntiBotForm(request.POST or None, request=request) if anonymous_key else None
    status = 200
    if request.method == "POST":
        form = SectionForm(request.POST, items=items, municipalities=municipalities)
        action = request.POST.get("action", "save")
        if antibot is not None and not antibot.is_valid():
            status = antibot.antibot_status
        elif form.is_valid() and consent.is_valid():
            response = existing or services.response_get_or_start(
                round_=round_, organization=organization, anonymous_key=anonymous_key
            )
            try:
                services.response_save(
                    response=response,
                    questions=[q for q, _v, _c in pages[number - 1].items],
                    values=form.values(),
                    submit=False,
                    user=request.user,
                    consent_to_be_named=consent.cleaned_data["consent_to_be_named"],
                )
                if action == "send" and last:
                    saved = services.answer_values(response)
                    missing = selectors.missing_required(pages, saved)
                    if form.check_required() and not missing:
                        services.response_save(
                            response=response,
                            questions=[],
                            values={},
                            submit=True,
                            user=request.user,
                            consent_to_be_named=consent.cleaned_data["consent_to_be_named"],
                        )
                        messages.success(request, _("Thank you! Your answers have been sent."))
                        return redirect(url)
                    context["missing"] = [m for m in missing if m[0] != number]
                else:
                    return _after_save(request, url, action, number, len(pages))
            except ValidationError as error:
                show_service_errors(error, form)
    else:
        initial = {}
        for question, _v, _c in items:
            values = saved.get(question.pk, [])
            if question.kind == "multiple":
                initial[f"q_{question.key}"] = [str(v) for v in values]
            elif values:
                value = values[0]
                initial[f"q_{question.key}"] = (
                    str(int(value)) if question.kind == "scale" else value
                )
        form = SectionForm(initial=initial, items=items, municipalities=municipalities)
    context.update(
        {
            "form": form,
            "consent": consent if organization else None,
            "antibot": antibot,
            "pages": pages,
            "page": pages[number - 1],
            "number": number,
            "last": last,
            "url": url,
            "show_errors": True,
            "section": SECTION,
        }
    )
    return render(request, "surveys/answer_form.html", context, status=status)


def _after_save(request, url, action, number, count):
    if action == "next":
        return redirect(f"{url}?page={min(number + 1, count)}")
    if action == "previous":
        return redirect(f"{url}?page={max(number - 1, 1)}")
    messages.success(
        request,
        _("Your answers are saved. You can continue later through the same link."),
    )
    return redirect(f"{url}?page={number}")


def opt_out_page(request, token):
    """The e-mail's link to stop reminders: a button, so that a mail scanner following
    the link changes nothing."""
    invitation = invitations.invitation_from_opt_out_token(token)
    if invitation is None:
        raise Http404(_("This link is not valid."))
    if request.method == "POST":
        invitations.opt_out(invitation=invitation)
        invitation.refresh_from_db()
    context = {"invitation": invitation, "section": SECTION}
    return render(request, "surveys/opted_out.html", context)


@login_required
@require_POST
def naming_consent_withdraw(request, pk):
    """From the account page: the association is no longer named in this response's raw
    data (surveys.personal_data lists the consent)."""
    response = get_object_or_404(Response.objects.select_related("round", "organization"), pk=pk)
    services.response_naming_withdraw(user=request.user, response=response)
    messages.success(
        request,
        _("%(association)s is no longer named in the raw data of %(round)s.")
        % {"association": response.organization or _("The association"), "round": response.round},
    )
    return redirect("accounts:account")
