"""GET /api/v1/cases/: applicants see their own, staff their region; timelines, materials, documents."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from renshe import testing
from renshe.accounts.models import Role
from renshe.cases import services
from renshe.cases.testing import material_ids, pdf, service_item

pytestmark = pytest.mark.django_db

URL = "/api/v1/cases/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def item(db):
    return service_item()


def _as(api, user):
    api.force_authenticate(user)
    return api


def _file(user, item, *, reason="其他"):
    ids = material_ids(item)
    return services.case_submit(
        actor=user,
        item=item,
        applicant=user.person,
        channel="web",
        form_data={"reason": reason},
        files={ids["居民身份证"]: pdf("身份证.pdf"), ids["解除劳动合同证明"]: pdf("证明.pdf")},
    )


def test_an_applicant_sees_only_their_own_cases(api, citizen, item):
    mine = _file(citizen, item)
    other = testing.citizen("citizen_ls", name="李四")
    theirs = _file(other, item)
    data = _as(api, citizen).get(URL).json()
    assert [r["number"] for r in data["results"]] == [mine.number]
    assert api.get(f"{URL}{theirs.pk}/").status_code == 404
    assert api.get(f"{URL}{mine.pk}/").status_code == 200


def test_staff_see_their_region_only(api, citizen, clerk_maonan, clerk_gaozhou, item):
    case = _file(citizen, item)
    assert _as(api, clerk_maonan).get(URL).json()["count"] == 1
    assert _as(api, clerk_gaozhou).get(URL).json()["count"] == 0
    assert api.get(f"{URL}{case.pk}/").status_code == 404


@pytest.mark.parametrize("role", [Role.STATISTICIAN, Role.AUDITOR, Role.INSPECTOR])
def test_staff_without_case_permission_see_nothing(api, citizen, item, role):
    case = _file(citizen, item)
    user = testing.staff(f"u_{role}", role, "440900")
    assert _as(api, user).get(URL).json()["count"] == 0
    assert api.get(f"{URL}{case.pk}/").status_code == 404


def test_an_employer_sees_no_personal_cases(api, citizen, employer_user, item):
    _file(citizen, item)
    assert _as(api, employer_user).get(URL).json()["count"] == 0


@pytest.mark.parametrize("path", ["", "1/"])
def test_anonymous_callers_are_refused(api, path):
    assert api.get(f"{URL}{path}").status_code in (401, 403)


def test_identity_numbers_are_masked(api, citizen, clerk_maonan, item):
    case = _file(citizen, item)
    full = citizen.person.id_number
    for user in (citizen, clerk_maonan):
        listed = _as(api, user).get(URL)
        detail = api.get(f"{URL}{case.pk}/")
        assert full not in listed.content.decode() and full not in detail.content.decode()
        assert listed.json()["results"][0]["applicant"]["id_number"] == citizen.person.masked_id_number
        assert "*" in detail.json()["applicant"]["id_number"]


def test_filters_by_status_and_item(api, citizen, clerk_maonan, item):
    other_item = service_item(code="RS-T-002", name="就业登记")
    first = _file(citizen, item)
    second = _file(citizen, other_item)
    services.case_transition(case=first, action="accept", actor=clerk_maonan)
    api = _as(api, clerk_maonan)
    assert [r["number"] for r in api.get(URL, {"status": "in_review"}).json()["results"]] == [first.number]
    assert [r["number"] for r in api.get(URL, {"status": "submitted"}).json()["results"]] == [second.number]
    assert [r["number"] for r in api.get(URL, {"item": "RS-T-002"}).json()["results"]] == [second.number]
    assert api.get(URL, {"item": "RS-T-001", "status": "submitted"}).json()["count"] == 0


@pytest.mark.parametrize(("param", "value"), [("status", "done"), ("sla", "late")])
def test_a_bad_filter_value_names_the_field(api, clerk_maonan, param, value):
    response = _as(api, clerk_maonan).get(URL, {param: value})
    assert response.status_code == 400
    assert param in response.json() and value in response.json()[param][0]


def test_detail_has_the_timeline_materials_and_documents(
    api, citizen, clerk_maonan, reviewer_maonan, item, django_capture_on_commit_callbacks
):
    case = _file(citizen, item)
    with django_capture_on_commit_callbacks(execute=True):
        case = services.case_transition(case=case, action="accept", actor=clerk_maonan, comment="材料齐全")
    case = services.case_transition(case=case, action="suspend", actor=reviewer_maonan, comment="等待第三方核查")
    data = _as(api, citizen).get(f"{URL}{case.pk}/").json()
    assert data["status"] == "suspended" and data["status_label"] == "已挂起"
    assert data["item"] == "RS-T-001" and data["item_version"] == 1
    assert data["version"] == case.version
    timeline = [
        (t["action"], t["from_status"], t["to_status"], t["actor_role"], t["comment"]) for t in data["timeline"]
    ]
    assert timeline == [
        ("submit", "", "submitted", "citizen", ""),
        ("accept", "submitted", "in_review", "clerk", "材料齐全"),
        ("suspend", "in_review", "suspended", "reviewer", "等待第三方核查"),
    ]
    assert data["timeline"][1]["action_label"] == "受理" and data["timeline"][1]["actor_role_label"] == "窗口受理员"
    assert all(t["at"] for t in data["timeline"])
    assert "reviewer_maonan" not in str(data["timeline"])  # roles, never staff names
    materials = {m["name"]: m for m in data["materials"]}
    assert materials["居民身份证"]["status"] == "submitted"
    assert materials["居民身份证"]["file_name"] == "身份证.pdf"
    assert materials["居民身份证"]["download_url"].startswith(f"/cases/{case.pk}/materials/")
    assert [d["kind"] for d in data["documents"]] == ["acceptance"]
    assert data["documents"][0]["download_url"].startswith(f"/cases/{case.pk}/documents/")
    assert data["form_data"] == {"reason": "其他"}
    assert data["working_days_left"] is None  # suspended: the clock stops


def test_list_shows_the_deadline_and_days_left(api, citizen, item):
    case = _file(citizen, item)
    row = _as(api, citizen).get(URL).json()["results"][0]
    assert row["deadline"] == case.acceptance_due.isoformat()
    assert row["working_days_left"] == 5  # acceptance within 5 working days of the application
    assert row["sla_state"] == "normal"


def test_list_queries_do_not_grow_with_rows(api, citizen, clerk_maonan, item):
    _file(citizen, item)
    api = _as(api, clerk_maonan)
    api.get(URL)  # warm: the user's permissions are loaded once per request user
    with CaptureQueriesContext(connection) as few:
        api.get(URL)
    for _ in range(5):
        _file(citizen, item)
    with CaptureQueriesContext(connection) as many:
        assert api.get(URL).json()["count"] == 6
    assert len(many) == len(few)


def test_detail_queries_do_not_grow_with_the_timeline(api, citizen, clerk_maonan, reviewer_maonan, item):
    case = _file(citizen, item)
    api = _as(api, citizen)
    api.get(f"{URL}{case.pk}/")
    with CaptureQueriesContext(connection) as few:
        api.get(f"{URL}{case.pk}/")
    case = services.case_transition(case=case, action="accept", actor=clerk_maonan)
    case = services.case_transition(case=case, action="suspend", actor=reviewer_maonan, comment="专家评审")
    services.case_transition(case=case, action="resume", actor=reviewer_maonan)
    with CaptureQueriesContext(connection) as many:
        assert len(api.get(f"{URL}{case.pk}/").json()["timeline"]) == 4
    assert len(many) == len(few)
