"""The REST endpoints: employer own + POST, staff scoped, ratings for staff, the public blacklist."""

from datetime import date

import pytest
from rest_framework.test import APIClient

from renshe import testing
from renshe.accounts.models import Role
from renshe.labour.contracts import services_blacklist, services_contracts, services_credit
from renshe.labour.contracts.tests.support import TERMS, employer_with_staff

pytestmark = pytest.mark.django_db


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _body(person, **over):
    return {**{k: str(v) for k, v in TERMS.items()}, "id_number": person.id_number, **over}


def test_employer_posts_and_lists_its_own():
    user, people = employer_with_staff()
    response = _client(user).post("/api/v1/labour-contracts/", _body(people[0]), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["id_number"] == people[0].masked_id_number
    bad = _client(user).post("/api/v1/labour-contracts/", _body(people[1], monthly_wage="1000"), format="json")
    assert bad.status_code == 400 and "monthly_wage" in bad.json()
    dup = _client(user).post("/api/v1/labour-contracts/", _body(people[0]), format="json")
    assert dup.status_code == 400
    rival, _p = employer_with_staff("employer_rival", name="另一家公司")
    assert _client(rival).get("/api/v1/labour-contracts/").json()["count"] == 0
    assert _client(rival).get(f"/api/v1/labour-contracts/{response.json()['id']}/").status_code == 404
    assert _client(user).get("/api/v1/labour-contracts/").json()["count"] == 1


def test_staff_scoped(clerk_maonan, clerk_gaozhou, citizen):
    user, people = employer_with_staff()
    contract = services_contracts.contract_register(actor=user, id_number=people[0].id_number, **TERMS)
    assert _client(clerk_maonan).get("/api/v1/labour-contracts/").json()["count"] == 1
    assert _client(clerk_gaozhou).get(f"/api/v1/labour-contracts/{contract.pk}/").status_code == 404
    assert _client(citizen).get("/api/v1/labour-contracts/").json()["count"] == 0
    assert _client(clerk_maonan).post("/api/v1/labour-contracts/", _body(people[1]), format="json").status_code == 403
    assert _client().get("/api/v1/labour-contracts/").status_code in (401, 403)


def test_dispatch_licences(employer_user):
    body = {
        "registered_capital": "150",
        "premises_address": "x路1号",
        "premises_area": "50",
        "rules_summary": "劳动合同、工资支付、社会保险制度",
    }
    assert _client(employer_user).post("/api/v1/dispatch-licences/", body, format="json").status_code == 400
    created = _client(employer_user).post(
        "/api/v1/dispatch-licences/", {**body, "registered_capital": "200"}, format="json"
    )
    assert created.status_code == 201
    assert _client(employer_user).get("/api/v1/dispatch-licences/").json()["count"] == 1
    assert _client().get("/api/v1/dispatch-licences/").json()["count"] == 0  # not valid yet: not public


def test_credit_ratings_are_for_staff(citizen, employer_user, statistician, clerk_gaozhou):
    services_credit.credit_rating_run(year=2025, inspection={}, dispute={})
    assert _client(statistician).get("/api/v1/credit-ratings/?year=2025").json()["count"] == 1
    assert _client(statistician).get("/api/v1/credit-ratings/?grade=Z").status_code == 400
    assert _client(clerk_gaozhou).get("/api/v1/credit-ratings/").status_code == 403
    for user in (citizen, employer_user):
        assert _client(user).get("/api/v1/credit-ratings/").status_code == 403


def test_public_blacklist(employer_user):
    staff = testing.staff("admin_city", Role.ADMIN, "440900")
    entry = services_blacklist.blacklist_propose(
        actor=staff,
        employer=employer_user.employer,
        ground="arrears",
        facts="拖欠工资",
        arrears_amount="50000",
        order_date=date(2025, 9, 1),
        today=date(2025, 9, 30),
    )
    assert _client().get("/api/v1/arrears-blacklist/").json()["count"] == 0
    services_blacklist.blacklist_list(actor=staff, entry=entry, today=date(2025, 10, 15))
    data = _client().get("/api/v1/arrears-blacklist/").json()
    assert data["count"] == 1
    assert set(data["results"][0]) == {
        "id",
        "employer_name",
        "credit_code",
        "ground",
        "ground_label",
        "listed_on",
        "ends_on",
    }
