"""The statistician opens the plan register and sees the warning colours with their reasons, enters a
value (an implausible one is refused with the reason), and downloads the annual evaluation report as
Excel and as PDF."""

import io
import re
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.planning.models import Indicator, IndicatorValue
from renshe.planning.services import register_sync, value_record
from tests_browser.support import login, submit

pytestmark = pytest.mark.browser

SCREENSHOT = "docs/screenshots/planning-register.png"
DETAIL_SCREENSHOT = "docs/screenshots/planning-indicator.png"


def test_statistician_register_entry_and_annual_report(page):
    register_sync()
    statistician = testing.staff("statistician", Role.STATISTICIAN, "440900")
    for code, year, value in (
        ("Z2-17", 2023, "606"),
        ("Z2-09", 2021, "0.1"),
        ("Z2-03", 2023, "34.0"),
        ("Z2-02", 2021, "91.2"),
        ("Z2-02", 2022, "91.6"),
    ):
        value_record(
            actor=statistician, indicator=Indicator.objects.get(code=code), year=year, value=value, source="年报"
        )

    login(page, "statistician")
    page.locator("#sidebar").get_by_role("link", name="指标台账").click()
    expect(page.get_by_role("heading", name="规划指标台账")).to_be_visible()
    page.wait_for_load_state("load")
    page.locator("select[name=year]").select_option("2023")
    page.wait_for_url(re.compile(r"year=2023"))
    green = page.locator('tr[data-code="Z2-17"]')
    expect(green).to_have_attribute("data-level", "green")
    expect(green.get_by_test_id("reason")).to_contain_text("按下限判断")
    red = page.locator('tr[data-code="Z2-09"]')
    expect(red).to_have_attribute("data-level", "red")
    expect(red.get_by_test_id("reason")).to_contain_text("明显低于时间进度 60%")
    expect(page.locator('tr[data-code="Z2-03"]')).to_have_attribute("data-level", "yellow")
    expect(page.locator('tr[data-code="Z2-04"] [data-testid=reason]')).to_have_text("暂无数据")
    page.screenshot(path=SCREENSHOT, full_page=False)

    # Enter 基本养老保险参保率 for 2023: the form shows the unit; 930 (a slip) is refused with the reason.
    page.locator("#sidebar").get_by_role("link", name="数据填报").click()
    expect(page.get_by_role("heading", name="规划指标数据填报")).to_be_visible()
    page.wait_for_load_state("load")  # planning.js (deferred) listens to the indicator select
    page.get_by_label(re.compile(r"^指标")).select_option("Z2-02")
    page.wait_for_url(re.compile(r"indicator=Z2-02"))
    expect(page.get_by_test_id("value-hint")).to_contain_text("单位：%")
    page.get_by_label(re.compile(r"^年度")).fill("2023")
    page.get_by_label(re.compile(r"^数值")).fill("930")
    page.get_by_label(re.compile(r"^数据来源")).fill("2023年社会保险统计年报")
    submit(page, page.get_by_role("button", name="保存"))
    expect(page.get_by_test_id("error-value")).to_contain_text("百分比须在 0–100 之间")
    assert not IndicatorValue.objects.filter(indicator__code="Z2-02", year=2023).exists()

    page.get_by_label(re.compile(r"^数值")).fill("93.2")
    submit(page, page.get_by_role("button", name="保存"))
    expect(page).to_have_url(re.compile(r"/planning/indicators/Z2-02/$"))
    expect(page.locator(".alert-success").first).to_contain_text("已保存 Z2-02 2023")
    page.goto("/planning/indicators/Z2-02/?year=2023")
    expect(page.get_by_test_id("current-value")).to_have_text("93.2%")
    expect(page.get_by_test_id("level")).to_have_text("正常")
    expect(page.get_by_test_id("history")).to_contain_text("2023年社会保险统计年报")
    expect(page.get_by_test_id("chart").locator("svg")).to_be_visible()
    page.screenshot(path=DETAIL_SCREENSHOT, full_page=True)

    # The annual report of 2023, as Excel and as PDF.
    page.locator("#sidebar").get_by_role("link", name="评估报告").click()
    submit(page, page.get_by_test_id("annual-2023-xlsx"))
    expect(page.get_by_test_id("run-status")).to_have_attribute("data-status", "done", timeout=60_000)
    with page.expect_download(timeout=60_000) as xlsx_download:
        page.get_by_test_id("run-download").click()
    workbook = load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes()))
    sheet = workbook["指标台账"]
    assert sheet["A1"].value.endswith("2023 年度评估")
    values = {row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert values["Z2-02"][7] == pytest.approx(93.2) and values["Z2-09"][10] == "预警"

    # The PDF: made in the background (WeasyPrint takes a few seconds on a busy machine); the page
    # shows the progress and offers the file when it is done.
    page.locator("#sidebar").get_by_role("link", name="评估报告").click()
    page.get_by_test_id("annual-2023-pdf").click(timeout=120_000)
    expect(page.get_by_test_id("run-status")).to_have_attribute("data-status", "done", timeout=120_000)
    with page.expect_download(timeout=60_000) as pdf_download:
        page.get_by_test_id("run-download").click()
    text = subprocess.run(
        ["pdftotext", pdf_download.value.path(), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "2023 年度评估" in text and "Z2-09" in text
