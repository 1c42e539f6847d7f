"""The coordinator's pages: build a survey, open and close rounds, send invitations,
approve free-text answers and export the raw answers (pseudonymised)."""

import datetime as dt
import hashlib
import hmac
import io

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import coordinator_only
from core.forms import show_service_errors
from programme.models import Indicator, IndicatorKind

from . import invitations, selectors, services
from .forms import (
    QuestionAddForm,
    QuestionConditionForm,
    QuestionIndicatorForm,
    QuestionRewordForm,
    RoundOpenForm,
    SectionAddForm,
    SurveyForm,
)
from .importing import round_export, write_csv
from .indicators import question_indicator_declare
from .models import Answer, Question, Response, Round
from .views import SECTION, _round_or_404, _survey_or_404


@coordinator_only
def survey_new(request):
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = services.survey_create(
                user=request.user,
                slug=data["slug"],
                names={lang: data[f"name_{lang}"] for lang in ("fi", "sv", "en")},
            )
        except ValidationError as error:
            show_service_errors(error, form)
        else:
            return redirect("surveys:edit", slug=survey.slug)
    context = {"form": form, "show_errors": True, "section": SECTION}
    return render(request, "surveys/survey_new.html", context)


@coordinator_only
def survey_edit(request, slug):
    """The questionnaire, with forms to add a section and a question."""
    survey = _survey_or_404(slug)
    action = request.POST.get("action")
    section_form = SectionAddForm(request.POST if action == "section" else None, prefix="s")
    question_form = QuestionAddForm(
        request.POST if action == "question" else None, survey=survey, prefix="q"
    )
    if action == "section" and section_form.is_valid():
        data = section_form.cleaned_data
        services.section_add(
            user=request.user,
            survey=survey,
            titles={lang: data[f"title_{lang}"] for lang in ("fi", "sv", "en")},
        )
        messages.success(request, _("The section was added."))
        return redirect("surveys:edit", slug=slug)
    if action == "question" and question_form.is_valid():
        data = question_form.cleaned_data
        try:
            services.question_add(
                user=request.user,
                section=survey.sections.get(pk=data["section"]),
                key=data["key"],
                kind=data["kind"],
                texts={lang: data[f"text_{lang}"] for lang in ("fi", "sv", "en")},
                choices=data["choices"],
                required=data["required"],
            )
        except ValidationError as error:
            show_service_errors(error, question_form)
        else:
            messages.success(request, _("The question was added."))
            return redirect("surveys:edit", slug=slug)
    questions = survey.questions.select_related("section").prefetch_related("versions", "choices")
    context = {
        "survey": survey,
        "sections": survey.sections.all(),
        "questions": questions,
        "rounds": survey.rounds.order_by("opens_at", "pk"),
        "section_form": section_form,
        "question_form": question_form,
        "show_errors": True,
        "section": SECTION,
    }
    return render(request, "surveys/survey_edit.html", context)


@coordinator_only
def question_edit(request, slug, key):
    """One question: reword it into a new version, set when it is shown, and declare its
    result an indicator of the association programme."""
    survey = _survey_or_404(slug)
    question = Question.objects.filter(survey=survey, key=key).prefetch_related(
        "versions", "choices"
    )
    question = question.select_related("show_if_choice").first()
    if question is None:
        raise Http404
    action = request.POST.get("action")
    current = question.current_version()
    reword_form = QuestionRewordForm(
        request.POST if action == "reword" else None,
        prefix="w",
        initial={
            f"text_{lang}": getattr(current, f"text_{lang}", "") for lang in ("fi", "sv", "en")
        },
    )
    earlier = services.earlier_choice_questions(question)
    condition_form = QuestionConditionForm(
        request.POST if action == "condition" else None,
        prefix="c",
        question=question,
        earlier=earlier,
    )
    indicators = Indicator.objects.filter(kind=IndicatorKind.MANUAL).select_related("programme")
    indicator_form = QuestionIndicatorForm(
        request.POST if action == "indicator" else None,
        prefix="i",
        question=question,
        indicators=indicators,
    )
    done = None
    if action == "reword" and reword_form.is_valid():
        data = reword_form.cleaned_data
        services.question_reword(
            user=request.user,
            question=question,
            texts={lang: data[f"text_{lang}"] for lang in ("fi", "sv", "en")},
            comparable=data["comparable"] == "yes",
        )
        done = _("The new wording is saved; the next round asks it.")
    elif action == "condition" and condition_form.is_valid():
        pk = condition_form.cleaned_data["show_if_choice"]
        choice = next((c for q in earlier for c in q.choices.all() if str(c.pk) == pk), None)
        try:
            services.question_condition_set(user=request.user, question=question, choice=choice)
        except ValidationError as error:
            show_service_errors(error, condition_form)
        else:
            done = _("The condition is saved.")
    elif action == "indicator" and indicator_form.is_valid():
        data = indicator_form.cleaned_data
        choice = question.choices.filter(pk=data.get("choice") or None).first()
        try:
            question_indicator_declare(
                user=request.user,
                question=question,
                indicator=indicators.get(pk=data["indicator"]),
                choice=choice,
            )
        except ValidationError as error:
            show_service_errors(error, indicator_form, {"indicator": "indicator"})
        else:
            done = _("The indicator is declared; each round's value is written as it closes.")
    if done:
        messages.success(request, done)
        return redirect("surveys:question", slug=slug, key=key)
    context = {
        "survey": survey,
        "question": question,
        "versions": sorted(question.versions.all(), key=lambda v: v.number),
        "declared": question.indicators.select_related("indicator__programme", "choice"),
        "reword_form": reword_form,
        "condition_form": condition_form,
        "indicator_form": indicator_form,
        "show_errors": True,
        "section": SECTION,
    }
    return render(request, "surveys/question_edit.html", context)


