"""Staff pages for people: list, detail, create, edit (renshe.registry.views)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renshe import testing
from renshe.accounts.models import Role
from renshe.audit.models import AuditEntry
from renshe.registry.models import Person

pytestmark = pytest.mark.django_db

LIST = reverse("registry:person_list")


def _detail(person):
    return reverse("registry:person_detail", args=[person.pk])


def test_list_shows_own_district_masked(client, clerk_maonan, gaozhou_person):
    person = testing.person(name="王五", phone="13812345678")
    client.force_login(clerk_maonan)
    body = client.get(LIST).content.decode()
    assert "王五" in body
    assert person.masked_id_number in body
    assert person.id_number not in body
    assert "138****5678" in body
    assert "13812345678" not in body
    assert "李四" not in body
    assert gaozhou_person.masked_id_number not in body


def test_list_filtered_to_a_sibling_district_stays_empty(client, clerk_maonan, gaozhou_person):
    client.force_login(clerk_maonan)
    for params in ({"region": "440981"}, {"q": gaozhou_person.id_number}, {"q": "ls"}):
        body = client.get(LIST, params).content.decode()
        assert "李四" not in body


def test_htmx_request_gets_only_the_rows(client, clerk_maonan, maonan_person):
    client.force_login(clerk_maonan)
    response = client.get(LIST, {"q": "zs"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "张三" in body
    assert "<html" not in body


def test_city_admin_list_covers_all_districts(client, city_admin, maonan_person, gaozhou_person):
    testing.person(name="电白人", region="440904001")
    client.force_login(city_admin)
    body = client.get(LIST).content.decode()
    for name in ("张三", "李四", "电白人"):
        assert name in body


def test_detail_is_404_for_another_district_and_for_missing(client, clerk_maonan, maonan_person, gaozhou_person):
    client.force_login(clerk_maonan)
    assert client.get(_detail(maonan_person)).status_code == 200
    assert client.get(_detail(gaozhou_person)).status_code == 404
    assert client.get(reverse("registry:person_detail", args=[987654])).status_code == 404


def test_detail_masks_the_identity_number(client, clerk_maonan, maonan_person):
    client.force_login(clerk_maonan)
    body = client.get(_detail(maonan_person)).content.decode()
    assert maonan_person.masked_id_number in body
    assert maonan_person.id_number not in body


def _rows_query_count(client, viewer) -> int:
    client.force_login(viewer)
    client.get(LIST)  # warm per-process caches (content types, permissions)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(LIST)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow_with_rows(client, clerk_maonan):
    for i in range(5):
        testing.person(name=f"甲{i}", tags=["graduate"], education="21")
    few = _rows_query_count(client, clerk_maonan)
    for i in range(45):
        testing.person(name=f"乙{i}", region="440902002", tags=["veteran"])
    many = _rows_query_count(client, clerk_maonan)
    assert Person.objects.count() == 50
    assert many == few


@pytest.mark.parametrize("viewer", ["clerk_maonan", "city_admin"])
def test_list_query_count_is_bounded(request, client, viewer, django_assert_max_num_queries):
    # The town filter lists every town of the viewer's region (127 for the city): not a query each.
    for i in range(25):
        testing.person(name=f"丙{i}")
    client.force_login(request.getfixturevalue(viewer))
    client.get(LIST)
    with django_assert_max_num_queries(12):
        client.get(LIST)


@pytest.mark.parametrize(
    ("fixture", "status"),
    [("citizen", 403), ("employer_user", 403), ("auditor", 403), ("statistician", 403)],
)
def test_roles_without_registry_access_are_refused(request, client, maonan_person, fixture, status):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(LIST).status_code == status
    assert client.get(_detail(maonan_person)).status_code in (403, 404)
    assert client.get(reverse("registry:person_create")).status_code == 403


def test_anonymous_is_sent_to_login(client, maonan_person):
    response = client.get(_detail(maonan_person))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# --- create and edit ------------------------------------------------------------------------


def _form(**overrides):
    data = {
        "name": "王五",
        "id_number": "440902198506150023",
        "phone": "13812345678",
        "residence_region": testing.MAONAN_TOWN,
        "address": "",
        "household_region": "",
        "household_address": "",
        "education": "",
    }
    data.update(overrides)
    return data


def test_clerk_registers_a_person_through_the_form(client, clerk_maonan):
    client.force_login(clerk_maonan)
    response = client.post(reverse("registry:person_create"), _form())
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(person)
    assert person.gender == "F"


def test_form_shows_the_service_error_on_the_field(client, clerk_maonan):
    client.force_login(clerk_maonan)
    response = client.post(reverse("registry:person_create"), _form(id_number="440902198506150024"))
    assert response.status_code == 400
    assert "校验位" in " ".join(response.context["form"].errors["id_number"])
    assert not Person.objects.exists()


def test_form_refuses_a_town_of_another_district(client, clerk_maonan):
    client.force_login(clerk_maonan)
    response = client.post(reverse("registry:person_create"), _form(residence_region=testing.GAOZHOU_TOWN))
    assert response.status_code == 400
    assert "residence_region" in response.context["form"].errors
    assert not Person.objects.exists()


def test_edit_corrects_the_identity_number(client, clerk_maonan, maonan_person):
    client.force_login(clerk_maonan)
    corrected = "440902198506150023"
    response = client.post(
        reverse("registry:person_edit", args=[maonan_person.pk]),
        _form(name=maonan_person.name, id_number=corrected, phone=""),
    )
    assert response.status_code == 302
    maonan_person.refresh_from_db()
    assert (maonan_person.id_number, maonan_person.gender) == (corrected, "F")
    entry = AuditEntry.objects.get(object_type="registry.person", object_id=str(maonan_person.pk), action="update")
    assert entry.changes["id_number"][1] == corrected


def test_edit_of_another_district_is_404(client, clerk_maonan, gaozhou_person):
    client.force_login(clerk_maonan)
    assert client.get(reverse("registry:person_edit", args=[gaozhou_person.pk])).status_code == 404
    response = client.post(reverse("registry:person_edit", args=[gaozhou_person.pk]), _form(name="改名"))
    assert response.status_code == 404
    gaozhou_person.refresh_from_db()
    assert gaozhou_person.name == "李四"


def test_a_reviewer_may_read_but_not_edit(client, reviewer_maonan, maonan_person):
    client.force_login(reviewer_maonan)
    assert client.get(_detail(maonan_person)).status_code == 200
    assert client.get(reverse("registry:person_edit", args=[maonan_person.pk])).status_code == 403


def test_a_town_clerk_cannot_see_the_neighbouring_town(client):
    hexi = testing.person(name="河西人", region="440902002")
    clerk = testing.staff("clerk_hongqi", Role.CLERK, "440902001")
    client.force_login(clerk)
    assert client.get(_detail(hexi)).status_code == 404
