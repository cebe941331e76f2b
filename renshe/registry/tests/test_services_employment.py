"""employment_start and employment_end keep the history (renshe.registry.services)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renshe import testing
from renshe.accounts.models import Role
from renshe.audit.models import AuditAction, AuditEntry
from renshe.registry import services
from renshe.registry.models import Employment

pytestmark = pytest.mark.django_db


@pytest.fixture
def maonan_employer(db):
    return testing.employer(name="茂南示范厂")


@pytest.fixture
def gaozhou_employer(db):
    return testing.employer(name="高州示范厂", region=testing.GAOZHOU_TOWN)


def _start(actor, person, employer, start=date(2024, 3, 1), **extra):
    return services.employment_start(
        actor=actor, person=person, employer=employer, start_date=start, contract_type="fixed", **extra
    )


def test_start_and_end_keep_the_history(clerk_maonan, maonan_person, maonan_employer):
    first = _start(clerk_maonan, maonan_person, maonan_employer, position="操作工")
    services.employment_end(actor=clerk_maonan, employment=first, end_date=date(2024, 12, 31), reason="合同期满")
    second = _start(clerk_maonan, maonan_person, maonan_employer, start=date(2025, 2, 1))
    rows = list(Employment.objects.filter(person=maonan_person).order_by("start_date"))
    assert [(e.start_date, e.end_date) for e in rows] == [
        (date(2024, 3, 1), date(2024, 12, 31)),
        (date(2025, 2, 1), None),
    ]
    assert rows[0].end_reason == "合同期满"
    assert rows[1].pk == second.pk and second.is_current


def test_start_and_end_are_audited_with_before_and_after(clerk_maonan, maonan_person, maonan_employer):
    employment = _start(clerk_maonan, maonan_person, maonan_employer)
    services.employment_end(actor=clerk_maonan, employment=employment, end_date=date(2024, 6, 30), reason="辞职")
    entries = AuditEntry.objects.filter(object_type="registry.employment", object_id=str(employment.pk))
    created = entries.get(action=AuditAction.CREATE)
    assert created.changes["start_date"] == [None, "2024-03-01"]
    assert created.changes["person"] == [None, maonan_person.pk]
    ended = entries.get(action=AuditAction.UPDATE)
    assert ended.changes == {"end_date": [None, "2024-06-30"], "end_reason": ["", "辞职"]}


def test_a_second_open_relation_to_the_same_employer_is_refused(clerk_maonan, maonan_person, maonan_employer):
    _start(clerk_maonan, maonan_person, maonan_employer)
    with pytest.raises(ValidationError) as info:
        _start(clerk_maonan, maonan_person, maonan_employer, start=date(2024, 5, 1))
    assert "未终止" in info.value.message_dict["employer"][0]
    assert Employment.objects.count() == 1


def test_open_relations_with_two_employers_are_allowed(clerk_maonan, maonan_person, maonan_employer):
    other = testing.employer(name="第二份工")
    _start(clerk_maonan, maonan_person, maonan_employer)
    _start(clerk_maonan, maonan_person, other)
    assert Employment.objects.filter(person=maonan_person, end_date__isnull=True).count() == 2


def test_end_before_start_is_refused(clerk_maonan, maonan_person, maonan_employer):
    employment = _start(clerk_maonan, maonan_person, maonan_employer)
    with pytest.raises(ValidationError) as info:
        services.employment_end(actor=clerk_maonan, employment=employment, end_date=date(2024, 2, 29))
    assert "早于起始日期" in info.value.message_dict["end_date"][0]
    employment.refresh_from_db()
    assert employment.end_date is None


def test_ending_twice_is_refused(clerk_maonan, maonan_person, maonan_employer):
    employment = _start(clerk_maonan, maonan_person, maonan_employer)
    services.employment_end(actor=clerk_maonan, employment=employment, end_date=date(2024, 6, 30))
    with pytest.raises(ValidationError) as info:
        services.employment_end(actor=clerk_maonan, employment=employment, end_date=date(2024, 7, 31))
    assert "已于" in info.value.message_dict["end_date"][0]
    employment.refresh_from_db()
    assert employment.end_date == date(2024, 6, 30)


def test_bad_contract_type_is_refused(clerk_maonan, maonan_person, maonan_employer):
    with pytest.raises(ValidationError) as info:
        services.employment_start(
            actor=clerk_maonan,
            person=maonan_person,
            employer=maonan_employer,
            start_date=date(2024, 1, 1),
            contract_type="forever",
        )
    assert "contract_type" in info.value.message_dict


def test_either_side_in_the_clerks_district_is_enough(clerk_maonan, maonan_person, gaozhou_employer):
    # A 茂南 resident working for a 高州 employer can be recorded by either district.
    assert _start(clerk_maonan, maonan_person, gaozhou_employer).employer_id == gaozhou_employer.pk


def test_neither_side_in_the_clerks_district_is_refused(clerk_maonan, gaozhou_person, gaozhou_employer):
    with pytest.raises(ValidationError):
        _start(clerk_maonan, gaozhou_person, gaozhou_employer)
    assert not Employment.objects.exists()


def test_a_clerk_cannot_end_an_employment_outside_their_district(
    clerk_maonan, clerk_gaozhou, maonan_person, maonan_employer
):
    employment = _start(clerk_maonan, maonan_person, maonan_employer)
    with pytest.raises(ValidationError):
        services.employment_end(actor=clerk_gaozhou, employment=employment, end_date=date(2024, 6, 30))
    employment.refresh_from_db()
    assert employment.end_date is None


def test_roles_without_the_permission_cannot_start_or_end(clerk_maonan, maonan_person, maonan_employer):
    employment = _start(clerk_maonan, maonan_person, maonan_employer)
    reviewer = testing.staff("reviewer_x", Role.REVIEWER, "440902")
    with pytest.raises(PermissionDenied):
        _start(reviewer, maonan_person, testing.employer(name="另一家"))
    with pytest.raises(PermissionDenied):
        services.employment_end(actor=reviewer, employment=employment, end_date=date(2024, 6, 30))
