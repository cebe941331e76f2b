"""Background and periodic jobs of the contracts app (each also a management command)."""

from __future__ import annotations

from celery import shared_task


@shared_task
def licences_remind() -> dict:
    """Expiry reminders and expiry of dispatch licences (``manage.py remind_dispatch_licences``)."""
    from renshe.labour.contracts.services_licences import licences_remind_and_expire

    return licences_remind_and_expire()


@shared_task
def blacklist_expire() -> dict:
    """Entries at the end of their 3 years leave the list (``manage.py expire_blacklist``)."""
    from renshe.labour.contracts.services_blacklist import blacklist_expire as expire

    return expire()


@shared_task
def credit_rating_run(year: int | None = None) -> dict:
    """The yearly credit rating (``manage.py rate_employers --year``); by default last year."""
    from django.utils import timezone

    from renshe.labour.contracts.services_credit import credit_rating_run as run

    return run(year=year or timezone.localdate().year - 1)
