"""An administrator makes a plan, runs the random draw (seed recorded, verified), publishes it, and
the public page shows the employers drawn with their outcome and no inspector's name."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from tests_browser.support import PHONE, login, submit

pytestmark = pytest.mark.browser

SCREENSHOT = "docs/screenshots/inspection-draw-public.png"


def test_admin_draws_and_the_public_page_shows_results(new_page):
    testing.staff("city_admin", Role.ADMIN, "440900")
    testing.staff("insp_a", Role.INSPECTOR, "440902")
    testing.staff("insp_b", Role.INSPECTOR, "440902")
    names = [testing.employer(name=f"茂南抽查单位{i}").name for i in range(4)]

    page = new_page()
    login(page, "city_admin")
    page.goto("/labour/inspection/draws/")
    page.get_by_test_id("plan-new").click()
    form = page.get_by_test_id("plan-form")
    form.get_by_label("抽查事项").fill("工资支付情况抽查")
    form.get_by_label("抽查范围").select_option("440902")
    form.get_by_label("抽查比例（%）").fill("0")
    submit(page, form.get_by_role("button", name="保存"))
    expect(page.locator('[data-field-error="ratio"]')).to_contain_text("大于0且不超过100")
    page.get_by_test_id("plan-form").get_by_label("抽查比例（%）").fill("50")
    submit(page, page.get_by_test_id("plan-form").get_by_role("button", name="保存"))

    submit(page, page.get_by_test_id("draw-run"))
    expect(page.get_by_test_id("draw-seed")).to_have_text(re.compile(r"^[0-9a-f]{32}$"))
    expect(page.get_by_test_id("draw-verified")).to_contain_text("结果一致")
    expect(page.get_by_test_id("draw-targets").locator("tbody tr")).to_have_count(2)
    expect(page.get_by_test_id("publication-due")).to_be_visible()
    submit(page, page.get_by_test_id("draw-publish"))

    public = new_page(viewport=PHONE)
    public.goto("/labour/inspection/public/draws/")
    public.get_by_test_id("public-draw").filter(has_text="工资支付情况抽查").click()
    results = public.get_by_test_id("public-draw-results")
    expect(results.locator("tbody tr")).to_have_count(2)
    text = results.inner_text()
    assert sum(name in text for name in names) == 2
    assert "insp_a" not in public.content() and "insp_b" not in public.content()
    expect(results).to_contain_text("待检查")
    public.screenshot(path=SCREENSHOT, full_page=True)
