"""The hash chain: how a row's hash is computed and how the chain is verified."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC

GENESIS = "0" * 64


def entry_digest(
    *,
    prev_hash: str,
    seq: int,
    at_iso: str,
    actor_id: int | None,
    actor_username: str,
    ip: str | None,
    action: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    changes: dict,
) -> str:
    payload = json.dumps(
        [seq, at_iso, actor_id, actor_username, ip, action, object_type, object_id, object_repr, changes],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(f"{prev_hash}|{payload}".encode()).hexdigest()


def digest_of(entry) -> str:
    return entry_digest(
        prev_hash=entry.prev_hash,
        seq=entry.seq,
        at_iso=entry.at.astimezone(UTC).isoformat(),
        actor_id=entry.actor_id,
        actor_username=entry.actor_username,
        ip=entry.ip,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        object_repr=entry.object_repr,
        changes=entry.changes,
    )


@dataclass
class ChainReport:
    checked: int
    first_bad_seq: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return self.first_bad_seq is None


def verify_chain(entries, *, head_last_seq: int | None = None, head_last_hash: str | None = None) -> ChainReport:
    """Walk ``entries`` in ``seq`` order; report the first row whose link, number or content is wrong."""
    prev = GENESIS
    expected_seq = 1
    checked = 0
    for entry in entries:
        if entry.seq != expected_seq:
            return ChainReport(checked, expected_seq, f"row {expected_seq} is missing (found {entry.seq} next)")
        if entry.prev_hash != prev:
            return ChainReport(checked, entry.seq, "prev_hash does not match the previous row's hash")
        if digest_of(entry) != entry.hash:
            return ChainReport(checked, entry.seq, "the row's content does not match its hash (it was changed)")
        prev = entry.hash
        expected_seq += 1
        checked += 1
    if head_last_seq is not None and (head_last_seq != expected_seq - 1 or head_last_hash != prev):
        return ChainReport(
            checked, expected_seq, "rows at the end of the chain were removed (the chain head is further on)"
        )
    return ChainReport(checked)
