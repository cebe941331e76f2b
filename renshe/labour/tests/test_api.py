"""/api/v1/arbitration-cases/: own cases, scoped staff, POST with claims, 400 naming the field, 409."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from renshe import testing
from renshe.labour.models import ArbitrationCase, Status
from renshe.labour.tests import factories as f

pytestmark = pytest.mark.django_db
URL = "/api/v1/arbitration-cases/"


def _body(**extra):
    today = timezone.localdate()
    body = {
        "respondent_name": "茂名市某劳务队",
        "respondent_address": "茂南区站前路 1 号",
        "migrant_worker": True,
        "knew_on": (today - timedelta(days=10)).isoformat(),
        "claims": [
            {
                "kind": "wages",
                "amount": "9000",
                "period_from": (today - timedelta(days=90)).isoformat(),
                "period_to": (today - timedelta(days=30)).isoformat(),
            }
        ],
    }
    body.update(extra)
    return body


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_citizen_posts_an_application_and_reads_the_timeline(citizen):
    client = _client(citizen)
    response = client.post(URL, _body(), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["green_channel"] and data["final_award"] and data["claims"][0]["final"]
    assert data["timeline"][0]["action"] == "提交仲裁申请"
    assert client.get(URL).json()["count"] == 1
    assert client.get(f"{URL}{data['id']}/").json()["number"] == data["number"]


@pytest.mark.parametrize(
    ("claim", "field"),
    [
        ({"kind": "wages", "amount": "-1"}, "claims[0].amount"),
        ({"kind": "wages", "amount": "100000001"}, "claims[0].amount"),
        ({"kind": "wages", "amount": ""}, "claims[0].amount"),
        ({"kind": "bonus", "amount": "100"}, "claims[0].kind"),
        ({"kind": "damages", "amount": "100", "period_from": "2025-05-01", "period_to": "2025-04-01"},
         "claims[0].period_to"),
    ],
)  # fmt: skip
def test_bad_claims_answer_400_naming_the_field(citizen, claim, field):
    response = _client(citizen).post(URL, _body(claims=[claim]), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not ArbitrationCase.objects.exists()


def test_beyond_the_limitation_needs_confirmation_then_is_accepted_with_a_warning(citizen):
    old = (timezone.localdate() - timedelta(days=500)).isoformat()
    body = _body(knew_on=old, employment_ended=True, employment_ended_on=old)
    client = _client(citizen)
    response = client.post(URL, body, format="json")
    assert response.status_code == 400 and "knew_on" in response.json()
    response = client.post(URL, {**body, "acknowledge_time_bar": True}, format="json")
    assert response.status_code == 201 and response.json()["time_barred"] is True


def test_scoping_other_citizen_and_other_district_get_404(citizen):
    case = f.apply(citizen)
    other = testing.citizen("citizen_ww", name="王五")
    assert _client(other).get(f"{URL}{case.pk}/").status_code == 404
    assert _client(other).get(URL).json()["count"] == 0
    gaozhou = f.arbitrator("arb_gz", region="440981")
    assert _client(gaozhou).get(f"{URL}{case.pk}/").status_code == 404
    response = _client(gaozhou).post(f"{URL}{case.pk}/transition/", {"action": "accept"}, format="json")
    assert response.status_code == 404


def test_staff_transition_and_conflicts(citizen):
    case = f.apply(citizen)
    arb = f.arbitrator()
    client = _client(arb)
    response = client.post(f"{URL}{case.pk}/transition/", {"action": "accept", "expected_version": 1}, format="json")
    assert response.status_code == 200 and response.json()["status"] == Status.ACCEPTED
    stale = client.post(f"{URL}{case.pk}/transition/", {"action": "suspend", "expected_version": 1, "comment": "x"},
                        format="json")  # fmt: skip
    assert stale.status_code == 409
    wrong_state = client.post(f"{URL}{case.pk}/transition/", {"action": "accept"}, format="json")
    assert wrong_state.status_code == 409
    no_reason = client.post(f"{URL}{case.pk}/transition/", {"action": "suspend"}, format="json")
    assert no_reason.status_code == 400 and "comment" in no_reason.json()
    # a citizen cannot act as the commission, even on their own case
    assert _client(citizen).post(f"{URL}{case.pk}/transition/", {"action": "close"}, format="json").status_code in (
        403,
        409,
    )


def test_staff_cannot_post_an_application(clerk_maonan):
    assert _client(clerk_maonan).post(URL, _body(), format="json").status_code == 403


def test_openapi_still_builds(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert b"arbitration-cases" in response.content


def test_respondent_employer_reads_cases_against_it_only(citizen, employer_user):
    against = f.apply(citizen, employer=employer_user.employer)
    f.apply(citizen)  # against an unregistered respondent
    data = _client(employer_user).get(URL).json()
    assert data["count"] == 1 and data["results"][0]["id"] == against.pk
    assert data["results"][0]["applicant_id_number"].count("*") == 8


def test_clerk_cannot_extend_or_accept(citizen, clerk_maonan):
    case = f.apply(citizen)
    response = _client(clerk_maonan).post(f"{URL}{case.pk}/transition/", {"action": "accept"}, format="json")
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED
