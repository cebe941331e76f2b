"""Periodic jobs of the inspection app (Celery; each is also a management command, safe to run twice)."""

from celery import shared_task


@shared_task
def inspection_reminders() -> dict:
    """Deadlines of complaints, orders, cases and draw publication (``manage.py inspection_reminders``)."""
    from renshe.labour.inspection.services_reminders import inspection_reminders_send

    return inspection_reminders_send()
