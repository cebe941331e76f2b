"""/api/v1/mediation-cases/ and /api/v1/mediation-organisations/."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from renshe import testing
from renshe.labour.mediation.models import MediationCase, Status
from renshe.labour.mediation.tests.conftest import WAGES

pytestmark = pytest.mark.django_db

URL = "/api/v1/mediation-cases/"


def client_for(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def body(orgs, **extra) -> dict:
    data = {
        "organisation": orgs["town"].pk,
        "respondent_name": "某某五金厂",
        "respondent_address": "红旗街道工业路2号",
        "facts": "拖欠工资",
        "items": [dict(WAGES)],
    }
    data.update(extra)
    return data


def test_citizen_posts_and_lists_own(citizen, orgs, pending_case):
    api = client_for(citizen)
    response = api.post(URL, body(orgs), format="json")
    assert response.status_code == 201, response.data
    assert response.data["status"] == Status.PENDING and response.data["items"][0]["kind"] == "wages"
    listed = api.get(URL).data
    assert listed["count"] == 2
    stranger = testing.citizen(username="citizen_other", name="钱七")
    assert client_for(stranger).get(URL).data["count"] == 0
    assert client_for(stranger).get(f"{URL}{pending_case.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"items": []}, "items"),
        ({"items": [{"kind": "damages", "amount": "-1"}]}, "items"),
        ({"items": [{"kind": "damages", "amount": "50000000"}]}, "items"),
        ({"items": [{"kind": "bonus", "amount": "1"}]}, "items"),
        ({"organisation": 999999}, "organisation"),
        ({"facts": ""}, "facts"),
        ({"respondent_name": "", "respondent_address": ""}, "respondent_name"),
        ({"respondent_credit_code": "91440900XXXXXXXXXX"}, "respondent_credit_code"),
    ],
)
def test_bad_input_is_400_naming_the_field(citizen, orgs, extra, field):
    response = client_for(citizen).post(URL, body(orgs, **extra), format="json")
    assert response.status_code == 400 and field in response.data, response.data
    assert not MediationCase.objects.exists()


def test_organisation_outside_region_is_400(citizen, orgs):
    response = client_for(citizen).post(URL, body(orgs, organisation=orgs["gaozhou"].pk), format="json")
    assert response.status_code == 400 and "organisation" in response.data


def test_staff_scoped(mediator, gaozhou_mediator, district_mediator, pending_case):
    assert client_for(mediator).get(URL).data["count"] == 1
    assert client_for(district_mediator).get(URL).data["count"] == 1
    assert client_for(gaozhou_mediator).get(URL).data["count"] == 0
    assert client_for(gaozhou_mediator).get(f"{URL}{pending_case.pk}/").status_code == 404
    row = client_for(mediator).get(f"{URL}{pending_case.pk}/").data
    assert row["applicant_name"] != "张三" and row["applicant_name"].startswith("张")  # masked


def test_staff_posts_a_walk_in(mediator, orgs):
    person = testing.person(name="王五")
    response = client_for(mediator).post(
        URL, body(orgs, applicant_id_number=person.id_number, channel="phone"), format="json"
    )
    assert response.status_code == 201, response.data
    assert response.data["status"] == Status.MEDIATING and response.data["deadline"]
    response = client_for(mediator).post(URL, body(orgs, applicant_id_number="1"), format="json")
    assert response.status_code == 400 and "applicant_id_number" in response.data


def test_staff_without_the_permission_may_not_post(statistician, orgs):
    response = client_for(statistician).post(URL, body(orgs, applicant_id_number="x"), format="json")
    assert response.status_code == 403


def test_organisations_read_only(citizen, orgs, gaozhou_mediator):
    api = client_for(citizen)
    names = [o["name"] for o in api.get("/api/v1/mediation-organisations/?page_size=50").data["results"]]
    assert "茂南区劳动人事争议调解中心" in names
    assert api.post("/api/v1/mediation-organisations/", {"name": "x"}, format="json").status_code == 405
    names = [o["name"] for o in client_for(gaozhou_mediator).get("/api/v1/mediation-organisations/").data["results"]]
    assert names == ["石仔岭街道劳动争议调解委员会"]


def test_the_schema_documents_the_endpoints(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "/api/v1/mediation-cases/" in schema["paths"] and "post" in schema["paths"]["/api/v1/mediation-cases/"]
    assert "/api/v1/mediation-organisations/{id}/" in schema["paths"]
