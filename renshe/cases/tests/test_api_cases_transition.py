"""POST /api/v1/cases/<pk>/transition/: 200, 400 naming the field, 403, 404 outside scope, 409 on conflict."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from renshe import testing
from renshe.accounts.models import Role
from renshe.cases import services
from renshe.cases.models import Case, Status, Transition
from renshe.cases.testing import material_ids, pdf, service_item

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def item(db):
    return service_item()


@pytest.fixture
def case(citizen, item):
    ids = material_ids(item)
    return services.case_submit(
        actor=citizen,
        item=item,
        applicant=citizen.person,
        channel="web",
        form_data={"reason": "其他"},
        files={ids["居民身份证"]: pdf(), ids["解除劳动合同证明"]: pdf()},
    )


def _act(api, user, case, action, *, version=None, comment="", fmt="json", **extra):
    api.force_authenticate(user)
    data = {"action": action, "comment": comment, **extra}
    if version is not False:
        data["expected_version"] = case.version if version is None else version
    return api.post(f"/api/v1/cases/{case.pk}/transition/", data, format=fmt)


def test_accept_then_approve(api, case, clerk_maonan, reviewer_maonan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _act(api, clerk_maonan, case, "accept", comment="材料齐全")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["status"] == "in_review" and data["review_level"] == 1 and data["version"] == case.version + 1
    assert data["due_date"] and data["legal_due_date"]
    # the notice is generated once the transaction commits (a worker's job in production)
    documents = api.get(f"/api/v1/cases/{case.pk}/").json()["documents"]
    assert [d["kind"] for d in documents] == ["acceptance"]
    case.refresh_from_db()
    response = _act(api, reviewer_maonan, case, "approve", comment="同意")
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert [t["action"] for t in response.json()["timeline"]] == ["submit", "accept", "approve"]


def test_a_stale_version_is_a_conflict(api, case, clerk_maonan):
    seen = case.version
    assert _act(api, clerk_maonan, case, "accept", version=seen).status_code == 200
    response = _act(api, clerk_maonan, case, "reject", version=seen, comment="不属于本机关职权")
    assert response.status_code == 409
    assert "已被他人处理" in response.json()["detail"] and case.number in response.json()["detail"]
    assert Case.objects.get(pk=case.pk).status == Status.IN_REVIEW
    assert Transition.objects.filter(case=case, action="reject").count() == 0


def test_the_wrong_state_is_a_conflict(api, case, reviewer_maonan):
    response = _act(api, reviewer_maonan, case, "approve")
    assert response.status_code == 409
    assert "不能审核通过" in response.json()["detail"]


def test_the_applicant_cannot_accept_their_own_case(api, case, citizen):
    response = _act(api, citizen, case, "accept")
    assert response.status_code == 403
    assert "权限" in response.json()["detail"]


def test_a_clerk_cannot_review(api, case, clerk_maonan):
    case = services.case_transition(case=case, action="accept", actor=clerk_maonan)
    response = _act(api, clerk_maonan, case, "approve")
    assert response.status_code == 403
    assert "审核" in response.json()["detail"]


def test_outside_the_region_is_not_found(api, case, clerk_gaozhou):
    assert _act(api, clerk_gaozhou, case, "accept").status_code == 404
    other = testing.citizen("citizen_ls", name="李四")
    assert _act(api, other, case, "withdraw").status_code == 404
    assert Case.objects.get(pk=case.pk).version == case.version


def test_an_unknown_case_is_not_found(api, clerk_maonan):
    api.force_authenticate(clerk_maonan)
    response = api.post("/api/v1/cases/999999/transition/", {"action": "accept", "expected_version": 1})
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("action", "kwargs", "field"),
    [
        ("reject", {"comment": "  "}, "comment"),
        ("request_correction", {}, "comment"),
        ("fly", {}, "action"),
        ("accept", {"version": False}, "expected_version"),
        ("accept", {"version": "x"}, "expected_version"),
        ("accept", {"version": 0}, "expected_version"),
    ],
)
def test_bad_input_names_the_field(api, case, clerk_maonan, action, kwargs, field):
    response = _act(api, clerk_maonan, case, action, **kwargs)
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert Case.objects.get(pk=case.pk).version == case.version


def test_correction_and_resubmission_with_a_new_file(api, case, citizen, clerk_maonan, item):
    response = _act(api, clerk_maonan, case, "request_correction", comment="身份证复印件不清晰，请重新上传")
    assert response.status_code == 200 and response.json()["status"] == "correction"
    case.refresh_from_db()
    material = material_ids(item)["居民身份证"]
    response = _act(api, citizen, case, "resubmit", fmt="multipart", **{f"material_{material}": pdf("清晰.pdf")})
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["status"] == "submitted"
    assert {m["name"]: m["file_name"] for m in data["materials"]}["居民身份证"] == "清晰.pdf"
    assert [t["action"] for t in data["timeline"]] == ["submit", "request_correction", "resubmit"]


def test_the_applicant_withdraws(api, case, citizen):
    response = _act(api, citizen, case, "withdraw", comment="已找到工作")
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn" and response.json()["timeline"][-1]["actor_role"] == "citizen"


def test_a_city_administrator_may_act_anywhere(api, case, city_admin):
    assert _act(api, city_admin, case, "accept").status_code == 200


def test_a_leader_of_another_district_gets_not_found(api, case):
    leader = testing.staff("leader_gz", Role.LEADER, "440981")
    assert _act(api, leader, case, "accept").status_code == 404
