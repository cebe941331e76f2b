"""The public fair pages: list and fair page (no login), sign-up, "my fairs" with the QR code, online apply."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renshe.employment import rules
from renshe.employment.models import FairRegistration, JobApplication
from renshe.employment.models.jobs import JobStatus
from renshe.employment.tests import fairs_testing as ft

pytestmark = pytest.mark.django_db

LIST = "/employment/fairs/"
MINE = "/employment/fairs/mine/"


def _detail(fair) -> str:
    return f"/employment/fairs/{fair.pk}/"


def test_list_needs_no_login_and_shows_no_drafts(client, reviewer_maonan):
    ft.fair(reviewer_maonan, status="draft", title="内部筹备中")
    ft.fair(reviewer_maonan, title="南粤家政专场", theme="housekeeping")
    page = client.get(LIST).content.decode()
    assert "南粤家政专场" in page
    assert "内部筹备中" not in page
    assert "报名中" in page


def test_list_filters_by_theme_district_and_mode(client, reviewer_maonan, city_admin):
    ft.fair(reviewer_maonan, title="茂南粤菜师傅", theme="chef")
    ft.fair(city_admin, title="高州粤菜师傅", theme="chef", region="440981")
    ft.fair(reviewer_maonan, title="茂南线上毕业生", theme="graduates", mode="online")
    page = client.get(LIST, {"theme": "chef", "district": "440981"}).content.decode()
    assert "高州粤菜师傅" in page and "茂南粤菜师傅" not in page
    page = client.get(LIST, {"mode": "online"}).content.decode()
    assert "茂南线上毕业生" in page and "茂南粤菜师傅" not in page and "高州粤菜师傅" not in page
    assert client.get(LIST, {"theme": "<script>", "district": "x", "mode": "1"}).status_code == 200


def _count(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(LIST).status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow_with_rows(client, reviewer_maonan):
    for _ in range(3):
        ft.fair(reviewer_maonan)
    few = _count(client)
    for _ in range(12):
        ft.fair(reviewer_maonan, mode="online")
    assert _count(client) == few


def test_draft_fair_page_is_not_found_for_the_public(client, reviewer_maonan, citizen):
    draft = ft.fair(reviewer_maonan, status="draft")
    assert client.get(_detail(draft)).status_code == 404
    client.force_login(citizen)
    assert client.get(_detail(draft)).status_code == 404


def test_fair_page_shows_approved_booths_and_published_jobs(client, reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan)
    shown = ft.job(employer_user.employer, title="家政服务员")
    pending = ft.job(employer_user.employer, title="育婴师", status=JobStatus.PENDING)
    booth = ft.approved_booth(employer_user, fair, reviewer_maonan, jobs=[shown])
    booth.jobs.add(pending)
    waiting = ft.employer_account("employer_wait", "待审核家政公司")
    from renshe.employment import services_fairs as services

    services.booth_book(actor=waiting, fair=fair, jobs=[ft.job(waiting.employer, title="保洁员")])
    page = client.get(_detail(fair)).content.decode()
    assert employer_user.employer.name in page
    assert "家政服务员" in page
    assert "育婴师" not in page
    assert "待审核家政公司" not in page and "保洁员" not in page
    assert 'data-count="signed_up"' in page
    assert "登录后报名" in page


def test_live_partial(client, reviewer_maonan, citizen):
    fair = ft.fair(reviewer_maonan)
    ft.signed_up(citizen, fair)
    response = client.get(f"/employment/fairs/{fair.pk}/live/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'data-count="signed_up">1<' in response.content.decode()


def test_sign_up_then_my_fairs_shows_the_qr_code(client, reviewer_maonan, citizen):
    fair = ft.fair(reviewer_maonan)
    client.force_login(citizen)
    assert "我要报名" in client.get(_detail(fair)).content.decode()
    response = client.post(f"/employment/fairs/{fair.pk}/signup/")
    assert response.status_code == 302 and response["Location"] == MINE
    registration = FairRegistration.objects.get(fair=fair, person=citizen.person)
    page = client.get(MINE).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    assert rules.entry_code_display(registration.code) in page
    # signing up again keeps the same code
    client.post(f"/employment/fairs/{fair.pk}/signup/")
    assert FairRegistration.objects.filter(fair=fair).count() == 1


def test_sign_up_needs_login(client, reviewer_maonan):
    fair = ft.fair(reviewer_maonan)
    response = client.post(f"/employment/fairs/{fair.pk}/signup/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not FairRegistration.objects.exists()


def test_sign_up_is_only_for_citizens(client, reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan)
    client.force_login(employer_user)
    response = client.post(f"/employment/fairs/{fair.pk}/signup/", follow=True)
    assert "个人账号" in response.content.decode()
    assert not FairRegistration.objects.exists()


def test_sign_up_get_is_not_allowed(client, reviewer_maonan, citizen):
    fair = ft.fair(reviewer_maonan)
    client.force_login(citizen)
    assert client.get(f"/employment/fairs/{fair.pk}/signup/").status_code == 405


def test_sign_up_for_a_closed_fair_is_explained(client, reviewer_maonan, citizen):
    fair = ft.fair(reviewer_maonan, status="closed")
    client.force_login(citizen)
    response = client.post(f"/employment/fairs/{fair.pk}/signup/", follow=True)
    assert "不能报名" in response.content.decode()


def test_apply_online_from_the_fair_page(client, reviewer_maonan, employer_user, citizen):
    fair = ft.fair(reviewer_maonan, mode="online")
    job = ft.job(employer_user.employer, title="线上客服")
    ft.approved_booth(employer_user, fair, reviewer_maonan, jobs=[job])
    ft.signed_up(citizen, fair)
    client.force_login(citizen)
    assert "去完成求职登记" in client.get(_detail(fair)).content.decode()
    ft.seeker(citizen)
    assert "投递简历" in client.get(_detail(fair)).content.decode()
    response = client.post(f"/employment/fairs/{fair.pk}/jobs/{job.pk}/apply/", follow=True)
    assert "已投递" in response.content.decode()
    assert JobApplication.objects.get().fair == fair
    response = client.post(f"/employment/fairs/{fair.pk}/jobs/{job.pk}/apply/", follow=True)
    assert "您已投递过该岗位" in response.content.decode()
    assert JobApplication.objects.count() == 1


def test_apply_to_a_job_not_at_the_fair_is_not_found(client, reviewer_maonan, employer_user, citizen):
    fair = ft.fair(reviewer_maonan, mode="online")
    job = ft.job(employer_user.employer)
    ft.signed_up(citizen, fair)
    client.force_login(citizen)
    assert client.post(f"/employment/fairs/{fair.pk}/jobs/{job.pk}/apply/").status_code == 404


def test_my_fairs_shows_checked_in_instead_of_the_code(client, reviewer_maonan, clerk_maonan, citizen):
    from renshe.employment import services_fairs as services

    fair = ft.fair(reviewer_maonan, starts_in=timedelta(minutes=-5))
    registration = ft.signed_up(citizen, fair)
    services.fair_check_in(actor=clerk_maonan, fair=fair, code=registration.code)
    client.force_login(citizen)
    page = client.get(MINE).content.decode()
    assert "入场" in page and 'data-testid="entry-qr"' not in page


def test_staff_are_sent_to_the_workbench_from_my_fairs(client, reviewer_maonan):
    client.force_login(reviewer_maonan)
    assert client.get(MINE)["Location"] == "/employment/fairs/manage/"
