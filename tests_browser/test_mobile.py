"""The public portal is used from phones: at 390×844 nothing may scroll sideways."""

import pytest
from playwright.sync_api import expect

from renshe import testing
from tests_browser.support import PHONE, login

pytestmark = pytest.mark.browser

_FITS = "document.scrollingElement.scrollWidth <= window.innerWidth"
_WIDTHS = "[document.scrollingElement.scrollWidth, window.innerWidth]"


def _assert_fits(page) -> None:
    assert page.evaluate(_FITS), f"{page.url} scrolls sideways: scrollWidth, innerWidth = {page.evaluate(_WIDTHS)}"


def test_portal_pages_fit_a_phone_screen(new_page, site):
    testing.citizen()
    page = new_page(viewport=PHONE)

    for path in ("/portal/", "/accounts/login/", "/accounts/register/", "/accounts/register/employer/"):
        page.goto(path)
        _assert_fits(page)

    login(page, "citizen_zs")
    expect(page.get_by_test_id("my-record")).to_contain_text("我的信息")
    assert page.evaluate("window.innerWidth") == PHONE["width"]
    _assert_fits(page)

    page.get_by_test_id("my-record").get_by_role("link", name="查看详情").click()
    expect(page.locator("body")).to_contain_text("张三")
    _assert_fits(page)
