"""The demo seed: four levels in 茂南 and 高州, the two mediators, cases in several states; twice = once."""

from __future__ import annotations

import pytest

from renshe import testing
from renshe.accounts.models import Role, User
from renshe.labour.mediation.demo import demo_seed
from renshe.labour.mediation.models import Level, MediationCase, Organisation, Status

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent(db):
    testing.staff("city_admin", Role.ADMIN, "440900")
    testing.citizen(username="citizen_demo")
    testing.employer(region="440902001")
    for name in ("甲", "乙"):
        testing.person(name=name, region="440902001")
    testing.person(name="丙", region="440981002")
    first = demo_seed(scale="small")
    counts = (Organisation.objects.count(), MediationCase.objects.count(), User.objects.count())
    second = demo_seed(scale="small")
    assert (Organisation.objects.count(), MediationCase.objects.count(), User.objects.count()) == counts
    assert first["cases"] == 5 and second["cases"] == 0
    levels = set(Organisation.objects.filter(region__code__startswith="440902").values_list("level", flat=True))
    assert levels == set(Level.values)
    assert set(MediationCase.objects.values_list("status", flat=True)) == {
        Status.PENDING,
        Status.AGREED,
        Status.MEDIATING,
        Status.FAILED,
    }
    assert User.objects.get(username="mediator_maonan").region.code == "440902001"
    assert User.objects.get(username="mediator_city").role == Role.MEDIATOR
