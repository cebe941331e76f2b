"""Two people acting on one case at the same instant: exactly one succeeds (DESIGN.md, contracts).

These tests really run the transitions at once: each thread has its own database connection and a
``threading.Barrier`` releases them together, while the winner holds the row lock a little longer
than usual (``_record`` sleeps) so the other caller is sure to arrive while it is held.

PostgreSQL: ``select_for_update`` makes the second caller wait for the first to commit, then it
reads the new version and gets ``CaseConflict``. SQLite serialises writers: with
``transaction_mode = IMMEDIATE`` the second caller waits at ``BEGIN`` (busy_timeout) and then reads
the changed row, so the same assertions hold there too. The in-memory SQLite test database is a
shared cache, where a second ``BEGIN IMMEDIATE`` fails at once ("database table is locked") instead
of waiting; ``renshe.testing_race.retry_while_locked`` retries exactly that failure (a file database waits).
"""

from __future__ import annotations

import pytest

from renshe import testing
from renshe.accounts.models import Role
from renshe.cases import services
from renshe.cases.exceptions import CaseConflict
from renshe.cases.models import Case, Status, Transition
from renshe.cases.testing import material_ids, pdf, service_item
from renshe.testing_race import HOLD_SECONDS, hold_while_racing, race_timed, reference_data_back  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _setup(transactional_db, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    # Notices are rendered after commit by a worker; not what these tests are about.
    monkeypatch.setattr(services, "_issue_document", lambda case, kind: None)
    hold_while_racing(monkeypatch, services, "_record")  # inside the transaction, after the row lock


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


def _acceptrace_timed(citizen, first, second, second_action: str, comment: str = "") -> None:
    case = _case(citizen, levels=1)
    seen = case.version
    before = Transition.objects.filter(case=case).count()
    outcomes, times = race_timed(
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
    _acceptrace_timed(citizen, clerk_maonan, other_clerk, "accept")
    _acceptrace_timed(citizen, clerk_maonan, other_clerk, "reject", comment="不属于本机关职权范围")


def test_two_reviewers_approve_at_once_with_the_version_they_saw(citizen, clerk_maonan, reviewer_maonan):
    other_reviewer = testing.staff("reviewer_maonan_2", Role.REVIEWER, "440902")
    case = _case(citizen, levels=2)
    case = services.case_transition(case=case, action="accept", actor=clerk_maonan)
    seen = case.version
    before = Transition.objects.filter(case=case).count()
    outcomes, times = race_timed(
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
    outcomes, times = race_timed(
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
    outcomes, times = race_timed(
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
