import re
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from renshe.cases import services
from renshe.cases.models import Case, Status
from renshe.cases.testing import material_ids, pdf, service_item
from renshe.core import workdays


@pytest.fixture
def item(db):
    return service_item()


def window_case(clerk, person, item) -> Case:
    ids = material_ids(item)
    return services.case_submit(
        actor=clerk,
        item=item,
        applicant=person,
        channel="window",
        form_data={"reason": "其他"},
        files={ids["居民身份证"]: pdf(), ids["解除劳动合同证明"]: pdf("证明.pdf")},
    )


def listed(html: str, case: Case) -> bool:
    return f'data-case="{case.number}"' in html


def row_of(html: str, number: str) -> str:
    """The <tr> of one case in the queue table."""
    match = re.search(rf'<tr[^>]*data-case="{number}".*?</tr>', html, re.S)
    assert match, f"{number} not in the queue"
    return match.group(0)


@pytest.mark.django_db
def test_queue_is_scoped_to_the_clerks_region(client, item, clerk_maonan, clerk_gaozhou, maonan_person, gaozhou_person):
    mine = window_case(clerk_gaozhou, gaozhou_person, item)
    theirs = window_case(clerk_maonan, maonan_person, item)
    client.force_login(clerk_gaozhou)
    html = client.get(reverse("cases:queue")).content.decode()
    assert listed(html, mine)
    assert not listed(html, theirs)
    # Searching for the other district's case by its number finds nothing either.
    assert not listed(client.get(reverse("cases:queue"), {"q": theirs.number}).content.decode(), theirs)
    assert client.get(reverse("cases:case_detail", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("cases:case_detail", args=[mine.pk])).status_code == 200


@pytest.mark.django_db
def test_rows_are_coloured_by_working_days_left(client, item, clerk_maonan, maonan_person):
    today = timezone.localdate()
    normal, soon, late = (window_case(clerk_maonan, maonan_person, item) for _ in range(3))
    Case.objects.filter(pk=normal.pk).update(acceptance_due=workdays.add_working_days(today, 4))
    Case.objects.filter(pk=soon.pk).update(acceptance_due=workdays.add_working_days(today, 1))
    overdue_on = today - timedelta(days=10)
    Case.objects.filter(pk=late.pk).update(acceptance_due=overdue_on)
    client.force_login(clerk_maonan)
    html = client.get(reverse("cases:queue")).content.decode()

    assert 'data-tone="success"' in row_of(html, normal.number)
    assert "剩余 4 个工作日" in row_of(html, normal.number)
    assert 'data-tone="warning"' in row_of(html, soon.number)
    assert "剩余 1 个工作日" in row_of(html, soon.number)
    late_row = row_of(html, late.number)
    assert 'data-tone="danger"' in late_row and "table-danger" in late_row
    assert f"超期 {workdays.working_days_between(overdue_on, today)} 个工作日" in late_row


@pytest.mark.django_db
def test_queue_shows_review_level_role_channel_and_masked_applicant(
    client, clerk_maonan, reviewer_maonan, maonan_person
):
    item = service_item(
        steps=[
            {"name": "受理", "role": "clerk"},
            {"name": "初审", "role": "reviewer"},
            {"name": "审批", "role": "leader"},
        ]
    )
    case = window_case(clerk_maonan, maonan_person, item)
    services.case_transition(case=case, action="accept", actor=clerk_maonan, expected_version=case.version)
    client.force_login(reviewer_maonan)
    row = row_of(client.get(reverse("cases:queue")).content.decode(), case.number)
    assert "第1级 初审（审核员）" in row
    assert "窗口代办" in row
    assert maonan_person.masked_id_number in row and maonan_person.id_number not in row


@pytest.mark.django_db
def test_queue_filters_by_status_sla_item_and_search(client, item, clerk_maonan, maonan_person):
    other = service_item(code="RS-T-002", name="另一事项")
    a = window_case(clerk_maonan, maonan_person, item)
    b = window_case(clerk_maonan, maonan_person, other)
    Case.objects.filter(pk=b.pk).update(sla_state="overdue")
    client.force_login(clerk_maonan)
    url = reverse("cases:queue")
    by_item = client.get(url, {"item": "RS-T-002"}).content.decode()
    assert listed(by_item, b) and not listed(by_item, a)
    by_sla = client.get(url, {"sla": "overdue"}).content.decode()
    assert listed(by_sla, b) and not listed(by_sla, a)
    by_number = client.get(url, {"q": a.number}).content.decode()
    assert listed(by_number, a) and not listed(by_number, b)
    by_id = client.get(url, {"q": maonan_person.id_number}).content.decode()
    assert listed(by_id, a) and listed(by_id, b)
    closed = client.get(url, {"status": Status.IN_REVIEW}).content.decode()
    assert not listed(closed, a)
    # An htmx request gets only the rows.
    partial = client.get(url, {"item": "RS-T-002"}, headers={"HX-Request": "true"}).content.decode()
    assert listed(partial, b) and "<html" not in partial


@pytest.mark.django_db
def test_queue_query_count_does_not_grow_with_rows(client, item, clerk_maonan, maonan_person):
    window_case(clerk_maonan, maonan_person, item)
    client.force_login(clerk_maonan)
    url = reverse("cases:queue")
    client.get(url)  # warm the per-process calendar cache
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for _ in range(6):
        window_case(clerk_maonan, maonan_person, item)
    with CaptureQueriesContext(connection) as seven:
        assert client.get(url).status_code == 200
    assert len(seven) == len(one)


@pytest.mark.django_db
def test_batch_accept_reports_the_stale_case_and_accepts_the_others(client, item, clerk_maonan, maonan_person):
    cases = [window_case(clerk_maonan, maonan_person, item) for _ in range(3)]
    seen = [f"{c.pk}:{c.version}" for c in cases]
    stale = cases[1]
    # Someone else acts on the second case after the page was loaded (its version moves on).
    services.case_transition(case=stale, action="request_correction", actor=clerk_maonan, comment="请补正身份证")
    services.case_transition(case=stale, action="resubmit", actor=clerk_maonan, files={})
    client.force_login(clerk_maonan)
    response = client.post(
        reverse("cases:queue_batch"), {"action": "accept", "case": seen, "filters": "sla=&"}, follow=True
    )
    html = response.content.decode()
    statuses = {c.number: Case.objects.get(pk=c.pk).status for c in cases}
    assert statuses[cases[0].number] == Status.IN_REVIEW
    assert statuses[cases[2].number] == Status.IN_REVIEW
    assert statuses[stale.number] == Status.SUBMITTED
    assert f"{stale.number} 未能受理" in html and "已被他人处理" in html
    assert "已受理 2 件" in html
    assert response.redirect_chain[-1][0].startswith(reverse("cases:queue"))


@pytest.mark.django_db
def test_batch_deliver(client, clerk_maonan, maonan_person):
    item = service_item(steps=[{"name": "受理", "role": "clerk"}])
    case = window_case(clerk_maonan, maonan_person, item)
    case = services.case_transition(case=case, action="accept", actor=clerk_maonan)
    assert case.status == Status.APPROVED
    client.force_login(clerk_maonan)
    client.post(reverse("cases:queue_batch"), {"action": "deliver", "case": [f"{case.pk}:{case.version}"]})
    assert Case.objects.get(pk=case.pk).status == Status.CLOSED


@pytest.mark.django_db
def test_batch_bad_input_is_refused(client, item, clerk_maonan, maonan_person):
    case = window_case(clerk_maonan, maonan_person, item)
    client.force_login(clerk_maonan)
    url = reverse("cases:queue_batch")
    not_batchable = client.post(url, {"action": "reject", "case": [f"{case.pk}:{case.version}"]}, follow=True)
    assert "不支持批量执行该操作" in not_batchable.content.decode()
    nothing = client.post(url, {"action": "accept"}, follow=True)
    assert "请先勾选" in nothing.content.decode()
    garbage = client.post(url, {"action": "accept", "case": ["x:y", "1"]}, follow=True)
    assert "请先勾选" in garbage.content.decode()
    assert Case.objects.get(pk=case.pk).status == Status.SUBMITTED


@pytest.mark.django_db
def test_batch_permission_and_region(
    client, item, clerk_maonan, clerk_gaozhou, reviewer_maonan, maonan_person, citizen
):
    case = window_case(clerk_maonan, maonan_person, item)
    selection = {"action": "accept", "case": [f"{case.pk}:{case.version}"]}
    client.force_login(clerk_gaozhou)
    html = client.post(reverse("cases:queue_batch"), selection, follow=True).content.decode()
    assert "不存在或不在您的管辖范围内" in html
    client.force_login(reviewer_maonan)  # may see the case but not accept it
    html = client.post(reverse("cases:queue_batch"), selection, follow=True).content.decode()
    assert "没有“受理”的权限" in html
    client.force_login(citizen)
    assert client.post(reverse("cases:queue_batch"), selection).status_code == 403
    assert client.get(reverse("cases:queue")).status_code == 403
    assert Case.objects.filter(pk=case.pk).values_list("status", flat=True).get() == Status.SUBMITTED
    assert Case.objects.filter(pk=case.pk, version=F("version")).exists()
