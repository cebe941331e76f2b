"""Two (or more) people acting at the same instant, for the concurrency tests of every module.

Each call runs in its own thread with its own database connection; a barrier releases them together,
and the function named by ``hold_while_racing`` sleeps ``HOLD_SECONDS`` first while a race runs —
patch one that runs inside the transaction after the row is locked, so the winner keeps its lock
long enough for the others to arrive. On PostgreSQL ``select_for_update`` makes the others wait and
then see the winner's write; SQLite (``transaction_mode = IMMEDIATE``) serialises at ``BEGIN``, and its
shared-cache test database answers "locked" instead of waiting, so calls are retried for a while
(the wait ``busy_timeout`` gives on a file database). Use in a module marked
``pytest.mark.django_db(transaction=True)`` together with the fixture ``reference_data_back``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from django.db import OperationalError, connection

from renshe import testing

HOLD_SECONDS = 0.3
racing = threading.Event()


@pytest.fixture(autouse=True)
def reference_data_back(django_db_blocker):
    """A transactional test ends with a flush that empties every table, the migrated reference data
    (regions, industries, …) included: make sure it is there before each test and after it."""
    _reference_data_ensure(django_db_blocker)
    yield
    _reference_data_ensure(django_db_blocker)


def _reference_data_ensure(django_db_blocker) -> None:
    from renshe.core.models import Region
    from renshe.core.reference import reference_load

    with django_db_blocker.unblock():
        if not Region.objects.filter(pk=testing.MAONAN_TOWN).exists():
            reference_load()


def hold_while_racing(monkeypatch, owner, name: str, seconds: float = HOLD_SECONDS) -> None:
    """Make ``owner.name`` sleep ``seconds`` before it runs, only while a race is on."""
    original = getattr(owner, name)

    def held(*args, **kwargs):
        if racing.is_set():
            time.sleep(seconds)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, held)


def retry_while_locked(call: Callable, seconds: float = 20):
    """Call ``call``; on SQLite, retry while another writer holds the database lock at ``BEGIN``
    (nothing of the call ran before it failed)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return call()
        except OperationalError as exc:
            if connection.vendor != "sqlite" or "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def race_timed(calls: list[Callable]) -> tuple[list, list]:
    """Run ``calls`` in threads released at the same instant; return each one's result or exception,
    and when each started and finished (``time.monotonic`` pairs)."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)
    times: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=10)
            started = time.monotonic()
            try:
                outcomes[i] = retry_while_locked(call)
            except Exception as exc:  # the outcome under test
                outcomes[i] = exc
            times[i] = (started, time.monotonic())
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    racing.set()
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    finally:
        racing.clear()
    assert not any(t.is_alive() for t in threads), "a call hung"
    return outcomes, times


def race(calls: list[Callable]) -> list:
    """``race_timed`` without the times."""
    return race_timed(calls)[0]
