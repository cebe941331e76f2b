"""API: citizens POST and read their own complaints, staff read their region's; bad input is a 400
naming the field; two inspectors for an action; draws read by staff and published to anyone."""

import pytest
from rest_framework.test import APIClient

from renshe import testing
from renshe.labour.inspection import services_draws
from renshe.labour.inspection.tests import inspection_testing as it

pytestmark = pytest.mark.django_db


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_citizen_posts_and_reads_own(citizen, firm):
    response = api(citizen).post("/api/v1/complaints/", it.complaint_data(firm), format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["status"] == "received"
    assert api(citizen).get(f"/api/v1/complaints/{pk}/").status_code == 200
    other = testing.citizen("citizen_other", name="王五")
    assert api(other).get(f"/api/v1/complaints/{pk}/").status_code == 404
    assert api(other).get("/api/v1/complaints/").json()["count"] == 0


def test_bad_input_names_the_field(citizen, firm):
    response = api(citizen).post(
        "/api/v1/complaints/", it.complaint_data(firm, violation_last_on="yesterday"), format="json"
    )
    assert response.status_code == 400
    assert "violation_last_on" in response.json()


def test_anonymous_cannot_post(firm):
    assert api().post("/api/v1/complaints/", it.complaint_data(firm), format="json").status_code in (401, 403)


def test_staff_list_is_scoped_and_masked(citizen, firm, inspector_a, inspector_gz):
    it.complaint(citizen, firm)
    rows = api(inspector_a).get("/api/v1/complaints/").json()["results"]
    assert len(rows) == 1 and rows[0]["complainant_phone"] == "138****1111"
    assert api(inspector_gz).get("/api/v1/complaints/").json()["count"] == 0


def test_transition_wrong_state_is_409(citizen, firm, inspector_a):
    complaint = it.complaint(citizen, firm)
    url = f"/api/v1/complaints/{complaint.pk}/transition/"
    assert api(inspector_a).post(url, {"action": "accept"}, format="json").status_code == 200
    assert api(inspector_a).post(url, {"action": "accept"}, format="json").status_code == 409
    assert api(inspector_a).post(url, {"action": "fly"}, format="json").status_code == 400


def test_case_action_needs_two_inspectors(inspector_a, inspector_b, firm, inspector_gz):
    case = it.case(inspector_a, firm)
    url = f"/api/v1/inspection-cases/{case.pk}/actions/"
    one = api(inspector_a).post(url, {"kind": "site", "inspectors": [inspector_a.pk], "note": "检查"}, format="json")
    assert one.status_code == 400 and "inspectors" in one.json()
    two = api(inspector_a).post(
        url, {"kind": "site", "inspectors": [inspector_a.pk, inspector_b.pk], "note": "检查"}, format="json"
    )
    assert two.status_code == 201
    assert api(inspector_gz).get(f"/api/v1/inspection-cases/{case.pk}/").status_code == 404
    closed = api(inspector_a).post(
        f"/api/v1/inspection-cases/{case.pk}/close/",
        {"violation_confirmed": True, "arrears_recovered": "5000", "workers_helped": 3, "outcome_note": "已支付"},
        format="json",
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"


def test_draws_staff_read_and_public_results(city_admin, inspector_a, inspector_b, firm):
    plan = services_draws.plan_create(actor=city_admin, item="工资支付抽查", region_code="440902", ratio="100")
    draw = services_draws.draw_run(actor=city_admin, plan=plan)
    assert api(city_admin).get(f"/api/v1/inspection-draws/{draw.pk}/verify/").json() == {"verified": True}
    assert api(inspector_a).get("/api/v1/inspection-draws/").json()["count"] == 1
    assert api().get("/api/v1/inspection-draws/public/").json() == []
    services_draws.draw_publish(actor=city_admin, draw=draw)
    public = api().get("/api/v1/inspection-draws/public/").json()
    assert public[0]["targets"][0]["employer_name"] == firm.name
    assert "inspector_ids" not in public[0]["targets"][0]
