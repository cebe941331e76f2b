"""A citizen files a wage complaint on a phone; a 茂南 inspector accepts it, opens the case, records a
site inspection (with one inspector it is refused, with two it is recorded), issues the order to
rectify (a real PDF), checks it met and closes the case with the wages recovered; the citizen
follows it on the phone and reads the result."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.labour.inspection.models import Complaint, InspectionCase
from tests_browser.support import PHONE, login, submit

pytestmark = pytest.mark.browser

SCREENSHOT = "docs/screenshots/inspection-complaint-mobile.png"
SCREENSHOT_CASE = "docs/screenshots/inspection-case.png"


def test_complaint_on_a_phone_to_a_closed_case(new_page, watcher):
    testing.staff("insp_a", Role.INSPECTOR, "440902")
    testing.staff("insp_b", Role.INSPECTOR, "440902")
    testing.citizen()
    firm = testing.employer(name="茂名市欠薪测试有限公司")

    # The citizen, on a phone, files a real-name complaint.
    phone = new_page(viewport=PHONE)
    login(phone, "citizen_zs")
    phone.goto("/labour/inspection/my/")
    phone.get_by_test_id("complaint-new").click()
    form = phone.get_by_test_id("complaint-form")
    form.get_by_label("联系电话").fill("13800001111")
    form.get_by_label("单位统一社会信用代码").fill(firm.credit_code)
    form.get_by_label("拖欠工资").check()
    form.get_by_label("涉及人数").fill("12")
    form.get_by_label("涉及金额（元）").fill("86000")
    form.get_by_label("违法行为最后发生日期").fill((timezone.localdate() - timedelta(days=20)).isoformat())
    form.get_by_label("事实与理由").fill("公司拖欠我们十二名工人三个月工资，多次讨要未果。")
    submit(phone, form.get_by_role("button", name="提交"))
    expect(phone.get_by_test_id("complaint-status")).to_have_text("待受理")
    expect(phone.get_by_test_id("acceptance-due")).to_have_class(re.compile("text-bg-success"))
    widths = phone.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{phone.url} scrolls sideways: {widths}"
    phone.screenshot(path=SCREENSHOT, full_page=True)
    complaint = Complaint.objects.get()

    # The inspector accepts it and opens the case.
    page = new_page()
    login(page, "insp_a")
    page.goto("/labour/inspection/complaints/")
    page.get_by_test_id("complaint-row").filter(has_text=complaint.number).get_by_role("link").click()
    submit(page, page.get_by_test_id("complaint-accept"))
    expect(page.get_by_test_id("complaint-status")).to_have_text("已受理")
    submit(page, page.get_by_test_id("complaint-open-case"))
    expect(page).to_have_url(re.compile(r"/labour/inspection/cases/\d+/$"))
    case = InspectionCase.objects.get()
    expect(page.get_by_test_id("case-due")).to_have_text(case.due_date.isoformat())

    # A site inspection with one inspector is refused; with two it is recorded.
    watcher.allow_status(400, f"/labour/inspection/cases/{case.pk}/do/record_action/")
    action = page.get_by_test_id("action-form")
    action.get_by_label("检查措施").select_option(label="现场检查")
    action.get_by_label("insp_a").check()
    action.get_by_label("情况记录").fill("现场检查考勤表和工资发放记录")
    submit(page, action.get_by_role("button", name="保存"))
    expect(page.locator(".alert-danger").first).to_contain_text("至少2名劳动保障监察员")
    expect(page.get_by_test_id("case-actions")).to_contain_text("尚无检查措施")
    action = page.get_by_test_id("action-form")
    action.get_by_label("检查措施").select_option(label="现场检查")
    action.get_by_label("insp_a").check()
    action.get_by_label("insp_b").check()
    action.get_by_label("情况记录").fill("现场检查考勤表和工资发放记录")
    submit(page, action.get_by_role("button", name="保存"))
    expect(page.get_by_test_id("case-actions")).to_contain_text("insp_a、insp_b")

    # The order to rectify, as a PDF.
    order = page.get_by_test_id("order-form")
    order.get_by_label("责令改正事项").fill("足额支付拖欠12名劳动者的工资")
    order.get_by_label("改正期限").fill((timezone.localdate() + timedelta(days=30)).isoformat())
    order.get_by_label("insp_a").check()
    order.get_by_label("insp_b").check()
    submit(page, order.get_by_role("button", name="签发并送达"))
    expect(page.get_by_test_id("case-status")).to_have_text("责令改正中")
    with page.expect_download() as download:
        page.get_by_test_id("order-pdf").click()
    path = download.value.path()
    with open(path, "rb") as handle:
        assert handle.read(4) == b"%PDF"

    # Rectified; closed with the wages recovered.
    submit(page, page.get_by_test_id("order-met"))
    close = page.get_by_test_id("close-form")
    close.get_by_label("违法事实成立").check()
    close.get_by_label("追发工资（元）").fill("86000")
    close.get_by_label("涉及劳动者（人）").fill("12")
    close.get_by_label("处理结果").fill("单位已足额支付拖欠的工资")
    submit(page, close.get_by_role("button", name="结案"))
    expect(page.get_by_test_id("case-status")).to_have_text("已结案")
    expect(page.get_by_test_id("case-outcome")).to_contain_text("86000")
    page.screenshot(path=SCREENSHOT_CASE, full_page=True)

    # The citizen follows it on the phone: closed, with the result, and a message.
    phone.goto("/labour/inspection/my/")
    phone.get_by_test_id("my-complaint").first.click()
    expect(phone.get_by_test_id("complaint-status")).to_have_text("已办结")
    expect(phone.get_by_test_id("complaint-result")).to_contain_text("单位已足额支付拖欠的工资")
    expect(phone.get_by_test_id("unread-count")).to_be_visible()
