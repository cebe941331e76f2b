"""The bureau's real catalogue (renshe/catalog/data/catalogue.py) loads, is complete and versions
cleanly: ≥40 items across the seven categories, the items issue 3 names, promised ≤ legal,
idempotent reloads, and a changed item gets a new version without touching filed cases."""

from __future__ import annotations

import copy
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from rest_framework.test import APIClient

from renshe.cases import services as case_services
from renshe.cases.testing import pdf
from renshe.catalog.models import Bundle, Category, Material, Requirement, ServiceItem, ServiceItemVersion
from renshe.catalog.services import catalogue_load

catalogue = pytest.importorskip("renshe.catalog.data.catalogue")

pytestmark = pytest.mark.django_db

NAMED_IN_THE_ISSUE = [
    "失业登记",
    "就业登记",
    "就业困难人员认定",
    "失业保险金申领",
    "创业担保贷款申请",
    "职业培训补贴申领",
    "社会保障卡申领",
    "社会保障卡挂失",
    "劳动人事争议仲裁申请",
    "劳动保障监察投诉",
    "人才优粤卡申领",
    "职称申报",
    "流动人员人事档案接收",
]


@pytest.fixture(scope="module")
def _catalogue(django_db_setup, django_db_blocker):
    """Loaded once for the module (it is large) inside a transaction rolled back at the end; each
    test runs in a savepoint inside it, so what one test changes the next does not see."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield catalogue_load(items=catalogue.ITEMS, bundles=catalogue.BUNDLES)
        transaction.set_rollback(True)


@pytest.fixture
def loaded(_catalogue, db):
    return _catalogue


def test_at_least_forty_items_in_all_seven_categories(loaded):
    assert loaded["items"] == len(catalogue.ITEMS) >= 40
    assert loaded["new_versions"] == loaded["items"]
    per_category = Counter(ServiceItem.objects.values_list("category", flat=True))
    assert set(per_category) == set(Category.values)
    assert ServiceItem.objects.filter(current_version__isnull=True).count() == 0


def test_codes_are_unique():
    codes = [i["code"] for i in catalogue.ITEMS]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("name", NAMED_IN_THE_ISSUE)
def test_the_items_named_in_the_issue_exist(loaded, name):
    item = ServiceItem.objects.get(name=name)
    assert item.is_active and item.current_version.number == 1


def test_card_replacement_exists(loaded):
    # 社会保障卡补换: one item for 补领 and 换领
    names = ServiceItem.objects.filter(category="social_security_card").values_list("name", flat=True)
    assert any("补" in n and "换" in n for n in names), list(names)


def test_promised_never_exceeds_legal_and_every_guide_is_complete(loaded):
    for version in ServiceItemVersion.objects.select_related("item").prefetch_related("materials"):
        name = version.item.name
        assert 0 <= version.promised_limit_days <= version.legal_limit_days, name
        assert version.steps and version.steps[0]["role"] == "clerk", name
        assert version.channels, name
        assert version.legal_basis and version.conditions and version.handling_office, name
        assert version.result_name and version.implementing_body, name
        assert version.fee == Decimal(0) or version.fee_basis not in ("", "不收费"), name
        for m in version.materials.all():
            assert m.requirement in Requirement.values and m.copies >= 1 and m.form, (name, m.name)
        if version.is_instant:
            assert version.promised_limit_days <= 1, name


def test_bundles_point_at_loaded_items(loaded):
    assert Bundle.objects.count() == len(catalogue.BUNDLES) == loaded["bundles"]
    for bundle in Bundle.objects.prefetch_related("items"):
        assert bundle.items.count() >= 2, bundle.name
    assert Bundle.objects.filter(name="失业一件事").exists()


def test_loading_twice_creates_no_new_versions(loaded, capsys):
    versions, materials = ServiceItemVersion.objects.count(), Material.objects.count()
    again = catalogue_load(items=catalogue.ITEMS, bundles=catalogue.BUNDLES)
    assert again["new_versions"] == 0
    call_command("load_catalogue")
    assert "new_versions=0" in capsys.readouterr().out
    assert ServiceItemVersion.objects.count() == versions
    assert Material.objects.count() == materials


def _form_data(version) -> dict:
    data = {}
    for field in version.form_fields:
        kind = field.get("type")
        if field.get("choices"):
            data[field["name"]] = field["choices"][0]
        elif kind == "date":
            data[field["name"]] = "2025-06-30"
        elif kind == "number":
            data[field["name"]] = "1"
        else:
            data[field["name"]] = "测试"
    return data


def test_a_changed_item_gets_version_two_and_filed_cases_keep_version_one(loaded, citizen):
    item = ServiceItem.objects.get(name="就业困难人员认定")
    v1 = item.current_version
    files = {m.pk: pdf(f"{m.pk}.pdf") for m in v1.materials.all() if m.requirement != Requirement.OPTIONAL}
    case = case_services.case_submit(
        actor=citizen,
        item=item,
        applicant=citizen.person,
        channel="web" if "web" in v1.channels else "mobile",
        form_data=_form_data(v1),
        files=files,
    )
    assert case.item_version_id == v1.pk

    items = copy.deepcopy(catalogue.ITEMS)
    changed = next(i for i in items if i["code"] == item.code)
    changed["promised_limit_days"] = max(0, changed["promised_limit_days"] - 1)
    changed["limit_note"] = "压缩办理时限"
    changed["materials"] = changed["materials"][:1]
    counts = catalogue_load(items=items, bundles=catalogue.BUNDLES)
    assert counts["new_versions"] == 1

    item.refresh_from_db()
    assert item.current_version.number == 2
    assert item.current_version.limit_note == "压缩办理时限"
    assert item.current_version.materials.count() == 1
    case.refresh_from_db()
    assert case.item_version_id == v1.pk and case.item_version.number == 1
    v1.refresh_from_db()
    assert v1.promised_limit_days == next(i for i in catalogue.ITEMS if i["code"] == item.code)["promised_limit_days"]
    assert v1.materials.count() == len(next(i for i in catalogue.ITEMS if i["code"] == item.code)["materials"])
    # every other item is still on version 1
    assert ServiceItemVersion.objects.filter(number=2).count() == 1


def test_the_public_api_serves_the_real_guides(loaded):
    api = APIClient()
    listed = api.get("/api/v1/service-items/", {"page_size": 200}).json()
    assert listed["count"] == len(catalogue.ITEMS)
    code = ServiceItem.objects.get(name="失业保险金申领").code
    guide = api.get(f"/api/v1/service-items/{code}/").json()["guide"]
    assert guide["materials"] and guide["steps"] and guide["legal_limit_days"] >= guide["promised_limit_days"]
    by_category = api.get("/api/v1/service-items/", {"category": "social_security_card"}).json()
    assert {r["category"] for r in by_category["results"]} == {"social_security_card"}
    assert api.get("/api/v1/bundles/").json()["count"] == len(catalogue.BUNDLES)
