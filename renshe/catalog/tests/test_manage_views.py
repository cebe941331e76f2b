import pytest
from django.urls import reverse

from renshe.audit.models import AuditEntry
from renshe.cases import services
from renshe.cases.models import Case
from renshe.cases.testing import material_ids, pdf, service_item
from renshe.catalog.models import ServiceItem

SIMPLE = [
    "item_type",
    "kind",
    "level",
    "implementing_body",
    "service_object",
    "handling_office",
    "legal_basis",
    "conditions",
    "legal_limit_days",
    "promised_limit_days",
    "limit_note",
    "fee",
    "fee_basis",
    "result_name",
    "place_hours",
    "visits",
    "online_depth",
    "contacts",
]


def post_data(item: ServiceItem, *, steps=None, materials=None, fields=None, **overrides) -> dict:
    """What the edit form posts for ``item``'s current version, with ``overrides``."""
    v = item.current_version
    data = {f: getattr(v, f) for f in SIMPLE}
    data.update(channels=v.channels, auto_checks=v.auto_checks, change_note="测试修改")
    rows = {
        "steps": steps if steps is not None else v.steps,
        "materials": materials
        if materials is not None
        else [
            {"name": m.name, "form": m.form, "copies": m.copies, "requirement": m.requirement, "note": m.note}
            for m in v.materials.all()
        ],
        "fields": fields
        if fields is not None
        else [{**f, "choices": " | ".join(f.get("choices") or [])} for f in v.form_fields],
    }
    initial = {"steps": len(v.steps), "materials": v.materials.count(), "fields": len(v.form_fields)}
    for prefix, values in rows.items():
        data[f"{prefix}-TOTAL_FORMS"] = len(values)
        data[f"{prefix}-INITIAL_FORMS"] = min(initial[prefix], len(values))
        for n, row in enumerate(values):
            for key, value in row.items():
                if key == "required":
                    if value:
                        data[f"{prefix}-{n}-{key}"] = "on"
                else:
                    data[f"{prefix}-{n}-{key}"] = value
    data.update(overrides)
    return data


@pytest.fixture
def item(db):
    return service_item()


@pytest.fixture
def filed_case(item, clerk_maonan, maonan_person):
    ids = material_ids(item)
    return services.case_submit(
        actor=clerk_maonan,
        item=item,
        applicant=maonan_person,
        channel="window",
        form_data={"reason": "其他"},
        files={ids["居民身份证"]: pdf(), ids["解除劳动合同证明"]: pdf()},
    )


def edit_url(item) -> str:
    return reverse("catalog_manage:item_edit", args=[item.code])


@pytest.mark.django_db
def test_edit_page_shows_every_element_of_the_current_version(client, item, city_admin):
    client.force_login(city_admin)
    html = client.get(edit_url(item)).content.decode()
    v = item.current_version
    for text in (v.legal_basis, v.conditions, v.implementing_body, v.place_hours, "解除劳动合同证明", "失业原因"):
        assert text in html
    assert 'name="steps-1-name"' in html and 'value="审核"' in html
    assert 'name="steps-3-name"' in html  # two blank rows to add steps
    assert "劳动合同期满终止 | 其他" in html
    assert "已经申请的办件仍按申请时的版本办理" in html


@pytest.mark.django_db
def test_saving_publishes_version_2_and_a_filed_case_keeps_version_1(client, item, filed_case, city_admin):
    client.force_login(city_admin)
    steps = [*item.current_version.steps, {"name": "审批", "role": "leader"}]
    materials = [
        {"name": "居民身份证", "form": "原件", "copies": 1, "requirement": "required", "note": ""},
        {"name": "", "form": "", "copies": "", "requirement": "", "note": ""},  # cleared: removed
        {"name": "其他材料", "form": "复印件", "copies": 2, "requirement": "optional", "note": "如有"},
        {"name": "失业证明", "form": "原件", "copies": 1, "requirement": "deferrable", "note": ""},  # added
    ]
    data = post_data(item, steps=steps, materials=materials, promised_limit_days=3, change_note="压缩承诺时限")
    response = client.post(edit_url(item), data)
    assert response.status_code == 302
    item.refresh_from_db()
    v2 = item.current_version
    assert v2.number == 2 and v2.promised_limit_days == 3 and v2.change_note == "压缩承诺时限"
    assert [s["role"] for s in v2.steps] == ["clerk", "reviewer", "leader"]
    assert list(v2.materials.values_list("name", "copies")) == [("居民身份证", 1), ("其他材料", 2), ("失业证明", 1)]
    assert v2.form_fields[0]["choices"] == ["劳动合同期满终止", "其他"]
    filed_case.refresh_from_db()
    assert filed_case.item_version.number == 1 and filed_case.item_version.promised_limit_days == 5
    html = client.get(response.url).content.decode()
    assert "已发布“测试事项”第 2 版" in html
    listing = client.get(reverse("catalog_manage:item_list")).content.decode()
    assert "v1：1 件" in listing and "v2：0 件" in listing


