"""Periodic jobs of the wages app (Celery; eager when no broker is configured). Each is also a command."""

from celery import shared_task


@shared_task
def wage_warnings_evaluate() -> dict:
    """W1–W9 over every active project (``manage.py evaluate_wage_warnings``)."""
    from renshe.labour.wages.services_warnings import wage_warnings_evaluate as evaluate

    return evaluate()
