"""Two callers at once: the wage-warning board opening the same case twice gives one case; two
inspectors closing one case with the version they saw — exactly one closes it, the other is told.

Each thread has its own connection; a barrier releases them together and the first one holds its
transaction a little (the audit write sleeps) so the other arrives meanwhile (see
renshe/employment/tests/test_fairs_concurrency.py for the pattern and the SQLite retry).
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connection

from renshe import testing
from renshe.accounts.models import Role
from renshe.cases.exceptions import CaseConflict
from renshe.core.models import Region
from renshe.core.reference import reference_load
from renshe.labour.inspection import services
from renshe.labour.inspection.models import InspectionCase

pytestmark = pytest.mark.django_db(transaction=True)

HOLD_SECONDS = 0.3
_racing = threading.Event()


@pytest.fixture(autouse=True, scope="module")
def _reference_data_back(django_db_blocker):
    yield
    with django_db_blocker.unblock():
        reference_load()


@pytest.fixture(autouse=True)
def _setup(transactional_db, monkeypatch):
    if not Region.objects.filter(pk=testing.MAONAN_TOWN).exists():
        reference_load()
    original = services.audit_record

    def slow_audit(**kwargs):
        if _racing.is_set():
            time.sleep(HOLD_SECONDS)
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


def test_two_simultaneous_opens_give_one_case():
    inspector = testing.staff("insp_a", Role.INSPECTOR, "440902")
    firm = testing.employer(name="并发测试单位")

    def call():
        return services.inspection_case_open(
            actor=inspector, employer=firm, summary="欠薪预警", source="wage_warning", source_ref="42"
        )

    outcomes = _race([call, call])
    assert all(isinstance(o, InspectionCase) for o in outcomes), outcomes
    assert outcomes[0].pk == outcomes[1].pk
    assert InspectionCase.objects.filter(source="wage_warning", source_ref="42").count() == 1


def test_two_closures_one_wins():
    a = testing.staff("insp_a", Role.INSPECTOR, "440902")
    b = testing.staff("insp_b", Role.INSPECTOR, "440902")
    firm = testing.employer(name="并发测试单位")
    case = services.inspection_case_open(actor=a, employer=firm, summary="主动检查", source="ex_officio")
    seen = case.version

    def close(actor):
        return lambda: services.case_close(
            case=case, actor=actor, violation_confirmed=False, outcome_note="未发现违法", expected_version=seen
        )

    outcomes = _race([close(a), close(b)])
    closed = [o for o in outcomes if isinstance(o, InspectionCase)]
    refused = [o for o in outcomes if isinstance(o, CaseConflict)]
    assert len(closed) == 1 and len(refused) == 1, outcomes
    assert case.transitions.filter(action="close").count() == 1
