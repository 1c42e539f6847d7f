"""Defences of the public forms against bots, in one mixin: `AntiBotMixin`.

A form that mixes it in gets, with no change to its own fields:
- a honeypot (`homepage`): a text field hidden from people and screen readers, which
  only a program fills in;
- a signed time stamp (`form_started`): the form is refused when sent sooner than
  SAKKE_ANTIBOT_MIN_SECONDS after it was shown, or when the stamp is missing, forged or
  older than SAKKE_ANTIBOT_MAX_AGE;
- rate limits per visitor IP and per target address (django-ratelimit's counters);
- with SAKKE_ANTIBOT_POW on, a proof of work (`antibot_pow`) that static/js/antibot.js
  solves in the browser: ALTCHA's scheme (find the number whose SHA-256 with the salt
  is the signed challenge), with no third-party service.

A refused form is invalid with one translated non-field error, so the view renders it
again and writes nothing; `antibot_status` is the HTTP status to answer with.
"""

import base64
import hashlib
import hmac
import json
import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

HONEYPOT = "homepage"
STAMP = "form_started"
POW = "antibot_pow"
FIELD_NAMES = (HONEYPOT, STAMP, POW)
SALT = "core.antibot"

REFUSALS = {
    "honeypot": _(
        "The form was not sent because it looked like it was filled in by a program. "
        "If you are a person, reload the page and send the form again."
    ),
    "too_fast": _(
        "The form was sent faster than a person can fill it in. "
        "Wait a few seconds and send it again."
    ),
    "stamp": _("The form was open too long or came from an old page. Send it again."),
    "pow": _(
        "The automatic anti-spam check of the form did not finish. Allow JavaScript on "
        "this page, wait a moment and send the form again."
    ),
    "rate": _("Too many attempts from here in a short time. Please wait an hour and try again."),
}


def make_stamp(now: float | None = None) -> str:
    """A signed record of when the form was shown."""
    return signing.dumps(int(now if now is not None else time.time()), salt=SALT)


