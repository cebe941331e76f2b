"""Two people acting on one case at the same instant: exactly one succeeds (DESIGN.md, contracts).

These tests really run the transitions at once: each thread has its own database connection and a
``threading.Barrier`` releases them together, while the winner holds the row lock a little longer
than usual (``_record`` sleeps) so the other caller is sure to arrive while it is held.

PostgreSQL: ``select_for_update`` makes the second caller wait for the first to commit, then it
reads the new version and gets ``CaseConflict``. SQLite serialises writers: with
``transaction_mode = IMMEDIATE`` the second caller waits at ``BEGIN`` (busy_timeout) and then reads
the changed row, so the same assertions hold there too. The in-memory SQLite test database is a
shared cache, where a second ``BEGIN IMMEDIATE`` fails at once ("database table is locked") instead
of waiting; ``_as_busy_timeout`` retries exactly that failure, which is the wait a file database does.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connection

from renshe import testing
from renshe.accounts.models import Role
from renshe.cases import services
from renshe.cases.exceptions import CaseConflict
from renshe.cases.models import Case, Status, Transition
from renshe.cases.testing import material_ids, pdf, service_item
from renshe.core.models import Region
from renshe.core.reference import reference_load

pytestmark = pytest.mark.django_db(transaction=True)

HOLD_SECONDS = 0.3
_racing = threading.Event()


@pytest.fixture(autouse=True, scope="module")
def _reference_data_back(django_db_blocker):
    # A transactional test ends with a flush that empties every table, the migrated regions
    # included: put them back for whatever runs next in this process.
    yield
    with django_db_blocker.unblock():
        reference_load()


@pytest.fixture(autouse=True)
def _setup(transactional_db, settings, tmp_path, monkeypatch):
    if not Region.objects.filter(pk=testing.MAONAN_TOWN).exists():
        reference_load()  # emptied by an earlier transactional test's flush
    settings.MEDIA_ROOT = tmp_path
    # Notices are rendered after commit by a worker; not what these tests are about.
    monkeypatch.setattr(services, "_issue_document", lambda case, kind: None)
    original = services._record

    def slow_record(**kwargs):
        if _racing.is_set():
            time.sleep(HOLD_SECONDS)  # inside the transaction, after the row is locked
        return original(**kwargs)

    monkeypatch.setattr(services, "_record", slow_record)


def _case(citizen, *, levels: int) -> Case:
    steps = [{"name": "受理", "role": "clerk"}] + [{"name": f"第{n}级审核", "role": "reviewer"} for n in range(levels)]
    item = service_item(steps=steps)
    ids = material_ids(item)
    return services.case_submit(
        actor=citizen,
        item=item,
        applicant=citizen.person,
        channel="web",
        form_data={"reason": "其他"},
        files={ids["居民身份证"]: pdf(), ids["解除劳动合同证明"]: pdf()},
    )


def _as_busy_timeout(call):
    """Call ``call``; on SQLite's shared-cache test database, retry while another writer holds the
    lock at ``BEGIN`` — the wait busy_timeout gives on a file database. Nothing ran before it."""
    deadline = time.monotonic() + 20
    while True:
        try:
            return call()
        except OperationalError as exc:
            if connection.vendor != "sqlite" or "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _race(calls) -> list:
    """Run ``calls`` in threads released at the same instant; return each one's result or exception,
    and when each started and finished."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)
    times: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=10)
            started = time.monotonic()
            try:
                outcomes[i] = _as_busy_timeout(call)
            except Exception as exc:  # the outcome under test
                outcomes[i] = exc
            times[i] = (started, time.monotonic())
        finally:
            connection.close()  # this thread's own connection

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
    return outcomes, times


def _split(outcomes):
    wins = [o for o in outcomes if isinstance(o, Case)]
    conflicts = [o for o in outcomes if isinstance(o, CaseConflict)]
    others = [o for o in outcomes if not isinstance(o, Case | CaseConflict)]
    assert not others, others
    return wins, conflicts


def _overlapped(outcomes, times) -> None:
    """Every loser started before the winner had finished: the calls really ran at once."""
    winner_end = next(t[1] for o, t in zip(outcomes, times, strict=True) if isinstance(o, Case))
    for o, t in zip(outcomes, times, strict=True):
        if isinstance(o, CaseConflict):
            assert t[0] < winner_end


