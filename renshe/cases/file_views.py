"""Downloads of a case's files: the applicant's materials and the issued notices.

Only for someone who can see the case (the same 404 for a missing and a forbidden one); the file
is streamed from outside the web root with its stored type, never sniffed by the browser, and every
download is written to the audit trail (issue 3 §9).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.cases.selectors import get_case_for_user_or_404
from renshe.core.files import file_path
from renshe.core.models import StoredFile


def _serve(request, case, stored: StoredFile, *, kind: str, label: str) -> FileResponse:
    try:
        handle = file_path(stored).open("rb")
    except FileNotFoundError:
        raise Http404 from None
    try:
        with transaction.atomic():
            audit_record(
                actor=request.user,
                action=AuditAction.EXPORT,
                obj=case,
                changes={"file": [None, stored.original_name], "kind": [None, kind], "name": [None, label]},
            )
    except BaseException:
        handle.close()
        raise
    response = FileResponse(handle, as_attachment=True, filename=stored.original_name, content_type=stored.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@login_required
def material_download(request, case_pk: int, pk: int):
    case = get_case_for_user_or_404(request.user, case_pk)
    cm = case.materials.select_related("material", "file").filter(pk=pk, file__isnull=False).first()
    if cm is None:
        raise Http404
    return _serve(request, case, cm.file, kind="material", label=cm.material.name)


@require_safe
@login_required
def document_download(request, case_pk: int, pk: int):
    case = get_case_for_user_or_404(request.user, case_pk)
    doc = case.documents.select_related("file").filter(pk=pk).first()
    if doc is None:
        raise Http404
    return _serve(request, case, doc.file, kind="document", label=str(doc.get_kind_display()))
