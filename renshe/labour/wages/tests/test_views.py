"""Pages: the board scoped by region, warning actions, the contractor's own projects only, payroll filing,
bank-file import and partners — each with the 404/403 of another district or another employer."""

import pytest

from renshe import testing
from renshe.accounts.models import Role
from renshe.accounts.services import user_create
from renshe.labour.wages.models import BankTransaction, Partner, Payroll, WageWarning
from renshe.labour.wages.services_warnings import wage_warnings_evaluate
from renshe.labour.wages.tests.wages_testing import TODAY, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspector(db):
    return testing.staff("inspector_mn", Role.INSPECTOR, "440902")


@pytest.fixture
def warnings_two_districts(db):
    mn, gz = build("W3"), build("W3", region=testing.GAOZHOU_TOWN)
    wage_warnings_evaluate(today=TODAY)
    return WageWarning.objects.get(project=mn), WageWarning.objects.get(project=gz)


def test_board_shows_only_the_inspectors_district(client, inspector, warnings_two_districts):
    mine, other = warnings_two_districts
    client.force_login(inspector)
    page = client.get("/labour/wages/board/")
    assert page.status_code == 200
    assert mine.project.name in page.content.decode() and other.project.name not in page.content.decode()
    assert client.get(f"/labour/wages/warnings/{other.pk}/").status_code == 404
    assert (
        client.post(f"/labour/wages/warnings/{other.pk}/act/", {"action": "close", "comment": "x"}).status_code == 404
    )
    assert client.get(f"/labour/wages/projects/{other.project_id}/").status_code == 404
    assert client.get("/labour/wages/board/?level=red&rule=W3").status_code == 200


def test_close_without_a_reason_is_refused_then_with_one_it_closes(client, inspector, warnings_two_districts):
    mine, _ = warnings_two_districts
    client.force_login(inspector)
    page = client.post(f"/labour/wages/warnings/{mine.pk}/act/", {"action": "close", "comment": ""}, follow=True)
    assert "关闭预警须填写原因" in page.content.decode()
    mine.refresh_from_db()
    assert mine.status == "open"
    client.post(f"/labour/wages/warnings/{mine.pk}/act/", {"action": "close", "comment": "已全额补发"})
    mine.refresh_from_db()
    assert (mine.status, mine.close_reason) == ("closed", "已全额补发")


def test_a_citizen_or_employer_cannot_see_the_board(client, warnings_two_districts):
    client.force_login(testing.employer_user("e_x"))
    assert client.get("/labour/wages/board/").status_code == 403


def test_an_employer_acting_on_another_employers_project_gets_404(client):
    project = build()
    client.force_login(testing.employer_user("intruder"))
    assert client.get(f"/labour/wages/my/{project.pk}/").status_code == 404
    assert client.post(f"/labour/wages/my/{project.pk}/workers/", {"id_number": "x"}).status_code == 404
    assert client.get(f"/labour/wages/my/{project.pk}/payroll/?month=2026-02").status_code == 404
    payroll = project.payrolls.first()
    assert client.get(f"/labour/wages/my/payrolls/{payroll.pk}/").status_code == 404


