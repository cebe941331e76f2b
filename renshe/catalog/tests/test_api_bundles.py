"""/api/v1/bundles/: 一件事 bundles, public, with the shared materials of their items."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from renshe.cases.testing import service_item
from renshe.catalog.models import Bundle
from renshe.catalog.services import catalogue_load

pytestmark = pytest.mark.django_db

URL = "/api/v1/bundles/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def bundle(db):
    service_item(code="RS-JY-001", name="失业登记", promised=3, legal=10)
    service_item(
        code="RS-SB-010",
        name="失业保险金申领",
        promised=5,
        legal=10,
        materials=[
            {"name": "居民身份证", "form": "原件", "copies": 1, "requirement": "required"},
            {"name": "银行卡", "form": "复印件", "copies": 1, "requirement": "optional"},
            {"name": "其他材料", "form": "复印件", "copies": 1, "requirement": "deferrable"},
        ],
    )
    catalogue_load(
        items=[],
        bundles=[
            {
                "code": "YJS-SY",
                "name": "失业一件事",
                "description": "失业登记、失业保险金申领一次办",
                "items": ["RS-SB-010", "RS-JY-001"],
            }
        ],
    )
    return Bundle.objects.get(code="YJS-SY")


def test_list_shows_the_items_in_order(api, bundle):
    data = api.get(URL).json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["code"] == "YJS-SY" and row["name"] == "失业一件事"
    assert [(i["code"], i["promised_limit_days"], i["legal_limit_days"]) for i in row["items"]] == [
        ("RS-SB-010", 5, 10),
        ("RS-JY-001", 3, 10),
    ]


def test_detail_merges_materials_by_name_with_the_stricter_requirement(api, bundle):
    data = api.get(f"{URL}YJS-SY/").json()
    materials = {m["name"]: m for m in data["materials"]}
    assert materials["居民身份证"]["items"] == ["RS-SB-010", "RS-JY-001"]
    assert materials["居民身份证"]["requirement"] == "required"
    # optional in one item, deferrable in the other: the applicant must supply it (or defer it)
    assert materials["其他材料"]["requirement"] == "deferrable"
    assert materials["银行卡"]["items"] == ["RS-SB-010"]
    assert materials["解除劳动合同证明"]["items"] == ["RS-JY-001"]


def test_inactive_and_unknown_bundles_are_not_found(api, bundle):
    assert api.get(f"{URL}NOPE/").status_code == 404
    Bundle.objects.filter(pk=bundle.pk).update(is_active=False)
    assert api.get(f"{URL}YJS-SY/").status_code == 404
    assert api.get(URL).json()["count"] == 0
