"""Staff pages: announcing and running fairs, booth approval, results and the Excel export."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from renshe import testing
from renshe.accounts.models import Role
from renshe.audit.models import AuditEntry
from renshe.employment import services_fairs as services
from renshe.employment.models import Booth, JobFair
from renshe.employment.tests import fairs_testing as ft

pytestmark = pytest.mark.django_db

LIST = "/employment/fairs/manage/"
NEW = "/employment/fairs/manage/new/"


def _manage(fair) -> str:
    return f"/employment/fairs/manage/{fair.pk}/"


def _form(**overrides) -> dict:
    starts = timezone.localtime() + timedelta(days=7)
    data = {
        "title": "2026年退役军人专场招聘会",
        "theme": "veterans",
        "mode": "hybrid",
        "region": "440902001",
        "venue": "红旗街道退役军人服务站",
        "starts_at": starts.strftime("%Y-%m-%dT09:00"),
        "ends_at": starts.strftime("%Y-%m-%dT12:00"),
        "booth_count": "30",
        "description": "",
    }
    data.update(overrides)
    return data


def test_menu_shows_the_fair_pages_to_those_who_may_use_them(client, reviewer_maonan, clerk_maonan):
    client.force_login(reviewer_maonan)
    page = client.get("/workbench/").content.decode()
    assert "就业服务" in page and "招聘会管理" in page and "招聘会入场核验" not in page
    client.force_login(clerk_maonan)
    page = client.get("/workbench/").content.decode()
    assert "招聘会入场核验" in page and "招聘会管理" not in page


def test_announce_through_the_form(client, reviewer_maonan):
    client.force_login(reviewer_maonan)
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, _form())
    fair = JobFair.objects.get()
    assert response.status_code == 302 and response["Location"] == _manage(fair)
    assert (fair.status, fair.theme, fair.region_id, fair.booth_count) == ("draft", "veterans", "440902001", 30)
    assert timezone.localtime(fair.starts_at).hour == 9


def test_announce_bad_input_shows_the_field(client, reviewer_maonan):
    client.force_login(reviewer_maonan)
    response = client.post(NEW, _form(venue="", ends_at=_form()["starts_at"]))
    page = response.content.decode()
    assert response.status_code == 400
    assert 'data-field-error="venue"' in page and 'data-field-error="ends_at"' in page
    assert not JobFair.objects.exists()


def test_announce_in_another_region_is_refused(client, reviewer_maonan):
    client.force_login(reviewer_maonan)
    response = client.post(NEW, _form(region="440981002"))
    assert response.status_code == 400
    assert not JobFair.objects.exists()


@pytest.mark.parametrize("who", ["citizen", "employer_user", "clerk_maonan", "auditor"])
def test_manage_pages_need_the_permission(request, client, reviewer_maonan, who):
    fair = ft.fair(reviewer_maonan)
    client.force_login(request.getfixturevalue(who))
    assert client.get(LIST).status_code == 403
    assert client.get(NEW).status_code == 403
    assert client.get(_manage(fair)).status_code == 403
    assert client.post(f"{_manage(fair)}transition/", {"action": "close"}).status_code == 403


def test_another_regions_fair_is_not_found(client, reviewer_maonan):
    fair = ft.fair(reviewer_maonan)
    other = testing.staff("reviewer_gaozhou", Role.REVIEWER, "440981")
    client.force_login(other)
    assert fair.title not in client.get(LIST).content.decode()
    assert client.get(_manage(fair)).status_code == 404
    assert client.get(f"{_manage(fair)}export/").status_code == 404
    assert client.post(f"{_manage(fair)}transition/", {"action": "close"}).status_code == 404


def test_open_and_cancel_from_the_page(client, reviewer_maonan):
    fair = ft.fair(reviewer_maonan, status="draft")
    client.force_login(reviewer_maonan)
    assert "发布并开放报名" in client.get(_manage(fair)).content.decode()
    client.post(f"{_manage(fair)}transition/", {"action": "open"})
    fair.refresh_from_db()
    assert fair.status == "open"
    response = client.post(f"{_manage(fair)}transition/", {"action": "cancel", "comment": ""}, follow=True)
    assert "请填写取消招聘会的原因" in response.content.decode()
    fair.refresh_from_db()
    assert fair.status == "open"


def test_edit_a_fair(client, reviewer_maonan):
    fair = ft.fair(reviewer_maonan, status="draft")
    client.force_login(reviewer_maonan)
    assert client.get(f"{_manage(fair)}edit/").status_code == 200
    response = client.post(f"{_manage(fair)}edit/", _form(title="改过的名称"))
    assert response.status_code == 302
    fair.refresh_from_db()
    assert fair.title == "改过的名称"


def test_approve_and_reject_booths(client, reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan, booth_count=2)
    booth = services.booth_book(actor=employer_user, fair=fair, jobs=[ft.job(employer_user.employer)])
    second = ft.employer_account("employer_b", "第二家公司")
    rejected = services.booth_book(actor=second, fair=fair, jobs=[ft.job(second.employer)])
    client.force_login(reviewer_maonan)
    page = client.get(_manage(fair)).content.decode()
    assert employer_user.employer.name in page and 'value="1"' in page

    response = client.post(f"/employment/fairs/manage/booths/{booth.pk}/approve/", {"number": "3"}, follow=True)
    assert "超出本场展位数（共 2 个）" in response.content.decode()
    booth.refresh_from_db()
    assert booth.status == Booth.Status.REQUESTED

    client.post(f"/employment/fairs/manage/booths/{booth.pk}/approve/", {"number": "2"})
    booth.refresh_from_db()
    assert (booth.status, booth.number) == (Booth.Status.APPROVED, "002")

    client.post(f"/employment/fairs/manage/booths/{rejected.pk}/reject/", {"reason": "资料不全"})
    rejected.refresh_from_db()
    assert (rejected.status, rejected.note) == (Booth.Status.REJECTED, "资料不全")


def test_citizen_cannot_approve_booths(client, reviewer_maonan, employer_user, citizen):
    fair = ft.fair(reviewer_maonan)
    booth = services.booth_book(actor=employer_user, fair=fair, jobs=[ft.job(employer_user.employer)])
    for user in (citizen, employer_user):
        client.force_login(user)
        assert client.post(f"/employment/fairs/manage/booths/{booth.pk}/approve/", {"number": "1"}).status_code == 403
        assert client.post(f"/employment/fairs/manage/booths/{booth.pk}/reject/", {"reason": "x"}).status_code == 403
    booth.refresh_from_db()
    assert booth.status == Booth.Status.REQUESTED


def test_reviewer_of_another_region_cannot_approve(client, reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan)
    booth = services.booth_book(actor=employer_user, fair=fair, jobs=[ft.job(employer_user.employer)])
    client.force_login(testing.staff("reviewer_gaozhou", Role.REVIEWER, "440981"))
    assert client.post(f"/employment/fairs/manage/booths/{booth.pk}/approve/", {"number": "1"}).status_code == 404


def test_results_and_excel_export(client, reviewer_maonan, employer_user, citizen):
    fair = ft.fair(reviewer_maonan)
    booth = ft.approved_booth(employer_user, fair, reviewer_maonan)
    registration = ft.signed_up(citizen, fair)
    services.fair_outcome_record(actor=employer_user, booth=booth, registration=registration, kind="intention")
    client.force_login(reviewer_maonan)
    page = client.get(_manage(fair)).content.decode()
    assert 'data-testid="intentions">1<' in page
    response = client.get(f"{_manage(fair)}export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:5] == ("展位号", "用人单位", "求职者", "岗位", "结果")
    assert rows[1][1] == employer_user.employer.name
    assert rows[1][2] == citizen.person.masked_name  # masked: never the full name
    assert rows[1][4] == "达成就业意向"
    assert ("达成就业意向人数", 1) in {(r[0], r[1]) for r in rows}
    assert AuditEntry.objects.filter(action="export", object_type="employment.jobfair").exists()
