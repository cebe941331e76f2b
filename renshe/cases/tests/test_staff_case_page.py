import pytest
from django.urls import reverse

from renshe.cases import services
from renshe.cases.models import Case, Status
from renshe.cases.testing import material_ids, pdf, service_item

TWO_LEVELS = [
    {"name": "受理", "role": "clerk"},
    {"name": "初审", "role": "reviewer"},
    {"name": "复审", "role": "reviewer"},
]


@pytest.fixture
def item(db):
    return service_item(steps=TWO_LEVELS)


@pytest.fixture
def case(item, clerk_maonan, maonan_person):
    ids = material_ids(item)
    return services.case_submit(
        actor=clerk_maonan,
        item=item,
        applicant=maonan_person,
        channel="window",
        form_data={"reason": "劳动合同期满终止"},
        files={ids["居民身份证"]: pdf(), ids["解除劳动合同证明"]: pdf("证明.pdf")},
    )


def act(client, case, action, comment="", **extra):
    case.refresh_from_db()
    data = {"action": action, "expected_version": case.version, "comment": comment, **extra}
    return client.post(reverse("cases:case_act", args=[case.pk]), data)


def page(client, case) -> str:
    response = client.get(reverse("cases:case_detail", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


def status_of(case) -> str:
    return Case.objects.get(pk=case.pk).status


@pytest.mark.django_db
def test_full_staff_flow_accept_two_review_levels_and_deliver(client, case, clerk_maonan, reviewer_maonan):
    client.force_login(clerk_maonan)
    html = page(client, case)
    assert "劳动合同期满终止" in html  # form data
    assert "居民身份证" in html and "已提交" in html  # materials with status
    assert 'data-testid="action-accept"' in html and 'data-testid="action-reject"' in html
    assert 'data-testid="action-approve"' not in html
    assert act(client, case, "accept").status_code == 302
    assert status_of(case) == Status.IN_REVIEW

    client.force_login(reviewer_maonan)
    html = page(client, case)
    assert "第 1/2 级：初审（审核员）" in html
    assert "审核通过（第1级）" in html
    assert act(client, case, "approve", "材料齐全").status_code == 302
    html = page(client, case)
    assert "第 2/2 级：复审（审核员）" in html
    assert act(client, case, "approve", "同意").status_code == 302
    assert status_of(case) == Status.APPROVED

    client.force_login(clerk_maonan)
    assert 'data-testid="action-deliver"' in page(client, case)
    response = act(client, case, "deliver")
    assert response.status_code == 302
    assert status_of(case) == Status.CLOSED
    html = client.get(response.url).content.decode()
    assert "已送达结果并办结" in html
    assert "办件已结束" in html
    actions = list(Case.objects.get(pk=case.pk).transitions.values_list("action", flat=True))
    assert actions == ["submit", "accept", "approve", "approve", "deliver"]


@pytest.mark.django_db
def test_page_shows_deadlines_timeline_and_download_links(client, case, clerk_maonan):
    services.case_transition(case=case, action="accept", actor=clerk_maonan)
    case.refresh_from_db()
    client.force_login(clerk_maonan)
    html = page(client, case)
    assert f"{case.due_date:%Y-%m-%d}" in html and f"{case.legal_due_date:%Y-%m-%d}" in html
    assert f"{case.acceptance_due:%Y-%m-%d}" in html
    assert "累计 0 个工作日" in html
    assert 'data-testid="timeline"' in html and "待受理 → 审核中" in html
    first = case.materials.first()
    download = reverse("cases:material_download", args=[case.pk, first.pk])
    assert download in html


@pytest.mark.django_db
def test_reject_and_correction_without_a_reason_are_refused(client, case, clerk_maonan):
    client.force_login(clerk_maonan)
    response = act(client, case, "reject", "  ")
    assert response.status_code == 400
    assert "请填写不予受理的理由或意见" in response.content.decode()
    response = act(client, case, "request_correction", "")
    assert response.status_code == 400
    assert "请填写一次性告知补正的理由或意见" in response.content.decode()
    assert status_of(case) == Status.SUBMITTED
    assert case.transitions.count() == 1


@pytest.mark.django_db
def test_one_time_notice_lists_every_missing_material(client, case, clerk_maonan, item):
    ids = material_ids(item)
    client.force_login(clerk_maonan)
    response = act(
        client,
        case,
        "request_correction",
        "身份证复印件不清晰",
        missing=[str(ids["居民身份证"]), str(ids["解除劳动合同证明"])],
    )
    assert response.status_code == 302
    assert status_of(case) == Status.CORRECTION
    comment = case.transitions.get(action="request_correction").comment
    assert "居民身份证" in comment and "解除劳动合同证明" in comment
    assert "身份证复印件不清晰" in comment and comment.startswith("一次性告知")


@pytest.mark.django_db
def test_reject_with_reason(client, case, clerk_maonan):
    client.force_login(clerk_maonan)
    assert act(client, case, "reject", "不属于本机关职权范围").status_code == 302
    case.refresh_from_db()
    assert case.status == Status.REJECTED and case.decision_note == "不属于本机关职权范围"


@pytest.mark.django_db
def test_a_clerk_cannot_approve(client, case, clerk_maonan):
    services.case_transition(case=case, action="accept", actor=clerk_maonan)
    client.force_login(clerk_maonan)
    html = page(client, case)
    assert 'data-testid="action-approve"' not in html and 'data-testid="action-deny"' not in html
    response = act(client, case, "approve")
    assert response.status_code == 403
    assert "您没有“审核通过”的权限" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW and case.review_level == 1


@pytest.mark.django_db
def test_a_leader_step_is_not_offered_to_a_reviewer(client, clerk_maonan, reviewer_maonan, maonan_person):
    item = service_item(code="RS-T-L", steps=[{"name": "受理", "role": "clerk"}, {"name": "审批", "role": "leader"}])
    ids = material_ids(item)
    case = services.case_submit(
        actor=clerk_maonan,
        item=item,
        applicant=maonan_person,
        channel="window",
        form_data={"reason": "其他"},
        files={ids["居民身份证"]: pdf(), ids["解除劳动合同证明"]: pdf()},
    )
    services.case_transition(case=case, action="accept", actor=clerk_maonan)
    client.force_login(reviewer_maonan)
    html = page(client, case)
    assert 'data-testid="action-approve"' not in html
    assert 'data-testid="action-suspend"' in html  # suspension is not tied to the step's role
    assert act(client, case, "approve").status_code == 403


@pytest.mark.django_db
def test_deny_and_suspend_need_a_reason_then_resume(client, case, clerk_maonan, reviewer_maonan):
    services.case_transition(case=case, action="accept", actor=clerk_maonan)
    client.force_login(reviewer_maonan)
    assert act(client, case, "deny", "").status_code == 400
    assert act(client, case, "suspend", "").status_code == 400
    assert status_of(case) == Status.IN_REVIEW
    assert act(client, case, "suspend", "等待专家评审").status_code == 302
    assert status_of(case) == Status.SUSPENDED
    assert "已挂起（不计时）" in page(client, case)
    assert act(client, case, "resume").status_code == 302
    assert status_of(case) == Status.IN_REVIEW
    assert act(client, case, "deny", "不符合受理条件").status_code == 302
    assert status_of(case) == Status.DENIED


@pytest.mark.django_db
def test_stale_version_is_a_conflict(client, case, clerk_maonan):
    seen = case.version
    services.case_transition(case=case, action="accept", actor=clerk_maonan)
    client.force_login(clerk_maonan)
    response = client.post(
        reverse("cases:case_act", args=[case.pk]), {"action": "reject", "expected_version": seen, "comment": "x"}
    )
    assert response.status_code == 409
    assert "已被他人处理" in response.content.decode()
    assert status_of(case) == Status.IN_REVIEW


@pytest.mark.django_db
def test_bad_action_input_is_refused(client, case, clerk_maonan):
    client.force_login(clerk_maonan)
    url = reverse("cases:case_act", args=[case.pk])
    assert client.post(url, {"action": "explode", "expected_version": case.version}).status_code == 400
    assert client.post(url, {"action": "accept"}).status_code == 400
    assert client.post(url, {"action": "withdraw", "expected_version": case.version}).status_code == 400
    assert client.get(url).status_code == 405
    assert status_of(case) == Status.SUBMITTED


@pytest.mark.django_db
def test_another_district_gets_404_and_the_public_403(client, case, clerk_gaozhou, citizen):
    client.force_login(clerk_gaozhou)
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 404
    assert act(client, case, "accept").status_code == 404
    client.force_login(citizen)
    assert client.get(reverse("cases:case_detail", args=[case.pk])).status_code == 403
    assert act(client, case, "accept").status_code == 403
    assert status_of(case) == Status.SUBMITTED
