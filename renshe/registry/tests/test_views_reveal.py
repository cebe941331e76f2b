"""Revealing a full identity number and phone: allowed roles only, always audited (DOMAIN.md §9)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renshe import testing
from renshe.accounts.models import Role
from renshe.audit.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(db):
    return testing.person(name="王五", phone="13812345678")


def _reveal(client, person):
    return client.post(reverse("registry:person_reveal", args=[person.pk]))


def _reveals(person):
    return AuditEntry.objects.filter(action=AuditAction.REVEAL, object_id=str(person.pk))


def test_clerk_sees_the_full_values_and_the_reveal_is_audited(client, clerk_maonan, person):
    client.force_login(clerk_maonan)
    response = _reveal(client, person)
    assert response.status_code == 200
    body = response.content.decode()
    assert person.id_number in body
    assert "13812345678" in body
    entry = _reveals(person).get()
    assert entry.actor_username == "clerk_maonan"
    assert entry.object_type == "registry.person"


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.ARBITRATOR, Role.INSPECTOR])
def test_other_roles_with_the_permission_may_reveal(client, person, role):
    client.force_login(testing.staff(f"u_{role}", role, "440902"))
    assert _reveal(client, person).status_code == 200
    assert _reveals(person).count() == 1


@pytest.mark.parametrize(
    ("role", "region", "status"),
    [
        (Role.MEDIATOR, "440902", 403),  # reads the registry, may not reveal
        (Role.STATISTICIAN, "440900", 404),  # may not even see the record
        (Role.AUDITOR, "440900", 404),
    ],
)
def test_roles_without_the_permission_are_refused_and_nothing_is_audited(client, person, role, region, status):
    client.force_login(testing.staff(f"u_{role}", role, region))
    response = _reveal(client, person)
    assert response.status_code == status
    assert person.id_number not in response.content.decode()
    assert not _reveals(person).exists()


def test_a_clerk_of_another_district_gets_404(client, clerk_gaozhou, person):
    client.force_login(clerk_gaozhou)
    assert _reveal(client, person).status_code == 404
    assert not _reveals(person).exists()


@pytest.mark.parametrize("fixture", ["citizen", "employer_user"])
def test_the_public_cannot_reveal(request, client, person, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert _reveal(client, person).status_code in (403, 404)
    assert not _reveals(person).exists()


def test_reveal_needs_post(client, clerk_maonan, person):
    client.force_login(clerk_maonan)
    assert client.get(reverse("registry:person_reveal", args=[person.pk])).status_code == 405
    assert not _reveals(person).exists()


def test_reveal_needs_the_csrf_token(clerk_maonan, person):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk_maonan)
    assert _reveal(client, person).status_code == 403
    assert not _reveals(person).exists()


def test_detail_offers_the_reveal_button_only_to_allowed_roles(client, clerk_maonan, person):
    url = reverse("registry:person_detail", args=[person.pk])
    client.force_login(clerk_maonan)
    assert 'data-testid="reveal"' in client.get(url).content.decode()
    client.force_login(testing.staff("mediator_maonan", Role.MEDIATOR, "440902"))
    assert 'data-testid="reveal"' not in client.get(url).content.decode()
