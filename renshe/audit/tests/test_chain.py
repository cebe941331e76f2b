"""The audit trail's hash chain: append-only, and any change or removal is detected (DOMAIN.md §9)."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from renshe import testing
from renshe.audit.chain import GENESIS, digest_of
from renshe.audit.models import AppendOnlyError, AuditAction, AuditEntry, AuditHead
from renshe.audit.selectors import audit_chain_verify
from renshe.audit.services import audit_record
from renshe.registry import services

pytestmark = pytest.mark.django_db

POSTGRES = connection.vendor == "postgresql"


@pytest.fixture
def trail(clerk_maonan):
    """Several real writes: user creation, a person, an update, a reveal, an employer."""
    person = testing.person(actor=clerk_maonan, name="王五", phone="13812345678")
    services.person_update(actor=clerk_maonan, person=person, name="王五一")
    services.person_reveal(actor=clerk_maonan, person=person)
    testing.employer(actor=clerk_maonan)
    assert AuditEntry.objects.count() >= 5
    return AuditEntry.objects.order_by("seq")


def _verify_output() -> str:
    from io import StringIO

    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def test_entries_are_numbered_and_linked(trail):
    entries = list(trail)
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0].prev_hash == GENESIS
    for before, after in pairwise(entries):
        assert after.prev_hash == before.hash
    for entry in entries:
        assert digest_of(entry) == entry.hash
    head = AuditHead.objects.get()
    assert (head.last_seq, head.last_hash) == (entries[-1].seq, entries[-1].hash)


def test_chain_verifies_intact_after_several_writes(trail):
    report = audit_chain_verify()
    assert report.intact
    assert report.checked == trail.count()
    assert f"{trail.count()} rows verified" in _verify_output()


def test_values_that_are_not_json_hash_the_same_after_reading_back(clerk_maonan):
    from datetime import date, datetime

    from django.utils import timezone

    audit_record(
        actor=clerk_maonan,
        action=AuditAction.UPDATE,
        object_type="test.thing",
        object_id="1",
        changes={
            "amount": [Decimal("1750.00"), Decimal("1620.5")],
            "on": date(2025, 3, 1),
            "at": datetime(2025, 3, 1, 8, 0, tzinfo=timezone.get_current_timezone()),
            "nested": {"b": [1, 2], "a": {"x": Decimal("1.1")}},
            "codes": {"b", "a"},
            "rate": 0.1,
        },
    )
    entry = AuditEntry.objects.get(object_type="test.thing")
    assert entry.changes["nested"] == {"a": {"x": "1.1"}, "b": [1, 2]}
    assert entry.changes["codes"] == ["a", "b"]
    assert audit_chain_verify().intact


@pytest.mark.parametrize("ip", ["2001:DB8:0:0::1", "::ffff:10.0.0.1", "10.0.0.1"])
def test_ip_addresses_hash_the_same_after_the_database_normalises_them(clerk_maonan, ip):
    audit_record(actor=clerk_maonan, action=AuditAction.LOGIN, obj=clerk_maonan, ip=ip)
    assert audit_chain_verify().intact


def test_a_malformed_client_address_is_not_stored(clerk_maonan):
    with transaction.atomic():
        audit_record(actor=clerk_maonan, action=AuditAction.LOGIN, obj=clerk_maonan, ip="unknown, 10.0.0.1")
    assert AuditEntry.objects.get(action=AuditAction.LOGIN).ip is None
    assert audit_chain_verify().intact


def test_the_model_refuses_save_and_delete_of_an_existing_row(trail):
    entry = trail.first()
    entry.changes = {"forged": True}
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert audit_chain_verify().intact


def test_bulk_update_and_delete_through_the_orm_are_refused(trail):
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(seq=1).update(changes={"forged": True})
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(seq=1).delete()
    assert audit_chain_verify().intact


def _raw(sql: str, params=()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _bypass_trigger():
    """What a database superuser could still do on PostgreSQL: switch the trigger off."""
    if POSTGRES:
        _raw("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")


def test_postgres_trigger_refuses_update_and_delete_otherwise_the_chain_catches_it(trail):
    target = trail.all()[2]
    if POSTGRES:
        with pytest.raises(DatabaseError), transaction.atomic():
            _raw("UPDATE audit_auditentry SET changes = %s WHERE seq = %s", ['{"forged": true}', target.seq])
        with pytest.raises(DatabaseError), transaction.atomic():
            _raw("DELETE FROM audit_auditentry WHERE seq = %s", [target.seq])
        assert AuditEntry.objects.get(seq=target.seq).changes == target.changes
    else:
        _raw("UPDATE audit_auditentry SET changes = %s WHERE seq = %s", ['{"forged": true}', target.seq])
        assert AuditEntry.objects.get(seq=target.seq).changes == {"forged": True}
        report = audit_chain_verify()
        assert not report.intact
        assert report.first_bad_seq == target.seq


def test_tampered_changes_are_reported_with_the_rows_seq(trail):
    target = trail.all()[2]
    _bypass_trigger()
    _raw("UPDATE audit_auditentry SET changes = %s WHERE seq = %s", ['{"forged": true}', target.seq])
    report = audit_chain_verify()
    assert (report.intact, report.first_bad_seq) == (False, target.seq)
    assert report.checked == target.seq - 1
    with pytest.raises(CommandError, match=f"seq={target.seq}"):
        call_command("verify_audit")


def test_a_rewritten_actor_is_reported(trail):
    _bypass_trigger()
    _raw("UPDATE audit_auditentry SET actor_username = %s WHERE seq = %s", ["someone_else", 2])
    with pytest.raises(CommandError, match="seq=2"):
        call_command("verify_audit")


def test_a_removed_middle_row_is_reported(trail):
    _bypass_trigger()
    _raw("DELETE FROM audit_auditentry WHERE seq = %s", [3])
    report = audit_chain_verify()
    assert report.first_bad_seq == 3
    assert "missing" in report.reason


def test_a_removed_last_row_is_caught_by_the_head(trail):
    last = trail.last()
    _bypass_trigger()
    _raw("DELETE FROM audit_auditentry WHERE seq = %s", [last.seq])
    report = audit_chain_verify()
    assert not report.intact
    assert report.first_bad_seq == last.seq
    assert "removed" in report.reason
    with pytest.raises(CommandError, match=f"seq={last.seq}"):
        call_command("verify_audit")


def test_a_rehashed_forgery_still_breaks_the_link_to_the_next_row(trail):
    target = trail.all()[1]
    _bypass_trigger()
    _raw("UPDATE audit_auditentry SET changes = %s WHERE seq = %s", ['{"forged": true}', target.seq])
    forged = AuditEntry.objects.get(seq=target.seq)
    _raw("UPDATE audit_auditentry SET hash = %s WHERE seq = %s", [digest_of(forged), target.seq])
    report = audit_chain_verify()
    assert report.first_bad_seq == target.seq + 1
    assert "prev_hash" in report.reason


def test_appends_continue_the_chain_after_verification(trail, clerk_maonan):
    before = trail.count()
    audit_record(actor=clerk_maonan, action=AuditAction.LOGOUT, obj=clerk_maonan)
    assert AuditEntry.objects.count() == before + 1
    assert audit_chain_verify().intact


def test_unknown_actions_are_refused(clerk_maonan):
    before = AuditEntry.objects.count()
    with pytest.raises(ValueError):
        audit_record(actor=clerk_maonan, action="frobnicate")
    assert AuditEntry.objects.count() == before


def test_a_system_job_is_recorded_without_an_actor(db):
    person = testing.person(actor=None)
    entry = AuditEntry.objects.get(object_type="registry.person", object_id=str(person.pk))
    assert entry.actor_id is None
    assert entry.actor_username == ""
