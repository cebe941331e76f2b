"""A citizen's 求职登记 on a phone and their matching jobs with the reasons."""

from __future__ import annotations

import pytest
from django.test import Client

from renshe.employment.models import JobSeeker
from renshe.employment.tests import jobs_support as js

pytestmark = pytest.mark.django_db

FORM = {
    "desired_titles": "保洁员",
    "desired_occupations": ["4-10"],
    "desired_regions": ["440902"],
    "salary_expected": "3000",
    "hours": "any",
    "skills": "清洁 收纳",
    "status": "seeking",
    "visible_to_employers": "on",
}


@pytest.fixture
def browser(citizen):
    c = Client()
    c.force_login(citizen)
    return c


def test_the_form_is_phone_friendly_and_saves(browser, citizen):
    html = browser.get("/employment/jobs/me/").content.decode()
    assert 'name="viewport"' in html and 'inputmode="numeric"' in html
    assert "同意向用人单位公开求职信息" in html
    response = browser.post("/employment/jobs/me/", FORM)
    assert response.status_code == 302 and response.url == "/employment/jobs/me/matches/"
    seeker = JobSeeker.objects.get(person=citizen.person)
    assert seeker.visible_to_employers and seeker.desired_titles == "保洁员"


def test_bad_input_is_shown_by_field(browser):
    response = browser.post("/employment/jobs/me/", {**FORM, "salary_expected": "999999"})
    assert response.status_code == 400
    assert 'data-field-error="salary_expected"' in response.content.decode()
    assert not JobSeeker.objects.exists()


def test_matches_come_with_reasons(browser):
    js.published_job(title="保洁员", description="写字楼保洁，清洁卫生", salary_min=3000, salary_max=3500)
    js.published_job(title="低压电工", description="配电维护")
    browser.post("/employment/jobs/me/", FORM)
    html = browser.get("/employment/jobs/me/matches/").content.decode()
    assert html.count('data-testid="match-card"') == 1
    assert "意向岗位匹配：保洁员" in html and "工作地在意向区域：茂南区" in html and "薪酬满足期望" in html


def test_without_a_profile_the_matches_page_asks_for_one(browser):
    response = browser.get("/employment/jobs/me/matches/")
    assert response.status_code == 302 and response.url == "/employment/jobs/me/"


def test_staff_and_employers_have_no_citizen_pages(clerk_maonan, employer_user):
    for user in (clerk_maonan, employer_user):
        c = Client()
        c.force_login(user)
        assert c.get("/employment/jobs/me/").status_code == 403


def test_anonymous_is_sent_to_log_in(client):
    response = client.get("/employment/jobs/me/")
    assert response.status_code == 302 and "login" in response.url
