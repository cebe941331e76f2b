"""Background and periodic jobs of the arbitration module (Celery; eager when no broker is configured)."""

from celery import shared_task


@shared_task
def arbitration_document_generate(case_id: int, kind: str) -> int:
    """Render and store one arbitration document (safe to run twice: issued once per kind)."""
    from renshe.labour.documents import document_issue

    return document_issue(case_id=case_id, kind=kind).pk


@shared_task
def arbitration_overdue_notify() -> dict:
    """Tell the arbitrators of overdue cases (``manage.py notify_arbitration_overdue``)."""
    from renshe.labour.services_jobs import arbitration_overdue_notify as notify

    return notify()
