"""Serving a stored PDF of this app: streamed with its type, never sniffed, every download audited."""

from __future__ import annotations

from django.db import transaction
from django.http import FileResponse, Http404

from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.files import file_path


def serve_pdf(request, obj, stored, label: str) -> FileResponse:
    if stored is None:
        raise Http404
    try:
        handle = file_path(stored).open("rb")
    except FileNotFoundError:
        raise Http404 from None
    try:
        with transaction.atomic():
            audit_record(actor=request.user, action=AuditAction.EXPORT, obj=obj, changes={"document": label})
    except BaseException:
        handle.close()
        raise
    response = FileResponse(handle, as_attachment=True, filename=stored.original_name, content_type="application/pdf")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
