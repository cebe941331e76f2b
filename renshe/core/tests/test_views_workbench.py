"""The staff workbench: scoped counts, the menu, and the missing-holiday-notice warning."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from renshe import testing
from renshe.core import workdays
from renshe.core.models import CalendarDay

pytestmark = pytest.mark.django_db

WORKBENCH = reverse("core:workbench")


def test_counts_are_scoped(client, clerk_maonan, city_admin, maonan_person, gaozhou_person):
    client.force_login(clerk_maonan)
    context = client.get(WORKBENCH).context
    assert context["person_count"] == 1
    assert [c["region"].code for c in context["by_county"]] == ["440902"]
    client.force_login(city_admin)
    context = client.get(WORKBENCH).context
    assert context["person_count"] == 2
    counts = {c["region"].code: c["count"] for c in context["by_county"]}
    assert counts == {"440902": 1, "440904": 0, "440981": 1, "440982": 0, "440983": 0}


def test_menu_follows_permissions(client, clerk_maonan, auditor):
    client.force_login(clerk_maonan)
    body = client.get(WORKBENCH).content.decode()
    assert reverse("registry:person_list") in body
    assert reverse("audit:entry_list") not in body
    client.force_login(auditor)
    body = client.get(WORKBENCH).content.decode()
    assert reverse("registry:person_list") not in body
    assert reverse("audit:entry_list") in body
    assert "person_count" not in client.get(WORKBENCH).context


def _warning(client, monkeypatch, today: date) -> bool:
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: today)
    workdays.clear_cache()
    return 'data-testid="calendar-warning"' in client.get(WORKBENCH).content.decode()


def test_warns_in_november_when_next_years_notice_is_missing(client, clerk_maonan, monkeypatch):
    client.force_login(clerk_maonan)
    assert _warning(client, monkeypatch, date(2026, 11, 24))
    assert not _warning(client, monkeypatch, date(2026, 6, 1))
    CalendarDay.objects.create(day=date(2027, 1, 1), is_working_day=False, note="元旦")
    assert not _warning(client, monkeypatch, date(2026, 11, 24))


def test_always_warns_when_this_years_notice_is_missing(client, clerk_maonan, monkeypatch):
    client.force_login(clerk_maonan)
    assert _warning(client, monkeypatch, date(2027, 3, 1))


def test_the_public_gets_no_workbench(client):
    user = testing.citizen()
    client.force_login(user)
    assert client.get(WORKBENCH)["Location"] == reverse("core:portal")
