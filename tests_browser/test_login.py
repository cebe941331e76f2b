"""Signing in to the workbench, and the lockout after repeated wrong passwords (等保 2.0)."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from tests_browser.support import login, submit

pytestmark = pytest.mark.browser


def test_clerk_signs_in_and_sees_region_and_role(page):
    testing.staff("clerk_maonan", Role.CLERK, "440902")

    login(page, "clerk_maonan")

    expect(page).to_have_url(re.compile(r"/workbench/$"))
    expect(page.get_by_test_id("user-region")).to_have_text("茂南区")
    expect(page.get_by_test_id("user-role")).to_have_text("窗口受理员")
    expect(page.locator("#sidebar").get_by_role("link", name="人员", exact=True)).to_be_visible()


def _submit_login(page, username, password):
    page.get_by_label(re.compile(r"^用户名")).fill(username)
    page.get_by_label(re.compile(r"^密码")).fill(password)
    submit(page, page.get_by_role("button", name="登录", exact=True))


def test_wrong_password_shows_an_error_and_five_lock_the_account(page, watcher):
    testing.staff("clerk_maonan", Role.CLERK, "440902")
    page.goto("/accounts/login/")

    _submit_login(page, "clerk_maonan", "Wrong@2026pass")
    expect(page.get_by_role("alert")).to_contain_text("请输入一个正确的用户名和密码")
    expect(page.get_by_test_id("user-role")).to_have_count(0)

    for _ in range(3):
        _submit_login(page, "clerk_maonan", "Wrong@2026pass")
    expect(page.get_by_role("alert")).to_contain_text("密码")  # four failures: not locked yet
    expect(page.get_by_test_id("locked-out")).to_have_count(0)

    # The lockout answers 429 Too Many Requests, which Chromium reports on the console.
    watcher.allow_status(429, "/accounts/login/")
    _submit_login(page, "clerk_maonan", "Wrong@2026pass")
    expect(page.get_by_test_id("locked-out")).to_contain_text("账号已被锁定")
    # Locked means locked: the right password no longer opens the account.
    page.goto("/accounts/login/")
    _submit_login(page, "clerk_maonan", testing.PASSWORD)
    expect(page.get_by_test_id("locked-out")).to_be_visible()
    expect(page.get_by_test_id("user-role")).to_have_count(0)
