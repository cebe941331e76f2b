"""POST /api/v1/cases/: a citizen applies online with multipart uploads named material_<id>."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from renshe.cases.models import Case, CaseMaterial
from renshe.cases.testing import material_ids, pdf, service_item
from renshe.core.models import StoredFile

pytestmark = pytest.mark.django_db

URL = "/api/v1/cases/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def item(db):
    return service_item()


def _post(api, user, data):
    api.force_authenticate(user)
    return api.post(URL, data, format="multipart")


def _full(the_item, **extra):
    ids = material_ids(the_item)
    data = {
        "item": the_item.code,
        "channel": "mobile",
        "form_data": json.dumps({"reason": "劳动合同期满终止"}),
        f"material_{ids['居民身份证']}": pdf("身份证.pdf"),
        f"material_{ids['解除劳动合同证明']}": pdf("解除证明.pdf"),
    }
    data.update(extra)
    return data


def test_a_citizen_applies_with_uploads(api, citizen, item):
    response = _post(api, citizen, _full(item))
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "submitted" and data["number"].startswith("RS")
    assert data["channel"] == "mobile" and data["item"] == item.code and data["item_version"] == 1
    assert data["form_data"] == {"reason": "劳动合同期满终止"}
    assert [t["action"] for t in data["timeline"]] == ["submit"]
    names = {m["name"]: m["file_name"] for m in data["materials"]}
    assert names == {"居民身份证": "身份证.pdf", "解除劳动合同证明": "解除证明.pdf"}
    case = Case.objects.get(pk=data["id"])
    assert case.applicant_id == citizen.person_id and case.created_by == citizen


def test_json_body_without_files_is_refused_for_a_missing_material(api, citizen, item):
    api.force_authenticate(citizen)
    response = api.post(URL, {"item": item.code, "form_data": {"reason": "其他"}}, format="json")
    assert response.status_code == 400
    field = f"material_{material_ids(item)['居民身份证']}"
    assert "缺少必交材料：居民身份证" in response.json()[field][0]
    assert Case.objects.count() == 0


def test_deferral_needs_a_commitment(api, citizen, item):
    ids = material_ids(item)
    data = _full(item, deferred=[ids["解除劳动合同证明"]])
    del data[f"material_{ids['解除劳动合同证明']}"]
    response = _post(api, citizen, data)
    assert response.status_code == 400 and "commitment" in response.json()
    assert Case.objects.count() == 0
    data = _full(item, deferred=[ids["解除劳动合同证明"]], commitment="本人承诺十个工作日内补交。")
    del data[f"material_{ids['解除劳动合同证明']}"]
    response = _post(api, citizen, data)
    assert response.status_code == 201, response.json()
    statuses = {m["name"]: m["status"] for m in response.json()["materials"]}
    assert statuses == {"居民身份证": "submitted", "解除劳动合同证明": "deferred"}
    assert "容缺材料：解除劳动合同证明" in response.json()["timeline"][0]["comment"]


@pytest.mark.parametrize(
    ("change", "field", "text"),
    [
        ({"item": "RS-NONE-9"}, "item", "不存在"),
        ({"channel": "window"}, "channel", ""),
        ({"form_data": json.dumps({"reason": "想换工作"})}, "reason", "取值无效"),
        ({"form_data": json.dumps({})}, "reason", "请填写失业原因"),
        ({"form_data": "{not json"}, "form_data", ""),
        ({"form_data": json.dumps(["a"])}, "form_data", "JSON 对象"),
        ({"deferred": ["abc"]}, "deferred", ""),
    ],
)
def test_bad_input_names_the_field(api, citizen, item, change, field, text):
    response = _post(api, citizen, _full(item, **change))
    assert response.status_code == 400
    body = response.json()
    assert field in body, body
    assert text in str(body[field])
    assert Case.objects.count() == 0


def test_an_upload_that_is_not_what_its_name_says(api, citizen, item):
    ids = material_ids(item)
    fake = SimpleUploadedFile("身份证.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    response = _post(api, citizen, _full(item, **{f"material_{ids['居民身份证']}": fake}))
    assert response.status_code == 400
    assert "不符" in response.json()[f"material_{ids['居民身份证']}"][0]
    assert Case.objects.count() == 0 and CaseMaterial.objects.count() == 0


def test_a_file_for_another_items_material_is_refused(api, citizen, item):
    other = service_item(code="RS-T-009", name="其他事项")
    foreign = material_ids(other)["居民身份证"]
    response = _post(api, citizen, _full(item, **{f"material_{foreign}": pdf(), "photo": pdf("x.pdf")}))
    assert response.status_code == 400
    assert set(response.json()) == {f"material_{foreign}", "photo"}
    assert Case.objects.count() == 0 and StoredFile.objects.count() == 0


def test_staff_cannot_apply_through_the_api(api, clerk_maonan, item):
    assert _post(api, clerk_maonan, _full(item)).status_code == 403


def test_an_employer_account_cannot_apply_as_a_person(api, employer_user, item):
    assert _post(api, employer_user, _full(item)).status_code == 403


def test_anonymous_cannot_apply(api, item):
    assert api.post(URL, _full(item), format="multipart").status_code in (401, 403)
    assert Case.objects.count() == 0


def test_instant_approval_is_reported(api, citizen):
    service_item(
        code="RS-KA-003",
        name="社会保障卡挂失",
        kind="即办件",
        promised=0,
        legal=0,
        steps=[{"name": "受理", "role": "clerk"}],
        auto_checks=["real_name_verified", "resides_in_maoming"],
        materials=[],
        form_fields=[],
    )
    api.force_authenticate(citizen)
    response = api.post(URL, {"item": "RS-KA-003", "channel": "mobile"}, format="json")
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "closed" and data["auto_approved"] is True
    assert [t["action"] for t in data["timeline"]] == ["submit", "auto_approve"]
    assert data["timeline"][1]["actor_role"] == "system"
