"""Roles every layer may ask about. The coordinator is a flag on the user, so core can
answer without importing accounts; accounts.permissions re-exports it for its callers."""


def is_coordinator(user) -> bool:
    """An active, signed-in user with the coordinator's role."""
    return bool(user and user.is_authenticated and user.is_active and user.is_coordinator)
