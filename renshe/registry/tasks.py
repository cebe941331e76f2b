"""Background jobs of the registry."""

from __future__ import annotations

from celery import shared_task

from renshe.registry.importing import import_job_run


@shared_task(name="registry.import_job_run", ignore_result=True)
def import_job_task(job_id: int) -> None:
    """Run an uploaded import (``ImportJob``). Safe to deliver twice: only a pending job is run,
    and the import itself skips records already registered."""
    import_job_run(job_id=job_id)
