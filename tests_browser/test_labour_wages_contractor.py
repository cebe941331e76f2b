"""A contractor, on a phone, registers a construction project (a bad end date is refused under the field),
adds a real-name worker from the registry and files the month's payroll; the worker confirms it on the
phone."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.accounts.services import user_create
from renshe.labour.wages.models import Payroll, Project
from tests_browser.support import PHONE, login, submit

pytestmark = pytest.mark.browser
SCREENSHOT = "docs/screenshots/wages-payroll-phone.png"


def test_contractor_registers_a_project_and_files_a_payroll(new_page, watcher):
    watcher.allow_status(400, "/labour/wages/my/new/")
    testing.employer_user("builder_mn", name="茂名市油城建筑工程有限公司")
    person = testing.person(name="黄小明")

    phone = new_page(viewport=PHONE)
    login(phone, "builder_mn")
    phone.goto("/labour/wages/my/")
    phone.get_by_role("link", name="登记项目").click()
    phone.get_by_label(re.compile(r"^项目名称")).fill("茂南区官渡路安置房工程")
    phone.get_by_label(re.compile(r"^项目所在地")).select_option(testing.MAONAN_TOWN)
    phone.get_by_label(re.compile(r"^立项批准文号")).fill("茂发改〔2025〕88号")
    phone.get_by_label(re.compile(r"^资金来源")).fill("财政资金")
    phone.get_by_label(re.compile(r"^建设资金已落实")).check()
    phone.get_by_label(re.compile(r"^施工许可证号")).fill("440902202512010101")
    phone.get_by_label(re.compile(r"^合同价款")).fill("8600000")
    phone.get_by_label(re.compile(r"^施工合同签订日期")).fill("2025-12-01")
    phone.get_by_label(re.compile(r"^开工日期")).fill("2025-12-15")
    phone.get_by_label(re.compile(r"^计划竣工日期")).fill("2025-12-01")
    phone.get_by_label(re.compile(r"^约定每月发薪日")).fill("15")
    submit(phone, phone.get_by_role("button", name="保存"))
    expect(phone.locator('[data-field-error="end_on"]')).to_have_text("计划竣工日期不能早于开工日期")
    assert not Project.objects.exists()

    phone.get_by_label(re.compile(r"^计划竣工日期")).fill("2026-12-31")
    submit(phone, phone.get_by_role("button", name="保存"))
    expect(phone).to_have_url(re.compile(r"/labour/wages/my/\d+/$"))
    expect(phone.locator(".alert-success")).to_contain_text("已登记项目：茂南区官渡路安置房工程")
    expect(phone.get_by_test_id("account")).to_contain_text("未开设")

    phone.get_by_label(re.compile(r"^身份证号码")).fill(person.id_number)
    phone.get_by_label(re.compile(r"^进场日期")).fill("2026-01-05")
    phone.get_by_label(re.compile(r"^班组")).fill("钢筋班")
    phone.get_by_label(re.compile(r"^已签订劳动合同")).check()
    phone.get_by_label(re.compile(r"^已实名登记")).check()
    submit(phone, phone.get_by_role("button", name="登记工人"))
    expect(phone.locator(".alert-success")).to_contain_text("已登记工人：黄**")
    expect(phone.get_by_test_id("worker-table")).to_contain_text(
        person.id_number[:6] + "********" + person.id_number[-4:]
    )

    phone.get_by_label(re.compile(r"^工资月份")).fill("2026-01")
    phone.get_by_role("button", name="填报").click()
    expect(phone.get_by_role("heading", name="2026-01 工资支付表")).to_be_visible()
    phone.get_by_label("黄** 出勤天数").fill("22")
    phone.get_by_label("黄** 应发工资").fill("6600")
    phone.get_by_label("黄** 实发工资").fill("6600")
    submit(phone, phone.get_by_role("button", name="报送"))
    expect(phone.locator(".alert-success")).to_contain_text("已报送 2026-01 工资支付表，等待工人确认")
    expect(phone.get_by_test_id("payroll-lines")).to_contain_text("未确认")
    phone.screenshot(path=SCREENSHOT, full_page=True)
    payroll = Payroll.objects.get()
    assert payroll.status == "submitted" and payroll.lines.get().amount_due == 6600

    user_create(
        actor=None,
        username="huang_xm",
        password=testing.PASSWORD,
        role=Role.CITIZEN,
        person=person,
        display_name="黄小明",
    )
    worker = new_page(viewport=PHONE)
    login(worker, "huang_xm")
    worker.goto("/labour/wages/me/")
    expect(worker.get_by_test_id("my-lines")).to_contain_text("出勤 22 天，应发 6600.00 元，实发 6600.00 元")
    submit(worker, worker.get_by_role("button", name="确认无误"))
    expect(worker.locator(".alert-success")).to_contain_text("已确认 2026-01 工资")
    expect(worker.get_by_test_id("my-lines")).to_contain_text("本人手机确认")
    assert payroll.lines.get().signature == "phone"
