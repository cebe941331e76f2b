"""Online application from a guide (renshe.catalog.views.item_apply → renshe.cases.services.case_submit)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from renshe.cases.models import Case, CaseMaterial, MaterialStatus, Status
from renshe.cases.testing import material_ids, pdf, service_item
from renshe.core.models import StoredFile

pytestmark = pytest.mark.django_db

PHONE_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def item(db):
    return service_item(
        form_fields=[
            {
                "name": "reason",
                "label": "失业原因",
                "type": "choice",
                "required": True,
                "choices": ["合同到期", "其他"],
            },
            {"name": "since", "label": "失业日期", "type": "date", "required": True},
            {"name": "months", "label": "缴费月数", "type": "number", "required": False},
            {"name": "note", "label": "情况说明", "type": "textarea", "required": False},
            {"name": "phone", "label": "联系电话", "type": "text", "required": False},
        ]
    )


def _url(item):
    return reverse("catalog:apply", args=[item.code])


def _post(item, **overrides):
    ids = material_ids(item)
    data = {
        "reason": "合同到期",
        "since": "2025-09-01",
        "months": "24",
        "note": "公司经营困难",
        "phone": "13800138000",
        f"material_{ids['居民身份证']}": pdf("身份证.pdf"),
        f"material_{ids['解除劳动合同证明']}": pdf("证明.pdf"),
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_form_is_built_from_the_guide(client, citizen, item):
    client.force_login(citizen)
    body = client.get(_url(item)).content.decode()
    ids = material_ids(item)
    assert 'enctype="multipart/form-data"' in body
    assert 'name="reason"' in body and "<select" in body and "合同到期" in body
    assert 'type="date"' in body and 'name="since"' in body
    assert "<textarea" in body and 'name="note"' in body
    assert body.count('accept=".pdf,.jpg,.jpeg,.png,.ofd"') == 3
    assert f'name="defer_{ids["解除劳动合同证明"]}"' in body  # 可容缺: a checkbox
    assert f'name="defer_{ids["居民身份证"]}"' not in body  # 必交: none
    assert "容缺受理，承诺后补" in body and 'name="commitment"' in body


def test_apply_happy_path_files_the_case_with_uploads(client, citizen, item):
    client.force_login(citizen)
    response = client.post(_url(item), _post(item))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:my_case", args=[case.pk])
    assert case.applicant == citizen.person and case.status == Status.SUBMITTED
    assert case.channel == "web"
    assert case.form_data["reason"] == "合同到期" and case.form_data["since"] == "2025-09-01"
    assert case.materials.filter(status=MaterialStatus.SUBMITTED).count() == 2
    body = client.get(response["Location"]).content.decode()
    assert "申请已提交" in body and case.number in body


def test_a_phone_applies_through_the_mobile_channel(client, citizen, item):
    client.force_login(citizen)
    client.post(_url(item), _post(item), headers={"User-Agent": PHONE_UA})
    assert Case.objects.get().channel == "mobile"


def test_missing_required_material_is_shown_next_to_it_and_nothing_stored(client, citizen, item):
    ids = material_ids(item)
    client.force_login(citizen)
    response = client.post(_url(item), _post(item, **{f"material_{ids['居民身份证']}": None}))
    body = response.content.decode()
    assert response.status_code == 400
    assert f'data-field-error="material_{ids["居民身份证"]}"' in body
    assert "缺少必交材料：居民身份证" in body
    assert Case.objects.count() == 0 and CaseMaterial.objects.count() == 0 and StoredFile.objects.count() == 0


def test_bad_form_fields_are_shown_by_field(client, citizen, item):
    client.force_login(citizen)
    response = client.post(_url(item), _post(item, reason="乱填", since="2025-13-45", months="很多"))
    body = response.content.decode()
    assert response.status_code == 400
    assert 'data-field-error="reason"' in body
    assert Case.objects.count() == 0
    response = client.post(_url(item), _post(item, since="2025-13-45", months="很多"))
    body = response.content.decode()
    assert 'data-field-error="since"' in body and "应为日期" in body
    assert 'data-field-error="months"' in body and "应为数字" in body
    assert Case.objects.count() == 0


def test_a_fake_pdf_is_refused_by_content(client, citizen, item):
    ids = material_ids(item)
    fake = SimpleUploadedFile("身份证.pdf", b"MZ\x90\x00 really an executable", content_type="application/pdf")
    client.force_login(citizen)
    response = client.post(_url(item), _post(item, **{f"material_{ids['居民身份证']}": fake}))
    body = response.content.decode()
    assert response.status_code == 400
    assert f'data-field-error="material_{ids["居民身份证"]}"' in body and "不符" in body
    assert Case.objects.count() == 0


def test_deferral_without_commitment_is_refused_with_it_accepted(client, citizen, item):
    ids = material_ids(item)
    deferred = {f"material_{ids['解除劳动合同证明']}": None, f"defer_{ids['解除劳动合同证明']}": "on"}
    client.force_login(citizen)
    response = client.post(_url(item), _post(item, **deferred))
    assert response.status_code == 400
    assert 'data-field-error="commitment"' in response.content.decode()
    assert Case.objects.count() == 0
    response = client.post(_url(item), _post(item, commitment="本人承诺十个工作日内补交。", **deferred))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.deferral_commitment == "本人承诺十个工作日内补交。"
    assert case.materials.get(material_id=ids["解除劳动合同证明"]).status == MaterialStatus.DEFERRED


def test_a_deferrable_material_neither_uploaded_nor_deferred_is_missing(client, citizen, item):
    ids = material_ids(item)
    client.force_login(citizen)
    response = client.post(_url(item), _post(item, **{f"material_{ids['解除劳动合同证明']}": None}))
    assert response.status_code == 400
    assert f'data-field-error="material_{ids["解除劳动合同证明"]}"' in response.content.decode()


def test_instant_approval_is_announced(client, citizen):
    item = service_item(
        code="RS-T-KA",
        name="社会保障卡挂失",
        kind="即办件",
        promised=0,
        legal=0,
        steps=[{"name": "受理", "role": "clerk"}],
        auto_checks=["real_name_verified", "resides_in_maoming"],
        materials=[],
        form_fields=[],
    )
    client.force_login(citizen)
    response = client.post(_url(item), {}, follow=True)
    body = response.content.decode()
    case = Case.objects.get()
    assert case.auto_approved and case.status == Status.CLOSED
    assert 'data-testid="auto-approved"' in body and "秒批办结" in body


def test_anonymous_is_sent_to_login(client, item):
    response = client.get(_url(item))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    response = client.post(_url(item), _post(item))
    assert response.status_code == 302 and Case.objects.count() == 0


def test_staff_and_employers_cannot_apply_online(client, clerk_maonan, employer_user, item):
    for user in (clerk_maonan, employer_user):
        client.force_login(user)
        assert client.get(_url(item)).status_code == 403
        assert client.post(_url(item), _post(item)).status_code == 403
    assert Case.objects.count() == 0


def test_window_only_item_refuses_online_applications(client, citizen):
    item = service_item(code="RS-T-W", name="窗口事项", channels=["window"])
    client.force_login(citizen)
    response = client.post(_url(item), _post(item))
    assert response.status_code == 403 and "窗口" in response.content.decode()
    assert Case.objects.count() == 0


def test_unknown_item_is_404(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("catalog:apply", args=["NOPE"])).status_code == 404
