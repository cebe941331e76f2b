"""An administrator configures the big screen on the workbench (大屏配置): a bad position is refused and
named, then the saved panels and interval are what the screen shows."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.screen.models import ScreenConfig
from tests_browser.support import login, submit

pytestmark = pytest.mark.browser


def test_admin_hides_a_panel_and_the_screen_follows(new_page, watcher):
    testing.staff("city_admin", Role.ADMIN, "440900")
    watcher.allow_status(400, "/screen/config/")
    page = new_page()
    login(page, "city_admin")
    page.goto("/workbench/")
    page.locator("#sidebar").get_by_role("link", name="大屏配置").click()
    expect(page.get_by_role("heading", name="大屏配置")).to_be_visible()

    # Two shown panels in the same position: refused, nothing stored.
    page.get_by_label("月度趋势的顺序").fill("1")
    submit(page, page.get_by_role("button", name="保存"))
    expect(page.locator('[data-field-error="__all__"]')).to_contain_text("顺序号不能重复")
    assert not ScreenConfig.objects.exists()

    page.get_by_label("月度趋势的顺序").fill("3")
    page.get_by_label("重大项目", exact=True).uncheck()
    page.get_by_label("刷新间隔（秒）").fill("45")
    page.get_by_label("地图默认指标").select_option(label="超期在办")
    submit(page, page.get_by_role("button", name="保存"))
    expect(page.get_by_text("大屏配置已保存。")).to_be_visible()
    config = ScreenConfig.objects.get()
    assert "projects" not in config.panels
    assert (config.refresh_seconds, config.map_indicator) == (45, "cases.overdue")

    page.get_by_test_id("open-screen").click()
    screen = page.get_by_test_id("screen")
    expect(screen).to_have_attribute("data-loads", "1")
    expect(page.get_by_test_id("panel-cases")).to_be_visible()
    expect(page.get_by_test_id("panel-projects")).to_have_count(0)
    expect(page.get_by_test_id("map-indicator")).to_have_value("cases.overdue")
