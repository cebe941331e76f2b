"""/api/v1/jobs/: public search, employers post and manage their own, reviewers decide, 404 across regions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from renshe import testing
from renshe.accounts.models import Role
from renshe.employment import services_jobs
from renshe.employment.models import Job
from renshe.employment.models.jobs import JobStatus
from renshe.employment.tests import jobs_support as js

pytestmark = pytest.mark.django_db

URL = "/api/v1/jobs/"
POSTING = {
    "title": "粤菜厨师",
    "description": "负责粤菜烹饪、炒锅、切配，持中式烹调师证书。",
    "region": "440902001",
    "salary_min": 4500,
    "salary_max": 6500,
    "headcount": 2,
    "occupation": "4-03",
    "education": "41",
    "age_min": 18,
    "age_max": 55,
}


def _api(user=None) -> APIClient:
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


@pytest.fixture
def board(employer_user):
    cook = js.publish(js.post(employer_user, occupation="4-03"))
    cleaner = js.publish(
        js.post(employer_user, title="保洁员", description="写字楼保洁", region="440981002", occupation="4-10")
    )
    pending = js.post(employer_user, title="电工", description="配电维护")
    return cook, cleaner, pending


def test_anonymous_search_sees_only_published_jobs(board):
    cook, cleaner, pending = board
    data = _api().get(URL).json()
    assert data["count"] == 2
    assert {r["id"] for r in data["results"]} == {cook.pk, cleaner.pk}
    row = next(r for r in data["results"] if r["id"] == cook.pk)
    assert row["share_url"].endswith(f"/employment/jobs/s/{cook.share_token}/")
    assert row["review_flags"] == [] and row["status"] == "published"
    assert _api().get(f"{URL}{pending.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({"q": "粤菜"}, {"粤菜厨师"}),
        ({"q": "写字楼 保洁"}, {"保洁员"}),
        ({"region": "440981"}, {"保洁员"}),
        ({"region": "440902001"}, {"粤菜厨师"}),
        ({"occupation": "4-10"}, {"保洁员"}),
        ({"occupation": "4"}, {"粤菜厨师", "保洁员"}),
        ({"q": "不存在的岗位"}, set()),
    ],
)
def test_filters(board, params, titles):
    data = _api().get(URL, params).json()
    assert {r["title"] for r in data["results"]} == titles


def test_employer_post_goes_to_review(employer_user):
    response = _api(employer_user).post(URL, POSTING, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "pending" and body["employer"] == employer_user.employer_id
    assert body["share_url"] is None
    assert Job.objects.get().status == JobStatus.PENDING


def test_a_discriminatory_posting_is_refused_with_the_reason(employer_user):
    response = _api(employer_user).post(URL, {**POSTING, "description": "粤菜厨师，限男性，乙肝勿扰"}, format="json")
    assert response.status_code == 400
    messages = " ".join(response.json()["description"])
    assert "限男性" in messages and "乙肝" in messages and "就业促进法" in messages
    assert not Job.objects.exists()


def test_a_doubtful_posting_is_held_with_flags(employer_user):
    response = _api(employer_user).post(URL, {**POSTING, "description": "前台接待，形象气质佳"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "pending" and body["review_flags"][0]["code"] == "looks"


def test_pay_below_the_minimum_wage_is_a_400_naming_salary_min(employer_user):
    response = _api(employer_user).post(URL, {**POSTING, "salary_min": 1200, "salary_max": 1500}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"salary_min"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"region": "440900"}, "region"),
        ({"region": "110101"}, "region"),
        ({"age_min": 14}, "age_min"),
        ({"age_max": 70}, "age_max"),
        ({"headcount": 0}, "headcount"),
        ({"salary_max": 100}, "salary_max"),
        ({"salary_min": "很多"}, "salary_min"),
        ({"occupation": "X"}, "occupation"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_input_names_the_field(employer_user, change, field):
    response = _api(employer_user).post(URL, {**POSTING, **change}, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_only_employers_post(citizen, clerk_maonan):
    assert _api().post(URL, POSTING, format="json").status_code in (401, 403)
    assert _api(citizen).post(URL, POSTING, format="json").status_code == 403
    assert _api(clerk_maonan).post(URL, POSTING, format="json").status_code == 403


def test_an_employer_sees_its_own_pending_jobs(board, employer_user):
    cook, cleaner, pending = board
    api = _api(employer_user)
    mine = api.get(URL, {"mine": 1}).json()
    assert {r["id"] for r in mine["results"]} == {cook.pk, cleaner.pk, pending.pk}
    assert api.get(URL, {"mine": 1, "status": "pending"}).json()["results"][0]["id"] == pending.pk
    assert api.get(f"{URL}{pending.pk}/").json()["status"] == "pending"


def test_another_employers_pending_job_is_a_404(board):
    pending = board[2]
    other = testing.employer_user("employer_other", name="茂名市另一家有限公司")
    api = _api(other)
    assert api.get(f"{URL}{pending.pk}/").status_code == 404
    assert api.patch(f"{URL}{pending.pk}/", {"title": "改名"}, format="json").status_code == 404
    assert api.post(f"{URL}{pending.pk}/transition/", {"action": "withdraw"}, format="json").status_code == 404
    assert api.get(URL, {"mine": 1}).json()["count"] == 0


def test_patch_sends_the_job_back_to_review(board, employer_user):
    cook = board[0]
    response = _api(employer_user).patch(f"{URL}{cook.pk}/", {"salary_max": 9000}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "pending" and response.json()["salary_max"] == 9000


def test_a_reviewer_approves_through_the_api(board, reviewer_maonan):
    pending = board[2]
    response = _api(reviewer_maonan).post(f"{URL}{pending.pk}/transition/", {"action": "approve"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "published"
    again = _api(reviewer_maonan).post(f"{URL}{pending.pk}/transition/", {"action": "approve"}, format="json")
    assert again.status_code == 409


def test_review_is_scoped_by_region(board, citizen, clerk_gaozhou):
    pending = board[2]
    reviewer_gaozhou = testing.staff("reviewer_gaozhou", Role.REVIEWER, "440981")
    assert _api(reviewer_gaozhou).post(f"{URL}{pending.pk}/transition/", {"action": "approve"}).status_code == 404
    assert _api(clerk_gaozhou).post(f"{URL}{pending.pk}/transition/", {"action": "approve"}).status_code == 404
    assert _api(citizen).post(f"{URL}{pending.pk}/transition/", {"action": "approve"}).status_code == 404
    pending.refresh_from_db()
    assert pending.status == JobStatus.PENDING


def test_staff_see_their_regions_jobs_in_any_state(board, reviewer_maonan):
    pending = board[2]
    data = _api(reviewer_maonan).get(URL, {"status": "pending"}).json()
    assert [r["id"] for r in data["results"]] == [pending.pk]
    assert _api(reviewer_maonan).get(URL, {"status": "bogus"}).status_code == 400


def test_candidates_are_masked(board, employer_user):
    cook = board[0]
    js.seeker(name="黄志强", desired_titles="粤菜厨师", skills="粤菜 炒锅")
    rows = _api(employer_user).get(f"{URL}{cook.pk}/candidates/").json()
    assert rows[0]["name"] == "黄**" and rows[0]["reasons"] and not rows[0]["applied"]
    assert "phone" not in rows[0] and "id_number" not in rows[0]
    other = testing.employer_user("employer_other", name="茂名市另一家有限公司")
    assert _api(other).get(f"{URL}{cook.pk}/candidates/").status_code == 404


def test_a_citizen_gets_matches_with_reasons(board, citizen):
    api = _api(citizen)
    assert api.get(f"{URL}matches/").status_code == 404
    services_jobs.seeker_save(actor=citizen, person=citizen.person, desired_titles="粤菜厨师", skills="炒锅")
    rows = api.get(f"{URL}matches/").json()
    assert rows[0]["job"]["title"] == "粤菜厨师" and any("粤菜" in r for r in rows[0]["reasons"])
    assert api.get(f"{URL}matches/", {"limit": "x"}).status_code == 400


def test_the_list_query_count_does_not_grow_with_rows(employer_user, board):
    with CaptureQueriesContext(connection) as few:
        _api().get(URL)
    for i in range(8):
        js.publish(js.post(employer_user, title=f"普工{i}", description="流水线"))
    with CaptureQueriesContext(connection) as many:
        _api().get(URL)
    assert len(many) == len(few)


def test_the_schema_documents_the_endpoint(client):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/jobs/" in schema and "/api/v1/jobs/{id}/transition/" in schema
