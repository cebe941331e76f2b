"""Staff pages: the review queue and review page (scoped by the job's region), window 求职登记."""

from __future__ import annotations

import pytest
from django.test import Client

from renshe import testing
from renshe.accounts.models import Role
from renshe.employment.models import JobSeeker
from renshe.employment.models.jobs import JobStatus
from renshe.employment.tests import jobs_support as js

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_the_reviewer_sees_the_queue_with_flags_and_approves(employer_user, reviewer_maonan):
    flagged = js.post(employer_user, description="粤菜厨师，身高170以上")
    clean = js.post(employer_user, title="帮厨", description="切配")
    browser = _as(reviewer_maonan)
    html = browser.get("/employment/jobs/review/").content.decode()
    assert flagged.title in html and clean.title in html and 'data-testid="flag-count"' in html
    page = browser.get(f"/employment/jobs/{flagged.pk}/review/").content.decode()
    assert "身高170" in page and "就业服务与就业管理规定" in page
    response = browser.post(f"/employment/jobs/{flagged.pk}/action/", {"action": "approve", "comment": "确属岗位需要"})
    assert response.status_code == 302 and response.url == "/employment/jobs/review/"
    flagged.refresh_from_db()
    assert flagged.status == JobStatus.PUBLISHED
    queue = browser.get("/employment/jobs/review/").content.decode()
    assert f"/employment/jobs/{flagged.pk}/review/" not in queue
    assert f"/employment/jobs/{clean.pk}/review/" in queue


def test_rejecting_without_a_reason_is_refused(employer_user, reviewer_maonan):
    job = js.post(employer_user)
    browser = _as(reviewer_maonan)
    browser.post(f"/employment/jobs/{job.pk}/action/", {"action": "reject", "comment": ""})
    job.refresh_from_db()
    assert job.status == JobStatus.PENDING


def test_a_gaozhou_reviewer_gets_404_for_a_maonan_job(employer_user):
    job = js.post(employer_user)
    browser = _as(testing.staff("reviewer_gaozhou", Role.REVIEWER, "440981"))
    assert job.title not in browser.get("/employment/jobs/review/").content.decode()
    assert browser.get(f"/employment/jobs/{job.pk}/review/").status_code == 404
    assert browser.post(f"/employment/jobs/{job.pk}/action/", {"action": "approve"}).status_code == 404
    job.refresh_from_db()
    assert job.status == JobStatus.PENDING


def test_clerks_and_citizens_cannot_review(employer_user, clerk_maonan, citizen):
    job = js.post(employer_user)
    assert _as(clerk_maonan).get("/employment/jobs/review/").status_code == 403
    assert _as(citizen).get("/employment/jobs/review/").status_code == 403
    assert _as(citizen).post(f"/employment/jobs/{job.pk}/action/", {"action": "approve"}).status_code == 404
    response = _as(clerk_maonan).post(f"/employment/jobs/{job.pk}/action/", {"action": "approve"})
    assert response.status_code == 403
    job.refresh_from_db()
    assert job.status == JobStatus.PENDING


def test_the_menu_shows_the_employment_section(reviewer_maonan, clerk_maonan):
    html = _as(reviewer_maonan).get("/employment/jobs/review/").content.decode()
    assert "就业服务" in html and "/employment/jobs/review/" in html
    html = _as(clerk_maonan).get("/employment/jobs/seekers/").content.decode()
    assert "/employment/jobs/seekers/" in html


def test_a_clerk_registers_a_resident_at_the_window(clerk_maonan, maonan_person):
    browser = _as(clerk_maonan)
    html = browser.get("/employment/jobs/seekers/", {"person_q": maonan_person.id_number}).content.decode()
    assert f"/employment/jobs/persons/{maonan_person.pk}/seeker/" in html
    response = browser.post(
        f"/employment/jobs/persons/{maonan_person.pk}/seeker/",
        {"desired_titles": "保安", "hours": "full_time", "status": "seeking", "visible_to_employers": "on"},
    )
    seeker = JobSeeker.objects.get(person=maonan_person)
    assert response.url == f"/employment/jobs/seekers/{seeker.pk}/"
    html = browser.get(response.url).content.decode()
    assert "保安" in html and maonan_person.name in html


def test_a_gaozhou_clerk_cannot_reach_a_maonan_resident(clerk_gaozhou, maonan_person):
    browser = _as(clerk_gaozhou)
    assert browser.get(f"/employment/jobs/persons/{maonan_person.pk}/seeker/").status_code == 404
    seeker = js.seeker(person=maonan_person, desired_titles="保安")
    assert browser.get(f"/employment/jobs/seekers/{seeker.pk}/").status_code == 404
    assert maonan_person.name not in browser.get("/employment/jobs/seekers/").content.decode()


def test_a_reviewer_cannot_register_seekers(reviewer_maonan, maonan_person):
    assert _as(reviewer_maonan).get(f"/employment/jobs/persons/{maonan_person.pk}/seeker/").status_code == 403
