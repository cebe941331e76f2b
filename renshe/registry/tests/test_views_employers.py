"""Staff pages for employers and employment relations (renshe.registry.views)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renshe import testing
from renshe.registry import services
from renshe.registry.models import Employer, Employment

pytestmark = pytest.mark.django_db

LIST = reverse("registry:employer_list")


@pytest.fixture
def maonan_employer(db):
    return testing.employer(name="茂南示范厂", contact_phone="13812345678")


@pytest.fixture
def gaozhou_employer(db):
    return testing.employer(name="高州示范厂", region=testing.GAOZHOU_TOWN)


def _detail(employer):
    return reverse("registry:employer_detail", args=[employer.pk])


def test_list_and_detail_are_scoped(client, clerk_maonan, maonan_employer, gaozhou_employer):
    client.force_login(clerk_maonan)
    body = client.get(LIST).content.decode()
    assert "茂南示范厂" in body
    assert "高州示范厂" not in body
    assert client.get(_detail(maonan_employer)).status_code == 200
    assert client.get(_detail(gaozhou_employer)).status_code == 404
    assert client.get(reverse("registry:employer_edit", args=[gaozhou_employer.pk])).status_code == 404


def test_city_admin_sees_both(client, city_admin, maonan_employer, gaozhou_employer):
    client.force_login(city_admin)
    body = client.get(LIST).content.decode()
    assert "茂南示范厂" in body and "高州示范厂" in body
    assert client.get(_detail(gaozhou_employer)).status_code == 200


def test_detail_lists_current_staff_masked(client, clerk_maonan, maonan_employer, maonan_person):
    services.employment_start(
        actor=clerk_maonan,
        person=maonan_person,
        employer=maonan_employer,
        start_date=date(2024, 1, 1),
        contract_type="fixed",
    )
    client.force_login(clerk_maonan)
    body = client.get(_detail(maonan_employer)).content.decode()
    assert maonan_person.id_number not in body
    assert "13812345678" not in body


def _count(client, viewer):
    client.force_login(viewer)
    client.get(LIST)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(LIST).status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_does_not_grow_with_rows(client, clerk_maonan):
    for i in range(5):
        testing.employer(name=f"甲厂{i}")
    few = _count(client, clerk_maonan)
    for i in range(45):
        testing.employer(name=f"乙厂{i}", region="440902002", industry="F")
    many = _count(client, clerk_maonan)
    assert Employer.objects.count() == 50
    assert many == few


@pytest.mark.parametrize("fixture", ["citizen", "employer_user", "auditor", "statistician"])
def test_roles_without_registry_access_are_refused(request, client, maonan_employer, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(LIST).status_code == 403
    assert client.get(_detail(maonan_employer)).status_code == 403


def _form(**overrides):
    data = {
        "credit_code": "91350100M000100Y43",
        "name": "茂名市石化机械有限公司",
        "industry": "C",
        "region": testing.MAONAN_TOWN,
        "size": "medium",
        "ownership": "private",
        "address": "",
        "legal_representative": "",
        "contact_phone": "",
    }
    data.update(overrides)
    return data


def test_clerk_registers_an_employer(client, clerk_maonan):
    client.force_login(clerk_maonan)
    response = client.post(reverse("registry:employer_create"), _form())
    employer = Employer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(employer)


def test_bad_credit_code_shows_on_the_field(client, clerk_maonan):
    client.force_login(clerk_maonan)
    response = client.post(reverse("registry:employer_create"), _form(credit_code="91350100M000100Y44"))
    assert response.status_code == 400
    assert "校验位" in " ".join(response.context["form"].errors["credit_code"])
    assert not Employer.objects.exists()


def test_duplicate_credit_code_shows_on_the_field(client, clerk_maonan, maonan_employer):
    client.force_login(clerk_maonan)
    response = client.post(reverse("registry:employer_create"), _form(credit_code=maonan_employer.credit_code))
    assert response.status_code == 400
    assert "已登记" in " ".join(response.context["form"].errors["credit_code"])


def test_edit_cannot_change_the_credit_code(client, clerk_maonan, maonan_employer):
    client.force_login(clerk_maonan)
    original = maonan_employer.credit_code
    response = client.post(
        reverse("registry:employer_edit", args=[maonan_employer.pk]),
        _form(credit_code="91110108551385082Q", name="茂南示范厂（新）"),
    )
    assert response.status_code == 302
    maonan_employer.refresh_from_db()
    assert maonan_employer.credit_code == original
    assert maonan_employer.name == "茂南示范厂（新）"


def test_employment_start_and_end_through_the_pages(client, clerk_maonan, maonan_employer, maonan_person):
    client.force_login(clerk_maonan)
    response = client.post(
        reverse("registry:employment_start", args=[maonan_person.pk]),
        {"credit_code": maonan_employer.credit_code.lower(), "start_date": "2024-03-01", "contract_type": "fixed"},
    )
    assert response.status_code == 302
    job = Employment.objects.get()
    # Ending before the start is refused with a message and nothing changes.
    client.post(reverse("registry:employment_end", args=[job.pk]), {"end_date": "2024-02-01"})
    job.refresh_from_db()
    assert job.end_date is None
    client.post(reverse("registry:employment_end", args=[job.pk]), {"end_date": "2024-12-31", "reason": "合同期满"})
    job.refresh_from_db()
    assert job.end_date == date(2024, 12, 31)


def test_employment_of_another_district_cannot_be_ended(client, clerk_gaozhou, clerk_maonan, maonan_person):
    job = services.employment_start(
        actor=clerk_maonan,
        person=maonan_person,
        employer=testing.employer(),
        start_date=date(2024, 1, 1),
        contract_type="fixed",
    )
    client.force_login(clerk_gaozhou)
    response = client.post(reverse("registry:employment_end", args=[job.pk]), {"end_date": "2024-12-31"})
    assert response.status_code == 404
    assert client.post(reverse("registry:employment_start", args=[maonan_person.pk]), {}).status_code == 404
    job.refresh_from_db()
    assert job.end_date is None


def test_detail_query_count_does_not_grow_with_staff(client, clerk_maonan, maonan_employer):
    url = _detail(maonan_employer)

    def hire(n):
        for i in range(n):
            services.employment_start(
                actor=clerk_maonan,
                person=testing.person(name=f"工人{i}"),
                employer=maonan_employer,
                start_date=date(2024, 1, 1),
                contract_type="fixed",
            )

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(clerk_maonan)
    hire(2)
    few = count()
    hire(15)
    assert count() == few


def test_person_detail_query_count_does_not_grow_with_history(client, clerk_maonan, maonan_person):
    url = reverse("registry:person_detail", args=[maonan_person.pk])

    def work_at(n):
        for i in range(n):
            job = services.employment_start(
                actor=clerk_maonan,
                person=maonan_person,
                employer=testing.employer(name=f"单位{i}"),
                start_date=date(2020, 1, 1),
                contract_type="fixed",
            )
            services.employment_end(actor=clerk_maonan, employment=job, end_date=date(2020, 6, 30))

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(clerk_maonan)
    work_at(2)
    few = count()
    work_at(10)
    assert count() == few
