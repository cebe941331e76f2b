"""Two doors, one code; two clicks, one booth: the row lock (and the unique constraint) let one through.

Each thread has its own database connection and a barrier releases them together; the winner holds
its transaction a little longer (the audit write sleeps) so the other is sure to arrive meanwhile.
On PostgreSQL ``select_for_update`` makes the second caller wait and then see the first one's write;
SQLite (``transaction_mode = IMMEDIATE``) serialises at ``BEGIN``, with the same outcome — see
``renshe/cases/tests/test_concurrency_transitions.py`` for the shared-cache retry.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from renshe import testing
from renshe.accounts.models import Role
from renshe.employment import services_fairs as services
from renshe.employment.models import Booth, FairRegistration
from renshe.employment.tests import fairs_testing as ft
from renshe.testing_race import hold_while_racing, race, reference_data_back  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _setup(transactional_db, monkeypatch):
    hold_while_racing(monkeypatch, services, "audit_record")  # inside the transaction, after the row lock


def test_same_code_at_two_doors_checks_in_once(reviewer_maonan, clerk_maonan, citizen):
    other_door = testing.staff("clerk_maonan_2", Role.CLERK, "440902")
    fair = ft.fair(reviewer_maonan)
    registration = ft.signed_up(citizen, fair)
    outcomes = race(
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
    outcomes = race([lambda: services.booth_book(actor=employer_user, fair=fair, jobs=[job]) for _ in range(2)])
    booked = [o for o in outcomes if isinstance(o, Booth)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(booked) == 1 and len(refused) == 1, outcomes
    assert "只能预订一个展位" in refused[0].message_dict["fair"][0]
    assert Booth.objects.filter(fair=fair).count() == 1