def stamp_age(value: str) -> float | None:
    """Seconds since the stamp was made, or None when it is missing, forged or too old."""
    try:
        started = signing.loads(value or "", salt=SALT, max_age=settings.SAKKE_ANTIBOT_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(started, int):
        return None
    return time.time() - started


# Proof of work -----------------------------------------------------------------------


def _pow_key() -> bytes:
    return hashlib.sha256(f"{SALT}.pow:{settings.SECRET_KEY}".encode()).digest()


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def make_challenge() -> dict:
    """A challenge the browser solves by trying numbers up to `maxnumber` (ALTCHA's format)."""
    expires = int(time.time()) + settings.SAKKE_ANTIBOT_MAX_AGE
    salt = f"{secrets.token_hex(12)}?expires={expires}"
    number = secrets.randbelow(settings.SAKKE_ANTIBOT_POW_MAX_NUMBER + 1)
    challenge = _sha256(f"{salt}{number}")
    signature = hmac.new(_pow_key(), challenge.encode(), hashlib.sha256).hexdigest()
    return {
        "algorithm": "SHA-256",
        "challenge": challenge,
        "maxnumber": settings.SAKKE_ANTIBOT_POW_MAX_NUMBER,
        "salt": salt,
        "signature": signature,
    }


def solve(challenge: dict) -> str:
    """The answer the browser sends, found here too (tests, and a check of the scheme)."""
    for number in range(challenge["maxnumber"] + 1):
        if _sha256(f"{challenge['salt']}{number}") == challenge["challenge"]:
            fields = ("algorithm", "challenge", "salt", "signature")
            payload = {key: challenge[key] for key in fields} | {"number": number}
            return base64.b64encode(json.dumps(payload).encode()).decode()
    raise ValueError("unsolvable challenge")


def verify_solution(value: str) -> bool:
    """True for a correct, unexpired answer to a challenge this site signed, used once."""
    try:
        payload = json.loads(base64.b64decode(value or "", validate=True))
        challenge, salt = str(payload["challenge"]), str(payload["salt"])
        number, signature = int(payload["number"]), str(payload["signature"])
        expires = int(salt.rsplit("?expires=", 1)[1])
    except (ValueError, KeyError, IndexError, TypeError):
        return False
    expected = hmac.new(_pow_key(), challenge.encode(), hashlib.sha256).hexdigest()
    if not constant_time_compare(expected, signature) or expires < time.time():
        return False
    if not constant_time_compare(_sha256(f"{salt}{number}"), challenge):
        return False
    # Each solution counts once: a bot cannot solve one challenge and post it a thousand times.
    return cache.add(f"antibot:pow:{challenge}", 1, timeout=settings.SAKKE_ANTIBOT_MAX_AGE)


# Widgets: each rendering gets a fresh stamp and challenge, even on a form sent back with
# errors, so that a refused person can simply send again.


class StampInput(forms.HiddenInput):
    def get_context(self, name, value, attrs):
        return super().get_context(name, make_stamp(), attrs)


class ChallengeInput(forms.HiddenInput):
    def get_context(self, name, value, attrs):
        challenge = make_challenge()
        attrs = {**(attrs or {}), "data-antibot-challenge": json.dumps(challenge)}
        return super().get_context(name, "", attrs)


class AntiBotMixin:
    """Mix into a public form (before forms.Form) and pass `request=` when building it.

    Class attributes set the rate limits; `antibot_address_field` names the field whose
    address is also counted (an empty address is not counted).
    """

    antibot_ip_rate = "20/h"
    antibot_address_rate = "5/h"
    antibot_address_field: str | None = "email"
    antibot_check_timing = True

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.antibot_request = request
        self.antibot_refusal: str | None = None
        self.fields[HONEYPOT] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields[STAMP] = forms.CharField(required=False, widget=StampInput)
        if settings.SAKKE_ANTIBOT_POW:
            self.fields[POW] = forms.CharField(required=False, widget=ChallengeInput)

    def __iter__(self):
        # The templates' `{% for field in form %}` shows the form's own fields; the
        # defences are placed by core/antibot_fields.html.
        for name in self.fields:
            if name not in FIELD_NAMES:
                yield self[name]

    def antibot_fields(self):
        return [self[name] for name in FIELD_NAMES if name in self.fields]

    @property
    def antibot_status(self) -> int:
        return {None: 200, "rate": 429}.get(self.antibot_refusal, 400)

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        # The defences are no answers: views pass cleaned_data on to services whole.
        for name in FIELD_NAMES:
            self.cleaned_data.pop(name, None)
        self.antibot_refusal = self._antibot_refusal()
        if self.antibot_refusal:
            self.add_error(None, REFUSALS[self.antibot_refusal])

    def _raw(self, name: str) -> str:
        return str(self.data.get(self.add_prefix(name), "") or "")

    def _antibot_refusal(self) -> str | None:
        # Counted first, so that every post counts, refused or not.
        if self._over_rate():
            return "rate"
        if self._raw(HONEYPOT).strip():
            return "honeypot"
        if self.antibot_check_timing:
            age = stamp_age(self._raw(STAMP))
            if age is None:
                return "stamp"
            if age < settings.SAKKE_ANTIBOT_MIN_SECONDS:
                return "too_fast"
        if settings.SAKKE_ANTIBOT_POW and not verify_solution(self._raw(POW)):
            return "pow"
        return None

    def _over_rate(self) -> bool:
        request = self.antibot_request
        if request is None:
            return False
        group = f"antibot:{type(self).__module__}.{type(self).__name__}"
        over = is_ratelimited(
            request, group=group, key="ip", rate=self.antibot_ip_rate, increment=True
        )
        field = self.antibot_address_field
        address = self._raw(field).strip().lower() if field else ""
        if address:
            over |= is_ratelimited(
                request,
                group=f"{group}:address",
                key=lambda _group, _request: address,
                rate=self.antibot_address_rate,
                increment=True,
            )
        return over


class AntiBotForm(AntiBotMixin, forms.Form):
    """The defences alone, beside a form that cannot mix them in (built per request)."""

    antibot_address_field = None
