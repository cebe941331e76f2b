"""Reading the audit trail (auditors only)."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from renshe.audit.chain import ChainReport, verify_chain
from renshe.audit.models import AuditEntry, AuditHead
from renshe.core.identity import mask_phone, mask_resident_id

SENSITIVE_FIELDS = {"id_number": mask_resident_id, "phone": mask_phone, "contact_phone": mask_phone}


def audit_entries_for_user(*, viewer, filters: dict | None = None) -> QuerySet[AuditEntry]:
    if not viewer.has_perm("audit.view_auditentry"):
        return AuditEntry.objects.none()
    qs = AuditEntry.objects.all()
    filters = filters or {}
    if filters.get("action"):
        qs = qs.filter(action=filters["action"])
    if filters.get("actor"):
        qs = qs.filter(actor_username=filters["actor"])
    if filters.get("object_type"):
        qs = qs.filter(object_type=filters["object_type"])
    if filters.get("object_id"):
        qs = qs.filter(object_id=filters["object_id"])
    date_from, date_to = _date(filters.get("date_from")), _date(filters.get("date_to"))
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs.order_by("-seq")


def _date(value) -> date | None:
    """A filter date from the query string; a malformed one is ignored rather than a server error."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value or "").strip()) if value else None
    except ValueError:
        return None


def masked_changes(changes: dict) -> dict:
    """Before/after values with identity numbers and phones masked for display."""
    result = {}
    for field, values in changes.items():
        mask = SENSITIVE_FIELDS.get(field)
        if mask and isinstance(values, list):
            result[field] = [mask(v) if isinstance(v, str) else v for v in values]
        else:
            result[field] = values
    return result


def audit_chain_verify(*, batch_size: int = 5000) -> ChainReport:
    head = AuditHead.objects.filter(pk=1).first()
    entries = AuditEntry.objects.order_by("seq").iterator(chunk_size=batch_size)
    if head is None:
        return verify_chain(entries)
    return verify_chain(entries, head_last_seq=head.last_seq, head_last_hash=head.last_hash)
