"""Pages: who may open what (403 for a citizen on staff pages, 404 across districts and employers),
forms showing bad input, and the public pages without personal data."""

from datetime import date

import pytest
from django.urls import reverse

from renshe import testing
from renshe.accounts.models import Role
from renshe.labour.contracts import services_blacklist, services_contracts
from renshe.labour.contracts.models import LabourContract
from renshe.labour.contracts.tests.support import TERMS, employer_with_staff, inspector, row, xlsx

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["contract_list", "signing_rate", "licence_list", "rating_list", "blacklist"]


@pytest.fixture
def contract():
    user, people = employer_with_staff()
    return services_contracts.contract_register(actor=user, id_number=people[0].id_number, **TERMS)


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_a_citizen_gets_403_on_staff_pages(client, citizen, name):
    client.force_login(citizen)
    assert client.get(reverse(f"contracts:{name}")).status_code == 403


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_the_city_administrator_opens_every_staff_page(client, city_admin, name):
    client.force_login(city_admin)
    assert client.get(reverse(f"contracts:{name}")).status_code == 200


def test_staff_list_masks_identity_numbers(client, clerk_maonan, contract):
    client.force_login(clerk_maonan)
    page = client.get(reverse("contracts:contract_list")).content.decode()
    assert contract.person.id_number not in page
    assert contract.masked_id_number in page
    assert client.get(reverse("contracts:contract_detail", args=[contract.pk])).status_code == 200


def test_staff_of_another_district_get_404(client, clerk_gaozhou, contract):
    client.force_login(clerk_gaozhou)
    assert client.get(reverse("contracts:contract_detail", args=[contract.pk])).status_code == 404
    assert contract.employer.name not in client.get(reverse("contracts:contract_list")).content.decode()


def test_an_employer_gets_404_on_another_employers_contract(client, contract):
    rival, _people = employer_with_staff("employer_rival", name="另一家有限公司")
    client.force_login(rival)
    url = reverse("contracts:my_contract", args=[contract.pk])
    assert client.get(url).status_code == 404
    response = client.post(url, {"action": "terminate", "terminated_on": "2026-01-01", "reason": "x"})
    assert response.status_code == 404
    contract.refresh_from_db()
    assert contract.status == "active"


def test_staff_pages_refuse_employers_and_employer_pages_refuse_staff(client, clerk_maonan, contract):
    user = contract.created_by
    client.force_login(user)
    assert client.get(reverse("contracts:contract_list")).status_code == 403
    client.force_login(clerk_maonan)
    assert client.get(reverse("contracts:my_contracts")).status_code == 403


def test_employer_files_a_contract_and_sees_the_wage_error(client):
    user, people = employer_with_staff()
    client.force_login(user)
    form = {**TERMS, "id_number": people[1].id_number, "monthly_wage": "1500", "end_date": "2028-02-29"}
    response = client.post(reverse("contracts:my_contracts"), form)
    assert response.status_code == 400 and "最低工资标准" in response.content.decode()
    response = client.post(reverse("contracts:my_contracts"), {**form, "monthly_wage": "3000"})
    assert response.status_code == 302
    assert LabourContract.objects.filter(person=people[1]).exists()


def test_import_page_reports_the_bad_row(client):
    user, people = employer_with_staff(n=2)
    client.force_login(user)
    data = xlsx([row(people[0].id_number), row(people[1].id_number, end_date="2024-01-01")])
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("c.xlsx", data)
    response = client.post(reverse("contracts:my_import"), {"file": upload, "mode": "good_only"})
    page = response.content.decode()
    assert response.status_code == 200 and "终止日期不能早于起始日期" in page
    assert LabourContract.objects.count() == 1
    assert client.get(reverse("contracts:import_template")).status_code == 200


def test_licence_application_page_refuses_low_capital(client, employer_user):
    client.force_login(employer_user)
    response = client.post(
        reverse("contracts:my_licences"),
        {
            "action": "apply",
            "registered_capital": "100",
            "premises_address": "x路1号",
            "premises_area": "50",
            "rules_summary": "劳动合同、工资支付、社会保险制度",
        },
    )
    assert response.status_code == 400 and "第五十七条" in response.content.decode()