@pytest.mark.django_db
def test_saving_without_changes_publishes_nothing(client, item, city_admin):
    client.force_login(city_admin)
    response = client.post(edit_url(item), post_data(item), follow=True)
    assert "没有修改任何内容" in response.content.decode()
    assert item.versions.count() == 1


@pytest.mark.django_db
def test_promised_beyond_legal_and_fee_without_basis_are_refused(client, item, city_admin):
    client.force_login(city_admin)
    response = client.post(edit_url(item), post_data(item, promised_limit_days=30, legal_limit_days=20))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'data-field-error="promised_limit_days"' in html and "承诺时限（30）不能超过法定时限（20）" in html
    response = client.post(edit_url(item), post_data(item, fee="50", fee_basis=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'data-field-error="fee_basis"' in html and "行政许可法第五十八条" in html
    assert item.versions.count() == 1


@pytest.mark.django_db
def test_bad_rows_are_refused(client, item, city_admin):
    client.force_login(city_admin)
    wrong_start = post_data(item, steps=[{"name": "审核", "role": "reviewer"}])
    response = client.post(edit_url(item), wrong_start)
    assert response.status_code == 400
    assert 'data-section-error="steps"' in response.content.decode()
    no_role = post_data(item, steps=[{"name": "受理", "role": "clerk"}, {"name": "审核", "role": ""}])
    response = client.post(edit_url(item), no_role)
    assert response.status_code == 400 and 'data-field-error="steps-1-role"' in response.content.decode()
    no_choices = post_data(
        item, fields=[{"name": "reason", "label": "原因", "type": "choice", "required": True, "choices": ""}]
    )
    response = client.post(edit_url(item), no_choices)
    assert response.status_code == 400 and "选项类字段须至少有一个选项" in response.content.decode()
    no_note = post_data(item, change_note="", promised_limit_days=4)
    assert client.post(edit_url(item), no_note).status_code == 400
    assert item.versions.count() == 1


@pytest.mark.django_db
def test_deactivate_and_activate(client, item, city_admin):
    client.force_login(city_admin)
    url = reverse("catalog_manage:item_toggle", args=[item.code])
    assert client.post(url, {"active": "0"}).status_code == 302
    item.refresh_from_db()
    assert not item.is_active
    assert AuditEntry.objects.filter(object_type="catalog.serviceitem", object_id=str(item.pk)).exists()
    assert "已停用" in client.get(reverse("catalog_manage:item_list")).content.decode()
    client.post(url, {"active": "1"})
    item.refresh_from_db()
    assert item.is_active
    assert client.post(url, {"active": "maybe"}).status_code == 400
    assert client.post(url, {}).status_code == 400
    item.refresh_from_db()
    assert item.is_active


@pytest.mark.django_db
def test_only_administrators(client, item, clerk_maonan, reviewer_maonan):
    for user in (clerk_maonan, reviewer_maonan):
        client.force_login(user)
        assert client.get(reverse("catalog_manage:item_list")).status_code == 403
        assert client.get(edit_url(item)).status_code == 403
        assert client.post(edit_url(item), post_data(item, promised_limit_days=2)).status_code == 403
        assert client.post(reverse("catalog_manage:item_toggle", args=[item.code]), {"active": "0"}).status_code == 403
    item.refresh_from_db()
    assert item.is_active and item.versions.count() == 1
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_unknown_item_is_404(client, city_admin):
    client.force_login(city_admin)
    assert client.get(reverse("catalog_manage:item_edit", args=["NOPE"])).status_code == 404
