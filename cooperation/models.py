"""Cooperation and the associations' voice: its models are added by the issue that builds it."""
