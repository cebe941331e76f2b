from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from renshe.audit.models import AuditAction
from renshe.audit.selectors import audit_chain_verify, audit_entries_for_user, masked_changes
from renshe.core.paging import page_of, query_string_without_page


@login_required
@permission_required("audit.view_auditentry", raise_exception=True)
@require_GET
def entry_list(request):
    filters = {
        k: request.GET.get(k, "").strip()[:64]
        for k in ("action", "actor", "object_type", "object_id", "date_from", "date_to")
    }
    page = page_of(audit_entries_for_user(viewer=request.user, filters=filters), request.GET.get("page"), size=50)
    for entry in page.object_list:
        entry.display_changes = masked_changes(entry.changes)
    return render(
        request,
        "audit/entry_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "actions": AuditAction.choices,
            "query_string": query_string_without_page(request),
        },
    )


@login_required
@permission_required("audit.view_auditentry", raise_exception=True)
@require_GET
def chain_status(request):
    return render(request, "audit/partials/chain_status.html", {"report": audit_chain_verify()})
