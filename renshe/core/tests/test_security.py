"""Security settings and headers (DOMAIN.md §9, 等保 2.0 level 3)."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from renshe import testing

ROOT = Path(__file__).resolve().parents[3]


def _production_env(**extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"RENSHE_TESTING", "DATABASE_URL", "DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="renshe.settings",
        SECURE="1",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="rsj.maoming.gov.cn",
        **extra,
    )
    return env


def _python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_argon2_is_the_first_hasher_outside_tests():
    result = _python(
        "import django; django.setup(); from django.conf import settings; print(settings.PASSWORD_HASHERS[0])",
        _production_env(),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_secure_mode_refuses_the_development_secret_key():
    env = _production_env()
    del env["SECRET_KEY"]
    result = _python("import django; django.setup()", env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_reports_no_issues_in_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "no issues" in output
    assert "WARNING" not in output
    assert "?: (security" not in output


@pytest.mark.django_db
def test_security_headers_on_a_page(client):
    response = client.get(reverse("core:portal"))
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp
    assert directives["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_security_headers_on_a_staff_page(client, clerk_maonan):
    client.force_login(clerk_maonan)
    response = client.get(reverse("registry:person_list"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_csrf_is_enforced_on_forms(clerk_maonan):
    client = Client(enforce_csrf_checks=True)
    assert (
        client.post(reverse("accounts:login"), {"username": "clerk_maonan", "password": testing.PASSWORD}).status_code
        == 403
    )
    client.force_login(clerk_maonan)
    response = client.post(
        reverse("registry:person_create"),
        {"name": "王五", "id_number": "440902198506150023", "residence_region": testing.MAONAN_TOWN},
    )
    assert response.status_code == 403
    from renshe.registry.models import Person

    assert not Person.objects.exists()


@pytest.mark.django_db
def test_csrf_is_enforced_on_session_authenticated_api_writes(clerk_maonan):
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk_maonan)
    response = client.post(
        "/api/v1/persons/",
        {"name": "王五", "id_number": "440902198506150023", "residence_region": testing.MAONAN_TOWN},
        content_type="application/json",
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
