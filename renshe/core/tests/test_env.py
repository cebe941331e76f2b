"""Settings helpers refuse values they cannot parse (STYLE.md habit 10)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from renshe.env import env_bool, env_int, env_list, env_str


@pytest.mark.parametrize(("raw", "value"), [("1", True), ("TRUE", True), ("on", True), ("0", False), ("", False)])
def test_booleans(monkeypatch, raw, value):
    monkeypatch.setenv("RENSHE_X", raw)
    assert env_bool("RENSHE_X", not value) is value


def test_a_bad_boolean_is_refused(monkeypatch):
    monkeypatch.setenv("RENSHE_X", "maybe")
    with pytest.raises(ImproperlyConfigured, match="RENSHE_X"):
        env_bool("RENSHE_X", False)


def test_integers(monkeypatch):
    monkeypatch.delenv("RENSHE_X", raising=False)
    assert env_int("RENSHE_X", 7) == 7
    monkeypatch.setenv("RENSHE_X", "42")
    assert env_int("RENSHE_X", 7) == 42
    monkeypatch.setenv("RENSHE_X", "4x")
    with pytest.raises(ImproperlyConfigured, match="RENSHE_X"):
        env_int("RENSHE_X", 7)


def test_lists(monkeypatch):
    monkeypatch.setenv("RENSHE_X", " a.example, ,b.example ")
    assert env_list("RENSHE_X", []) == ["a.example", "b.example"]


def test_secrets_from_files(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n", encoding="utf-8")
    monkeypatch.setenv("RENSHE_X_FILE", str(secret))
    assert env_str("RENSHE_X", "default") == "s3cret"
    monkeypatch.setenv("RENSHE_X_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="RENSHE_X_FILE"):
        env_str("RENSHE_X", "default")
