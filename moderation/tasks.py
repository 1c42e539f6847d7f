"""Periodic jobs of moderation (config/celery.py); safe to run twice."""

from celery import shared_task

from . import retention


@shared_task
def forget_expired_invitations_task() -> int:
    return retention.forget_expired_invitations()
