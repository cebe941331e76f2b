"""/api/v1/job-fairs/: public reading, citizen sign-up, employer booth booking, live counts."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from renshe.employment import rules
from renshe.employment.models import Booth, FairRegistration
from renshe.employment.models.jobs import JobStatus
from renshe.employment.tests import fairs_testing as ft

pytestmark = pytest.mark.django_db

URL = "/api/v1/job-fairs/"


@pytest.fixture
def api():
    return APIClient()


def _as(api, user):
    api.force_authenticate(user)
    return api


def test_anonymous_list_shows_announced_fairs_only(api, reviewer_maonan):
    ft.fair(reviewer_maonan, status="draft", title="筹备中")
    shown = ft.fair(reviewer_maonan, title="南粤家政专场", theme="housekeeping")
    response = api.get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    row = body["results"][0]
    assert (row["id"], row["title"], row["theme"], row["status"]) == (shown.pk, "南粤家政专场", "housekeeping", "open")
    assert row["theme_label"] == "南粤家政专场" and row["region"] == "440902"


def test_list_filters(api, reviewer_maonan, city_admin):
    ft.fair(reviewer_maonan, theme="chef")
    gaozhou = ft.fair(city_admin, theme="chef", region="440981")
    online = ft.fair(reviewer_maonan, mode="online")
    assert [r["id"] for r in api.get(URL, {"district": "440981"}).json()["results"]] == [gaozhou.pk]
    assert [r["id"] for r in api.get(URL, {"mode": "online"}).json()["results"]] == [online.pk]
    assert api.get(URL, {"theme": "chef"}).json()["count"] == 2


def test_detail_has_booths_and_published_jobs(api, reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan)
    job = ft.job(employer_user.employer, title="粤菜厨师", headcount=4)
    hidden = ft.job(employer_user.employer, title="草稿岗位", status=JobStatus.DRAFT)
    booth = ft.approved_booth(employer_user, fair, reviewer_maonan, jobs=[job])
    booth.jobs.add(hidden)
    body = api.get(f"{URL}{fair.pk}/").json()
    assert body["organiser"] and body["booths"][0]["number"] == "001"
    assert body["booths"][0]["employer_name"] == employer_user.employer.name
    assert [(j["title"], j["headcount"]) for j in body["booths"][0]["jobs"]] == [("粤菜厨师", 4)]


def test_draft_is_not_found_for_the_public_but_visible_to_its_staff(api, reviewer_maonan, citizen, clerk_gaozhou):
    draft = ft.fair(reviewer_maonan, status="draft")
    assert api.get(f"{URL}{draft.pk}/").status_code == 404
    assert _as(api, citizen).get(f"{URL}{draft.pk}/").status_code == 404
    assert _as(api, clerk_gaozhou).get(f"{URL}{draft.pk}/").status_code == 404
    assert _as(api, reviewer_maonan).get(f"{URL}{draft.pk}/").status_code == 200


def test_live_counts(api, reviewer_maonan, citizen):
    fair = ft.fair(reviewer_maonan)
    ft.signed_up(citizen, fair)
    body = api.get(f"{URL}{fair.pk}/live/").json()
    assert body["fair"] == fair.pk and body["signed_up"] == 1 and body["checked_in"] == 0
    assert {"booths", "jobs", "positions", "interviews", "intentions", "hires", "as_of"} <= set(body)
    assert api.get(f"{URL}{ft.fair(reviewer_maonan, status='draft').pk}/live/").status_code == 404


def test_sign_up_requires_login(api, reviewer_maonan):
    fair = ft.fair(reviewer_maonan)
    assert api.post(f"{URL}{fair.pk}/sign-up/").status_code in (401, 403)
    assert not FairRegistration.objects.exists()


def test_citizen_signs_up_and_gets_the_code(api, reviewer_maonan, citizen):
    fair = ft.fair(reviewer_maonan)
    response = _as(api, citizen).post(f"{URL}{fair.pk}/sign-up/")
    assert response.status_code == 201
    registration = FairRegistration.objects.get()
    assert response.json()["code"] == rules.entry_code_display(registration.code)
    again = api.post(f"{URL}{fair.pk}/sign-up/")
    assert again.status_code == 200 and again.json()["code"] == response.json()["code"]


def test_sign_up_with_a_token(api, reviewer_maonan, citizen):
    fair = ft.fair(reviewer_maonan)
    token = Token.objects.create(user=citizen)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.post(f"{URL}{fair.pk}/sign-up/").status_code == 201


def test_sign_up_closed_fair_is_a_conflict(api, reviewer_maonan, citizen):
    fair = ft.fair(reviewer_maonan, status="closed")
    response = _as(api, citizen).post(f"{URL}{fair.pk}/sign-up/")
    assert response.status_code == 409
    assert "不能报名" in response.json()["detail"]


@pytest.mark.parametrize("who", ["employer_user", "clerk_maonan"])
def test_sign_up_is_for_citizens(request, api, reviewer_maonan, who):
    fair = ft.fair(reviewer_maonan)
    response = _as(api, request.getfixturevalue(who)).post(f"{URL}{fair.pk}/sign-up/")
    assert response.status_code == 403
    assert "个人账号" in response.json()["detail"]


def test_employer_books_a_booth_once(api, reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan)
    job = ft.job(employer_user.employer)
    response = _as(api, employer_user).post(f"{URL}{fair.pk}/booths/", {"jobs": [job.pk]}, format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "requested" and response.json()["jobs"] == [job.pk]
    again = api.post(f"{URL}{fair.pk}/booths/", {"jobs": [job.pk]}, format="json")
    assert again.status_code == 400
    assert "每场招聘会只能预订一个展位" in again.json()["fair"][0]
    assert Booth.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "field"),
    [({"jobs": []}, "jobs"), ({}, "jobs"), ({"jobs": ["x"]}, "jobs"), ({"jobs": [999999]}, "jobs")],
)
def test_booth_bad_input_names_the_field(api, reviewer_maonan, employer_user, payload, field):
    fair = ft.fair(reviewer_maonan)
    response = _as(api, employer_user).post(f"{URL}{fair.pk}/booths/", payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Booth.objects.exists()


def test_booth_requires_an_employer(api, reviewer_maonan, citizen, employer_user):
    fair = ft.fair(reviewer_maonan)
    job = ft.job(employer_user.employer)
    assert api.post(f"{URL}{fair.pk}/booths/", {"jobs": [job.pk]}, format="json").status_code in (401, 403)
    assert _as(api, citizen).post(f"{URL}{fair.pk}/booths/", {"jobs": [job.pk]}, format="json").status_code == 403
    assert not Booth.objects.exists()


def test_list_is_read_only(api, reviewer_maonan):
    _as(api, reviewer_maonan)
    assert api.post(URL, {"title": "x"}, format="json").status_code == 405


def test_schema_documents_the_endpoints(api):
    schema = api.get("/api/schema/").content.decode()
    assert "/api/v1/job-fairs/{id}/sign-up/" in schema
    assert "/api/v1/job-fairs/{id}/live/" in schema
