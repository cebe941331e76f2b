"""Background jobs of the planning app."""

from celery import shared_task


@shared_task
def planning_report_generate(run_id: int) -> None:
    from renshe.planning.services_reports import report_run

    report_run(run_id)
