"""The auditor's page, the chain-status partial, and the read-only Django admin."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from renshe import testing
from renshe.accounts.models import Role
from renshe.audit.admin import AuditEntryAdmin
from renshe.audit.models import AuditAction, AuditEntry
from renshe.audit.selectors import audit_entries_for_user, masked_changes
from renshe.registry import services

pytestmark = pytest.mark.django_db

LIST = reverse("audit:entry_list")


@pytest.fixture
def trail(clerk_maonan, clerk_gaozhou):
    person = testing.person(actor=clerk_maonan, name="王五", phone="13812345678")
    services.person_reveal(actor=clerk_maonan, person=person)
    testing.person(actor=clerk_gaozhou, name="高州人", region=testing.GAOZHOU_TOWN)
    return person


def _seqs(response) -> list[int]:
    return [e.seq for e in response.context["page_obj"].object_list]


def test_auditor_sees_every_entry_newest_first(client, auditor, trail):
    client.force_login(auditor)
    response = client.get(LIST)
    assert response.status_code == 200
    seqs = _seqs(response)
    assert seqs == sorted(AuditEntry.objects.values_list("seq", flat=True), reverse=True)


def test_auditor_page_masks_personal_data_in_changes(client, auditor, trail):
    client.force_login(auditor)
    body = client.get(LIST).content.decode()
    assert trail.id_number not in body
    assert "13812345678" not in body
    assert trail.masked_id_number in body


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"action": "reveal"}, lambda qs: qs.filter(action=AuditAction.REVEAL)),
        ({"actor": "clerk_gaozhou"}, lambda qs: qs.filter(actor_username="clerk_gaozhou")),
        ({"object_type": "registry.person"}, lambda qs: qs.filter(object_type="registry.person")),
    ],
)
def test_auditor_filters(client, auditor, trail, params, expected):
    client.force_login(auditor)
    seqs = _seqs(client.get(LIST, params))
    wanted = sorted(expected(AuditEntry.objects.all()).values_list("seq", flat=True), reverse=True)
    assert seqs == wanted
    assert seqs


def test_filter_by_object_and_dates(client, auditor, trail):
    from django.utils import timezone

    client.force_login(auditor)
    today = timezone.localdate().isoformat()
    seqs = _seqs(client.get(LIST, {"object_type": "registry.person", "object_id": str(trail.pk)}))
    assert len(seqs) == 2  # created and revealed
    assert _seqs(client.get(LIST, {"date_from": today, "date_to": today}))
    assert _seqs(client.get(LIST, {"date_from": "2000-01-01", "date_to": "2000-12-31"})) == []


def test_a_malformed_date_filter_is_ignored_not_a_server_error(client, auditor, trail):
    client.force_login(auditor)
    response = client.get(LIST, {"date_from": "not-a-date", "date_to": "2025-02-30"})
    assert response.status_code == 200
    assert len(_seqs(response)) == AuditEntry.objects.count()


def test_chain_status_partial(client, auditor, trail):
    client.force_login(auditor)
    response = client.get(reverse("audit:chain_status"))
    assert response.status_code == 200
    assert response.context["report"].intact


@pytest.mark.parametrize("fixture", ["clerk_maonan", "city_admin", "statistician", "citizen", "employer_user"])
def test_others_cannot_read_the_audit_trail(request, client, trail, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(LIST).status_code == 403
    assert client.get(reverse("audit:chain_status")).status_code == 403


def test_the_auditor_cannot_see_the_registry(client, auditor, trail):
    client.force_login(auditor)
    assert client.get(reverse("registry:person_list")).status_code == 403
    assert client.get(reverse("registry:person_detail", args=[trail.pk])).status_code == 403
    assert client.get("/api/v1/persons/").status_code == 403


def test_selector_gives_nothing_without_the_permission(trail, clerk_maonan):
    assert not audit_entries_for_user(viewer=clerk_maonan).exists()


def test_masked_changes():
    assert masked_changes({"id_number": [None, "440902198506150023"], "phone": ["13812345678", ""], "x": [1, 2]}) == {
        "id_number": [None, "440902********0023"],
        "phone": ["138****5678", ""],
        "x": [1, 2],
    }


def test_client_address_is_recorded_and_a_forged_header_is_harmless(client, trail):
    from renshe.accounts.models import User

    response = client.post(
        reverse("accounts:login"),
        {"username": "clerk_maonan", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="<script>, 10.0.0.1",
    )
    assert response.status_code == 200
    failed = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).latest("seq")
    assert failed.ip is None
    client.post(
        reverse("accounts:login"),
        {"username": "clerk_maonan", "password": testing.PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.7, 10.0.0.1",
    )
    ok = AuditEntry.objects.filter(action=AuditAction.LOGIN).latest("seq")
    assert ok.ip == "203.0.113.7"
    assert ok.actor_id == User.objects.get(username="clerk_maonan").pk


# --- Django admin -----------------------------------------------------------------------------


def test_admin_offers_no_add_change_or_delete(rf, trail):
    from django.contrib import admin

    superuser = testing.staff("root", Role.ADMIN, "440900")
    superuser.is_superuser = superuser.is_staff = True
    superuser.save()
    model_admin = admin.site._registry[AuditEntry]
    assert isinstance(model_admin, AuditEntryAdmin)
    request = rf.get("/")
    request.user = superuser
    entry = AuditEntry.objects.first()
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)


def test_admin_pages_are_read_only(client, trail):
    superuser = testing.staff("root", Role.ADMIN, "440900")
    superuser.is_superuser = superuser.is_staff = True
    superuser.save()
    client.force_login(superuser)
    base = f"/{settings.ADMIN_URL}audit/auditentry/"
    entry = AuditEntry.objects.first()
    assert client.get(base).status_code == 200
    assert client.get(f"{base}add/").status_code == 403
    assert client.get(f"{base}{entry.pk}/delete/").status_code == 403
    change = client.get(f"{base}{entry.pk}/change/")
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    response = client.post(f"{base}{entry.pk}/change/", {"action": "delete", "changes": "{}"})
    assert response.status_code == 403
    client.post(base, {"action": "delete_selected", "_selected_action": [entry.pk]})
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
