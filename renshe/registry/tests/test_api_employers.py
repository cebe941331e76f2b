"""/api/v1/employers/ and /api/v1/employments/."""

from __future__ import annotations

from datetime import date

import pytest
from rest_framework.test import APIClient

from renshe import testing
from renshe.accounts.models import Role
from renshe.registry import services
from renshe.registry.models import Employer, Employment

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def maonan_employer(db):
    return testing.employer(name="茂南示范厂", contact_phone="13812345678")


@pytest.fixture
def gaozhou_employer(db):
    return testing.employer(name="高州示范厂", region=testing.GAOZHOU_TOWN)


def test_employers_are_scoped_and_phones_masked(api, clerk_maonan, maonan_employer, gaozhou_employer):
    api.force_authenticate(clerk_maonan)
    data = api.get("/api/v1/employers/").json()
    assert [r["name"] for r in data["results"]] == ["茂南示范厂"]
    assert data["results"][0]["contact_phone"] == "138****5678"
    assert api.get(f"/api/v1/employers/{maonan_employer.pk}/").status_code == 200
    assert api.get(f"/api/v1/employers/{gaozhou_employer.pk}/").status_code == 404


def test_city_admin_sees_both_employers(api, city_admin, maonan_employer, gaozhou_employer):
    api.force_authenticate(city_admin)
    assert api.get("/api/v1/employers/").json()["count"] == 2


def test_create_employer_validates_the_credit_code(api, clerk_maonan):
    api.force_authenticate(clerk_maonan)
    payload = {
        "credit_code": "91350100M000100Y44",
        "name": "茂名市石化机械有限公司",
        "industry": "C",
        "region": testing.MAONAN_TOWN,
        "size": "medium",
        "ownership": "private",
    }
    bad = api.post("/api/v1/employers/", payload, format="json")
    assert bad.status_code == 400
    assert "校验位" in bad.json()["credit_code"][0]
    payload["credit_code"] = "91350100M000100Y43"
    assert api.post("/api/v1/employers/", payload, format="json").status_code == 201
    dup = api.post("/api/v1/employers/", payload, format="json")
    assert dup.status_code == 400
    assert "已登记" in dup.json()["credit_code"][0]
    assert Employer.objects.count() == 1


@pytest.mark.parametrize("fixture", ["citizen", "employer_user", "auditor", "statistician"])
def test_roles_without_registry_access_are_refused(request, api, maonan_employer, fixture):
    api.force_authenticate(request.getfixturevalue(fixture))
    assert api.get("/api/v1/employers/").status_code == 403
    assert api.get("/api/v1/employments/").status_code == 403


def test_employments_start_list_and_end(api, clerk_maonan, maonan_person, maonan_employer):
    api.force_authenticate(clerk_maonan)
    created = api.post(
        "/api/v1/employments/",
        {
            "person": maonan_person.pk,
            "employer": maonan_employer.pk,
            "start_date": "2024-03-01",
            "contract_type": "fixed",
        },
        format="json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    again = api.post(
        "/api/v1/employments/",
        {
            "person": maonan_person.pk,
            "employer": maonan_employer.pk,
            "start_date": "2024-04-01",
            "contract_type": "fixed",
        },
        format="json",
    )
    assert again.status_code == 400
    assert "employer" in again.json()
    listed = api.get("/api/v1/employments/", {"person": maonan_person.pk}).json()
    assert [r["id"] for r in listed["results"]] == [pk]
    early = api.post(f"/api/v1/employments/{pk}/end/", {"end_date": "2024-01-01"}, format="json")
    assert early.status_code == 400
    assert "end_date" in early.json()
    ended = api.post(f"/api/v1/employments/{pk}/end/", {"end_date": "2024-12-31"}, format="json")
    assert ended.status_code == 200
    assert ended.json()["end_date"] == "2024-12-31"


def test_employments_of_another_district_are_hidden(api, clerk_maonan, clerk_gaozhou, maonan_person, maonan_employer):
    job = services.employment_start(
        actor=clerk_maonan,
        person=maonan_person,
        employer=maonan_employer,
        start_date=date(2024, 1, 1),
        contract_type="fixed",
    )
    api.force_authenticate(clerk_gaozhou)
    assert api.get("/api/v1/employments/").json()["count"] == 0
    assert api.get(f"/api/v1/employments/{job.pk}/").status_code == 404
    assert api.post(f"/api/v1/employments/{job.pk}/end/", {"end_date": "2024-12-31"}, format="json").status_code == 404
    created = api.post(
        "/api/v1/employments/",
        {
            "person": maonan_person.pk,
            "employer": maonan_employer.pk,
            "start_date": "2024-03-01",
            "contract_type": "fixed",
        },
        format="json",
    )
    assert created.status_code == 404
    job.refresh_from_db()
    assert job.end_date is None
    assert Employment.objects.count() == 1


def test_ending_a_job_needs_the_change_permission(api, clerk_maonan, maonan_person, maonan_employer):
    job = services.employment_start(
        actor=clerk_maonan,
        person=maonan_person,
        employer=maonan_employer,
        start_date=date(2024, 1, 1),
        contract_type="fixed",
    )
    reviewer = testing.staff("reviewer_x", Role.REVIEWER, "440902")
    api.force_authenticate(reviewer)
    assert api.get(f"/api/v1/employments/{job.pk}/").status_code == 200
    assert api.post(f"/api/v1/employments/{job.pk}/end/", {"end_date": "2024-12-31"}, format="json").status_code == 403
    job.refresh_from_db()
    assert job.end_date is None
