"""Writing to the audit trail. Called by every other service inside its own transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.db import models, transaction
from django.utils import timezone
from django.utils.ipv6 import clean_ipv6_address

from renshe.audit.chain import GENESIS, entry_digest
from renshe.audit.context import current_client_ip
from renshe.audit.models import AuditAction, AuditEntry, AuditHead


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value, so the stored row hashes the same when read back."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float | Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, dict):
        return _plain_dict(value)
    if isinstance(value, set | frozenset):
        return sorted((_plain(v) for v in value), key=str)  # a set has no order: sort so the hash is stable
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """Field values of ``obj`` (concrete fields, foreign keys by id) for before/after comparison."""
    result: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        result[field.name] = _plain(getattr(obj, field.attname))
    return result


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for the fields whose value changed."""
    keys = before.keys() | after.keys()
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    changes: dict | None = None,
    ip: str | None = None,
) -> AuditEntry:
    """Append one entry to the chain. Must run inside the caller's transaction (it joins it)."""
    if action not in AuditAction.values:
        raise ValueError(f"unknown audit action {action!r}")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)
    actor_id = getattr(actor, "pk", None) if actor is not None and getattr(actor, "is_authenticated", False) else None
    username = actor.get_username() if actor_id else ""
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(id=1, defaults={"last_hash": GENESIS})
        at = timezone.now()
        ip = _clean_ip(ip if ip is not None else current_client_ip())
        plain_changes = _plain_dict(changes or {})
        seq = head.last_seq + 1
        digest = entry_digest(
            prev_hash=head.last_hash,
            seq=seq,
            at_iso=at.astimezone(dt.UTC).isoformat(),
            actor_id=actor_id,
            actor_username=username,
            ip=ip,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            object_repr=object_repr[:200],
            changes=plain_changes,
        )
        entry = AuditEntry.objects.create(
            seq=seq,
            at=at,
            actor_id=actor_id,
            actor_username=username,
            ip=ip,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            object_repr=object_repr[:200],
            changes=plain_changes,
            prev_hash=head.last_hash,
            hash=digest,
        )
        AuditHead.objects.filter(pk=1).update(last_seq=seq, last_hash=digest)
    return entry


def _clean_ip(ip: str | None) -> str | None:
    """The address as the database will return it, or ``None`` when it is not an address.

    X-Forwarded-For comes from the client unless a proxy overwrites it: a malformed value would
    break the insert on PostgreSQL (``inet``), and an IPv6 address is normalised on save, which
    would change the row after its hash was computed.
    """
    value = (ip or "").strip()
    try:
        validate_ipv46_address(value)
    except ValidationError:
        return None
    return clean_ipv6_address(value) if ":" in value else value


def _plain_dict(changes: dict) -> dict:
    return {str(k): _plain(v) for k, v in changes.items()}
