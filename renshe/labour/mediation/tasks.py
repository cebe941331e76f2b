"""Periodic jobs of the mediation app (Celery; each is also a management command, safe to run twice)."""

from celery import shared_task


@shared_task
def cases_flag_overdue() -> dict:
    """Tell applicants whose 15 days passed without agreement (``manage.py flag_mediation_overdue``)."""
    from renshe.labour.mediation.services import cases_flag_overdue as flag

    return flag()