@coordinator_only
def round_new(request, slug):
    survey = _survey_or_404(slug)
    form = RoundOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        closes_at = timezone.make_aware(
            dt.datetime.combine(data["closes_on"] + dt.timedelta(days=1), dt.time.min)
        )
        try:
            round_ = services.round_open(
                user=request.user,
                survey=survey,
                name=data["name"],
                closes_at=closes_at,
                municipalities=data["municipalities"],
                topics=data["topics"],
                open_link=data["open_link"],
            )
        except ValidationError as error:
            show_service_errors(error, form, {"closes_at": "closes_on"})
        else:
            messages.success(request, _("The round is open."))
            return redirect("surveys:round", slug=slug, pk=round_.pk)
    context = {"survey": survey, "form": form, "show_errors": True, "section": SECTION}
    return render(request, "surveys/round_new.html", context)


@coordinator_only
def round_manage(request, slug, pk):
    """A round at a glance: invitations, response rates, texts to approve; close it."""
    round_ = _round_or_404(_survey_or_404(slug), pk)
    if request.method == "POST":
        return _round_action(request, round_)
    context = {
        "survey": round_.survey,
        "round": round_,
        "invitations": round_.invitations.select_related("organization").order_by(
            "organization__name"
        )[:500],
        "responses": round_.responses.filter(status=Response.Status.SUBMITTED).count(),
        "drafts": round_.responses.filter(status=Response.Status.DRAFT).count(),
        "rates": selectors.response_rates(round_),
        "texts": selectors.texts_to_review(round_)[:500],
        "section": SECTION,
    }
    return render(request, "surveys/round_manage.html", context)


def _round_action(request, round_: Round):
    action = request.POST.get("action")
    if action == "invite":
        invitations.invitations_request(round_=round_)
        messages.success(request, _("The invitations are being sent."))
    elif action == "close":
        services.round_close(user=request.user, round_=round_)
        messages.success(request, _("The round is closed and its results are published."))
    elif action in ("approve", "hide"):
        answer = Answer.objects.filter(pk=request.POST.get("answer"), response__round=round_)
        answer = answer.select_related("response").first()
        if answer is None:
            raise Http404
        services.text_answer_approve(user=request.user, answer=answer, approved=action == "approve")
    return redirect("surveys:round", slug=round_.survey.slug, pk=round_.pk)


def pseudonym(response: Response) -> str:
    """A stable name for an association that did not consent to be named: the same in
    every export of the survey, not reversible without the secret key."""
    if response.organization_id is None:
        return _("individual %(number)d") % {"number": response.pk}
    message = f"{response.round.survey_id}:{response.organization_id}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return f"A-{digest[:8]}"


@coordinator_only
@require_POST
def raw_export(request, slug, pk):
    """Every sent response of the round, one row each in the import's shape; associations
    by pseudonym unless they consented to be named. Posted, so no link preview fetches it."""
    round_ = _round_or_404(_survey_or_404(slug), pk)

    def name_or_pseudonym(response):
        named = response.consent_to_be_named and response.organization_id
        return response.organization.name if named else pseudonym(response)

    rows, _mapping = round_export(round_, name_or_pseudonym)
    text = io.StringIO(write_csv(rows))
    reply = HttpResponse("\ufeff" + text.getvalue(), content_type="text/csv; charset=utf-8")
    reply["Content-Disposition"] = f'attachment; filename="{round_.survey.slug}-raw.csv"'
    return reply
