"""Two-factor sign-in for administrators (等保 2.0): enrol an authenticator app, then a code at every sign-in."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from renshe.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _required_for_admins(settings):
    settings.OTP_REQUIRED_ROLES = ["admin"]


def _code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def test_an_administrator_is_sent_to_enrol_and_every_page_waits(client, city_admin):
    client.force_login(city_admin)
    response = client.get(reverse("accounts:user_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:two_factor")) and "next=%2Faccounts%2Fusers%2F" in response.url
    page = client.get(response.url).content.decode()
    assert 'data-testid="totp-qr"' in page and "data:image/svg+xml;base64," in page
    assert client.get("/api/v1/persons/").status_code == 302  # the API through the session too


def test_the_first_right_code_enrols_the_app_and_opens_the_platform(client, city_admin):
    client.force_login(city_admin)
    client.get(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.get(user=city_admin, confirmed=False)
    response = client.post(reverse("accounts:two_factor"), {"code": _code(device), "next": "/accounts/users/"})
    assert response.status_code == 302 and response.url == "/accounts/users/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("accounts:user_list")).status_code == 200
    changes = [e.changes for e in AuditEntry.objects.filter(object_id=str(city_admin.pk))]
    assert {"second_factor": "enrolled"} in changes and {"second_factor": "verified"} in changes


def test_a_wrong_or_malformed_code_is_refused_and_nothing_is_enrolled(client, city_admin):
    client.force_login(city_admin)
    client.get(reverse("accounts:two_factor"))
    device = TOTPDevice.objects.get(user=city_admin)
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    page = client.post(reverse("accounts:two_factor"), {"code": wrong}).content.decode()
    assert "验证码不正确或已过期" in page
    assert "6 位数字" in client.post(reverse("accounts:two_factor"), {"code": "12ab"}).content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("accounts:user_list")).status_code == 302
    failed = AuditEntry.objects.filter(action="login_failed", object_id=str(city_admin.pk))
    assert [e.changes for e in failed] == [{"second_factor": "wrong code"}]


def test_after_enrolment_a_new_sign_in_asks_for_a_code_without_a_new_qr(client, city_admin):
    device = TOTPDevice.objects.create(user=city_admin, name="authenticator", confirmed=True)
    client.force_login(city_admin)
    page = client.get(reverse("accounts:two_factor")).content.decode()
    assert 'data-testid="totp-qr"' not in page and "6 位数字" in page
    assert client.post(reverse("accounts:two_factor"), {"code": _code(device)}).status_code == 302
    assert client.get(reverse("core:workbench")).status_code == 200


def test_repeated_wrong_codes_are_throttled(client, city_admin):
    device = TOTPDevice.objects.create(user=city_admin, name="authenticator", confirmed=True)
    client.force_login(city_admin)
    wrong = f"{(int(_code(device)) + 1) % 1_000_000:06d}"
    client.post(reverse("accounts:two_factor"), {"code": wrong})
    page = client.post(reverse("accounts:two_factor"), {"code": _code(device)}).content.decode()
    assert "验证码错误次数过多" in page  # the right code too must wait after a failure
    assert client.get(reverse("core:workbench")).status_code == 302


def test_other_roles_and_an_open_redirect_are_not_affected(client, clerk_maonan, city_admin, settings):
    client.force_login(clerk_maonan)
    assert client.get(reverse("core:workbench")).status_code == 200
    settings.OTP_REQUIRED_ROLES = []
    client.force_login(city_admin)
    assert client.get(reverse("accounts:user_list")).status_code == 200
    response = client.get(reverse("accounts:two_factor"), {"next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == reverse("core:workbench")
