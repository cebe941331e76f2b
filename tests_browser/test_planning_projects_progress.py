"""The project office reports a quarter of a major project: a cumulative investment above the total is
refused on the page, the corrected value is stored, and the ledger shows the new totals by county."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.planning.projects.models import ProgressReport
from tests_browser.support import login, submit

pytestmark = pytest.mark.browser

SCREENSHOT = "docs/screenshots/major-projects-ledger.png"
REPORT = "/planning/projects/report/"


def test_office_reports_a_quarter_and_the_ledger_adds_it_up(page, watcher):
    testing.staff("office", Role.STATISTICIAN, "440900")
    watcher.allow_status(400, REPORT)

    login(page, "office")
    page.goto("/planning/projects/")
    expect(page.get_by_role("heading", name="重大项目台账")).to_be_visible()
    expect(page.get_by_test_id("county-completed-440981")).to_have_text("0.00")
    page.get_by_role("link", name="进度填报").first.click()
    expect(page).to_have_url(re.compile(r"/planning/projects/report/$"))

    form = page.get_by_test_id("progress-form")
    form.get_by_label("项目", exact=True).select_option(label="7. 高州市就业创业发展基地建设项目")
    form.get_by_label("年度", exact=True).select_option("2024")
    form.get_by_label("季度", exact=True).select_option("2")
    form.get_by_label("本季度完成投资（万元）").fill("9000")  # the project's total is 8570 万元
    form.get_by_label("形象进度（%）").fill("35")
    submit(page, page.get_by_test_id("progress-submit"))
    expect(page.get_by_test_id("error-completed")).to_contain_text("超过项目总投资 8570.00 万元")
    assert not ProgressReport.objects.exists()

    form.get_by_label("本季度完成投资（万元）").fill("1250.5")
    form.get_by_label("进展情况").fill("主体结构施工至三层")
    submit(page, page.get_by_test_id("progress-submit"))
    expect(page).to_have_url(re.compile(r"/planning/projects/ZD-07/$"))
    expect(page.locator(".alert-success").first).to_contain_text("2024Q2")
    expect(page.get_by_test_id("project-completed")).to_contain_text("1250.50")
    expect(page.get_by_test_id("history")).to_contain_text("主体结构施工至三层")

    page.get_by_role("link", name="重大项目台账").first.click()
    expect(page.get_by_test_id("county-completed-440981")).to_have_text("1250.50")
    expect(page.get_by_test_id("all-completed")).to_have_text("1250.50")
    expect(page.get_by_test_id("completed-ZD-07")).to_have_text("1250.50")
    page.screenshot(path=SCREENSHOT, full_page=True)

    # The project's page keeps the history: the refused value was never stored, the good one is v1.
    page.get_by_role("link", name="高州市就业创业发展基地建设项目").click()
    history = page.get_by_test_id("history")
    expect(history.locator("tbody tr")).to_have_count(1)
    expect(history).to_contain_text("2024Q2")
    expect(history).not_to_contain_text("9000")
    page.screenshot(path="docs/screenshots/major-project-detail.png", full_page=True)
