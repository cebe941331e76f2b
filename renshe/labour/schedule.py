"""Periodic jobs of the labour app, merged into CELERY_BEAT_SCHEDULE by settings."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Arbitration cases past their acceptance or award deadline: the arbitrators are told each morning.
    "labour-arbitration-overdue": {
        "task": "renshe.labour.tasks.arbitration_overdue_notify",
        "schedule": crontab(minute=15, hour=8),
    },
}
