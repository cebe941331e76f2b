"""Partner API: tokens and scopes, project upsert by code, bank lines idempotent; staff endpoints scoped."""

import pytest
from rest_framework.test import APIClient

from renshe import testing
from renshe.accounts.models import Role
from renshe.labour.wages.models import BankTransaction, Partner, Project
from renshe.labour.wages.partners import partner_create
from renshe.labour.wages.services_warnings import wage_warnings_evaluate
from renshe.labour.wages.tests.wages_testing import TODAY, build

pytestmark = pytest.mark.django_db


def _client(token: str | None) -> APIClient:
    client = APIClient()
    if token:
        client.credentials(HTTP_AUTHORIZATION=f"Partner {token}")
    return client


@pytest.fixture
def bank_token():
    return partner_create(actor=None, name="工商银行茂名分行", kind="bank", scopes=["bank:write"])[1]


@pytest.fixture
def housing_token():
    return partner_create(actor=None, name="茂名市住建局", kind="housing_construction", scopes=["projects:write"])[1]


def test_the_token_is_stored_hashed():
    partner, token = partner_create(actor=None, name="X银行", kind="bank", scopes=["bank:write"])
    assert token not in (partner.token_hash, partner.token_prefix) and len(partner.token_hash) == 64


def test_housing_bureau_upserts_projects_by_code(housing_token):
    employer = testing.employer(name="茂名市建工集团有限公司")
    body = {
        "projects": [
            {
                "code": "MM-2026-001",
                "employer": employer.credit_code,
                "name": "高州市人民医院综合楼",
                "region": testing.GAOZHOU_TOWN,
                "permit_number": "440981202601010101",
                "contract_sum": "32000000",
                "contract_signed_on": "2026-01-05",
                "start_on": "2026-02-01",
                "end_on": "2027-06-30",
                "pay_day": 10,
            }
        ]
    }
    first = _client(housing_token).post("/api/v1/partner/projects/", body, format="json")
    assert first.status_code == 200, first.content
    assert first.json()["projects"][0]["created"] is True
    body["projects"][0]["permit_number"] = "440981202601010999"
    second = _client(housing_token).post("/api/v1/partner/projects/", body, format="json")
    assert second.json()["projects"][0] == {
        "code": "MM-2026-001",
        "id": first.json()["projects"][0]["id"],
        "created": False,
    }
    assert Project.objects.get(code="MM-2026-001").permit_number == "440981202601010999"
    body["projects"][0]["end_on"] = "2025-01-01"
    bad = _client(housing_token).post("/api/v1/partner/projects/", body, format="json")
    assert bad.status_code == 400 and "第 1 项" in bad.json()["projects"][0]


def test_a_partner_without_the_scope_gets_403_and_no_token_401(bank_token, housing_token):
    assert _client(bank_token).post("/api/v1/partner/projects/", {"projects": []}, format="json").status_code == 403
    assert (
        _client(housing_token).post("/api/v1/partner/bank-transactions/", {"lines": []}, format="json").status_code
        == 403
    )
    assert _client("nope.bad").post("/api/v1/partner/bank-transactions/", {}, format="json").status_code == 401
    Partner.objects.update(active=False)
    assert _client(bank_token).post("/api/v1/partner/bank-transactions/", {}, format="json").status_code == 401


def test_bank_push_is_idempotent_and_an_unknown_account_is_a_400_naming_the_line(bank_token):
    project = build("W3")
    worker = project.workers.select_related("person").first()
    acct = project.account.number
    lines = [
        {"txn_id": "ICBC-1", "account": acct, "kind": "credit", "amount": "50000", "date": "2026-03-18"},
        {
            "txn_id": "ICBC-2",
            "account": acct,
            "kind": "payout",
            "amount": "3000",
            "date": "2026-03-18",
            "id_number": worker.person.id_number,
        },
    ]
    before = BankTransaction.objects.count()
    first = _client(bank_token).post("/api/v1/partner/bank-transactions/", {"lines": lines}, format="json")
    again = _client(bank_token).post("/api/v1/partner/bank-transactions/", {"lines": lines}, format="json")
    assert first.status_code == again.status_code == 200
    assert first.json()["lines"] == again.json()["lines"]
    assert (first.json()["newly_applied"], again.json()["newly_applied"]) == (2, 0)
    assert BankTransaction.objects.count() == before + 2
    bad = _client(bank_token).post(
        "/api/v1/partner/bank-transactions/",
        {
            "lines": [
                *lines,
                {"txn_id": "ICBC-3", "account": "000000000", "kind": "credit", "amount": "1", "date": "2026-03-18"},
            ]
        },
        format="json",
    )
    assert bad.status_code == 400
    assert bad.json()["lines"] == ["第 3 行：未知的专用账户 000000000"]
    assert not BankTransaction.objects.filter(bank_txn_id="ICBC-3").exists()


def test_staff_endpoints_are_scoped(client):
    maonan, gaozhou = build("W3"), build("W3", region=testing.GAOZHOU_TOWN)
    wage_warnings_evaluate(today=TODAY)
    inspector = testing.staff("insp_mn", Role.INSPECTOR, "440902")
    api = APIClient()
    api.force_authenticate(inspector)
    ids = [p["id"] for p in api.get("/api/v1/wage-projects/").json()["results"]]
    assert ids == [maonan.pk]
    assert api.get(f"/api/v1/wage-projects/{gaozhou.pk}/").status_code == 404
    warnings = api.get("/api/v1/wage-warnings/?rule=W3").json()["results"]
    assert [w["project"] for w in warnings] == [maonan.pk]
    assert len(api.get("/api/v1/payrolls/").json()["results"]) == 3
    owner = testing.employer_user("owner_x")
    Project.objects.filter(pk=gaozhou.pk).update(employer=owner.employer)
    api.force_authenticate(owner)
    assert [p["id"] for p in api.get("/api/v1/wage-projects/").json()["results"]] == [gaozhou.pk]
    assert api.get(f"/api/v1/wage-projects/{maonan.pk}/").status_code == 404
    citizen = testing.citizen("cz1")
    api.force_authenticate(citizen)
    assert api.get("/api/v1/wage-warnings/").json()["count"] == 0


def test_a_partner_token_is_not_a_user_for_staff_endpoints(bank_token):
    assert _client(bank_token).get("/api/v1/wage-projects/").status_code in (401, 403)
