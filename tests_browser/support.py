"""Helpers shared by the browser tests."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page

from renshe import testing

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


def login(page: Page, username: str, password: str = testing.PASSWORD) -> None:
    """Sign in through the login form, as a user would, and wait to leave the login page."""
    page.goto("/accounts/login/")
    page.get_by_label(re.compile(r"^用户名")).fill(username)
    page.get_by_label(re.compile(r"^密码")).fill(password)
    submit(page, page.get_by_role("button", name="登录", exact=True))
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def submit(page: Page, button: Locator) -> None:
    """Click a form's submit button and wait for the page the POST answers with (form errors included)."""
    with page.expect_response(lambda r: r.request.method == "POST" and r.request.resource_type == "document"):
        button.click()
    page.wait_for_load_state()
