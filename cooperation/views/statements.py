"""Joint statements: the draft, its versions and comments, signing, sending, the PDF and
the outcome."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import is_coordinator

from .. import selectors, services
from ..forms import (
    CommentForm,
    OrganizationChoiceForm,
    OutcomeForm,
    RevisionForm,
    StatementOpenForm,
)
from ..models import Signature, Statement, StatementStatus
from ..pdf import PdfUnavailable, statement_pdf
from ..permissions import (
    can_open_statement,
    can_record_outcome,
    can_revise_statement,
    chaired_bodies,
    own_organizations,
)
from .common import form_errors, page
from .radar import _consultation_or_404


def statement_list(request):
    context = {
        "statements": selectors.statement_list()[:100],
        "counts": selectors.statement_counts(),
    }
    return page(request, "cooperation/statement_list.html", context)


def may_see_draft(user, statement) -> bool:
    """A draft is shown to its author, the coordinator and associations' editors."""
    return can_revise_statement(user, statement) or own_organizations(user).exists()


def _statement_or_404(request, public_id) -> Statement:
    try:
        statement = selectors.statement_get(public_id)
    except Statement.DoesNotExist:
        raise Http404(_("No statement found with this id.")) from None
    if not statement.is_published and not may_see_draft(request.user, statement):
        raise Http404(_("No statement found with this id."))
    return statement


def statement_detail(request, public_id):
    statement = _statement_or_404(request, public_id)
    user = request.user
    versions = list(statement.versions.select_related("author"))
    current = versions[-1] if versions else None
    compare = None
    if len(versions) > 1:
        try:
            number = int(request.GET.get("compare", versions[-2].number))
        except ValueError:
            number = versions[-2].number
        older = next((v for v in versions if v.number == number), versions[-2])
        compare = {"old": older, "rows": selectors.version_diff(older.text, current.text)}
    organizations = list(own_organizations(user))
    signed = list(selectors.signatories(statement))
    signed_ids = {s.organization_id for s in signed}
    context = {
        "statement": statement,
        "current": current,
        "versions": versions,
        "compare": compare,
        "comments": statement.comments.select_related("organization", "version"),
        "signatures": signed,
        "own_signatures": [s for s in signed if s.organization in organizations],
        "may_revise": can_revise_statement(user, statement),
        "may_record_outcome": can_record_outcome(user) and statement.is_published,
        "comment_form": CommentForm(organizations=organizations) if organizations else None,
        "sign_form": OrganizationChoiceForm(
            organizations=[o for o in organizations if o.pk not in signed_ids]
        )
        if organizations
        else None,
        "revision_form": RevisionForm(initial={"text": current.text if current else ""}),
    }
    return page(request, "cooperation/statement_detail.html", context)


@login_required
def statement_open(request, public_id):
    consultation = _consultation_or_404(public_id)
    user = request.user
    if not can_open_statement(user):
        raise PermissionDenied(_("Only the coordinator or a body's chair may open a statement."))
    form = StatementOpenForm(
        request.POST or None,
        bodies=list(chaired_bodies(user))
        if not is_coordinator(user)
        else list(selectors.body_list()),
        allow_none=is_coordinator(user),
        initial={"title": (_("Joint statement: %(title)s") % {"title": consultation.title})[:300]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            statement = services.statement_open(
                user=user,
                consultation=consultation,
                body=form.chosen_body(),
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            form_errors(error, form)
        else:
            messages.success(request, _("The draft is open for comments."))
            return redirect(statement.get_absolute_url())
    context = {"consultation": consultation, "form": form}
    return page(request, "cooperation/statement_open.html", context)


def _back(statement):
    return redirect(statement.get_absolute_url())


def _report(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


@login_required
def statement_revise(request, public_id):
    statement = _statement_or_404(request, public_id)
    if not can_revise_statement(request.user, statement):
        raise PermissionDenied(_("Only the author may revise the statement."))
    current = statement.current_version
    form = RevisionForm(request.POST or None, initial={"text": current.text if current else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.statement_revise(user=request.user, statement=statement, **form.cleaned_data)
        except ValidationError as error:
            form_errors(error, form)
        else:
            messages.success(request, _("The new version was saved."))
            return _back(statement)
    return page(
        request, "cooperation/statement_revise.html", {"statement": statement, "form": form}
    )


@login_required
@require_POST
def statement_comment(request, public_id):
    statement = _statement_or_404(request, public_id)
    form = CommentForm(request.POST, organizations=list(own_organizations(request.user)))
    if not form.is_valid():
        raise PermissionDenied(_("You may comment only for your own association."))
    try:
        services.statement_comment(
            user=request.user,
            statement=statement,
            organization=form.chosen_organization(),
            text=form.cleaned_data["text"],
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("Your comment was added."))
    return _back(statement)


@login_required
@require_POST
def statement_sign(request, public_id):
    statement = _statement_or_404(request, public_id)
    form = OrganizationChoiceForm(request.POST, organizations=list(own_organizations(request.user)))
    if not form.is_valid():
        raise PermissionDenied(_("You may sign only for your own association."))
    try:
        services.statement_sign(
            user=request.user, statement=statement, organization=form.chosen_organization()
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("Your association has signed the statement."))
    return _back(statement)


@login_required
@require_POST
def signature_withdraw(request, pk):
    signature = get_object_or_404(
        Signature.objects.select_related("statement", "organization"), pk=pk
    )
    try:
        services.signature_withdraw(user=request.user, signature=signature)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("The signature was withdrawn."))
    return _back(signature.statement)


@login_required
@require_POST
def statement_advance(request, public_id):
    """The author opens the draft for signatures, or sends the signed statement."""
    statement = _statement_or_404(request, public_id)
    step = request.POST.get("step")
    try:
        if step == "signing":
            services.statement_open_for_signing(user=request.user, statement=statement)
            messages.success(request, _("The statement is open for signatures."))
        elif step == "send":
            services.statement_send(user=request.user, statement=statement)
            messages.success(request, _("The statement was sent and published."))
        else:
            raise ValidationError(_("Unknown step."))
    except ValidationError as error:
        _report(request, error)
    return _back(statement)


@login_required
def outcome_record(request, public_id):
    statement = _statement_or_404(request, public_id)
    if not can_record_outcome(request.user):
        raise PermissionDenied(_("Only the coordinator may record the outcome."))
    initial = {
        "decision": statement.outcome_decision,
        "url": statement.outcome_url,
        "effect": statement.effect,
        "note": statement.effect_note,
    }
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_record(user=request.user, statement=statement, **form.cleaned_data)
        except ValidationError as error:
            form_errors(error, form, {"outcome_decision": "decision"})
        else:
            messages.success(request, _("The outcome was recorded."))
            return _back(statement)
    return page(request, "cooperation/outcome_form.html", {"statement": statement, "form": form})


def statement_pdf_view(request, public_id):
    statement = _statement_or_404(request, public_id)
    if statement.status != StatementStatus.SENT:
        raise Http404(_("The statement has not been sent yet."))
    context = {
        "statement": statement,
        "current": statement.current_version,
        "signatures": selectors.signatories(statement),
        "language": translation.get_language(),
    }
    try:
        pdf = statement_pdf(context, base_url=request.build_absolute_uri("/"))
    except PdfUnavailable:
        return HttpResponse(_("PDF is not available on this server."), status=503)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="statement-{statement.pk}.pdf"'
    return response