def test_contractor_registers_a_project_and_files_a_payroll(client):
    owner = testing.employer_user("owner_1")
    client.force_login(owner)
    data = {
        "name": "茂南区站前路改造工程",
        "region": testing.MAONAN_TOWN,
        "contract_sum": "5000000",
        "contract_signed_on": "2025-12-01",
        "start_on": "2025-12-10",
        "end_on": "2025-11-01",
        "pay_day": "15",
        "transfer_cycle_days": "30",
        "labour_share": "20",
    }
    bad = client.post("/labour/wages/my/new/", data)
    assert bad.status_code == 400 and "计划竣工日期不能早于开工日期" in bad.content.decode()
    page = client.post("/labour/wages/my/new/", data | {"end_on": "2026-12-31"})
    assert page.status_code == 302
    pk = int(page["Location"].rstrip("/").split("/")[-1])
    person = testing.person(name="孙八")
    assert (
        client.post(
            f"/labour/wages/my/{pk}/workers/",
            {"id_number": person.id_number, "joined_on": "2025-12-10", "registered": "on", "contract_signed": "on"},
        ).status_code
        == 302
    )
    from renshe.labour.wages.models import ProjectWorker

    w = ProjectWorker.objects.get(project_id=pk)
    neg = client.post(
        f"/labour/wages/my/{pk}/payroll/",
        {"month": "2026-01", f"days_{w.pk}": "20", f"due_{w.pk}": "-1", f"paid_{w.pk}": "0"},
    )
    assert neg.status_code == 400 and "金额不能为负数" in neg.content.decode()
    ok = client.post(
        f"/labour/wages/my/{pk}/payroll/",
        {"month": "2026-01", f"days_{w.pk}": "20", f"due_{w.pk}": "6000", f"paid_{w.pk}": "6000"},
    )
    assert ok.status_code == 302
    assert Payroll.objects.get(project_id=pk).status == "submitted"
    me = user_create(
        actor=None, username="sun8", password=testing.PASSWORD, role=Role.CITIZEN, person=person, display_name="孙八"
    )
    client.force_login(me)
    line = Payroll.objects.get(project_id=pk).lines.get()
    assert "6000" in client.get("/labour/wages/me/").content.decode()
    client.post(f"/labour/wages/me/lines/{line.pk}/confirm/")
    line.refresh_from_db()
    assert line.signature == "phone"
    other = testing.citizen("other_c", name="周九")
    client.force_login(other)
    assert client.post(f"/labour/wages/me/lines/{line.pk}/confirm/").status_code == 404


def test_bank_file_page_reports_bad_lines(client, inspector):
    project = build()
    client.force_login(inspector)
    acct = project.account.number
    content = (
        "银行流水号,专用账户账号,类型,金额,交易日期,收款人身份证号码,收款卡号\n"
        f"Z1,{acct},credit,-3,2026-03-19,,\nZ2,{acct},credit,100,2026-03-19,,\n"
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = client.post(
        "/labour/wages/accounts/", {"file": SimpleUploadedFile("bank.csv", content.encode(), "text/csv")}
    )
    assert page.status_code == 400 and "第 2 行：金额必须为正数：-3" in page.content.decode()
    assert not BankTransaction.objects.filter(bank_txn_id__startswith="Z").exists()


def test_admin_creates_a_partner_and_sees_the_token_once(client):
    admin = testing.staff("admin_city", Role.ADMIN, "440900")
    client.force_login(admin)
    page = client.post(
        "/labour/wages/partners/", {"name": "农业银行茂名分行", "kind": "bank", "scopes": ["bank:write"]}
    )
    partner = Partner.objects.get()
    assert page.status_code == 200 and partner.token_prefix in page.content.decode()
    assert partner.token_prefix not in client.get("/labour/wages/partners/").content.decode().split("partner-table")[0]
    client.force_login(testing.staff("insp2", Role.INSPECTOR, "440902"))
    assert client.get("/labour/wages/partners/").status_code == 403


def test_contractor_enters_a_day_of_attendance(client):
    owner = testing.employer_user("owner_att")
    project = build(employer=owner.employer)
    worker = project.workers.first()
    client.force_login(owner)
    assert client.get(f"/labour/wages/my/{project.pk}/").status_code == 200
    page = client.post(f"/labour/wages/my/{project.pk}/attendance/day/", {"worker": worker.pk, "day": "2026-03-02"})
    assert page.status_code == 302
    assert worker.attendance.filter(day="2026-03-02").exists()
    early = client.post(f"/labour/wages/my/{project.pk}/attendance/day/", {"worker": worker.pk, "day": "2020-01-01"})
    assert early.status_code == 400 and "日期不在该工人进场后至今的范围内" in early.content.decode()


def test_list_pages_do_not_query_per_row(client, inspector, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    build("W3")
    wage_warnings_evaluate(today=TODAY)
    client.force_login(inspector)
    counts = {}
    for url in ("/labour/wages/board/", "/labour/wages/projects/", "/labour/wages/accounts/"):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts[url] = len(ctx)
    for _i in range(3):
        build("W3")
        build("W8")
    wage_warnings_evaluate(today=TODAY)
    for url, n in counts.items():
        with django_assert_max_num_queries(n):
            client.get(url)
