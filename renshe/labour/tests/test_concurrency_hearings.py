"""Two clerks booking the same room for the same hour at the same instant: exactly one succeeds.

Like renshe/cases/tests/test_concurrency_transitions.py: each thread has its own connection, a
barrier releases them together, and the winner holds its locks a little longer (``finish`` sleeps,
inside the transaction, after the hearing row is written) so that the other arrives while they are
held. PostgreSQL: the room's ``select_for_update`` makes the second wait, then it sees the first
booking and gets ``BookingClash``. SQLite serialises writers at ``BEGIN IMMEDIATE`` (retried here
as busy_timeout would on a file database), with the same outcome.
"""

from __future__ import annotations

import pytest

from renshe import testing
from renshe.labour import services, services_hearings
from renshe.labour.exceptions import BookingClash
from renshe.labour.models import Hearing
from renshe.labour.tests import factories as f
from renshe.testing_race import hold_while_racing, race, reference_data_back  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _setup(transactional_db, monkeypatch):
    monkeypatch.setattr("renshe.labour.documents.issue_after_commit", lambda case, kind: None)
    hold_while_racing(monkeypatch, services_hearings, "finish")


def _ready_case(citizen, arbitrator):
    case = f.apply(citizen)
    case = services.arbitration_transition(case=case, action="accept", actor=arbitrator)
    services_hearings.arbitration_form_tribunal(case=case, actor=arbitrator, arbitrator_ids=[arbitrator.pk])
    case.refresh_from_db()
    return case


@pytest.mark.parametrize("same_arbitrator", [False, True])
def test_two_bookings_of_one_room_at_once_only_one_succeeds(same_arbitrator):
    citizen = testing.citizen("citizen_race")
    a1 = f.arbitrator("arb_race_1")
    a2 = a1 if same_arbitrator else f.arbitrator("arb_race_2")
    room = f.room()
    other_room = f.room("第二仲裁庭")
    first, second = _ready_case(citizen, a1), _ready_case(citizen, a2)
    when = f.at(f.next_free_day(9), 14)
    # Same arbitrator: two different rooms, so only the arbitrator's calendar can refuse the second.
    rooms = (room, other_room) if same_arbitrator else (room, room)
    outcomes = race(
        [
            lambda: services_hearings.arbitration_schedule_hearing(case=first, actor=a1, room=rooms[0], starts_at=when),
            lambda: services_hearings.arbitration_schedule_hearing(
                case=second, actor=a2, room=rooms[1], starts_at=when
            ),
        ]
    )
    wins = [o for o in outcomes if isinstance(o, Hearing)]
    clashes = [o for o in outcomes if isinstance(o, BookingClash)]
    assert len(wins) == 1 and len(clashes) == 1, outcomes
    assert Hearing.objects.filter(state=Hearing.State.SCHEDULED).count() == 1
