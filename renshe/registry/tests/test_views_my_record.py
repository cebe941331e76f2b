"""The public's own record: a citizen sees only themselves, an employer only itself."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from renshe import testing
from renshe.registry import services

pytestmark = pytest.mark.django_db

ME = reverse("registry:my_record")
PORTAL = reverse("core:portal")


def test_citizen_sees_own_record_masked_with_history(client, citizen, clerk_maonan, gaozhou_person):
    person = citizen.person
    services.employment_start(
        actor=clerk_maonan,
        person=person,
        employer=testing.employer(name="茂南示范厂"),
        start_date=date(2024, 1, 1),
        contract_type="fixed",
    )
    client.force_login(citizen)
    body = client.get(ME).content.decode()
    assert person.name in body
    assert person.masked_id_number in body
    assert person.id_number not in body
    assert "茂南示范厂" in body
    assert "李四" not in body


def test_portal_shows_the_citizens_own_record_only(client, citizen, maonan_person):
    client.force_login(citizen)
    body = client.get(PORTAL).content.decode()
    assert 'data-testid="my-record"' in body
    assert citizen.person.masked_id_number in body
    assert maonan_person.masked_id_number not in body


def test_citizen_is_refused_on_staff_pages_and_api(client, citizen, maonan_person):
    client.force_login(citizen)
    assert client.get(reverse("registry:person_detail", args=[citizen.person_id])).status_code == 403
    assert client.get(reverse("registry:person_list")).status_code == 403
    assert client.get("/api/v1/persons/").status_code == 403
    assert client.get(f"/api/v1/persons/{maonan_person.pk}/").status_code in (403, 404)
    assert client.get(f"/api/v1/persons/{citizen.person_id}/").status_code in (403, 404)
    assert client.get(reverse("audit:entry_list")).status_code == 403


def test_employer_portal_shows_only_its_own_employer(client, employer_user):
    other = testing.employer(name="别家公司")
    client.force_login(employer_user)
    body = client.get(PORTAL).content.decode()
    assert 'data-testid="my-employer"' in body
    assert employer_user.employer.name in body
    assert other.name not in body
    assert client.get(reverse("registry:employer_detail", args=[other.pk])).status_code == 403
    assert client.get("/api/v1/employers/").status_code == 403


def test_my_record_without_a_person_goes_to_the_portal(client, employer_user, clerk_maonan):
    client.force_login(employer_user)
    assert client.get(ME)["Location"] == PORTAL
    client.force_login(clerk_maonan)
    assert client.get(ME)["Location"] == PORTAL


def test_staff_are_sent_from_home_to_the_workbench(client, clerk_maonan, citizen):
    client.force_login(clerk_maonan)
    assert client.get("/")["Location"] == reverse("core:workbench")
    assert client.get(reverse("core:workbench")).status_code == 200
    client.force_login(citizen)
    assert client.get("/")["Location"] == PORTAL
    assert client.get(reverse("core:workbench"))["Location"] == PORTAL
