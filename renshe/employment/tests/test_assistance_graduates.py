"""离校未就业高校毕业生: the tracking list, placed by a hire, contacts through the ledger."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from renshe.employment import assistance
from renshe.employment.models import GraduateTracking
from renshe.employment.monitoring import employment_register
from renshe.employment.tests import assistance_testing as at

S = GraduateTracking.Status


@pytest.mark.django_db
def test_track_contact_and_place(clerk_maonan):
    grad = at.person(name="郑晓", born=date(2002, 9, 1), tags=["graduate"])
    tracking = assistance.graduate_track(
        actor=clerk_maonan, person=grad, school="广东石油化工学院", major="化学工程", graduated_on=date(2025, 6, 30)
    )
    assert tracking.status == S.UNPLACED
    assistance.contact_log(actor=clerk_maonan, person=grad, contacted_on=date(2025, 7, 3), channel="phone", content="x")
    row = assistance.graduates(viewer=clerk_maonan).get()
    assert row.last_contact == date(2025, 7, 3)
    employment_register(
        actor=clerk_maonan,
        person=grad,
        employer=at.employer(),
        start_date=timezone.localdate(),
        contract_type="fixed",
        source="window",
    )
    tracking.refresh_from_db()
    assert tracking.status == S.PLACED


@pytest.mark.django_db
def test_status_update_and_bad_input(clerk_maonan, clerk_gaozhou, citizen):
    grad = at.person(born=date(2002, 1, 1))
    with pytest.raises(ValidationError) as err:
        assistance.graduate_track(actor=clerk_maonan, person=grad, school="", graduated_on=date(2025, 6, 30))
    assert "school" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        assistance.graduate_track(actor=clerk_maonan, person=grad, school="x", graduated_on=date(2099, 6, 30))
    assert "graduated_on" in err.value.message_dict
    tracking = assistance.graduate_track(actor=clerk_maonan, person=grad, school="x", graduated_on=date(2025, 6, 30))
    with pytest.raises(ValidationError, match="已在"):
        assistance.graduate_track(actor=clerk_maonan, person=grad, school="x", graduated_on=date(2025, 6, 30))
    with pytest.raises(ValidationError):
        assistance.graduate_set_status(actor=clerk_maonan, tracking=tracking, status="vanished")
    for actor in (clerk_gaozhou, citizen):
        with pytest.raises(PermissionDenied):
            assistance.graduate_set_status(actor=actor, tracking=tracking, status=S.FURTHER_STUDY)
    assert (
        assistance.graduate_set_status(actor=clerk_maonan, tracking=tracking, status=S.FURTHER_STUDY).status == "study"
    )
    assert not assistance.graduates(viewer=clerk_gaozhou).exists()
