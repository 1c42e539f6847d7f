"""Periodic jobs of accounts (config/celery.py); each is safe to run twice."""

from celery import shared_task

from . import retention


@shared_task
def forget_unverified_accounts_task() -> int:
    return retention.forget_unverified_accounts()


@shared_task
def forget_sign_in_records_task() -> int:
    return retention.forget_sign_in_records()


@shared_task
def forget_audit_entries_task() -> int:
    return retention.forget_audit_entries()
