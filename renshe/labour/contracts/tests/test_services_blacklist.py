"""The arrears blacklist: notice before listing, the listing period, early removal, automatic removal."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from renshe import testing
from renshe.accounts.models import Message, Role
from renshe.core.models import Parameter
from renshe.labour.contracts import selectors
from renshe.labour.contracts import services_blacklist as svc
from renshe.labour.contracts.models import BlacklistStatus
from renshe.labour.contracts.tests.support import inspector

pytestmark = pytest.mark.django_db

FACTS = {
    "ground": "arrears",
    "facts": "拖欠12名农民工3个月工资",
    "arrears_amount": "50000",
    "order_date": date(2025, 9, 1),
}


@pytest.fixture
def staff():
    return inspector("inspector_maonan", "440902")


def _listed(staff, employer_user, listed_on=date(2025, 10, 15)):
    entry = svc.blacklist_propose(actor=staff, employer=employer_user.employer, today=date(2025, 9, 30), **FACTS)
    return svc.blacklist_list(actor=staff, entry=entry, today=listed_on)


def test_threshold_is_a_dated_parameter(staff, employer_user):
    assert svc.arrears_threshold(date(2025, 1, 1)) == 30000
    with pytest.raises(ValidationError) as exc:
        svc.blacklist_propose(
            actor=staff,
            employer=employer_user.employer,
            today=date(2025, 9, 30),
            **{**FACTS, "arrears_amount": "29999"},
        )
    assert "认定标准" in exc.value.message_dict["arrears_amount"][0]
    Parameter.objects.create(key=svc.THRESHOLD_KEY, valid_from=date(2025, 9, 1), value=20000, description="t")
    assert svc.blacklist_propose(
        actor=staff, employer=employer_user.employer, today=date(2025, 9, 30), **{**FACTS, "arrears_amount": "29999"}
    )


def test_notice_before_listing_and_the_statement_period(staff, employer_user):
    entry = svc.blacklist_propose(actor=staff, employer=employer_user.employer, today=date(2025, 9, 30), **FACTS)
    assert entry.status == BlacklistStatus.NOTIFIED
    assert Message.objects.filter(recipient=employer_user, body__contains="陈述、申辩").exists()
    with pytest.raises(ValidationError):
        svc.blacklist_propose(actor=staff, employer=employer_user.employer, today=date(2025, 9, 30), **FACTS)
    with pytest.raises(ValidationError) as exc:
        svc.blacklist_list(actor=staff, entry=entry, today=date(2025, 10, 14))  # last day of the period
    assert "2025-10-14" in exc.value.message_dict["listed_on"][0]
    listed = svc.blacklist_list(actor=staff, entry=entry, today=date(2025, 10, 15))
    assert (listed.status, listed.listed_on, listed.ends_on) == ("listed", date(2025, 10, 15), date(2028, 10, 15))
    assert [e.pk for e in selectors.public_blacklist()] == [entry.pk]


def test_withdrawal_needs_a_reason(staff, employer_user):
    entry = svc.blacklist_propose(actor=staff, employer=employer_user.employer, today=date(2025, 9, 30), **FACTS)
    with pytest.raises(ValidationError):
        svc.blacklist_withdraw(actor=staff, entry=entry, reason="")
    assert svc.blacklist_withdraw(actor=staff, entry=entry, reason="已全额支付").status == "withdrawn"
    assert not selectors.public_blacklist().exists()


def test_early_removal_both_sides_of_one_year(staff, employer_user):
    entry = _listed(staff, employer_user)
    with pytest.raises(ValidationError) as exc:
        svc.blacklist_apply_removal(actor=employer_user, entry=entry, reason="已清偿", today=date(2026, 10, 14))
    assert "满1年" in exc.value.message_dict["reason"][0]
    with pytest.raises(ValidationError):  # staff cannot remove without an application
        svc.blacklist_remove_early(
            actor=staff, entry=entry, arrears_paid=True, new_violations=0, today=date(2026, 10, 20)
        )
    svc.blacklist_apply_removal(actor=employer_user, entry=entry, reason="已清偿全部工资", today=date(2026, 10, 15))
    with pytest.raises(ValidationError) as exc:
        svc.blacklist_remove_early(
            actor=staff, entry=entry, arrears_paid=False, new_violations=0, today=date(2026, 10, 20)
        )
    assert "arrears_paid" in exc.value.message_dict
    with pytest.raises(ValidationError):
        svc.blacklist_remove_early(
            actor=staff, entry=entry, arrears_paid=True, new_violations=1, today=date(2026, 10, 20)
        )
    done = svc.blacklist_remove_early(
        actor=staff, entry=entry, arrears_paid=True, new_violations=0, today=date(2026, 10, 20)
    )
    assert done.status == BlacklistStatus.REMOVED_EARLY and not selectors.public_blacklist().exists()


def test_automatic_removal_at_the_end_both_sides(staff, employer_user):
    entry = _listed(staff, employer_user)
    call_command("expire_blacklist", "--today", "2028-10-14")
    entry.refresh_from_db()
    assert entry.status == BlacklistStatus.LISTED
    assert svc.blacklist_expire(today=date(2028, 10, 15)) == {"removed": 1}
    assert svc.blacklist_expire(today=date(2028, 10, 15)) == {"removed": 0}
    entry.refresh_from_db()
    assert entry.status == BlacklistStatus.EXPIRED and entry.removed_on == date(2028, 10, 15)


def test_permissions_and_region(employer_user, clerk_maonan):
    gaozhou_inspector = inspector("inspector_gz", "440981")
    for actor in (clerk_maonan, gaozhou_inspector):
        with pytest.raises(PermissionDenied):
            svc.blacklist_propose(actor=actor, employer=employer_user.employer, today=date(2025, 9, 30), **FACTS)
    staff = testing.staff("admin_city", Role.ADMIN, "440900")
    entry = _listed(staff, employer_user)
    rival = testing.employer_user("employer_rival", name="另一家公司")
    with pytest.raises(PermissionDenied):
        svc.blacklist_apply_removal(actor=rival, entry=entry, reason="x", today=date(2027, 1, 1))


def test_early_removal_refused_when_inspection_found_new_arrears(staff, employer_user, monkeypatch):
    from renshe.labour.contracts import services_credit

    entry = _listed(staff, employer_user)
    svc.blacklist_apply_removal(actor=employer_user, entry=entry, reason="已清偿全部工资", today=date(2026, 10, 15))
    employer_id = employer_user.employer_id
    monkeypatch.setattr(
        services_credit,
        "credit_sources",
        lambda: {"inspection": lambda ids, since: {employer_id: {"arrears_cases": 1}}, "dispute": None},
    )
    with pytest.raises(ValidationError) as exc:
        svc.blacklist_remove_early(
            actor=staff, entry=entry, arrears_paid=True, new_violations=0, today=date(2026, 10, 20)
        )
    assert "new_violations" in exc.value.message_dict
