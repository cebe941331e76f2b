"""Excel export of people and employers: scoped, masked, audited."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from renshe import testing
from renshe.audit.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def _rows(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content), read_only=True).worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def test_person_export_is_scoped_and_masked(client, clerk_maonan, gaozhou_person):
    person = testing.person(name="王五", phone="13812345678")
    testing.person(name="赵六", region="440902002")
    client.force_login(clerk_maonan)
    rows = _rows(client.get(reverse("registry:person_export")))
    header, data = rows[0], rows[1:]
    assert header[:2] == ("姓名", "身份证号码")
    assert len(data) == 2
    text = repr(data)
    assert "石仔岭" not in text  # no 高州 town
    assert gaozhou_person.masked_id_number not in text
    assert person.id_number not in text
    assert "13812345678" not in text
    wang = next(r for r in data if r[0] == "王*")
    assert wang[1] == person.masked_id_number
    assert wang[4] == "138****5678"


def test_person_export_honours_the_filters(client, clerk_maonan):
    testing.person(name="王五")
    testing.person(name="赵六")
    client.force_login(clerk_maonan)
    data = _rows(client.get(reverse("registry:person_export"), {"q": "zl"}))[1:]
    assert [r[0] for r in data] == ["赵*"]


def test_person_export_of_a_sibling_district_is_empty(client, clerk_maonan, gaozhou_person):
    client.force_login(clerk_maonan)
    assert _rows(client.get(reverse("registry:person_export"), {"region": "440981"}))[1:] == []


def test_city_admin_exports_every_district(client, city_admin, maonan_person, gaozhou_person):
    client.force_login(city_admin)
    data = _rows(client.get(reverse("registry:person_export")))[1:]
    assert {r[5] for r in data} == {"红旗街道", "石仔岭街道"}


def test_export_is_audited(client, clerk_maonan, maonan_person):
    client.force_login(clerk_maonan)
    client.get(reverse("registry:person_export"), {"q": "zs"})
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert entry.actor_username == "clerk_maonan"
    assert entry.object_type == "registry.person"
    assert entry.changes["filters"]["query"] == "zs"
    assert entry.ip == "127.0.0.1"


def test_employer_export_is_scoped(client, clerk_maonan):
    testing.employer(name="茂南示范厂", contact_phone="13812345678")
    testing.employer(name="高州示范厂", region=testing.GAOZHOU_TOWN)
    client.force_login(clerk_maonan)
    data = _rows(client.get(reverse("registry:employer_export")))[1:]
    assert [r[1] for r in data] == ["茂南示范厂"]
    assert data[0][6] == "138****5678"
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="registry.employer").exists()


@pytest.mark.parametrize("fixture", ["citizen", "employer_user", "auditor", "statistician"])
def test_export_is_refused_without_the_permission(request, client, maonan_person, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(reverse("registry:person_export")).status_code == 403
    assert client.get(reverse("registry:employer_export")).status_code == 403
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_mediator_can_read_but_not_export(client, maonan_person):
    from renshe.accounts.models import Role

    mediator = testing.staff("mediator_maonan", Role.MEDIATOR, "440902")
    client.force_login(mediator)
    assert client.get(reverse("registry:person_list")).status_code == 200
    assert client.get(reverse("registry:person_export")).status_code == 403
