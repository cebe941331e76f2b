"""The case's documents as PDF (WeasyPrint): 责令改正指令书 and 行政处罚决定书, stored as files."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.utils import timezone

from renshe.core.files import upload_root
from renshe.core.models import StoredFile
from renshe.core.pdf import render_pdf


def _context(case, inspectors) -> dict:
    return {
        "case": case,
        "employer": case.employer,
        "inspectors": [u.display_name or u.username for u in inspectors],
        "bureau": settings.BUREAU_NAME,
        "issued_on": timezone.localdate(),
    }


def _store(data: bytes, name: str) -> StoredFile:
    storage_name = secrets.token_hex(20)
    (upload_root() / storage_name).write_bytes(data)
    return StoredFile.objects.create(
        storage_name=storage_name,
        original_name=name,
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def order_pdf(order, inspectors) -> bytes:
    return render_pdf("inspection/pdf/order.html", {**_context(order.case, inspectors), "order": order})


def penalty_pdf(penalty, inspectors) -> bytes:
    return render_pdf("inspection/pdf/penalty.html", {**_context(penalty.case, inspectors), "penalty": penalty})


def order_pdf_store(order, inspectors) -> StoredFile:
    return _store(order_pdf(order, inspectors), f"{order.number}-责令改正指令书.pdf")


def penalty_pdf_store(penalty, inspectors) -> StoredFile:
    return _store(penalty_pdf(penalty, inspectors), f"{penalty.number}-行政处罚决定书.pdf")


def refusal_pdf(complaint) -> bytes:
    return render_pdf(
        "inspection/pdf/refusal.html",
        {
            "complaint": complaint,
            "bureau": settings.BUREAU_NAME,
            "issued_on": timezone.localdate(),
            "inspectors": [],
        },
    )


def refusal_pdf_store(complaint) -> StoredFile:
    return _store(refusal_pdf(complaint), f"{complaint.number}-不予受理告知书.pdf")
