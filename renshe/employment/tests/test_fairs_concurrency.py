"""Two doors, one code; two clicks, one booth: the row lock (and the unique constraint) let one through.

Each thread has its own database connection and a barrier releases them together; the winner holds
its transaction a little longer (the audit write sleeps) so the other is sure to arrive meanwhile.
On PostgreSQL ``select_for_update`` makes the second caller wait and then see the first one's write;
SQLite (``transaction_mode = IMMEDIATE``) serialises at ``BEGIN``, with the same outcome — see
``renshe/cases/tests/test_concurrency_transitions.py`` for the shared-cache retry.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection

from renshe import testing
from renshe.accounts.models import Role
from renshe.core.models import Region
from renshe.core.reference import reference_load
from renshe.employment import services_fairs as services
from renshe.employment.models import Booth, FairRegistration
from renshe.employment.tests import fairs_testing as ft

pytestmark = pytest.mark.django_db(transaction=True)

HOLD_SECONDS = 0.3
_racing = threading.Event()


@pytest.fixture(autouse=True, scope="module")
def _reference_data_back(django_db_blocker):
    yield  # a transactional test's flush empties the regions: put them back for the next tests
    with django_db_blocker.unblock():
        reference_load()


@pytest.fixture(autouse=True)
def _setup(transactional_db, monkeypatch):
    if not Region.objects.filter(pk=testing.MAONAN_TOWN).exists():
        reference_load()
    original = services.audit_record

    def slow_audit(**kwargs):
        if _racing.is_set():
            time.sleep(HOLD_SECONDS)  # inside the transaction, after the row is locked
        return original(**kwargs)

    monkeypatch.setattr(services, "audit_record", slow_audit)


def _as_busy_timeout(call):
    deadline = time.monotonic() + 20
    while True:
        try:
            return call()
        except OperationalError as exc:
            if connection.vendor != "sqlite" or "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _race(calls) -> list:
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=10)
            try:
                outcomes[i] = _as_busy_timeout(call)
            except Exception as exc:  # the outcome under test
                outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    _racing.set()
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    finally:
        _racing.clear()
    assert not any(t.is_alive() for t in threads), "a call hung"
    return outcomes


def test_same_code_at_two_doors_checks_in_once(reviewer_maonan, clerk_maonan, citizen):
    other_door = testing.staff("clerk_maonan_2", Role.CLERK, "440902")
    fair = ft.fair(reviewer_maonan)
    registration = ft.signed_up(citizen, fair)
    outcomes = _race(
        [
            lambda: services.fair_check_in(actor=clerk_maonan, fair=fair, code=registration.code),
            lambda: services.fair_check_in(actor=other_door, fair=fair, code=registration.code),
        ]
    )
    admitted = [o for o in outcomes if isinstance(o, FairRegistration)]
    refused = [o for o in outcomes if isinstance(o, services.CheckInRefused)]
    assert len(admitted) == 1 and len(refused) == 1, outcomes
    assert refused[0].reason == "already"
    registration.refresh_from_db()
    assert registration.checked_in_at == admitted[0].checked_in_at


def test_two_booking_clicks_make_one_booth(reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan)
    job = ft.job(employer_user.employer)
    outcomes = _race([lambda: services.booth_book(actor=employer_user, fair=fair, jobs=[job]) for _ in range(2)])
    booked = [o for o in outcomes if isinstance(o, Booth)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(booked) == 1 and len(refused) == 1, outcomes
    assert "只能预订一个展位" in refused[0].message_dict["fair"][0]
    assert Booth.objects.filter(fair=fair).count() == 1
