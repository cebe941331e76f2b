"""Celery app. Without CELERY_BROKER_URL tasks run in-process (eager), so `make run` needs no Redis."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renshe.settings")

app = Celery("renshe")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
