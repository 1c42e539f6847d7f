"""The consents a person has given, listed on their account page with a way to withdraw each.

The apps that ask for consent sit above accounts, so each registers a provider, e.g. in
its personal_data.py:

    from accounts.consents import Consent, ConsentAction, register_consents

    @register_consents
    def newsletter(user):
        return [Consent(what=..., given_at=..., actions=[ConsentAction(url, label)])]

A provider takes the user and returns the consents it holds for them; an action is a
POST to the app's own view, which withdraws the consent at once.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from .models import User


@dataclass(frozen=True)
class ConsentAction:
    url: str
    label: str
    danger: bool = False


@dataclass(frozen=True)
class Consent:
    what: str
    given_at: dt.datetime | dt.date | None = None
    text_version: str = ""
    status: str = ""
    actions: list[ConsentAction] = field(default_factory=list)


ConsentProvider = Callable[[User], list[Consent]]
_providers: list[ConsentProvider] = []


def register_consents(provider: ConsentProvider) -> ConsentProvider:
    """List `provider`'s consents on every account page; usable as a decorator."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def consents_of(user: User) -> list[Consent]:
    """Every consent the person gave that an app still holds.

    Rows found by the e-mail address count only once the address is confirmed, so that
    nobody withdraws a stranger's consent by signing up with their address.
    """
    if not user.email_verified_at:
        return []
    return [consent for provider in _providers for consent in provider(user)]
