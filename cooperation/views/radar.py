"""The consultation radar's pages, the coordinator's entry and correction, and alerts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.decorators import coordinator_only
from accounts.permissions import is_coordinator
from municipalities.models import Municipality
from taxonomy.models import Topic

from .. import selectors
from ..alerts import follow_save, follow_unsubscribe
from ..forms import ConsultationForm, ConsultationTagsForm, FollowForm
from ..models import Consultation, Follow, Frequency
from ..permissions import (
    can_correct_consultations,
    can_open_statement,
    own_organizations,
)
from ..radar import consultation_save
from .common import form_errors, page


def consultation_list(request):
    show_all = request.GET.get("all") == "1"
    topic = request.GET.get("topic", "")
    municipality = request.GET.get("municipality", "")
    context = {
        "consultations": selectors.consultation_list(
            open_only=not show_all, topic=topic, municipality=municipality
        )[:200],
        "show_all": show_all,
        "topics": Topic.objects.order_by("name"),
        "municipalities": Municipality.objects.order_by("name"),
        "topic": topic,
        "municipality": municipality,
        "may_add": can_correct_consultations(request.user),
    }
    return page(request, "cooperation/consultation_list.html", context)


def _consultation_or_404(public_id) -> Consultation:
    try:
        return selectors.consultation_get(public_id)
    except Consultation.DoesNotExist:
        raise Http404(_("No consultation found with this id.")) from None


def consultation_detail(request, public_id):
    consultation = _consultation_or_404(public_id)
    statements = consultation.statements.all()
    user = request.user
    # Drafts are listed to those who may open them: the coordinator, their authors and
    # associations' editors (as on the statement page itself).
    if not (is_coordinator(user) or own_organizations(user).exists()):
        authored = Q(author=user) if user.is_authenticated else Q(pk__in=[])
        statements = statements.filter(Q(status="sent") | authored)
    context = {
        "consultation": consultation,
        "statements": statements,
        "may_correct": can_correct_consultations(request.user),
        "may_open_statement": can_open_statement(request.user),
    }
    return page(request, "cooperation/consultation_detail.html", context)


@coordinator_only
def consultation_edit(request, public_id=None):
    """Enter a consultation by hand, or correct one (its text, topics and areas)."""
    consultation = _consultation_or_404(public_id) if public_id else None
    initial, tag_initial = {}, {}
    if consultation:
        initial = {name: getattr(consultation, name) for name in ConsultationForm.base_fields}
        tag_initial = {
            "topics": consultation.topics.all(),
            "municipalities": consultation.municipalities.all(),
        }
    form = ConsultationForm(request.POST or None, initial=initial)
    tags = ConsultationTagsForm(request.POST or None, initial=tag_initial, prefix="tags")
    if request.method == "POST" and form.is_valid() and tags.is_valid():
        try:
            consultation = consultation_save(
                user=request.user,
                data=form.cleaned_data,
                consultation=consultation,
                topics=tags.cleaned_data["topics"] if consultation else None,
                municipalities=tags.cleaned_data["municipalities"] if consultation else None,
            )
        except ValidationError as error:
            form_errors(error, form)
        else:
            messages.success(request, _("The consultation was saved."))
            return redirect(consultation.get_absolute_url())
    context = {"consultation": consultation, "form": form, "tags": tags}
    return page(request, "cooperation/consultation_form.html", context)


@login_required
def follow_edit(request):
    """Follow topics and municipalities, for oneself or one of one's associations."""
    organizations = list(own_organizations(request.user)[:200])
    by_id = {org.public_id: org for org in organizations}
    organization = by_id.get(request.GET.get("org") or request.POST.get("org") or "")
    follow = (
        Follow.objects.filter(user=request.user, organization=organization)
        .prefetch_related("topics", "municipalities")
        .first()
    )
    initial = {"frequency": Frequency.WEEKLY, "reminders": True}
    if follow:
        initial = {
            "topics": follow.topics.all(),
            "municipalities": follow.municipalities.all(),
            "frequency": follow.frequency,
            "reminders": follow.reminders,
        }
    form = FollowForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            follow_save(user=request.user, organization=organization, **form.cleaned_data)
        except ValidationError as error:
            form_errors(error, form)
        else:
            messages.success(request, _("Your choices were saved."))
            return redirect(request.get_full_path())
    context = {
        "form": form,
        "follow": follow,
        "organization": organization,
        "organizations": organizations,
    }
    return page(request, "cooperation/follow_form.html", context)


# RFC 8058 one-click unsubscribe: the mail client POSTs to the List-Unsubscribe URL
# without cookies, so no CSRF token. The random key in the URL is what authorises it
# (sent only to the follower), and the view does nothing but stop that one follow.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    follow = get_object_or_404(Follow, token=token)
    if request.method == "POST":
        follow_unsubscribe(follow=follow)
        return page(request, "cooperation/unsubscribed.html", {"follow": follow})
    return page(request, "cooperation/unsubscribe.html", {"follow": follow})
