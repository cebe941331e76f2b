"""Employer pages: booking a booth (once per fair), the booth page and recording outcomes."""

import pytest

from renshe.employment import rules
from renshe.employment import services_fairs as services
from renshe.employment.models import Booth, EmploymentRegistration, FairOutcome
from renshe.employment.tests import fairs_testing as ft

pytestmark = pytest.mark.django_db


def _book(fair) -> str:
    return f"/employment/fairs/{fair.pk}/book/"


def _booth(booth) -> str:
    return f"/employment/fairs/booths/{booth.pk}/"


def test_book_a_booth_through_the_page(client, reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan)
    job = ft.job(employer_user.employer, title="面点师")
    client.force_login(employer_user)
    page = client.get(_book(fair)).content.decode()
    assert "面点师" in page
    response = client.post(_book(fair), {"jobs": [job.pk], "note": "需要一张桌子"})
    booth = Booth.objects.get(fair=fair)
    assert response.status_code == 302 and response["Location"] == _booth(booth)
    assert list(booth.jobs.all()) == [job]


def test_second_booking_is_refused_with_a_clear_message(client, reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan)
    job = ft.job(employer_user.employer)
    services.booth_book(actor=employer_user, fair=fair, jobs=[job])
    client.force_login(employer_user)
    response = client.post(_book(fair), {"jobs": [job.pk]}, follow=True)
    assert "已预订本场招聘会的展位" in response.content.decode()
    assert Booth.objects.filter(fair=fair).count() == 1


def test_book_without_jobs_is_refused(client, reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan)
    ft.job(employer_user.employer)
    client.force_login(employer_user)
    response = client.post(_book(fair), {"jobs": []})
    assert response.status_code == 400
    assert not Booth.objects.exists()


def test_book_with_another_employers_job_is_refused(client, reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan)
    ft.job(employer_user.employer)
    other = ft.employer_account("employer_other", "别家公司")
    foreign = ft.job(other.employer)
    client.force_login(employer_user)
    response = client.post(_book(fair), {"jobs": [foreign.pk]})
    assert response.status_code == 400
    assert not Booth.objects.exists()


def test_citizen_cannot_book(client, reviewer_maonan, citizen):
    fair = ft.fair(reviewer_maonan)
    client.force_login(citizen)
    response = client.post(_book(fair), {"jobs": [1]}, follow=True)
    assert "用人单位账号" in response.content.decode()
    assert not Booth.objects.exists()


def test_booth_page_is_the_employers_own(client, reviewer_maonan, employer_user, citizen):
    fair = ft.fair(reviewer_maonan)
    booth = ft.approved_booth(employer_user, fair, reviewer_maonan)
    client.force_login(employer_user)
    assert "001 号展位" in client.get(_booth(booth)).content.decode()
    other = ft.employer_account("employer_other", "别家公司")
    for user in (other, citizen, reviewer_maonan):
        client.force_login(user)
        assert client.get(_booth(booth)).status_code == 404


def test_record_a_hire_by_entry_code(client, reviewer_maonan, employer_user, citizen):
    fair = ft.fair(reviewer_maonan)
    job = ft.job(employer_user.employer, title="厨师")
    booth = ft.approved_booth(employer_user, fair, reviewer_maonan, jobs=[job])
    registration = ft.signed_up(citizen, fair)
    client.force_login(employer_user)
    response = client.post(
        f"{_booth(booth)}outcome/",
        {"code": rules.entry_code_display(registration.code), "kind": "hired", "job": job.pk, "contract_type": "fixed"},
    )
    assert response.status_code == 302
    assert FairOutcome.objects.get().kind == "hired"
    assert EmploymentRegistration.objects.get().source == "fair"


def test_record_with_a_wrong_code_or_missing_contract_type(client, reviewer_maonan, employer_user, citizen):
    fair = ft.fair(reviewer_maonan)
    booth = ft.approved_booth(employer_user, fair, reviewer_maonan)
    registration = ft.signed_up(citizen, fair)
    client.force_login(employer_user)
    response = client.post(f"{_booth(booth)}outcome/", {"code": "ZZZZ9999", "kind": "interview"})
    assert response.status_code == 400
    assert "未找到此人在本场招聘会的报名记录" in response.content.decode()
    response = client.post(f"{_booth(booth)}outcome/", {"code": registration.code, "kind": "hired"})
    assert response.status_code == 400
    assert "录用须选择劳动合同类型" in response.content.decode()
    response = client.post(f"{_booth(booth)}outcome/", {"code": "", "kind": "interview"})
    assert response.status_code == 400
    assert not FairOutcome.objects.exists()


def test_record_from_an_online_application(client, reviewer_maonan, employer_user, citizen):
    fair = ft.fair(reviewer_maonan, mode="hybrid")
    job = ft.job(employer_user.employer, title="网店客服")
    booth = ft.approved_booth(employer_user, fair, reviewer_maonan, jobs=[job])
    ft.signed_up(citizen, fair)
    ft.seeker(citizen)
    application = services.fair_job_apply(actor=citizen, fair=fair, job=job)
    client.force_login(employer_user)
    assert citizen.person.masked_name in client.get(_booth(booth)).content.decode()
    response = client.post(
        f"{_booth(booth)}outcome/", {"application": application.pk, "job": job.pk, "kind": "intention"}
    )
    assert response.status_code == 302
    outcome = FairOutcome.objects.get()
    assert (outcome.person, outcome.job, outcome.kind) == (citizen.person, job, "intention")


def test_another_employer_cannot_record_at_the_booth(client, reviewer_maonan, employer_user, citizen):
    fair = ft.fair(reviewer_maonan)
    booth = ft.approved_booth(employer_user, fair, reviewer_maonan)
    registration = ft.signed_up(citizen, fair)
    client.force_login(ft.employer_account("employer_other", "别家公司"))
    response = client.post(f"{_booth(booth)}outcome/", {"code": registration.code, "kind": "interview"})
    assert response.status_code == 404
    assert not FairOutcome.objects.exists()
