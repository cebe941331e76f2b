"""The staff queue: green-channel and collective cases first; filters by state, flags, overdue, district."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from renshe.labour import services
from renshe.labour.selectors import arbitration_queue, case_deadlines, main_deadline
from renshe.labour.tests import factories as f

pytestmark = pytest.mark.django_db


def test_green_and_collective_first_and_filters(citizen):
    arb = f.arbitrator()
    plain = f.apply(citizen, migrant_worker=False)
    collective = f.apply(citizen, migrant_worker=False, workers=10)
    green = f.apply(citizen)
    assert list(arbitration_queue(viewer=arb)) == [green, collective, plain]
    assert list(arbitration_queue(viewer=arb, green=True)) == [green]
    assert list(arbitration_queue(viewer=arb, collective=True)) == [collective]
    assert list(arbitration_queue(viewer=arb, district="440981")) == []
    assert len(arbitration_queue(viewer=arb, district="440902")) == 3
    services.arbitration_transition(case=plain, action="accept", actor=arb)
    assert list(arbitration_queue(viewer=arb, state="accepted")) == [plain]
    later = timezone.localdate() + timedelta(days=30)
    assert set(arbitration_queue(viewer=arb, overdue=True, today=later)) == {green, collective}


def test_deadline_colours(citizen):
    case = f.apply(citizen)
    today = timezone.localdate()
    assert main_deadline(case, today).colour in ("success", "warning")
    assert main_deadline(case, case.acceptance_due + timedelta(days=1)).colour == "danger"
    case = services.arbitration_transition(case=case, action="accept", actor=f.arbitrator())
    rows = case_deadlines(case, today)
    assert rows[0].colour == "success"  # met
    assert rows[-1].due == case.award_due and rows[-1].days_left == (case.award_due - today).days
