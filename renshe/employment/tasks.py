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


# --- unemployment, assistance, monitoring ---------------------------------------------------------


@shared_task
def contacts_flag_overdue() -> dict:
    """Ledger people not contacted in time, told to their clerks (``manage.py flag_contact_overdue``)."""
    from renshe.employment.assistance import contacts_flag_overdue as flag

    return flag()


@shared_task
def zero_households_refresh() -> dict:
    """Zero-employment households re-checked against the registry (``manage.py refresh_zero_households``)."""
    from renshe.employment.assistance import zero_households_refresh as refresh

    return refresh()


@shared_task
def layoffs_evaluate() -> dict:
    """Layoff warnings for this month's and last month's reports (``manage.py evaluate_layoffs``)."""
    from renshe.employment.monitoring import layoffs_evaluate as evaluate

    return evaluate()
