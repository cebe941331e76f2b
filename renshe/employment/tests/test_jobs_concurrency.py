"""Two people acting on one job at the same instant: exactly one succeeds (DESIGN.md, contracts).

Each thread has its own database connection; a barrier releases them together and the winner holds
the row lock a little longer (``_event`` sleeps), so the other arrives while it is held. PostgreSQL:
``select_for_update`` makes the second wait, then read the new status and get ``JobConflict``.
SQLite serialises writers (``BEGIN IMMEDIATE``); its shared-cache test database refuses a second
``BEGIN`` at once instead of waiting, which ``_retry_locked`` turns into the wait a file database does.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connection

from renshe import testing
from renshe.accounts.models import Role
from renshe.core.models import Region
from renshe.core.reference import reference_load
from renshe.employment import services_jobs
from renshe.employment.models import Job, JobEvent
from renshe.employment.models.jobs import JobStatus
from renshe.employment.tests import jobs_support as js

pytestmark = pytest.mark.django_db(transaction=True)

_racing = threading.Event()


@pytest.fixture(autouse=True, scope="module")
def _reference_data_back(django_db_blocker):
    # A transactional test ends with a flush that empties every table, reference data included.
    yield
    with django_db_blocker.unblock():
        reference_load()


@pytest.fixture(autouse=True)
def _slow_event(transactional_db, monkeypatch):
    if not Region.objects.filter(pk=testing.MAONAN_TOWN).exists():
        reference_load()
    original = services_jobs._event

    def slow(*args, **kwargs):
        if _racing.is_set():
            time.sleep(0.3)  # inside the transaction, after the row is locked
        return original(*args, **kwargs)

    monkeypatch.setattr(services_jobs, "_event", slow)


def _retry_locked(call):
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
                outcomes[i] = _retry_locked(call)
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
    assert not any(t.is_alive() for t in threads), "a transition hung"
    return outcomes


def test_approve_and_reject_at_once_one_wins():
    employer = testing.employer_user()
    reviewer = testing.staff("reviewer_maonan", Role.REVIEWER, "440902")
    admin = testing.staff("city_admin", Role.ADMIN, "440900")
    job = js.post(employer)
    outcomes = _race(
        [
            lambda: services_jobs.job_transition(job=job, action="approve", actor=reviewer),
            lambda: services_jobs.job_transition(job=job, action="reject", actor=admin, comment="不符合"),
        ]
    )
    wins = [o for o in outcomes if isinstance(o, Job)]
    conflicts = [o for o in outcomes if isinstance(o, services_jobs.JobConflict)]
    assert len(wins) == 1 and len(conflicts) == 1, outcomes
    job.refresh_from_db()
    assert job.status in (JobStatus.PUBLISHED, JobStatus.REJECTED)
    assert JobEvent.objects.filter(job=job, action__in=["approve", "reject"]).count() == 1


def test_withdraw_while_approving_leaves_one_story():
    employer = testing.employer_user()
    reviewer = testing.staff("reviewer_maonan", Role.REVIEWER, "440902")
    job = js.post(employer)
    outcomes = _race(
        [
            lambda: services_jobs.job_transition(job=job, action="approve", actor=reviewer),
            lambda: services_jobs.job_transition(job=job, action="withdraw", actor=employer),
        ]
    )
    job.refresh_from_db()
    actions = list(JobEvent.objects.filter(job=job).exclude(action="submit").values_list("action", flat=True))
    # Either the approval came first and the withdrawal followed it, or the withdrawal won and the
    # approval was refused: never a published job without its approval, never both from pending.
    if actions == ["approve", "withdraw"]:
        assert job.status == JobStatus.WITHDRAWN and all(isinstance(o, Job) for o in outcomes)
    else:
        assert actions == ["withdraw"] and job.status == JobStatus.WITHDRAWN
        assert any(isinstance(o, services_jobs.JobConflict) for o in outcomes)
