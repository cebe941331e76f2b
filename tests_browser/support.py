"""Helpers shared by the browser tests."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from renshe import testing

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


def login(page: Page, username: str, password: str = testing.PASSWORD) -> None:
    """Sign in through the login form, as a user would, and wait to leave the login page."""
    page.goto("/accounts/login/")
    page.get_by_label(re.compile(r"^用户名")).fill(username)
    page.get_by_label(re.compile(r"^密码")).fill(password)
    page.get_by_role("button", name="登录", exact=True).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
