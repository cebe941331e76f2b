"""Background and periodic jobs of the employment module (Celery; eager when no broker is configured).

Each is also a management command, and each is safe to run twice.
"""

from celery import shared_task

# --- jobs and matching ---------------------------------------------------------------------------


@shared_task
def jobs_expire() -> int:
    """Published jobs past their last day leave the public list (``manage.py expire_jobs``)."""
    from renshe.employment.services_jobs import jobs_expire as expire

    return expire()


@shared_task
def recommendations_push() -> dict:
    """Best new jobs pushed to the assistance ledger (``manage.py push_recommendations``)."""
    from renshe.employment.services_jobs import recommendations_push as push

    return push()