def test_public_blacklist_shows_no_personal_data(client, employer_user):
    staff = testing.staff("admin_city", Role.ADMIN, "440900")
    entry = services_blacklist.blacklist_propose(
        actor=staff,
        employer=employer_user.employer,
        ground="arrears",
        facts="拖欠张三等12人工资",
        arrears_amount="50000",
        order_date=date(2025, 9, 1),
        today=date(2025, 9, 30),
    )
    page = client.get(reverse("contracts:public_blacklist")).content.decode()
    assert employer_user.employer.name not in page  # only notified: not public yet
    services_blacklist.blacklist_list(actor=staff, entry=entry, today=date(2025, 10, 15))
    page = client.get(reverse("contracts:public_blacklist")).content.decode()
    assert employer_user.employer.name in page and employer_user.employer.credit_code in page
    assert "张三" not in page and "50000" not in page  # facts and amounts stay with the bureau
    for name in ("public_licences", "public_credit"):
        assert client.get(reverse(f"contracts:{name}")).status_code == 200


def test_rating_page_runs_and_adjusts(client):
    employer = testing.employer(name="甲公司")
    staff = inspector()
    client.force_login(staff)
    response = client.post(reverse("contracts:rating_list"), {"action": "run", "year": "2025"})
    assert response.status_code == 302
    from renshe.labour.contracts.models import CreditRating

    rating = CreditRating.objects.get(employer=employer, year=2025)
    response = client.post(reverse("contracts:rating_detail", args=[rating.pk]), {"grade": "C", "reason": ""})
    assert response.status_code == 400
    client.post(reverse("contracts:rating_detail", args=[rating.pk]), {"grade": "C", "reason": "拒不整改，经复核调整"})
    rating.refresh_from_db()
    assert rating.grade == "C" and rating.adjusted


def test_a_statistician_sees_ratings_but_cannot_run_them(client, statistician):
    client.force_login(statistician)
    assert client.get(reverse("contracts:rating_list")).status_code == 200
    assert client.post(reverse("contracts:rating_list"), {"action": "run", "year": "2025"}).status_code == 403


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up: the session and permission caches are filled by the first request
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_pages_do_not_grow_queries_with_rows(client, clerk_maonan):
    user, people = employer_with_staff(n=5)
    services_contracts.contract_register(actor=user, id_number=people[0].id_number, **TERMS)
    client.force_login(clerk_maonan)
    url = reverse("contracts:contract_list")
    one = _queries(client, url)
    for person in people[1:]:
        services_contracts.contract_register(actor=user, id_number=person.id_number, **TERMS)
    assert _queries(client, url) == one


def test_licence_decided_on_its_page_and_hidden_from_another_district(client, employer_user, reviewer_maonan):
    from renshe.labour.contracts import services_licences

    licence = services_licences.licence_apply(
        actor=employer_user,
        registered_capital="300",
        premises_address="x路1号",
        premises_area="60",
        rules_summary="劳动合同、工资支付、社会保险制度",
    )
    url = reverse("contracts:licence_detail", args=[licence.pk])
    client.force_login(testing.staff("reviewer_gaozhou", Role.REVIEWER, "440981"))
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "approve", "version": "0"}).status_code == 404
    client.force_login(reviewer_maonan)
    assert client.post(url, {"action": "approve", "version": "0"}).status_code == 302
    licence.refresh_from_db()
    assert licence.status == "valid" and licence.number
    assert licence.number in client.get(reverse("contracts:public_licences")).content.decode()
    client.force_login(employer_user)
    assert licence.number in client.get(reverse("contracts:my_licences")).content.decode()


def test_blacklist_pages_by_region_and_the_employers_own(client, employer_user):
    staff = inspector("inspector_maonan", "440902")
    entry = services_blacklist.blacklist_propose(
        actor=staff,
        employer=employer_user.employer,
        ground="arrears",
        facts="拖欠工资",
        arrears_amount="50000",
        order_date=date(2025, 9, 1),
        today=date(2025, 9, 30),
    )
    url = reverse("contracts:blacklist_detail", args=[entry.pk])
    client.force_login(inspector("inspector_gz", "440981"))
    assert client.get(url).status_code == 404
    assert client.post(reverse("contracts:blacklist_act", args=[entry.pk]), {"action": "list"}).status_code == 404
    client.force_login(staff)
    assert client.get(url).status_code == 200
    client.post(reverse("contracts:blacklist_act", args=[entry.pk]), {"action": "list", "version": "0"})
    entry.refresh_from_db()
    assert entry.status == "listed"  # the statement period of a 2025 notice is long over
    client.force_login(employer_user)
    page = client.get(reverse("contracts:my_blacklist")).content.decode()
    assert "已列入" in page and "申请提前移出" in page
    rival = testing.employer_user("employer_rival", name="另一家公司")
    client.force_login(rival)
    assert client.post(reverse("contracts:my_blacklist_apply", args=[entry.pk]), {"reason": "x"}).status_code == 404
