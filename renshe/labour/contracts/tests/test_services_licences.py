"""劳务派遣经营许可: application checks, decisions by region, renewal window, reminders and expiry."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from renshe import testing
from renshe.accounts.models import Message, Role
from renshe.cases.exceptions import CaseConflict
from renshe.labour.contracts import services_licences as svc
from renshe.labour.contracts.models import DispatchLicence, LicenceStatus

pytestmark = pytest.mark.django_db

ITEMS = {
    "registered_capital": "200",
    "premises_address": "茂南区油城路1号",
    "premises_area": "80",
    "rules_summary": "劳务派遣协议管理、劳动合同、工资支付、社会保险制度",
}


@pytest.fixture
def reviewer():
    return testing.staff("reviewer_maonan", Role.REVIEWER, "440902")


def test_capital_below_200_wan_is_refused(employer_user):
    with pytest.raises(ValidationError) as exc:
        svc.licence_apply(actor=employer_user, **{**ITEMS, "registered_capital": "199.99"})
    assert "第五十七条" in exc.value.message_dict["registered_capital"][0]
    assert not DispatchLicence.objects.exists()


def test_approval_gives_a_number_and_three_years(employer_user, reviewer):
    licence = svc.licence_apply(actor=employer_user, **ITEMS)
    with pytest.raises(ValidationError):
        svc.licence_apply(actor=employer_user, **ITEMS)  # one pending application at a time
    done = svc.licence_decide(actor=reviewer, licence=licence, approve=True, today=date(2025, 7, 1), version=0)
    assert done.status == LicenceStatus.VALID and done.number == "44090020250001"
    assert (done.valid_from, done.valid_until) == (date(2025, 7, 1), date(2028, 6, 30))
    assert Message.objects.filter(recipient=employer_user, title__contains=done.number).exists()
    with pytest.raises(CaseConflict):
        svc.licence_decide(actor=reviewer, licence=licence, approve=False, note="x", version=0)


def test_refusal_needs_a_reason(employer_user, reviewer):
    licence = svc.licence_apply(actor=employer_user, **ITEMS)
    with pytest.raises(ValidationError):
        svc.licence_decide(actor=reviewer, licence=licence, approve=False, note="")
    assert svc.licence_decide(actor=reviewer, licence=licence, approve=False, note="场所不符").status == "refused"


def test_staff_of_another_district_or_without_the_permission_cannot_decide(employer_user, clerk_maonan):
    licence = svc.licence_apply(actor=employer_user, **ITEMS)
    gaozhou = testing.staff("reviewer_gaozhou", Role.REVIEWER, "440981")
    for actor in (gaozhou, clerk_maonan):
        with pytest.raises(PermissionDenied):
            svc.licence_decide(actor=actor, licence=licence, approve=True)


def _valid(employer_user, reviewer, valid_from=date(2025, 7, 1)):
    licence = svc.licence_apply(actor=employer_user, **ITEMS)
    return svc.licence_decide(actor=reviewer, licence=licence, approve=True, today=valid_from)


def test_renewal_window_both_sides_and_the_continued_number(employer_user, reviewer):
    licence = _valid(employer_user, reviewer)  # valid until 2028-06-30; window 2028-01-02 … 2028-05-01
    for day in (date(2028, 1, 1), date(2028, 5, 2)):
        with pytest.raises(ValidationError) as exc:
            svc.licence_apply_renewal(actor=employer_user, licence=licence, today=day, **ITEMS)
        assert "届满60日前" in exc.value.message_dict["licence"][0]
    renewal = svc.licence_apply_renewal(actor=employer_user, licence=licence, today=date(2028, 5, 1), **ITEMS)
    done = svc.licence_decide(actor=reviewer, licence=renewal, approve=True, today=date(2028, 5, 20))
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.SUPERSEDED
    assert done.number == licence.number and done.valid_from == date(2028, 7, 1)
    assert done.valid_until == date(2031, 6, 30)


def test_reminder_once_and_expiry_the_day_after_the_last_day(employer_user, reviewer):
    licence = _valid(employer_user, reviewer)
    assert svc.licences_remind_and_expire(today=date(2028, 3, 31)) == {"reminded": 0, "expired": 0}  # 91 days left
    assert svc.licences_remind_and_expire(today=date(2028, 4, 1)) == {"reminded": 1, "expired": 0}
    assert svc.licences_remind_and_expire(today=date(2028, 4, 2)) == {"reminded": 0, "expired": 0}
    assert Message.objects.filter(recipient=employer_user, title__contains="将于 2028-06-30 到期").count() == 1
    call_command("remind_dispatch_licences", "--today", "2028-06-30")
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.VALID
    call_command("remind_dispatch_licences", "--today", "2028-07-01")
    call_command("remind_dispatch_licences", "--today", "2028-07-01")
    licence.refresh_from_db()
    assert licence.status == LicenceStatus.EXPIRED


def test_change_and_revocation(employer_user, reviewer):
    licence = _valid(employer_user, reviewer, valid_from=timezone.localdate() - timedelta(days=10))
    with pytest.raises(ValidationError):
        svc.licence_change(actor=reviewer, licence=licence, reason="增资", **{**ITEMS, "registered_capital": "150"})
    changed = svc.licence_change(
        actor=reviewer, licence=licence, reason="增资", **{**ITEMS, "registered_capital": "500"}
    )
    assert changed.registered_capital == 500
    with pytest.raises(ValidationError):
        svc.licence_revoke(actor=reviewer, licence=licence, reason=" ")
    assert svc.licence_revoke(actor=reviewer, licence=licence, reason="涂改许可证").status == LicenceStatus.REVOKED
