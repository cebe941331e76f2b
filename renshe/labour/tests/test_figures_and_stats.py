"""The figures of docs/figures.md and the statistics page agree on the same cases; the demo is idempotent."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from renshe.core.figures import compute, spec
from renshe.labour import services, services_hearings
from renshe.labour.selectors import arbitration_statistics
from renshe.labour.tests import factories as f

pytestmark = pytest.mark.django_db
KEYS = [
    "labour.arbitration_closure_rate",
    "labour.arbitration_received",
    "labour.arbitration_open",
    "labour.arbitration_overdue",
]


def test_figures_are_declared():
    assert all(spec(k) is not None for k in KEYS)


def test_closure_rate_received_open_overdue(citizen, statistician):
    arb = f.arbitrator()
    today = timezone.localdate()
    cases = []
    for _ in range(3):
        case = f.apply(citizen)
        cases.append(services.arbitration_transition(case=case, action="accept", actor=arb))
    f.apply(citizen)  # not accepted: not counted
    services_hearings.arbitration_form_tribunal(case=cases[0], actor=arb, arbitrator_ids=[arb.pk])
    decisions = {c.pk: {"upheld": True, "amount": c.amount} for c in cases[0].claims.all()}
    services_hearings.arbitration_award(case=cases[0], actor=arb, decisions=decisions, reasoning="属实")
    services.arbitration_transition(case=cases[1], action="withdraw", actor=citizen)
    start = today.replace(day=1)
    assert compute("labour.arbitration_received", start, today) == {"440902": 3, "440900": 3}
    assert compute("labour.arbitration_open", start, today)["440902"] == 1
    assert compute("labour.arbitration_closure_rate", start, today)["440900"] == Decimal("66.7")
    later = cases[2].award_due + timedelta(days=1)
    assert compute("labour.arbitration_overdue", later, later)["440902"] == 1
    stats = arbitration_statistics(viewer=statistician, start=start, end=today)
    assert stats["total"]["received"] == 4 and stats["total"]["accepted"] == 3
    assert stats["total"]["concluded"] == 2 and stats["total"]["closure_rate"] == pytest.approx(66.7)
    assert stats["total"]["green"] == 4 and stats["total"]["final_share"] == 100.0
    assert [r["county"] for r in stats["by_district"]] == ["440902"]


def test_statistics_scoped_to_nothing_without_permission(citizen):
    f.apply(citizen)
    today = timezone.localdate()
    stats = arbitration_statistics(viewer=citizen, start=today, end=today)
    assert stats["total"]["received"] == 0
