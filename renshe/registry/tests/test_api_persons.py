"""/api/v1/persons/: scoped, masked, reveal audited, errors naming the field."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from renshe import testing
from renshe.accounts.models import Role
from renshe.audit.models import AuditAction, AuditEntry
from renshe.registry.models import Person

pytestmark = pytest.mark.django_db

URL = "/api/v1/persons/"


@pytest.fixture
def api():
    return APIClient()


def _as(api, user):
    api.force_authenticate(user)
    return api


def test_list_is_scoped_and_masked(api, clerk_maonan, gaozhou_person):
    person = testing.person(name="王五", phone="13812345678")
    data = _as(api, clerk_maonan).get(URL).json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["name"] == "王五"
    assert row["id_number"] == person.masked_id_number
    assert row["phone"] == "138****5678"
    assert row["residence_region"] == testing.MAONAN_TOWN
    assert person.id_number not in str(data)


def test_filters_cannot_widen_the_scope(api, clerk_maonan, gaozhou_person):
    _as(api, clerk_maonan)
    assert api.get(URL, {"region": "440981"}).json()["count"] == 0
    assert api.get(URL, {"q": gaozhou_person.id_number}).json()["count"] == 0


def test_city_admin_lists_every_district(api, city_admin, maonan_person, gaozhou_person):
    data = _as(api, city_admin).get(URL).json()
    assert {r["residence_region"][:6] for r in data["results"]} == {"440902", "440981"}


def test_detail_is_404_outside_the_region(api, clerk_maonan, maonan_person, gaozhou_person):
    _as(api, clerk_maonan)
    assert api.get(f"{URL}{maonan_person.pk}/").status_code == 200
    assert api.get(f"{URL}{gaozhou_person.pk}/").status_code == 404
    assert api.get(f"{URL}987654/").status_code == 404


def test_list_query_count_does_not_grow_with_rows(api, clerk_maonan):
    _as(api, clerk_maonan)

    def count():
        api.get(URL)
        with CaptureQueriesContext(connection) as ctx:
            assert api.get(URL).status_code == 200
        return len(ctx.captured_queries)

    for i in range(3):
        testing.person(name=f"甲{i}", tags=["graduate"])
    few = count()
    for i in range(30):
        testing.person(name=f"乙{i}", tags=["veteran", "graduate"])
    assert count() == few


@pytest.mark.parametrize("fixture", ["citizen", "employer_user", "auditor", "statistician"])
def test_roles_without_registry_access_are_refused(request, api, maonan_person, fixture):
    _as(api, request.getfixturevalue(fixture))
    assert api.get(URL).status_code == 403
    assert api.get(f"{URL}{maonan_person.pk}/").status_code in (403, 404)


def test_unauthenticated_is_refused(api, maonan_person):
    assert api.get(URL).status_code in (401, 403)
    assert api.get(f"{URL}{maonan_person.pk}/").status_code in (401, 403)
    assert api.post(f"{URL}{maonan_person.pk}/reveal/").status_code in (401, 403)
    assert api.post(URL, {"name": "x"}, format="json").status_code in (401, 403)


# --- reveal ---------------------------------------------------------------------------------


def _reveals(person):
    return AuditEntry.objects.filter(action=AuditAction.REVEAL, object_id=str(person.pk))


def test_reveal_returns_full_values_and_is_audited(api, clerk_maonan):
    person = testing.person(name="王五", phone="13812345678")
    response = _as(api, clerk_maonan).post(f"{URL}{person.pk}/reveal/")
    assert response.status_code == 200
    assert response.json() == {"id_number": person.id_number, "phone": "13812345678"}
    assert _reveals(person).get().actor_username == "clerk_maonan"


def test_a_reviewer_may_reveal_through_the_api_as_on_the_page(api, reviewer_maonan, maonan_person):
    # The reviewer role holds registry.reveal_personal_data but not registry.add_person.
    response = _as(api, reviewer_maonan).post(f"{URL}{maonan_person.pk}/reveal/")
    assert response.status_code == 200
    assert response.json()["id_number"] == maonan_person.id_number
    assert _reveals(maonan_person).count() == 1


def test_a_mediator_cannot_reveal_and_nothing_is_audited(api, maonan_person):
    mediator = testing.staff("mediator_maonan", Role.MEDIATOR, "440902")
    response = _as(api, mediator).post(f"{URL}{maonan_person.pk}/reveal/")
    assert response.status_code == 403
    assert maonan_person.id_number not in response.content.decode()
    assert not _reveals(maonan_person).exists()


@pytest.mark.parametrize("fixture", ["statistician", "clerk_gaozhou", "citizen"])
def test_reveal_out_of_reach_is_refused(request, api, maonan_person, fixture):
    response = _as(api, request.getfixturevalue(fixture)).post(f"{URL}{maonan_person.pk}/reveal/")
    assert response.status_code in (403, 404)
    assert not _reveals(maonan_person).exists()


# --- create and update ----------------------------------------------------------------------


def _payload(**overrides):
    data = {"name": "王五", "id_number": "440902198506150023", "residence_region": testing.MAONAN_TOWN}
    data.update(overrides)
    return data


def test_create_returns_the_masked_record(api, clerk_maonan):
    response = _as(api, clerk_maonan).post(URL, _payload(phone="13812345678", tags=["graduate"]), format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["id_number"] == "440902********0023"
    assert body["gender"] == "F"
    assert body["birth_date"] == "1985-06-15"
    assert body["tags"] == ["graduate"]


def test_create_with_a_bad_identity_number_names_the_field_in_chinese(api, clerk_maonan):
    response = _as(api, clerk_maonan).post(URL, _payload(id_number="440902198506150024"), format="json")
    assert response.status_code == 400
    errors = response.json()["id_number"]
    assert any("校验位" in e and "应为 3" in e for e in errors)
    assert not Person.objects.exists()


def test_create_duplicate_and_out_of_region_are_400(api, clerk_maonan, maonan_person):
    _as(api, clerk_maonan)
    dup = api.post(URL, _payload(id_number=maonan_person.id_number), format="json")
    assert dup.status_code == 400
    assert "已登记" in dup.json()["id_number"][0]
    away = api.post(URL, _payload(residence_region=testing.GAOZHOU_TOWN), format="json")
    assert away.status_code == 400
    assert "residence_region" in away.json()
    assert Person.objects.count() == 1


def test_create_with_missing_fields_is_400(api, clerk_maonan):
    response = _as(api, clerk_maonan).post(URL, {}, format="json")
    assert response.status_code == 400
    assert {"name", "id_number", "residence_region"} <= set(response.json())


def test_create_is_refused_to_a_reader(api, reviewer_maonan):
    assert _as(api, reviewer_maonan).post(URL, _payload(), format="json").status_code == 403
    assert not Person.objects.exists()


def test_partial_update_corrects_the_number(api, clerk_maonan, maonan_person):
    response = _as(api, clerk_maonan).patch(
        f"{URL}{maonan_person.pk}/", {"id_number": "440902198506150023"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["gender"] == "F"
    maonan_person.refresh_from_db()
    assert maonan_person.name == "张三"  # fields not sent are left alone
    assert maonan_person.birth_date.isoformat() == "1985-06-15"


def test_partial_update_leaves_unsent_fields_alone(api, clerk_maonan):
    person = testing.person(name="王五", phone="13812345678", tags=["graduate"], address="油城五路1号")
    _as(api, clerk_maonan).patch(f"{URL}{person.pk}/", {"name": "王五一"}, format="json")
    person.refresh_from_db()
    assert person.name == "王五一"
    assert person.phone == "13812345678"
    assert person.address == "油城五路1号"
    assert list(person.tags.values_list("code", flat=True)) == ["graduate"]


def test_partial_update_of_another_district_is_404(api, clerk_maonan, gaozhou_person):
    response = _as(api, clerk_maonan).patch(f"{URL}{gaozhou_person.pk}/", {"name": "改名"}, format="json")
    assert response.status_code == 404
    gaozhou_person.refresh_from_db()
    assert gaozhou_person.name == "李四"
