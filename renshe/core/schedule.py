"""Periodic jobs of the core app, merged into CELERY_BEAT_SCHEDULE by settings."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # The roll-up the big screen and the plan indicators read; live counts are bumped in between.
    "core-figures-refresh": {
        "task": "renshe.core.tasks.figures_refresh",
        "schedule": crontab(minute="*/10"),
    },
}
