"""A migrant worker on a phone applies for arbitration of unpaid wages with two claim items: a negative
amount is refused on its row, the fixed application shows the green channel and the final award."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from renshe import testing
from renshe.labour.models import ArbitrationCase, Status
from tests_browser.support import PHONE, login, submit

pytestmark = pytest.mark.browser

SCREENSHOT = "docs/screenshots/labour-arbitration-apply-mobile.png"


def test_citizen_files_a_wage_claim_on_a_phone(new_page):
    testing.citizen()
    today = timezone.localdate()
    phone = new_page(viewport=PHONE)
    # The first page of a session starts the live server's first request (imports, template loading):
    # on a loaded shared machine that can take longer than the default 10 s navigation timeout.
    phone.goto("/accounts/login/", timeout=60_000)
    login(phone, "citizen_zs")
    phone.goto("/labour/arbitration/mine/")
    phone.get_by_test_id("new-application").click()
    expect(phone.get_by_role("heading", name="申请劳动人事争议仲裁")).to_be_visible()
    phone.get_by_label(re.compile(r"^被申请人名称")).fill("茂名市某建筑劳务队")
    phone.get_by_label(re.compile(r"^被申请人地址")).fill("茂南区站前路 1 号")
    phone.get_by_label("我是农民工").check()
    phone.get_by_label(re.compile(r"^知道权利被侵害之日")).fill((today - timedelta(days=15)).isoformat())
    start, end = (today - timedelta(days=100)).isoformat(), (today - timedelta(days=40)).isoformat()
    phone.locator("#claim-0-kind").select_option("wages")
    phone.locator("#claim-0-amount").fill("9600")
    phone.locator("#claim-0-period_from").fill(start)
    phone.locator("#claim-0-period_to").fill(end)
    phone.locator("#claim-1-kind").select_option("overtime")
    phone.locator("#claim-1-amount").fill("-800")
    phone.locator("#claim-1-period_from").fill(start)
    phone.locator("#claim-1-period_to").fill(end)
    submit(phone, phone.get_by_test_id("submit"))
    expect(phone.locator('[data-field-error="claim-1-amount"]')).to_contain_text("金额不能为负数")
    assert not ArbitrationCase.objects.exists()

    phone.locator("#claim-1-amount").fill("1800")
    submit(phone, phone.get_by_test_id("submit"))
    case = ArbitrationCase.objects.get()
    expect(phone).to_have_url(re.compile(rf"/labour/arbitration/mine/{case.pk}/$"))
    expect(phone.get_by_test_id("status")).to_have_text("待受理")
    expect(phone.get_by_test_id("green-channel")).to_be_visible()
    expect(phone.get_by_test_id("final-award")).to_be_visible()
    expect(phone.get_by_test_id("claim")).to_have_count(2)
    expect(phone.get_by_test_id("timeline")).to_contain_text("提交仲裁申请")
    expect(phone.get_by_test_id("deadlines")).to_contain_text("受理审查")
    assert case.status == Status.SUBMITTED and case.green_channel and case.final_award
    phone.screenshot(path=SCREENSHOT, full_page=True)
