"""不予受理 needs a reason: without one the clerk is told and nothing changes; with one the case is
refused and the applicant reads the reason in the message centre."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.cases.models import Status
from tests_browser.support import PHONE, login
from tests_browser.support_cases import accept_confirmations, file_case, open_message, real_catalogue, staff_act

pytestmark = pytest.mark.browser

REASON = "申请人已在本市企业就业并参加职工社会保险，不属于就业困难人员认定对象。"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_refusal_without_a_reason_is_refused_and_with_one_the_applicant_is_told(new_page, watcher):
    real_catalogue()
    citizen = testing.citizen()
    testing.staff("clerk_maonan", Role.CLERK, "440902")
    case = file_case(code="RS-JY-004", applicant=citizen.person, actor=citizen)  # 就业困难人员认定
    watcher.allow_status(400, f"/cases/queue/{case.pk}/act/")

    clerk = new_page()
    asked = accept_confirmations(clerk)
    login(clerk, "clerk_maonan")
    clerk.goto(f"/cases/queue/{case.pk}/")
    expect(clerk.get_by_test_id("case-status")).to_have_text("待受理")

    assert staff_act(clerk, "reject").status == 400
    assert asked == ["确认“不予受理”？"]
    expect(clerk.locator(".alert-danger")).to_contain_text("请填写不予受理的理由或意见")
    refusal = clerk.locator('form[data-action="reject"]')
    expect(refusal.locator('[data-field-error="comment"]')).to_have_text("请填写不予受理的理由或意见")
    expect(clerk.get_by_test_id("case-status")).to_have_text("待受理")
    expect(clerk.get_by_test_id("timeline").get_by_role("listitem")).to_have_count(1)
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED

    assert staff_act(clerk, "reject", REASON).status == 302
    expect(clerk).to_have_url(re.compile(rf"/cases/queue/{case.pk}/$"))
    expect(clerk.locator(".alert-success")).to_contain_text(f"办件 {case.number}：已不予受理，当前状态“不予受理”")
    expect(clerk.get_by_test_id("case-status")).to_have_text("不予受理")
    expect(clerk.get_by_test_id("timeline")).to_contain_text(REASON)
    expect(clerk.get_by_test_id("case-actions")).to_contain_text("办件已结束")
    expect(clerk.get_by_role("link", name="不予受理决定书")).to_be_visible()

    phone = new_page(viewport=PHONE)
    login(phone, "citizen_zs")
    expect(phone.get_by_test_id("inbox-link").get_by_test_id("unread-count")).to_have_text("2")
    open_message(phone, "不予受理：就业困难人员认定")
    expect(phone.get_by_test_id("message")).to_contain_text(REASON)
    phone.get_by_test_id("message-link").click()
    expect(phone.get_by_test_id("case-status")).to_have_text("不予受理")
    expect(phone.get_by_test_id("deadlines")).to_contain_text(REASON)
    expect(phone.get_by_test_id("documents")).to_contain_text("不予受理决定书")
    expect(phone.get_by_test_id("withdraw")).to_have_count(0)

    case.refresh_from_db()
    assert case.status == Status.REJECTED
    assert list(case.transitions.values_list("action", flat=True)) == ["submit", "reject"]
