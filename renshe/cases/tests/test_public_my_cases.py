"""The applicant's case list and case page (renshe.cases.public_views): own cases only."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from renshe import testing
from renshe.cases import services
from renshe.cases.models import Case, CaseDocument
from renshe.cases.testing import material_ids, pdf, service_item
from renshe.catalog.models import Bundle
from renshe.catalog.services import catalogue_load
from renshe.core.models import StoredFile
from renshe.core.workdays import add_working_days

pytestmark = pytest.mark.django_db

LIST = reverse("cases:my_cases")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def item(db):
    return service_item()


def submit(user, item, person=None):
    ids = material_ids(item)
    return services.case_submit(
        actor=user,
        item=item,
        applicant=person or user.person,
        channel="web",
        form_data={"reason": "其他"},
        files={ids["居民身份证"]: pdf(), ids["解除劳动合同证明"]: pdf("证明.pdf")},
    )


def _detail(case):
    return reverse("cases:my_case", args=[case.pk])


def test_list_shows_own_cases_with_status_and_days_left_in_colour(client, citizen, item):
    other = testing.citizen("citizen_ls", name="李四", region=testing.GAOZHOU_TOWN)
    today = timezone.localdate()
    far, soon, late = (submit(citizen, item) for _ in range(3))
    Case.objects.filter(pk=far.pk).update(acceptance_due=add_working_days(today, 5))
    Case.objects.filter(pk=soon.pk).update(acceptance_due=add_working_days(today, 1))
    Case.objects.filter(pk=late.pk).update(acceptance_due=today - timezone.timedelta(days=10))
    theirs = submit(other, item)
    client.force_login(citizen)
    body = client.get(LIST).content.decode()
    for case in (far, soon, late):
        assert case.number in body
    assert theirs.number not in body
    assert "待受理" in body
    assert 'data-sla="success"' in body and "剩 5 个工作日" in body
    assert 'data-sla="warning"' in body and "剩 1 个工作日" in body
    assert 'data-sla="danger"' in body and "超期" in body


def test_list_query_count_does_not_grow_with_cases(client, citizen, item):
    submit(citizen, item)
    client.force_login(citizen)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST).status_code == 200
        return len(ctx.captured_queries)

    count()  # warm the working-day calendar cache
    before = count()
    for _ in range(4):
        submit(citizen, item)
    assert count() == before


def test_list_is_empty_for_staff_who_use_the_queue(client, citizen, clerk_maonan, item):
    case = submit(citizen, item)
    client.force_login(clerk_maonan)
    assert case.number not in client.get(LIST).content.decode()


def test_anonymous_is_sent_to_login(client, citizen, item):
    case = submit(citizen, item)
    for url in (LIST, _detail(case)):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_case_page_shows_item_deadlines_materials_and_a_timeline_by_role(client, citizen, clerk_maonan, item):
    case = submit(citizen, item)
    services.case_transition(case=case, action="accept", actor=clerk_maonan, expected_version=case.version)
    client.force_login(citizen)
    body = client.get(_detail(case)).content.decode()
    assert case.number in body and "测试事项" in body and "审核中" in body
    assert "承诺办结期限" in body and "法定办结期限" in body
    assert "居民身份证" in body and "已提交" in body
    assert body.count('data-testid="timeline-step"') == 2
    assert "提交申请" in body and "受理" in body
    assert "窗口受理员" in body and "clerk_maonan" not in body  # staff by role, never by name
    assert "申请人" in body


def test_documents_link_to_the_download_view_when_it_exists(client, citizen, item):
    case = submit(citizen, item)
    stored = StoredFile.objects.create(
        storage_name="x" * 40, original_name="受理通知书.pdf", content_type="application/pdf", size=1, sha256="0"
    )
    doc = CaseDocument.objects.create(case=case, kind="acceptance", case_version=case.version, file=stored)
    client.force_login(citizen)
    body = client.get(_detail(case)).content.decode()
    assert "受理通知书" in body
    try:
        url = reverse("cases:document_download", args=[case.pk, doc.pk])
    except NoReverseMatch:
        return
    assert f'href="{url}"' in body


def test_another_citizen_gets_404(client, citizen, item):
    case = submit(citizen, item)
    other = testing.citizen("citizen_ls", name="李四", region=testing.GAOZHOU_TOWN)
    client.force_login(other)
    assert client.get(_detail(case)).status_code == 404
    assert client.get(reverse("cases:my_case", args=[999999])).status_code == 404


def test_staff_get_404_on_the_applicants_page(
    client, citizen, clerk_maonan, reviewer_maonan, clerk_gaozhou, city_admin, item
):
    case = submit(citizen, item)  # a 茂南 case
    client.force_login(clerk_gaozhou)
    assert client.get(_detail(case)).status_code == 404
    # even in region: staff work on a case through the staff pages, not the applicant's
    for user in (clerk_maonan, reviewer_maonan, city_admin):
        client.force_login(user)
        assert client.get(_detail(case)).status_code == 404


def test_bundle_cases_show_the_combined_timeline(client, citizen, item):
    service_item(code="RS-T-002", name="失业保险金申领")
    catalogue_load(items=[], bundles=[{"code": "YJS-T", "name": "失业一件事", "items": ["RS-T-001", "RS-T-002"]}])
    bundle = Bundle.objects.get(code="YJS-T")
    ids = material_ids(item)
    application = services.bundle_submit(
        actor=citizen,
        bundle=bundle,
        applicant=citizen.person,
        channel="web",
        form_data={"RS-T-001:reason": "其他", "RS-T-002:reason": "其他"},
        files={f"RS-T-001:{ids['居民身份证']}": pdf(), f"RS-T-001:{ids['解除劳动合同证明']}": pdf("证明.pdf")},
    )
    first, second = application.cases.order_by("id")
    client.force_login(citizen)
    body = client.get(_detail(first)).content.decode()
    assert body.count('data-testid="timeline-step"') == 2  # both cases' steps
    assert "失业保险金申领" in body and application.number in body
    body = client.get(reverse("cases:my_bundle", args=[application.number])).content.decode()
    assert first.number in body and second.number in body
    other = testing.citizen("citizen_ls", name="李四", region=testing.GAOZHOU_TOWN)
    client.force_login(other)
    assert client.get(reverse("cases:my_bundle", args=[application.number])).status_code == 404
