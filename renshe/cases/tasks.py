"""Background jobs of the cases module (Celery; eager when no broker is configured)."""

from celery import shared_task

from renshe.cases.documents import case_document_issue


@shared_task(acks_late=True)
def case_document_generate(case_id: int, kind: str) -> int:
    return case_document_issue(case_id=case_id, kind=kind).pk


@shared_task
def cases_sla_flag() -> dict:
    from renshe.cases.services import cases_flag_sla

    return cases_flag_sla()