def _accept_race(citizen, first, second, second_action: str, comment: str = "") -> None:
    case = _case(citizen, levels=1)
    seen = case.version
    before = Transition.objects.filter(case=case).count()
    outcomes, times = _race(
        [
            lambda: services.case_transition(case=case, action="accept", actor=first, expected_version=seen),
            lambda: services.case_transition(
                case=case, action=second_action, actor=second, comment=comment, expected_version=seen
            ),
        ]
    )
    wins, conflicts = _split(outcomes)
    assert len(wins) == 1 and len(conflicts) == 1
    assert "已被他人处理" in conflicts[0].messages[0]
    _overlapped(outcomes, times)
    case.refresh_from_db()
    assert case.status == wins[0].status and case.version == seen + 1
    assert Transition.objects.filter(case=case).count() == before + 1
    winner_action = "accept" if case.status == Status.IN_REVIEW else second_action
    assert list(Transition.objects.filter(case=case).values_list("action", flat=True)) == ["submit", winner_action]


def test_two_clerks_act_at_once_with_the_version_they_saw(citizen, clerk_maonan):
    other_clerk = testing.staff("clerk_maonan_2", Role.CLERK, "440902")
    _accept_race(citizen, clerk_maonan, other_clerk, "accept")
    _accept_race(citizen, clerk_maonan, other_clerk, "reject", comment="不属于本机关职权范围")


def test_two_reviewers_approve_at_once_with_the_version_they_saw(citizen, clerk_maonan, reviewer_maonan):
    other_reviewer = testing.staff("reviewer_maonan_2", Role.REVIEWER, "440902")
    case = _case(citizen, levels=2)
    case = services.case_transition(case=case, action="accept", actor=clerk_maonan)
    seen = case.version
    before = Transition.objects.filter(case=case).count()
    outcomes, times = _race(
        [
            lambda: services.case_transition(case=case, action="approve", actor=reviewer_maonan, expected_version=seen),
            lambda: services.case_transition(case=case, action="approve", actor=other_reviewer, expected_version=seen),
        ]
    )
    wins, conflicts = _split(outcomes)
    assert len(wins) == 1 and len(conflicts) == 1
    assert "已被他人处理" in conflicts[0].messages[0]
    _overlapped(outcomes, times)
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW and case.review_level == 2 and case.version == seen + 1
    assert Transition.objects.filter(case=case).count() == before + 1
    assert list(Transition.objects.filter(case=case, action="approve").values_list("level", flat=True)) == [1]


def test_two_reviewers_without_a_version(citizen, clerk_maonan, reviewer_maonan):
    """No ``expected_version``: the row lock alone serialises the two approvals.

    At the last level the second reviewer then finds the case approved and is refused. With levels
    left both succeed, one after the other: each success advances the review level exactly once and
    the history shows levels 1 and 2 — never a lost update (both reading level 1, both writing 2).
    """
    other_reviewer = testing.staff("reviewer_maonan_2", Role.REVIEWER, "440902")

    # the last level: exactly one succeeds
    case = _case(citizen, levels=1)
    case = services.case_transition(case=case, action="accept", actor=clerk_maonan)
    seen = case.version
    outcomes, times = _race(
        [
            lambda: services.case_transition(case=case, action="approve", actor=reviewer_maonan),
            lambda: services.case_transition(case=case, action="approve", actor=other_reviewer),
        ]
    )
    wins, conflicts = _split(outcomes)
    assert len(wins) == 1 and len(conflicts) == 1
    assert "不能审核通过" in conflicts[0].messages[0]
    _overlapped(outcomes, times)
    case.refresh_from_db()
    assert case.status == Status.APPROVED and case.version == seen + 1
    assert Transition.objects.filter(case=case, action="approve").count() == 1

    # levels left: both succeed, serialised
    case = _case(citizen, levels=3)
    case = services.case_transition(case=case, action="accept", actor=clerk_maonan)
    seen = case.version
    outcomes, times = _race(
        [
            lambda: services.case_transition(case=case, action="approve", actor=reviewer_maonan),
            lambda: services.case_transition(case=case, action="approve", actor=other_reviewer),
        ]
    )
    wins, conflicts = _split(outcomes)
    assert len(wins) == 2 and not conflicts
    ends = sorted(t[1] for t in times)
    assert ends[1] - ends[0] >= HOLD_SECONDS * 0.9  # the second waited for the first's lock
    assert sorted(w.review_level for w in wins) == [2, 3]
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW and case.review_level == 3 and case.version == seen + 2
    approvals = list(
        Transition.objects.filter(case=case, action="approve").order_by("id").values_list("level", "from_status")
    )
    assert approvals == [(1, "in_review"), (2, "in_review")]
