"""Check-in at the door: a code admits once, only at its own fair, only on the fair's days."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from renshe.audit.models import AuditEntry
from renshe.employment import services_fairs as services
from renshe.employment.models import FairRegistration
from renshe.employment.tests import fairs_testing as ft

pytestmark = pytest.mark.django_db


def _refused(**kwargs) -> services.CheckInRefused:
    with pytest.raises(services.CheckInRefused) as exc:
        services.fair_check_in(**kwargs)
    return exc.value


def test_check_in_admits_once(reviewer_maonan, clerk_maonan, citizen):
    fair = ft.fair(reviewer_maonan)
    registration = ft.signed_up(citizen, fair)
    admitted = services.fair_check_in(actor=clerk_maonan, fair=fair, code=registration.code.lower())
    assert admitted.checked_in_at is not None
    assert admitted.checked_in_by == clerk_maonan
    assert AuditEntry.objects.filter(object_type="employment.fairregistration", action="update").count() == 1


def test_code_used_twice_is_refused_with_the_time_of_the_first(reviewer_maonan, clerk_maonan, citizen):
    fair = ft.fair(reviewer_maonan)
    registration = ft.signed_up(citizen, fair)
    first = services.fair_check_in(actor=clerk_maonan, fair=fair, code=registration.code)
    refused = _refused(actor=clerk_maonan, fair=fair, code=registration.code)
    at = timezone.localtime(first.checked_in_at).strftime("%H:%M")
    assert refused.reason == "already"
    assert refused.messages[0] == f"已于 {at} 入场，不能重复使用"
    registration.refresh_from_db()
    assert registration.checked_in_at == first.checked_in_at  # unchanged


def test_check_in_on_an_earlier_day_names_the_date(reviewer_maonan, clerk_maonan, citizen):
    fair = ft.fair(reviewer_maonan, starts_in=timedelta(days=-1), lasts=timedelta(days=2))
    registration = ft.signed_up(citizen, fair)
    yesterday = timezone.now() - timedelta(days=1)
    FairRegistration.objects.filter(pk=registration.pk).update(checked_in_at=yesterday)
    refused = _refused(actor=clerk_maonan, fair=fair, code=registration.code)
    local = timezone.localtime(yesterday)
    assert f"{local.month}月{local.day}日" in refused.messages[0]


def test_code_of_another_fair(reviewer_maonan, clerk_maonan, citizen):
    fair, other = ft.fair(reviewer_maonan), ft.fair(reviewer_maonan)
    registration = ft.signed_up(citizen, other)
    refused = _refused(actor=clerk_maonan, fair=fair, code=registration.code)
    assert (refused.reason, refused.messages[0]) == ("other_fair", "该入场码属于另一场招聘会")
    registration.refresh_from_db()
    assert registration.checked_in_at is None


@pytest.mark.parametrize("code", ["ABCD2345", "", "not a code", "' OR 1=1 --"])
def test_unknown_code(reviewer_maonan, clerk_maonan, code):
    fair = ft.fair(reviewer_maonan)
    refused = _refused(actor=clerk_maonan, fair=fair, code=code)
    assert refused.reason == "unknown"
    assert "查无此码" in refused.messages[0]


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"status": "closed"}, "招聘会已结束"),
        ({"status": "cancelled"}, "招聘会已取消"),
        ({"status": "draft"}, "尚未发布"),
        ({"starts_in": timedelta(days=2)}, "举办时间为"),
    ],
)
def test_fair_not_open_today(reviewer_maonan, clerk_maonan, citizen, kwargs, text):
    fair = ft.fair(reviewer_maonan, **kwargs)
    registration = FairRegistration.objects.create(fair=fair, person=citizen.person, code="ABCD2345")
    refused = _refused(actor=clerk_maonan, fair=fair, code=registration.code)
    assert refused.reason == "not_today"
    assert text in refused.messages[0]
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_online_fair_has_no_door(reviewer_maonan, clerk_maonan, citizen):
    fair = ft.fair(reviewer_maonan, mode="online")
    registration = ft.signed_up(citizen, fair)
    assert _refused(actor=clerk_maonan, fair=fair, code=registration.code).reason == "not_today"


def test_clerk_of_another_region_cannot_check_in(reviewer_maonan, clerk_gaozhou, citizen):
    fair = ft.fair(reviewer_maonan)
    registration = ft.signed_up(citizen, fair)
    with pytest.raises(PermissionDenied):
        services.fair_check_in(actor=clerk_gaozhou, fair=fair, code=registration.code)
    registration.refresh_from_db()
    assert registration.checked_in_at is None


@pytest.mark.parametrize("who", ["citizen", "employer_user", "reviewer_maonan"])
def test_only_door_staff_check_in(request, reviewer_maonan, citizen, who):
    """Reviewers organise fairs; the door is the clerks' (employment.check_in_fair)."""
    fair = ft.fair(reviewer_maonan)
    registration = ft.signed_up(citizen, fair)
    with pytest.raises(PermissionDenied):
        services.fair_check_in(actor=request.getfixturevalue(who), fair=fair, code=registration.code)
