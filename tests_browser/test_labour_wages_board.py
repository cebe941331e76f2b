"""An inspector of 茂南 sees the red W3 warning on the board (not 高州's), turns it into an inspection case
with one click, and closes another warning — refused without a reason, closed with one."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.labour.wages.models import WageWarning
from renshe.labour.wages.services_warnings import wage_warnings_evaluate
from renshe.labour.wages.tests.wages_testing import TODAY, build
from tests_browser.support import login, submit

pytestmark = pytest.mark.browser
SCREENSHOT = "docs/screenshots/wages-board.png"


def test_inspector_turns_a_w3_warning_into_an_inspection_case_and_closes_another(page):
    overdue = build("W3")
    no_board = build("W8")
    elsewhere = build("W3", region=testing.GAOZHOU_TOWN)
    wage_warnings_evaluate(today=TODAY)
    testing.staff("inspector_mn", Role.INSPECTOR, "440902")
    login(page, "inspector_mn")

    page.goto("/labour/wages/board/")
    table = page.get_by_test_id("warning-table")
    expect(table).to_contain_text(overdue.name)
    expect(table).to_contain_text(no_board.name)
    expect(table).not_to_contain_text(elsewhere.name)
    expect(page.get_by_test_id("level-counts")).to_contain_text("红色")
    page.get_by_label("级别").select_option("red")
    page.get_by_role("button", name="筛选").click()
    expect(table.locator("tbody tr")).to_have_count(1)
    page.screenshot(path=SCREENSHOT, full_page=True)

    table.get_by_role("link", name="处置").click()
    expect(page.get_by_test_id("evidence")).to_have_text("发薪日 2026-03-13 已过，3 名登记工人未见专户代发工资记录")
    submit(page, page.get_by_role("button", name="转监察立案"))
    expect(page.locator(".alert-success")).to_contain_text("已转监察立案")
    expect(page.get_by_test_id("warning-status")).to_have_text("已转监察立案")
    w3 = WageWarning.objects.get(project=overdue)
    expect(page.get_by_test_id("inspection-ref")).to_have_text(w3.inspection_ref)
    assert w3.status == "to_inspection" and w3.inspection_case_id

    page.goto(f"/labour/wages/warnings/{WageWarning.objects.get(project=no_board).pk}/")
    submit(page, page.get_by_role("button", name="关闭预警"))
    expect(page.locator(".alert-danger")).to_contain_text("关闭预警须填写原因")
    expect(page.get_by_test_id("warning-status")).to_have_text("待处置")
    page.get_by_label(re.compile(r"^关闭原因")).fill("现场核查：告示牌已设置")
    submit(page, page.get_by_role("button", name="关闭预警"))
    expect(page.get_by_test_id("warning-status")).to_have_text("已关闭")
    expect(page.get_by_test_id("close-reason")).to_have_text("现场核查：告示牌已设置")
    expect(page.get_by_test_id("warning-history")).to_contain_text("现场核查：告示牌已设置")
