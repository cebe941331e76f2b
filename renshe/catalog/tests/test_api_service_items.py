"""/api/v1/service-items/: the public catalogue with each item's full guide (limits in working days)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from renshe.cases.testing import service_item
from renshe.catalog.models import ServiceItem
from renshe.catalog.services import item_version_publish

pytestmark = pytest.mark.django_db

URL = "/api/v1/service-items/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def items(db):
    registration = service_item(code="RS-JY-001", name="失业登记", promised=3, legal=10)
    card = service_item(code="RS-KA-003", name="社会保障卡挂失", kind="即办件", promised=0, legal=0)
    ServiceItem.objects.filter(pk=card.pk).update(category="social_security_card")
    return registration, card


def test_anyone_may_read_the_catalogue(api, items):
    data = api.get(URL).json()
    assert data["count"] == 2
    rows = {r["code"]: r for r in data["results"]}
    assert rows["RS-JY-001"]["name"] == "失业登记"
    assert rows["RS-JY-001"]["legal_limit_days"] == 10
    assert rows["RS-JY-001"]["promised_limit_days"] == 3
    assert rows["RS-JY-001"]["version"] == 1
    assert rows["RS-JY-001"]["category_label"] == "就业创业"
    assert rows["RS-KA-003"]["kind"] == "即办件"


@pytest.mark.parametrize(
    ("params", "codes"),
    [
        ({"q": "失业"}, ["RS-JY-001"]),
        ({"q": "挂失"}, ["RS-KA-003"]),
        ({"q": "rs-ka-003"}, ["RS-KA-003"]),  # an exact code, any case
        ({"q": "养老"}, []),
        ({"category": "social_security_card"}, ["RS-KA-003"]),
        ({"category": "employment", "q": "挂失"}, []),
        ({}, ["RS-JY-001", "RS-KA-003"]),
    ],
)
def test_search_and_category_filter(api, items, params, codes):
    data = api.get(URL, params).json()
    assert [r["code"] for r in data["results"]] == codes


def test_an_unknown_category_names_the_field(api, items):
    response = api.get(URL, {"category": "pensions"})
    assert response.status_code == 400
    assert "pensions" in response.json()["category"][0]


def test_detail_is_the_full_guide_of_the_current_version(api, items):
    data = api.get(f"{URL}RS-JY-001/").json()
    assert data["code"] == "RS-JY-001" and data["name"] == "失业登记"
    guide = data["guide"]
    assert guide["version"] == 1
    assert guide["legal_limit_days"] == 10 and guide["promised_limit_days"] == 3
    assert guide["limit_unit"] == "working_days"
    assert guide["limit_note"] == ""
    assert guide["channels"] == ["window", "web", "mobile"]
    assert guide["fee"] == "0.00" and guide["fee_basis"] == "不收费"
    assert guide["steps"] == [{"name": "受理", "role": "clerk"}, {"name": "审核", "role": "reviewer"}]
    assert guide["item_type"] == "公共服务" and guide["kind"] == "承诺件"
    for element in ("legal_basis", "conditions", "implementing_body", "handling_office", "place_hours", "contacts"):
        assert guide[element]
    materials = [(m["name"], m["form"], m["copies"], m["requirement"]) for m in guide["materials"]]
    assert materials == [
        ("居民身份证", "原件", 1, "required"),
        ("解除劳动合同证明", "复印件", 1, "deferrable"),
        ("其他材料", "复印件", 1, "optional"),
    ]
    assert guide["materials"][1]["requirement_label"] == "可容缺"
    assert guide["form_fields"][0]["name"] == "reason"


def test_a_new_version_is_what_the_public_sees(api, items):
    item = items[0]
    item_version_publish(
        actor=None,
        item=item,
        values={"promised_limit_days": 2, "limit_note": "材料齐全当场受理"},
        materials=[{"name": "居民身份证", "form": "原件", "copies": 2, "requirement": "required"}],
        change_note="压缩时限",
    )
    guide = api.get(f"{URL}RS-JY-001/").json()["guide"]
    assert guide["version"] == 2 and guide["promised_limit_days"] == 2 and guide["legal_limit_days"] == 10
    assert guide["limit_note"] == "材料齐全当场受理" and guide["change_note"] == "压缩时限"
    assert [(m["name"], m["copies"]) for m in guide["materials"]] == [("居民身份证", 2)]
    assert api.get(URL, {"q": "失业"}).json()["results"][0]["version"] == 2


def test_unknown_and_inactive_items_are_not_found(api, items):
    assert api.get(f"{URL}RS-NOPE-1/").status_code == 404
    ServiceItem.objects.filter(code="RS-KA-003").update(is_active=False)
    assert api.get(f"{URL}RS-KA-003/").status_code == 404
    assert [r["code"] for r in api.get(URL).json()["results"]] == ["RS-JY-001"]


def test_an_item_without_a_published_version_is_not_listed(api, items):
    ServiceItem.objects.create(code="RS-DRAFT-1", name="草稿事项", category="employment")
    assert "RS-DRAFT-1" not in [r["code"] for r in api.get(URL).json()["results"]]
    assert api.get(f"{URL}RS-DRAFT-1/").status_code == 404


def test_the_catalogue_is_read_only(api, items, city_admin):
    assert api.post(URL, {"code": "X", "name": "x"}).status_code in (403, 405)
    api.force_authenticate(city_admin)
    assert api.post(URL, {"code": "X", "name": "x"}).status_code == 405
    assert api.delete(f"{URL}RS-JY-001/").status_code == 405


def test_list_queries_do_not_grow_with_items(api, items):
    with CaptureQueriesContext(connection) as few:
        api.get(URL)
    for n in range(6):
        service_item(code=f"RS-EXTRA-{n}", name=f"事项{n}")
    with CaptureQueriesContext(connection) as many:
        data = api.get(URL).json()
    assert data["count"] == 8
    assert len(many) == len(few)


def test_detail_queries_do_not_grow_with_materials(api, items):
    with CaptureQueriesContext(connection) as queries:
        api.get(f"{URL}RS-JY-001/")
    assert len(queries) <= 4


def test_the_schema_documents_the_catalogue(api):
    doc = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "/api/v1/service-items/" in doc["paths"]
    assert "/api/v1/service-items/{code}/" in doc["paths"]
    assert "/api/v1/bundles/{code}/" in doc["paths"]
