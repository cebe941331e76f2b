"""Background and periodic jobs of the core app (Celery; eager when no broker is configured)."""

from celery import shared_task


@shared_task
def figures_refresh() -> dict:
    """Recompute every module's figures for this year (``manage.py refresh_figures``)."""
    from renshe.core.figures import figures_refresh as refresh

    return refresh()
