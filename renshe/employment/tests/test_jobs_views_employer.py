"""An employer's postings: the phone form, its own list, the manage page; another employer's job is a 404."""

from __future__ import annotations

import pytest
from django.test import Client

from renshe import testing
from renshe.audit.models import AuditAction, AuditEntry
from renshe.employment import services_jobs
from renshe.employment.models import Job
from renshe.employment.models.jobs import JobStatus
from renshe.employment.tests import jobs_support as js

pytestmark = pytest.mark.django_db

FORM = {
    "title": "粤菜厨师",
    "description": "负责粤菜烹饪、炒锅",
    "region": "440902001",
    "occupation": "4-03",
    "hours": "full_time",
    "salary_min": "4500",
    "salary_max": "6500",
    "headcount": "2",
    "education": "",
}


@pytest.fixture
def browser(employer_user):
    c = Client()
    c.force_login(employer_user)
    return c


def test_posting_from_the_phone_form(browser, employer_user):
    assert browser.get("/employment/jobs/new/").status_code == 200
    response = browser.post("/employment/jobs/new/", FORM)
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == f"/employment/jobs/{job.pk}/manage/"
    assert job.status == JobStatus.PENDING
    page = browser.get(response.url).content.decode()
    assert "正在审核" in page and 'data-testid="job-timeline"' in page


def test_minimum_wage_refusal_is_shown_on_salary_min(browser):
    response = browser.post("/employment/jobs/new/", {**FORM, "salary_min": "1500", "salary_max": "1700"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-field-error="salary_min"' in html and "1750" in html
    assert not Job.objects.exists()


def test_discrimination_refusal_is_shown_with_the_law(browser):
    response = browser.post("/employment/jobs/new/", {**FORM, "description": "粤菜厨师，限男性"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-field-error="description"' in html and "就业促进法" in html


def test_held_postings_warn_the_employer(browser):
    response = browser.post("/employment/jobs/new/", {**FORM, "description": "粤菜厨师，形象气质佳"}, follow=True)
    html = response.content.decode()
    assert "审核员重点核实" in html and 'data-testid="review-flags"' in html


def test_the_employer_sees_only_its_own_jobs(browser, employer_user):
    own = js.post(employer_user)
    other_user = testing.employer_user("employer_other", name="茂名市另一家有限公司")
    theirs = js.post(other_user, title="保洁员", description="保洁")
    html = browser.get("/employment/jobs/mine/").content.decode()
    assert own.title in html and theirs.title not in html
    for url in (f"/employment/jobs/{theirs.pk}/manage/", f"/employment/jobs/{theirs.pk}/edit/"):
        assert browser.get(url).status_code == 404
    assert browser.post(f"/employment/jobs/{theirs.pk}/edit/", FORM).status_code == 404
    assert browser.post(f"/employment/jobs/{theirs.pk}/action/", {"action": "withdraw"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == JobStatus.PENDING and theirs.title == "保洁员"


def test_editing_goes_back_to_review(browser, employer_user):
    job = js.publish(js.post(employer_user))
    response = browser.post(f"/employment/jobs/{job.pk}/edit/", {**FORM, "salary_max": "7000"})
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == JobStatus.PENDING and job.salary_max == 7000


def test_withdrawing_from_the_manage_page(browser, employer_user):
    job = js.publish(js.post(employer_user))
    assert 'data-testid="action-withdraw"' in browser.get(f"/employment/jobs/{job.pk}/manage/").content.decode()
    browser.post(f"/employment/jobs/{job.pk}/action/", {"action": "withdraw"})
    job.refresh_from_db()
    assert job.status == JobStatus.WITHDRAWN


def test_candidates_are_masked_and_applicants_revealed_on_request(browser, employer_user):
    job = js.publish(js.post(employer_user))
    js.seeker(name="黄志强", desired_titles="粤菜厨师", skills="粤菜 炒锅")
    applicant_user = testing.citizen("citizen_cook", name="陈大文", phone="13912345678")
    services_jobs.seeker_save(actor=applicant_user, person=applicant_user.person, desired_titles="厨师")
    application = services_jobs.application_create(actor=applicant_user, job=job)
    html = browser.get(f"/employment/jobs/{job.pk}/manage/").content.decode()
    assert "黄*" in html and "黄志强" not in html
    assert "13912345678" not in html
    response = browser.post(f"/employment/jobs/applications/{application.pk}/contact/", HTTP_HX_REQUEST="true")
    assert "13912345678" in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.REVEAL, actor=employer_user).exists()


def test_another_employer_cannot_reveal_an_applicant(employer_user):
    job = js.publish(js.post(employer_user))
    applicant_user = testing.citizen("citizen_cook", name="陈大文", phone="13912345678")
    services_jobs.seeker_save(actor=applicant_user, person=applicant_user.person, desired_titles="厨师")
    application = services_jobs.application_create(actor=applicant_user, job=job)
    other = Client()
    other.force_login(testing.employer_user("employer_other", name="茂名市另一家有限公司"))
    assert other.post(f"/employment/jobs/applications/{application.pk}/contact/").status_code == 404


def test_citizens_have_no_employer_pages(citizen):
    c = Client()
    c.force_login(citizen)
    assert c.get("/employment/jobs/new/").status_code == 403
    assert c.get("/employment/jobs/mine/").status_code == 403
