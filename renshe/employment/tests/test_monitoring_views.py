"""Monitoring, employment registration, loan and incubation pages: render, scope, permissions, writes."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from renshe.employment import enterprise, monitoring
from renshe.employment.models import EmploymentRegistration, HeadcountReport, IncubationBase, MonitoredEmployer
from renshe.employment.tests import assistance_testing as at

PAGES = [
    "employment:monitoring_registrations",
    "employment:monitoring_home",
    "employment:monitoring_trends",
    "employment:statistics",
    "employment:loan_list",
    "employment:incubation_list",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_pages_render_for_the_clerk(client, clerk_maonan, name):
    client.force_login(clerk_maonan)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_public_users_are_refused(client, citizen, name):
    client.force_login(citizen)
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.django_db
def test_window_employment_registration(client, clerk_maonan, maonan_person):
    company = at.employer("窗口登记有限公司")
    client.force_login(clerk_maonan)
    url = reverse("employment:monitoring_registrations")
    response = client.post(
        url,
        {
            "id_number": maonan_person.id_number,
            "credit_code": company.credit_code,
            "start_date": str(timezone.localdate()),
            "contract_type": "fixed",
        },
    )
    assert response.status_code == 302
    assert EmploymentRegistration.objects.get(person=maonan_person).source == "window"
    bad = client.post(
        url,
        {
            "id_number": maonan_person.id_number,
            "credit_code": "91440902MA00000000",
            "start_date": str(timezone.localdate()),
            "contract_type": "fixed",
        },
    )
    assert bad.status_code == 400 and "尚未登记" in bad.content.decode()


@pytest.mark.django_db
def test_monitoring_add_report_and_other_region(client, clerk_maonan, clerk_gaozhou):
    company = at.employer("监测样本有限公司")
    client.force_login(clerk_maonan)
    response = client.post(
        reverse("employment:monitoring_home"), {"credit_code": company.credit_code, "since": "2025-01-01"}
    )
    monitored = MonitoredEmployer.objects.get(employer=company)
    assert response.status_code == 302
    page = reverse("employment:monitoring_employer", args=[monitored.pk])
    assert client.post(page, {"month": "2025-01", "headcount": "100", "hired": "0", "left": "0"}).status_code == 302
    response = client.post(page, {"month": "2025-02", "headcount": "90", "hired": "0", "left": "10"})
    assert response.status_code == 302
    assert "规模性裁员预警" in client.get(page).content.decode()
    client.force_login(clerk_gaozhou)
    assert client.get(page).status_code == 404
    gaozhou = client.post(
        reverse("employment:monitoring_home"), {"credit_code": company.credit_code, "since": "2025-01-01"}
    )
    assert gaozhou.status_code == 400


@pytest.mark.django_db
def test_employer_reports_its_own_month(client, clerk_maonan, employer_user):
    url = reverse("employment:monitoring_my_report")
    client.force_login(employer_user)
    assert "不在就业失业动态监测样本中" in client.get(url).content.decode()
    monitoring.monitored_employer_add(actor=clerk_maonan, employer=employer_user.employer)
    response = client.post(url, {"month": "2025-05", "headcount": "12", "hired": "2", "left": "1"})
    assert response.status_code == 302
    assert HeadcountReport.objects.get().reported_by == employer_user
    again = client.post(url, {"month": "2025-05", "headcount": "12", "hired": "0", "left": "0"})
    assert again.status_code == 400 and "已报送" in again.content.decode()


@pytest.mark.django_db
def test_staff_pages_refuse_employers_and_my_report_refuses_staff(client, employer_user, clerk_maonan):
    client.force_login(employer_user)
    assert client.get(reverse("employment:monitoring_home")).status_code == 403
    client.force_login(clerk_maonan)
    assert client.get(reverse("employment:monitoring_my_report")).status_code == 403


@pytest.mark.django_db
def test_incubation_pages(client, clerk_maonan, clerk_gaozhou):
    operator = at.employer("孵化运营有限公司")
    client.force_login(clerk_maonan)
    response = client.post(
        reverse("employment:incubation_list"),
        {"name": "茂南创业园", "credit_code": operator.credit_code, "region": "440902001", "capacity": "10"},
    )
    assert response.status_code == 302
    base = IncubationBase.objects.get()
    url = reverse("employment:incubation_base", args=[base.pk])
    tenant = at.employer("入驻初创有限公司")
    response = client.post(
        url, {"op": "tenant", "credit_code": tenant.credit_code, "since": "2025-03-01", "jobs_created": "3"}
    )
    assert response.status_code == 302 and base.tenants.get().jobs_created == 3
    assert "入驻初创有限公司" in client.get(url).content.decode()
    client.force_login(clerk_gaozhou)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_loan_page(client, clerk_maonan, reviewer_maonan, clerk_gaozhou):
    from renshe.employment.tests.test_enterprise_loans import _approved

    case = _approved(clerk_maonan, reviewer_maonan)
    loan = case.guarantee_loan
    client.force_login(clerk_maonan)
    url = reverse("employment:loan_detail", args=[loan.pk])
    assert "1.500%" in client.get(url).content.decode()
    bad = client.post(url, {"op": "disburse", "bank": "茂名农商银行", "annual_rate": "3.9"})
    assert bad.status_code == 400 and "超过上限" in bad.content.decode()
    assert client.post(url, {"op": "disburse", "bank": "茂名农商银行", "annual_rate": "3.1"}).status_code == 302
    loan.refresh_from_db()
    assert (
        loan.status == "disbursed"
        and loan.subsidy_rate
        == enterprise.rules.loan_terms(
            loan.amount,
            "individual",
            "veteran",
            loan.lpr,
            loan.annual_rate,
            date(2025, 1, 1),
            rule=enterprise.loan_rule(date(2025, 1, 1)),
        ).subsidy_rate
    )
    client.force_login(clerk_gaozhou)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_pages_with_data_render(client, clerk_maonan, reviewer_maonan, employer_user):
    from renshe.employment.tests.test_enterprise_loans import _approved

    monitored = monitoring.monitored_employer_add(actor=clerk_maonan, employer=employer_user.employer)
    this_month = timezone.localdate().replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    monitoring.headcount_report_file(actor=employer_user, monitored=monitored, month=last_month, headcount=50)
    monitoring.headcount_report_file(actor=employer_user, monitored=monitored, month=this_month, headcount=30)
    _approved(clerk_maonan, reviewer_maonan)
    client.force_login(clerk_maonan)
    for url, text in [
        (reverse("employment:monitoring_home"), "待处置的规模性裁员预警"),
        (reverse("employment:monitoring_employer", args=[monitored.pk]), "规模性裁员预警"),
        (reverse("employment:monitoring_trends"), "茂南区"),
        (reverse("employment:loan_list"), "冯军"),
        (reverse("employment:monitoring_registrations"), "就业登记"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url
    client.force_login(employer_user)
    assert "30" in client.get(reverse("employment:monitoring_my_report")).content.decode()
