"""The demo seed: rooms, two more arbitrators and six cases in several states; a second run adds nothing."""

from __future__ import annotations

import pytest

from renshe import testing
from renshe.accounts.models import User
from renshe.labour.demo import demo_seed
from renshe.labour.models import ArbitrationCase, HearingRoom, Status
from renshe.labour.tests import factories as f

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent():
    f.arbitrator("arbitrator")
    testing.citizen("citizen_demo")
    for i in range(6):
        testing.person(name=f"演示{i}")
    assert demo_seed(scale="small") == {"rooms": 3, "cases": 6}
    assert demo_seed(scale="small") == {"rooms": 3, "cases": 0}
    assert HearingRoom.objects.count() == 3
    assert User.objects.filter(username__in=["arbitrator2", "arbitrator3"], role="arbitrator").count() == 2
    states = set(ArbitrationCase.objects.values_list("status", flat=True))
    assert {
        Status.SUBMITTED,
        Status.SCHEDULED,
        Status.ACCEPTED,
        Status.AWARDED,
        Status.MEDIATED,
        Status.REFUSED,
    } <= states
    green = ArbitrationCase.objects.get(source_reference="demo:green")
    assert green.green_channel and green.final_award and green.applicant.name == "张三"
    assert ArbitrationCase.objects.filter(published=True).count() == 1
