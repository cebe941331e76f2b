"""Two people acting on one job at the same instant: exactly one succeeds (DESIGN.md, contracts).

Each thread has its own database connection; a barrier releases them together and the winner holds
the row lock a little longer (``_event`` sleeps), so the other arrives while it is held. PostgreSQL:
``select_for_update`` makes the second wait, then read the new status and get ``JobConflict``.
SQLite serialises writers (``BEGIN IMMEDIATE``); its shared-cache test database refuses a second
``BEGIN`` at once instead of waiting, which ``renshe.testing_race.retry_while_locked`` turns into a wait.
"""

from __future__ import annotations

import pytest

from renshe import testing
from renshe.accounts.models import Role
from renshe.employment import services_jobs
from renshe.employment.models import Job, JobEvent
from renshe.employment.models.jobs import JobStatus
from renshe.employment.tests import jobs_support as js
from renshe.testing_race import hold_while_racing, race, reference_data_back  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _slow_event(transactional_db, monkeypatch):
    hold_while_racing(monkeypatch, services_jobs, "_event")  # inside the transaction, after the row lock


def test_approve_and_reject_at_once_one_wins():
    employer = testing.employer_user()
    reviewer = testing.staff("reviewer_maonan", Role.REVIEWER, "440902")
    admin = testing.staff("city_admin", Role.ADMIN, "440900")
    job = js.post(employer)
    outcomes = race(
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
    outcomes = race(
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
