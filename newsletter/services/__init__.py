"""Writes of the newsletter, by area: subscriptions, offers, issues, sending, feedback."""
