"""Booths: an employer books once per fair, staff approve with a number within booth_count, or reject."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from renshe import testing
from renshe.accounts.models import Message, Role
from renshe.employment import services_fairs as services
from renshe.employment.models import Booth, FairEvent
from renshe.employment.models.jobs import JobStatus
from renshe.employment.tests import fairs_testing as ft

pytestmark = pytest.mark.django_db


def test_book_a_booth_with_published_jobs(reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan)
    jobs = [ft.job(employer_user.employer, title="普工"), ft.job(employer_user.employer, title="质检员")]
    booth = services.booth_book(actor=employer_user, fair=fair, jobs=jobs, note="需要电源")
    assert booth.status == Booth.Status.REQUESTED
    assert set(booth.jobs.all()) == set(jobs)
    assert FairEvent.objects.filter(booth=booth, action="book").exists()


def test_second_booking_is_refused_with_a_clear_message(reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan)
    job = ft.job(employer_user.employer)
    services.booth_book(actor=employer_user, fair=fair, jobs=[job])
    with pytest.raises(ValidationError) as exc:
        services.booth_book(actor=employer_user, fair=fair, jobs=[job])
    assert "已预订本场招聘会的展位" in exc.value.message_dict["fair"][0]
    assert "待审核" in exc.value.message_dict["fair"][0]
    assert Booth.objects.filter(fair=fair).count() == 1


def test_race_past_the_check_hits_the_constraint_and_gets_the_same_message(reviewer_maonan, employer_user, monkeypatch):
    """Two requests that both passed the check: the unique constraint refuses the second."""
    fair = ft.fair(reviewer_maonan)
    job = ft.job(employer_user.employer)
    services.booth_book(actor=employer_user, fair=fair, jobs=[job])
    real = services._existing_booth
    calls = []

    def first_call_sees_nothing(fair_obj, employer_id):
        calls.append(1)
        return None if len(calls) == 1 else real(fair_obj, employer_id)

    monkeypatch.setattr(services, "_existing_booth", first_call_sees_nothing)
    with pytest.raises(ValidationError) as exc:
        services.booth_book(actor=employer_user, fair=fair, jobs=[job])
    assert "每场招聘会只能预订一个展位" in exc.value.message_dict["fair"][0]
    assert not isinstance(exc.value, IntegrityError)
    assert Booth.objects.filter(fair=fair).count() == 1


def test_book_needs_own_published_jobs(reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan)
    other = testing.employer(name="另一家公司")
    with pytest.raises(ValidationError) as exc:
        services.booth_book(actor=employer_user, fair=fair, jobs=[])
    assert "jobs" in exc.value.message_dict
    for job in (ft.job(other), ft.job(employer_user.employer, status=JobStatus.PENDING)):
        with pytest.raises(ValidationError) as exc:
            services.booth_book(actor=employer_user, fair=fair, jobs=[job])
        assert "已发布" in exc.value.message_dict["jobs"][0]
    assert not Booth.objects.exists()


@pytest.mark.parametrize("status", ["draft", "closed", "cancelled"])
def test_book_only_an_open_fair(reviewer_maonan, employer_user, status):
    fair = ft.fair(reviewer_maonan, status=status)
    with pytest.raises(services.FairConflict):
        services.booth_book(actor=employer_user, fair=fair, jobs=[ft.job(employer_user.employer)])


@pytest.mark.parametrize("who", ["citizen", "clerk_maonan"])
def test_only_employers_book(request, reviewer_maonan, employer_user, who):
    fair = ft.fair(reviewer_maonan)
    with pytest.raises(PermissionDenied):
        services.booth_book(actor=request.getfixturevalue(who), fair=fair, jobs=[ft.job(employer_user.employer)])


def test_approve_assigns_first_free_number_and_tells_the_employer(reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan)
    booth = services.booth_book(actor=employer_user, fair=fair, jobs=[ft.job(employer_user.employer)])
    booth = services.booth_approve(actor=reviewer_maonan, booth=booth)
    assert (booth.status, booth.number) == (Booth.Status.APPROVED, "001")
    message = Message.objects.get(recipient=employer_user)
    assert "已确认" in message.title and "001" in message.body
    assert message.link.endswith(f"/employment/fairs/booths/{booth.pk}/")


def test_approve_beyond_booth_count_is_refused(reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan, booth_count=2)
    booth = services.booth_book(actor=employer_user, fair=fair, jobs=[ft.job(employer_user.employer)])
    with pytest.raises(ValidationError) as exc:
        services.booth_approve(actor=reviewer_maonan, booth=booth, number=3)
    assert "超出本场展位数（共 2 个）" in exc.value.message_dict["number"][0]
    booth.refresh_from_db()
    assert booth.status == Booth.Status.REQUESTED and booth.number == ""


def test_approve_when_every_booth_is_taken(reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan, booth_count=1)
    ft.approved_booth(employer_user, fair, reviewer_maonan)
    second = ft.employer_account("employer_b", "第二家公司")
    booth = services.booth_book(actor=second, fair=fair, jobs=[ft.job(second.employer)])
    with pytest.raises(ValidationError) as exc:
        services.booth_approve(actor=reviewer_maonan, booth=booth)
    assert "已全部分配" in exc.value.message_dict["number"][0]
    with pytest.raises(ValidationError) as exc:
        services.booth_approve(actor=reviewer_maonan, booth=booth, number=1)
    assert "已分配给其他单位" in exc.value.message_dict["number"][0]


def test_approve_twice_is_a_conflict(reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan)
    booth = ft.approved_booth(employer_user, fair, reviewer_maonan)
    with pytest.raises(services.FairConflict):
        services.booth_approve(actor=reviewer_maonan, booth=booth, number=2)


@pytest.mark.parametrize("who", ["citizen", "employer_user", "clerk_maonan"])
def test_only_fair_managers_approve(request, reviewer_maonan, employer_user, who):
    fair = ft.fair(reviewer_maonan)
    booth = services.booth_book(actor=employer_user, fair=fair, jobs=[ft.job(employer_user.employer)])
    with pytest.raises(PermissionDenied):
        services.booth_approve(actor=request.getfixturevalue(who), booth=booth)
    booth.refresh_from_db()
    assert booth.status == Booth.Status.REQUESTED


def test_reviewer_of_another_region_cannot_approve(reviewer_maonan, employer_user):
    other = testing.staff("reviewer_gaozhou", Role.REVIEWER, "440981")
    fair = ft.fair(reviewer_maonan)
    booth = services.booth_book(actor=employer_user, fair=fair, jobs=[ft.job(employer_user.employer)])
    with pytest.raises(PermissionDenied):
        services.booth_approve(actor=other, booth=booth)


def test_reject_needs_a_reason_and_tells_the_employer(reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan)
    booth = services.booth_book(actor=employer_user, fair=fair, jobs=[ft.job(employer_user.employer)])
    with pytest.raises(ValidationError) as exc:
        services.booth_reject(actor=reviewer_maonan, booth=booth, reason="")
    assert "reason" in exc.value.message_dict
    booth = services.booth_reject(actor=reviewer_maonan, booth=booth, reason="岗位与专场主题不符")
    assert (booth.status, booth.note) == (Booth.Status.REJECTED, "岗位与专场主题不符")
    assert Message.objects.filter(recipient=employer_user, body__contains="岗位与专场主题不符").exists()
    with pytest.raises(services.FairConflict):
        services.booth_reject(actor=reviewer_maonan, booth=booth, reason="再退一次")
