"""Documents of an arbitration case as PDF (renshe.core.pdf): acceptance and refusal notices, the
award (裁决书) and the mediation statement (调解书). Issued once per kind; safe to run twice."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from renshe.core.files import upload_root
from renshe.core.models import StoredFile
from renshe.core.pdf import render_pdf
from renshe.labour.models import ArbitrationCase, ArbitrationDocument

COMMISSION = "茂名市劳动人事争议仲裁委员会"
TEMPLATES = {
    ArbitrationDocument.Kind.ACCEPTANCE: "labour/pdf/acceptance.html",
    ArbitrationDocument.Kind.REFUSAL: "labour/pdf/refusal.html",
    ArbitrationDocument.Kind.AWARD: "labour/pdf/award.html",
    ArbitrationDocument.Kind.MEDIATION: "labour/pdf/mediation.html",
}


def document_render(case: ArbitrationCase, kind: str) -> bytes:
    context = {
        "case": case,
        "claims": list(case.claims.all()),
        "tribunal": list(case.tribunal.filter(active=True).select_related("arbitrator")),
        "applicant": case.applicant,
        "applicant_id": case.applicant.masked_id_number,
        "issued_on": case.decided_on or case.accepted_on or timezone.localdate(),
        "commission": COMMISSION,
        "bureau": settings.BUREAU_NAME,
    }
    return render_pdf(TEMPLATES[kind], context)


@transaction.atomic
def document_issue(*, case_id: int, kind: str) -> ArbitrationDocument:
    """Render and store one document; an already issued kind is returned as it was issued."""
    case = ArbitrationCase.objects.select_for_update().select_related("applicant").get(pk=case_id)
    existing = case.documents.filter(kind=kind).select_related("file").first()
    if existing is not None:
        return existing
    data = document_render(case, kind)
    storage_name = secrets.token_hex(20)
    (upload_root() / storage_name).write_bytes(data)
    stored = StoredFile.objects.create(
        storage_name=storage_name,
        original_name=f"{case.number}-{ArbitrationDocument.Kind(kind).label}.pdf",
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    return ArbitrationDocument.objects.create(case=case, kind=kind, file=stored)


def issue_after_commit(case: ArbitrationCase, kind: str) -> None:
    """Generate the document after the transaction commits (a worker's job in production)."""
    from renshe.labour.tasks import arbitration_document_generate

    case_id = case.pk
    transaction.on_commit(lambda: arbitration_document_generate.delay(case_id, kind))
