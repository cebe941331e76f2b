import pytest
from django.urls import reverse

from renshe.cases.models import Case, Channel, MaterialStatus, Status
from renshe.cases.testing import material_ids, pdf, service_item
from renshe.catalog.models import Bundle, BundleItem

URL = reverse("cases:window_apply")


@pytest.fixture
def item(db):
    return service_item()


def apply_url(person, *, item=None, bundle=None) -> str:
    target = f"item={item.code}" if item else f"bundle={bundle.code}"
    return f"{URL}?person={person.pk}&{target}"


@pytest.mark.django_db
def test_lookup_finds_a_person_of_the_region_and_offers_the_items(client, item, clerk_maonan, maonan_person):
    client.force_login(clerk_maonan)
    response = client.get(URL, {"id_number": maonan_person.id_number.lower()})
    assert response.status_code == 302 and response.url == f"{URL}?person={maonan_person.pk}"
    html = client.get(response.url).content.decode()
    assert maonan_person.masked_id_number in html
    assert f"item={item.code}" in html
    form = client.get(apply_url(maonan_person, item=item)).content.decode()
    assert "失业原因" in form and "居民身份证" in form and "容缺，承诺后补" in form


@pytest.mark.django_db
def test_a_person_outside_the_region_is_not_found_and_cannot_be_applied_for(client, item, clerk_maonan, gaozhou_person):
    client.force_login(clerk_maonan)
    response = client.get(URL, {"id_number": gaozhou_person.id_number})
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="person-not-found"' in html
    assert reverse("registry:person_create") in html
    assert client.get(apply_url(gaozhou_person, item=item)).status_code == 404
    ids = material_ids(item)
    response = client.post(
        apply_url(gaozhou_person, item=item),
        {f"{item.code}:reason": "其他", f"material_{ids['居民身份证']}": pdf()},
    )
    assert response.status_code == 404
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_an_invalid_identity_number_is_explained(client, clerk_maonan):
    client.force_login(clerk_maonan)
    response = client.get(URL, {"id_number": "44090219900517001"})
    assert response.status_code == 400
    assert "身份证号码应为18位" in response.content.decode()


@pytest.mark.django_db
def test_window_application_lands_on_the_case_page_and_can_be_accepted(client, item, clerk_maonan, maonan_person):
    ids = material_ids(item)
    client.force_login(clerk_maonan)
    response = client.post(
        apply_url(maonan_person, item=item),
        {
            f"{item.code}:reason": "劳动合同期满终止",
            f"material_{ids['居民身份证']}": pdf("身份证.pdf"),
            f"material_{ids['解除劳动合同证明']}": pdf("证明.pdf"),
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == reverse("cases:case_detail", args=[case.pk])
    assert case.channel == Channel.WINDOW and case.created_by == clerk_maonan and case.applicant == maonan_person
    assert case.form_data == {"reason": "劳动合同期满终止"}
    assert case.materials.filter(status=MaterialStatus.SUBMITTED).count() == 2
    html = client.get(response.url).content.decode()
    assert "已录入申请" in html and 'data-testid="action-accept"' in html
    client.post(reverse("cases:case_act", args=[case.pk]), {"action": "accept", "expected_version": case.version})
    assert Case.objects.get(pk=case.pk).status == Status.IN_REVIEW


@pytest.mark.django_db
def test_missing_material_and_missing_field_are_reported_by_field(client, item, clerk_maonan, maonan_person):
    ids = material_ids(item)
    client.force_login(clerk_maonan)
    response = client.post(apply_url(maonan_person, item=item), {f"{item.code}:reason": "其他"})
    html = response.content.decode()
    assert response.status_code == 400
    assert f'data-field-error="material_{ids["居民身份证"]}"' in html and "缺少必交材料：居民身份证" in html
    response = client.post(apply_url(maonan_person, item=item), {f"material_{ids['居民身份证']}": pdf()})
    assert response.status_code == 400
    assert f'data-field-error="{item.code}:reason"' in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_deferral_needs_the_signed_commitment(client, item, clerk_maonan, maonan_person):
    ids = material_ids(item)
    client.force_login(clerk_maonan)
    data = {
        f"{item.code}:reason": "其他",
        f"material_{ids['居民身份证']}": pdf(),
        f"defer_{ids['解除劳动合同证明']}": "on",
    }
    response = client.post(apply_url(maonan_person, item=item), data)
    assert response.status_code == 400
    assert 'data-field-error="commitment_signed"' in response.content.decode()
    data[f"material_{ids['居民身份证']}"] = pdf()
    response = client.post(apply_url(maonan_person, item=item), {**data, "commitment_signed": "on"})
    assert response.status_code == 400  # signed, but the commitment's text was not entered
    assert "容缺受理须签署承诺书" in response.content.decode()
    assert not Case.objects.exists()
    data[f"material_{ids['居民身份证']}"] = pdf()
    response = client.post(
        apply_url(maonan_person, item=item),
        {**data, "commitment_signed": "on", "commitment": "本人承诺5个工作日内补交解除劳动合同证明。"},
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.materials.get(material_id=ids["解除劳动合同证明"]).status == MaterialStatus.DEFERRED
    assert "补交" in case.deferral_commitment


@pytest.mark.django_db
def test_bundle_application_shares_a_material_and_files_every_case(client, item, clerk_maonan, maonan_person):
    second = service_item(
        code="RS-T-002",
        name="失业保险金申领",
        materials=[{"name": "居民身份证", "form": "原件", "copies": 1, "requirement": "required"}],
        form_fields=[],
    )
    bundle = Bundle.objects.create(code="YJS-T", name="失业一件事")
    BundleItem.objects.create(bundle=bundle, item=item, order=0)
    BundleItem.objects.create(bundle=bundle, item=second, order=1)
    ids = material_ids(item)
    client.force_login(clerk_maonan)
    form = client.get(apply_url(maonan_person, bundle=bundle)).content.decode()
    assert form.count('data-material="居民身份证"') == 1  # asked once for both items
    response = client.post(
        apply_url(maonan_person, bundle=bundle),
        {
            f"{item.code}:reason": "其他",
            f"material_{ids['居民身份证']}": pdf(),
            f"material_{ids['解除劳动合同证明']}": pdf(),
        },
    )
    assert response.status_code == 302
    cases = list(Case.objects.order_by("id"))
    assert len(cases) == 2 and cases[0].bundle_id == cases[1].bundle_id is not None
    assert cases[1].materials.get().file_id == cases[0].materials.get(material__name="居民身份证").file_id


@pytest.mark.django_db
def test_instant_approval_at_the_window(client, clerk_maonan, maonan_person):
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
    client.force_login(clerk_maonan)
    response = client.post(apply_url(maonan_person, item=item), {}, follow=True)
    assert "秒批办结" in response.content.decode()
    assert Case.objects.get().status == Status.CLOSED


@pytest.mark.django_db
def test_an_item_not_offered_at_the_window_is_refused(client, clerk_maonan, maonan_person):
    web_only = service_item(code="RS-T-W", name="网上专办", channels=["web"], materials=[], form_fields=[])
    client.force_login(clerk_maonan)
    assert f"item={web_only.code}" not in client.get(f"{URL}?person={maonan_person.pk}").content.decode()
    response = client.post(apply_url(maonan_person, item=web_only), {})
    assert response.status_code == 400 and "该事项不支持此申请渠道" in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_only_staff_who_may_apply_on_behalf(client, item, reviewer_maonan, citizen, maonan_person):
    for user in (reviewer_maonan, citizen):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(apply_url(maonan_person, item=item), {}).status_code == 403
    assert not Case.objects.exists()
