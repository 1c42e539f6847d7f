"""Invitations and reminders of a round, by e-mail, each sent once.

Each row is claimed with a conditional UPDATE before its e-mail goes out, so two workers
(or a task run twice) never send the same invitation or reminder twice. A claim whose
sending fails is released, so the next run tries again.
"""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from core.emails import default_base_url, recipient_language, send_each, templated_email

from . import selectors
from .models import Invitation, Response, Round
from .services import invitation_token

OPT_OUT_SALT = "surveys.opt_out"


def known_language(organization, email: str, previous: dict) -> str:
    """The language to write to an association in, where known: the one it answered the
    last invitation in, else its account's (by the address, then its editors'), else ""."""
    if previous.get(organization.pk):
        return previous[organization.pk]
    people = list(User.objects.filter(email__iexact=email)) if email else []
    people += [role.user for role in organization.editor_roles.select_related("user")]
    return accounts_language(people)


def accounts_language(people) -> str:
    """The first language one of these accounts states (core.emails.recipient_language
    reads it), or "" when none does."""
    codes = {code for code, _name in settings.LANGUAGES}
    for person in people:
        if (getattr(person, "language", "") or "") in codes:
            return recipient_language(person)
    return ""


def invitations_create(*, round_: Round) -> int:
    """An invitation for each association of the round's segment with an e-mail address."""
    existing = set(round_.invitations.values_list("organization_id", flat=True))
    previous = dict(
        Invitation.objects.filter(round__survey=round_.survey_id)
        .exclude(language="")
        .order_by("round__opens_at", "pk")
        .values_list("organization_id", "language")
    )
    rows = [
        Invitation(
            round=round_,
            organization=organization,
            email=organization.email,
            language=known_language(organization, organization.email, previous),
        )
        for organization in selectors.invitees(round_)
        if organization.pk not in existing
    ]
    Invitation.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def invitations_request(*, round_: Round) -> int:
    """The coordinator sends the round's invitations: they are recorded now, and sent by
    a worker. With the broker down the request still succeeds; beat's
    send_pending_invitations_task sends what is recorded once it is back."""
    from core.tasks import send_after_commit

    from .tasks import send_invitations_task

    if not round_.is_open():
        return 0
    with transaction.atomic():
        created = invitations_create(round_=round_)
        send_after_commit(
            send_invitations_task,
            args=[round_.pk],
            safety_net="send_pending_invitations_task",
        )
    return created


def opt_out_token(invitation: Invitation) -> str:
    return signing.dumps(invitation.pk, salt=OPT_OUT_SALT)


def invitation_from_opt_out_token(token: str) -> Invitation | None:
    """The invitation an opt-out link names; None for a token this service did not sign."""
    try:
        pk = signing.loads(token, salt=OPT_OUT_SALT)
    except signing.BadSignature:
        return None
    return Invitation.objects.filter(pk=pk).select_related("round__survey").first()


def opt_out(*, invitation: Invitation) -> None:
    """No more reminders for this invitation."""
    Invitation.objects.filter(pk=invitation.pk, opted_out_at=None).update(
        opted_out_at=timezone.now()
    )


def invitation_answered_in(invitation: Invitation, language: str) -> None:
    """Remember the language the association opened its link in: its reminders and
    later invitations are written in it."""
    if language in {code for code, _name in settings.LANGUAGES} and language != invitation.language:
        Invitation.objects.filter(pk=invitation.pk).update(language=language)
        invitation.language = language


def _message(invitation: Invitation, template: str, base_url: str):
    language = invitation.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "invitation": invitation,
            "round": invitation.round,
            "survey": invitation.round.survey,
            "organization": invitation.organization,
            "answer_url": base_url
            + reverse("surveys:answer_invited", args=[invitation_token(invitation)]),
            "opt_out_url": base_url + reverse("surveys:opt_out", args=[opt_out_token(invitation)]),
            "SITE_NAME": settings.SAKKE_SITE_NAME,
        }
        return templated_email(template, context, to=invitation.email)


def _send_claimed(queryset, field: str, template: str, what: str, base_url: str) -> int:
    sent = 0
    for invitation in queryset.select_related("round__survey", "organization"):
        now = timezone.now()
        claimed = Invitation.objects.filter(pk=invitation.pk, **{field: None}).update(
            **{field: now}
        )
        if not claimed:
            continue  # another worker has it
        if send_each([_message(invitation, template, base_url)], what):
            sent += 1
        else:
            Invitation.objects.filter(pk=invitation.pk).update(**{field: None})
    return sent


def invitations_send(*, round_: Round, base_url: str | None = None) -> int:
    """E-mail the round's invitations not sent yet; the number sent."""
    if not round_.is_open():
        return 0
    base_url = (base_url or default_base_url()).rstrip("/")
    pending = round_.invitations.filter(sent_at=None)
    return _send_claimed(pending, "sent_at", "surveys/email/invitation", "an invitation", base_url)


def pending_invitations_send(*, now=None, base_url: str | None = None) -> int:
    """For beat: the invitations recorded but not sent yet, in every open round."""
    now = now or timezone.now()
    unsent = Invitation.objects.filter(round=OuterRef("pk"), sent_at=None)
    rounds = Round.objects.filter(Exists(unsent), opens_at__lte=now).filter(
        Q(closes_at=None) | Q(closes_at__gt=now)
    )
    return sum(invitations_send(round_=round_, base_url=base_url) for round_ in rounds)


def reminders_send(*, now=None, base_url: str | None = None) -> int:
    """Remind the invited associations that have not sent their answers, once, within each
    open round's reminder days before it closes; not those who opted out."""
    now = now or timezone.now()
    base_url = (base_url or default_base_url()).rstrip("/")
    sent = 0
    answered = Response.objects.filter(
        round=OuterRef("round"),
        organization=OuterRef("organization"),
        status=Response.Status.SUBMITTED,
    )
    for round_ in Round.objects.filter(opens_at__lte=now, closes_at__gt=now):
        if round_.closes_at - dt.timedelta(days=round_.reminder_days) > now:
            continue
        due = round_.invitations.filter(
            reminded_at=None, opted_out_at=None, sent_at__isnull=False
        ).exclude(Exists(answered))
        sent += _send_claimed(due, "reminded_at", "surveys/email/reminder", "a reminder", base_url)
    return sent
