"""Notices and letters of a case as PDF: the bureau's header, the case facts, a verification QR code."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from renshe.cases.models import Case, CaseDocument, MaterialStatus
from renshe.core.files import upload_root
from renshe.core.models import StoredFile
from renshe.core.pdf import qr_svg_data_uri, render_pdf

TEMPLATES = {
    CaseDocument.Kind.ACCEPTANCE: "cases/pdf/acceptance.html",
    CaseDocument.Kind.CORRECTION: "cases/pdf/correction.html",
    CaseDocument.Kind.REFUSAL: "cases/pdf/refusal.html",
    CaseDocument.Kind.DECISION: "cases/pdf/decision.html",
}


def verify_url(case: Case) -> str:
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}/cases/verify/{case.verify_token}/"


def case_document_render(case: Case, kind: str) -> bytes:
    version = case.item_version
    last = case.transitions.order_by("-at", "-id").first()
    context = {
        "case": case,
        "item": version.item,
        "version": version,
        "applicant_name": case.applicant.name,
        "applicant_id": case.applicant.masked_id_number,
        "comment": last.comment if last else "",
        "missing": [
            cm.material.name for cm in case.materials.select_related("material").filter(status=MaterialStatus.MISSING)
        ],
        "deferred": [
            cm.material.name for cm in case.materials.select_related("material").filter(status=MaterialStatus.DEFERRED)
        ],
        "issued_on": timezone.localdate(),
        "qr": qr_svg_data_uri(verify_url(case)),
        "verify_url": verify_url(case),
        "bureau": settings.BUREAU_NAME,
    }
    return render_pdf(TEMPLATES[kind], context)


@transaction.atomic
def case_document_issue(*, case_id: int, kind: str) -> CaseDocument:
    """Render and store one document. Safe to run twice: a kind already issued for the case's
    current version is returned, not issued again."""
    case = Case.objects.select_related("item_version__item", "applicant").get(pk=case_id)
    existing = case.documents.filter(kind=kind, case_version=case.version).first()
    if existing is not None:
        return existing
    data = case_document_render(case, kind)
    storage_name = secrets.token_hex(20)
    (upload_root() / storage_name).write_bytes(data)
    stored = StoredFile.objects.create(
        storage_name=storage_name,
        original_name=f"{case.number}-{CaseDocument.Kind(kind).label}.pdf",
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    return CaseDocument.objects.create(case=case, kind=kind, case_version=case.version, file=stored)
