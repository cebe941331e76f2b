import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from renshe import testing
from renshe.accounts.models import Role
from renshe.cases import services
from renshe.cases.models import Rectification
from renshe.cases.testing import material_ids, pdf, service_item


def bad_rating(citizen, clerk, item, comment="窗口态度差") -> Rectification:
    ids = material_ids(item)
    case = services.case_submit(
        actor=citizen,
        item=item,
        applicant=citizen.person,
        channel="web",
        form_data={"reason": "其他"},
        files={ids["居民身份证"]: pdf(), ids["解除劳动合同证明"]: pdf()},
    )
    case = services.case_transition(case=case, action="reject", actor=clerk, comment="不属于本机关职权范围")
    return services.case_rate(case=case, actor=citizen, grade=1, comment=comment).rectification


@pytest.fixture
def task(citizen, clerk_maonan):
    return bad_rating(citizen, clerk_maonan, service_item())


@pytest.mark.django_db
def test_list_puts_overdue_first_in_red(client, citizen, clerk_maonan, reviewer_maonan):
    item = service_item()
    later = bad_rating(citizen, clerk_maonan, item)
    other = testing.citizen("citizen_ls", name="李四")
    overdue = bad_rating(other, clerk_maonan, item, comment="等了很久")
    Rectification.objects.filter(pk=overdue.pk).update(due_date=timezone.localdate() - timedelta(days=7))
    client.force_login(reviewer_maonan)
    html = client.get(reverse("cases:rectification_list")).content.decode()
    rows = re.findall(r'<tr class="table-(\w+)" data-testid="rectification-row"', html)
    assert rows == ["danger", "success"]
    assert html.index(overdue.rating.case.number) < html.index(later.rating.case.number)
    assert "超期" in html


@pytest.mark.django_db
def test_stages_verify_respond_rectify_then_done(client, task, reviewer_maonan):
    client.force_login(reviewer_maonan)
    url = reverse("cases:rectification_detail", args=[task.pk])
    page = client.get(url).content.decode()
    assert "窗口态度差" in page and "核实情况" in page
    for text in ("经核实，窗口人员解释不到位", "已电话回复申请人并致歉", "已开展窗口服务规范培训"):
        assert client.post(url, {"text": text}).status_code == 302
    task.refresh_from_db()
    assert task.stage == Rectification.Stage.DONE and task.measures == "已开展窗口服务规范培训"
    assert task.done_on == timezone.localdate()
    page = client.get(url).content.decode()
    assert "<textarea" not in page
    response = client.post(url, {"text": "再写一次"})
    assert response.status_code == 409 and "该整改已办结" in response.content.decode()


@pytest.mark.django_db
def test_an_empty_stage_is_refused(client, task, reviewer_maonan):
    client.force_login(reviewer_maonan)
    url = reverse("cases:rectification_detail", args=[task.pk])
    response = client.post(url, {"text": "   "})
    assert response.status_code == 400
    assert "请填写内容" in response.content.decode()
    task.refresh_from_db()
    assert task.stage == Rectification.Stage.VERIFY


@pytest.mark.django_db
def test_other_district_gets_404_and_a_clerk_403(client, task, clerk_maonan):
    reviewer_gaozhou = testing.staff("reviewer_gaozhou", Role.REVIEWER, "440981")
    client.force_login(reviewer_gaozhou)
    url = reverse("cases:rectification_detail", args=[task.pk])
    assert task.rating.case.number not in client.get(reverse("cases:rectification_list")).content.decode()
    assert client.get(url).status_code == 404
    assert client.post(url, {"text": "越权"}).status_code == 404
    client.force_login(clerk_maonan)
    assert client.get(reverse("cases:rectification_list")).status_code == 403
    assert client.post(url, {"text": "越权"}).status_code == 403
    task.refresh_from_db()
    assert task.stage == Rectification.Stage.VERIFY and task.finding == ""
