"""一件事: one application for a bundle (renshe.catalog.views.bundle_apply → bundle_submit)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renshe.cases.models import Bundle as Application
from renshe.cases.models import Case, MaterialStatus
from renshe.cases.testing import material_ids, pdf, service_item
from renshe.catalog.services import catalogue_load

pytestmark = pytest.mark.django_db

URL = reverse("catalog:bundle_apply", args=["YJS-T"])


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def items(db):
    first = service_item(code="RS-T-001", name="失业登记")
    second = service_item(
        code="RS-T-002",
        name="失业保险金申领",
        materials=[
            {"name": "居民身份证", "form": "原件", "copies": 1, "requirement": "required"},
            {"name": "银行卡", "form": "复印件", "copies": 1, "requirement": "required"},
        ],
        form_fields=[{"name": "bank", "label": "开户银行", "type": "text", "required": True}],
    )
    catalogue_load(items=[], bundles=[{"code": "YJS-T", "name": "失业一件事", "items": ["RS-T-001", "RS-T-002"]}])
    return first, second


def _post(items, **overrides):
    first, second = items
    a, b = material_ids(first), material_ids(second)
    data = {
        "RS-T-001:reason": "其他",
        "RS-T-002:bank": "中国工商银行茂名分行",
        f"RS-T-001:material_{a['居民身份证']}": pdf("身份证.pdf"),
        f"RS-T-001:material_{a['解除劳动合同证明']}": pdf("证明.pdf"),
        f"RS-T-002:material_{b['银行卡']}": pdf("银行卡.pdf"),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_form_asks_a_shared_material_once(client, citizen, items):
    client.force_login(citizen)
    body = client.get(URL).content.decode()
    assert body.count('accept=".pdf,.jpg,.jpeg,.png,.ofd"') == 4  # 身份证 once, 证明, 其他材料, 银行卡
    assert "失业登记、失业保险金申领" in body  # the shared one says whom it serves
    assert 'name="RS-T-001:reason"' in body and 'name="RS-T-002:bank"' in body


def test_bundle_apply_creates_one_case_per_item_sharing_the_upload(client, citizen, items):
    client.force_login(citizen)
    response = client.post(URL, _post(items))
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:my_bundle", args=[application.number])
    cases = list(Case.objects.filter(bundle=application).order_by("id"))
    assert [c.item_version.item.code for c in cases] == ["RS-T-001", "RS-T-002"]
    id_cards = [c.materials.get(material__name="居民身份证") for c in cases]
    assert id_cards[0].file_id == id_cards[1].file_id and id_cards[0].status == MaterialStatus.SUBMITTED
    assert cases[1].form_data == {"bank": "中国工商银行茂名分行"}
    body = client.get(response["Location"]).content.decode()
    assert "失业登记" in body and "失业保险金申领" in body and application.number in body
    assert body.count('data-testid="timeline-step"') == 2


def test_a_missing_material_of_the_second_item_is_shown_and_nothing_stored(client, citizen, items):
    _first, second = items
    b = material_ids(second)
    client.force_login(citizen)
    response = client.post(URL, _post(items, **{f"RS-T-002:material_{b['银行卡']}": None, "RS-T-001:reason": ""}))
    body = response.content.decode()
    assert response.status_code == 400
    # every item's problems at once: the first item's field and the second item's material
    assert f'data-field-error="RS-T-002:material_{b["银行卡"]}"' in body and "缺少必交材料：银行卡" in body
    assert 'data-field-error="RS-T-001:reason"' in body and "请填写失业原因" in body
    assert Case.objects.count() == 0 and Application.objects.count() == 0


def test_a_shared_material_missing_is_shown_once_on_its_input(client, citizen, items):
    first, _second = items
    a = material_ids(first)
    client.force_login(citizen)
    response = client.post(URL, _post(items, **{f"RS-T-001:material_{a['居民身份证']}": None}))
    body = response.content.decode()
    assert response.status_code == 400
    assert f'data-field-error="RS-T-001:material_{a["居民身份证"]}"' in body
    assert "失业保险金申领：缺少必交材料：居民身份证" in body  # the second item's error lands on the shared input
    assert Case.objects.count() == 0


def test_bundle_deferral_needs_the_commitment(client, citizen, items):
    first, _second = items
    a = material_ids(first)
    deferred = {f"RS-T-001:material_{a['解除劳动合同证明']}": None, f"RS-T-001:defer_{a['解除劳动合同证明']}": "on"}
    client.force_login(citizen)
    response = client.post(URL, _post(items, **deferred))
    assert response.status_code == 400 and 'data-field-error="commitment"' in response.content.decode()
    assert Case.objects.count() == 0
    response = client.post(URL, _post(items, commitment="承诺补交", **deferred))
    assert response.status_code == 302
    assert Case.objects.get(item_version__item__code="RS-T-001").materials.filter(status="deferred").count() == 1


def test_staff_cannot_apply_for_a_bundle_online_and_anonymous_must_log_in(client, clerk_maonan, items):
    assert client.get(URL).status_code == 302
    client.force_login(clerk_maonan)
    assert client.post(URL, _post(items)).status_code == 403
    assert Case.objects.count() == 0
    assert client.get(reverse("catalog:bundle_apply", args=["NOPE"])).status_code == 404
