"""An administrator signs in with a password, enrols an authenticator app by its key, and gets in."""

import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from tests_browser.support import DESKTOP, login, submit

pytestmark = pytest.mark.browser


def _code_for(secret: str) -> str:
    import base64

    return f"{totp(base64.b32decode(secret)):06d}"


def test_an_administrator_enrols_the_app_then_reaches_the_user_list(new_page, settings):
    settings.OTP_REQUIRED_ROLES = ["admin"]
    testing.staff("admin_2fa", Role.ADMIN, "440900")
    page = new_page(viewport=DESKTOP)
    login(page, "admin_2fa")
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/"))
    expect(page.get_by_test_id("totp-qr")).to_be_visible()
    secret = page.get_by_test_id("totp-secret").inner_text()

    page.get_by_label("验证码").fill("000000" if _code_for(secret) != "000000" else "111111")
    submit(page, page.get_by_role("button", name="验证"))
    expect(page.get_by_test_id("totp-error")).to_contain_text("验证码")

    page.goto("/accounts/two-factor/?next=/accounts/users/")
    page.wait_for_timeout(1100)  # django-otp makes the next try wait a second after a failure
    page.get_by_label("验证码").fill(_code_for(secret))
    submit(page, page.get_by_role("button", name="验证"))
    expect(page).to_have_url(re.compile(r"/accounts/users/$"))
