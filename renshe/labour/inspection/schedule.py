"""Periodic jobs of the inspection app, merged into CELERY_BEAT_SCHEDULE by settings."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "inspection-reminders": {
        "task": "renshe.labour.inspection.tasks.inspection_reminders",
        "schedule": crontab(minute=30, hour=8),
    },
}
