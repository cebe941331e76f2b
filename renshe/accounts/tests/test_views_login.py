"""Login, lockout (django-axes), idle timeout and the login audit (等保 2.0)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from renshe import testing
from renshe.accounts.validators import CharacterClassValidator
from renshe.audit.models import AuditAction, AuditEntry

LOGIN = reverse("accounts:login")


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- passwords --------------------------------------------------------------------------------


@pytest.mark.parametrize("password", ["abcdefgh1", "ABCDEFGH1", "abcdefgh!", "Abc1!", "12345678"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize("password", ["Abcdefg1!", "abcdefg1!", "XKCDQWZt7", "Renshe@2026"])
def test_three_classes_and_eight_characters_are_accepted(password):
    validate_password(password)


def test_the_class_validator_names_the_rule():
    with pytest.raises(ValidationError) as info:
        CharacterClassValidator().validate("abcdefgh1")
    assert "至少3类" in info.value.messages[0]


# --- login and lockout ------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_and_logout_are_audited(client, clerk_maonan):
    response = client.post(LOGIN, {"username": "clerk_maonan", "password": testing.PASSWORD})
    assert response.status_code == 302
    assert _logged_in(client)
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN, actor_id=clerk_maonan.pk).count() == 1
    client.post(reverse("accounts:logout"))
    assert not _logged_in(client)
    assert AuditEntry.objects.filter(action=AuditAction.LOGOUT, actor_id=clerk_maonan.pk).count() == 1


@pytest.mark.django_db
def test_a_failed_login_is_audited_without_the_password(client, clerk_maonan):
    response = client.post(LOGIN, {"username": "clerk_maonan", "password": "Wrong@2026"})
    assert response.status_code == 200
    assert not _logged_in(client)
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert entry.object_repr == "clerk_maonan"
    assert "Wrong@2026" not in str(entry.changes)


@pytest.mark.django_db
def test_lockout_after_five_failures(client, clerk_maonan):
    assert settings.AXES_ENABLED
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "clerk_maonan", "password": "Wrong@2026"})
    response = client.post(LOGIN, {"username": "clerk_maonan", "password": testing.PASSWORD})
    assert response.status_code in (403, 429)
    assert not _logged_in(client)
    assert "锁定" in response.content.decode()


@pytest.mark.django_db
def test_lockout_is_per_account(client, clerk_maonan, clerk_gaozhou):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "clerk_maonan", "password": "Wrong@2026"})
    response = client.post(LOGIN, {"username": "clerk_gaozhou", "password": testing.PASSWORD})
    assert response.status_code == 302
    assert _logged_in(client)


@pytest.mark.django_db
def test_four_failures_then_success_resets_the_count(client, clerk_maonan):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(LOGIN, {"username": "clerk_maonan", "password": "Wrong@2026"})
    assert client.post(LOGIN, {"username": "clerk_maonan", "password": testing.PASSWORD}).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(LOGIN, {"username": "clerk_maonan", "password": "Wrong@2026"})
    assert client.post(LOGIN, {"username": "clerk_maonan", "password": testing.PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_the_api_token_endpoint_is_locked_out_too(clerk_maonan):
    api = APIClient()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api.post("/api/v1/auth/token/", {"username": "clerk_maonan", "password": "Wrong@2026"})
    response = api.post("/api/v1/auth/token/", {"username": "clerk_maonan", "password": testing.PASSWORD})
    assert response.status_code != 200
    assert "token" not in response.content.decode()


@pytest.mark.django_db
def test_login_page_lockout_also_covers_the_api(client, clerk_maonan):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "clerk_maonan", "password": "Wrong@2026"})
    response = APIClient().post("/api/v1/auth/token/", {"username": "clerk_maonan", "password": testing.PASSWORD})
    assert response.status_code != 200


@pytest.mark.django_db
def test_next_is_not_an_open_redirect(client, clerk_maonan):
    response = client.post(
        f"{LOGIN}?next=https://evil.example.com/", {"username": "clerk_maonan", "password": testing.PASSWORD}
    )
    assert response.status_code == 302
    assert "evil.example.com" not in response["Location"]


# --- idle timeout -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_staff_sessions_expire_after_thirty_idle_minutes(client, clerk_maonan):
    client.post(LOGIN, {"username": "clerk_maonan", "password": testing.PASSWORD})
    client.get(reverse("core:workbench"))
    assert client.session.get_expiry_age() == 1800
    assert settings.STAFF_IDLE_TIMEOUT_SECONDS == 1800


@pytest.mark.django_db
def test_public_sessions_last_longer(client, citizen):
    client.post(LOGIN, {"username": "citizen_zs", "password": testing.PASSWORD})
    client.get(reverse("core:portal"))
    assert client.session.get_expiry_age() == settings.PUBLIC_IDLE_TIMEOUT_SECONDS
