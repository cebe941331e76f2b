"""A clerk registers an employer; a credit code that fails its check is refused with a reason."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.core.identity import USCC_ALPHABET, uscc_check_char
from renshe.registry.models import Employer
from tests_browser.support import login, submit

pytestmark = pytest.mark.browser


def _fill(page, *, credit_code: str, name: str) -> None:
    page.get_by_label(re.compile(r"^统一社会信用代码")).fill(credit_code)
    page.get_by_label(re.compile(r"^单位名称")).fill(name)
    page.get_by_label(re.compile(r"^行业")).select_option("C")
    page.get_by_label(re.compile(r"^所在地（镇/街道）")).select_option(testing.MAONAN_TOWN)
    page.get_by_label(re.compile(r"^规模")).select_option("small")
    page.get_by_label(re.compile(r"^经济类型")).select_option("private")
    page.get_by_label(re.compile(r"^法定代表人")).fill("林国强")
    submit(page, page.get_by_role("button", name="保存"))


def test_register_an_employer(page, site):
    testing.staff("clerk_maonan", Role.CLERK, "440902")
    code = testing.credit_code("440902")
    login(page, "clerk_maonan")
    page.goto("/registry/employers/")
    page.get_by_role("link", name="登记单位").click()

    _fill(page, credit_code=code, name="茂名市南海石化设备有限公司")

    expect(page).to_have_url(re.compile(r"/registry/employers/\d+/$"))
    expect(page.locator(".alert-success")).to_contain_text("已登记：茂名市南海石化设备有限公司")
    expect(page.get_by_role("heading", name="茂名市南海石化设备有限公司")).to_be_visible()
    details = page.locator("dl")
    expect(details).to_contain_text(code)
    expect(details).to_contain_text("制造业")
    expect(details).to_contain_text("茂南区")
    expect(details).to_contain_text("林国强")
    assert Employer.objects.get(credit_code=code).name == "茂名市南海石化设备有限公司"


def test_bad_credit_code_is_refused_under_the_field_and_nothing_is_stored(page, site, watcher):
    watcher.allow_status(400, "/registry/employers/new/")  # a form with errors answers 400
    testing.staff("clerk_maonan", Role.CLERK, "440902")
    good = testing.credit_code("440902")
    wrong = next(c for c in USCC_ALPHABET if c != uscc_check_char(good[:17]))
    login(page, "clerk_maonan")
    page.goto("/registry/employers/new/")

    _fill(page, credit_code=good[:17] + wrong, name="茂名市错码贸易有限公司")

    expect(page.locator('[data-field-error="credit_code"]')).to_have_text(
        f"统一社会信用代码校验位错误：末位应为 {good[-1]}，实际为 {wrong}"
    )
    expect(page.get_by_label(re.compile(r"^单位名称"))).to_have_value("茂名市错码贸易有限公司")
    assert not Employer.objects.exists()
