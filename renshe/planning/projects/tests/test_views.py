"""The ledger pages: who may see and report, the form's errors on the page, totals by county, the
Excel export, a project's page with its history, milestones, issues and photos."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from renshe import testing
from renshe.accounts.models import Role
from renshe.audit.models import AuditEntry
from renshe.planning.projects import services
from renshe.planning.projects.models import Milestone, ProgressReport, ProjectIssue, ProjectPhoto
from renshe.planning.projects.tests import support as s

LEDGER = reverse("majorprojects:ledger")
REPORT = reverse("majorprojects:report")


def detail(code: str) -> str:
    return reverse("majorprojects:detail", kwargs={"code": code})


def form(**values) -> dict:
    return {"project": "ZD-07", "year": 2024, "quarter": 2, "completed": "500", "physical_progress": "20", **values}


@pytest.mark.django_db
def test_roles(client, clerk_maonan, statistician):
    client.force_login(clerk_maonan)
    assert client.get(LEDGER).status_code == 403
    assert client.get(REPORT).status_code == 403
    assert client.post(REPORT, form()).status_code == 403
    assert client.get(detail("ZD-07")).status_code == 403
    leader = testing.staff("leader_city", Role.LEADER, "440900")
    client.force_login(leader)
    assert client.get(LEDGER).status_code == 200
    assert client.post(REPORT, form()).status_code == 403
    assert not ProgressReport.objects.exists()


@pytest.mark.django_db
def test_report_then_ledger_shows_the_totals(client, statistician):
    client.force_login(statistician)
    response = client.post(REPORT, form(completed="500", note="主体施工"))
    assert response.status_code == 302 and response["Location"] == detail("ZD-07")
    response = client.get(LEDGER)
    body = response.content.decode()
    counties = {g["code"]: g for g in response.context["counties"]}
    assert counties["440981"]["completed_investment"] == 500 and counties["440982"]["completed_investment"] == 0
    assert response.context["totals"]["total_investment"] == 264670
    assert 'data-testid="county-completed-440981">500' in body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("values", "field", "text"),
    [
        ({"completed": "9000"}, "completed", "超过项目总投资"),
        ({"completed": "-3"}, "completed", "不能为负数"),
        ({"physical_progress": "150"}, "physical_progress", "0 至 100"),
    ],
)
def test_bad_values_refused_on_the_page(client, statistician, values, field, text):
    client.force_login(statistician)
    response = client.post(REPORT, form(**values))
    assert response.status_code == 400
    assert text in response.content.decode()
    assert response.context["form"].errors[field]
    assert not ProgressReport.objects.exists()


@pytest.mark.django_db
def test_a_year_outside_the_plan_refused_on_the_page(client, statistician):
    client.force_login(statistician)
    response = client.post(REPORT, form(year=2026))
    assert response.status_code == 400 and response.context["form"].errors["year"]
    assert not ProgressReport.objects.exists()


@pytest.mark.django_db
def test_correction_needs_a_reason(client, statistician):
    client.force_login(statistician)
    client.post(REPORT, form(completed="500"))
    response = client.post(REPORT, form(completed="550"))
    assert response.status_code == 400 and "更正理由" in response.content.decode()
    response = client.post(REPORT, form(completed="550", reason="按审计结果更正"))
    assert response.status_code == 302
    page = client.get(detail("ZD-07"))
    assert [h["report"].version for h in page.context["history"]] == [2, 1]
    assert "按审计结果更正" in page.content.decode()


@pytest.mark.django_db
def test_county_staff_see_their_county_only(client):
    gaozhou = s.county_statistician()
    client.force_login(gaozhou)
    response = client.get(LEDGER)
    assert [r["code"] for r in response.context["rows"]] == ["ZD-07"]
    assert client.get(detail("ZD-01")).status_code == 404
    assert client.post(REPORT, form(project="ZD-01")).status_code == 400  # not a choice for them
    assert client.get(detail("ZD-07")).status_code == 200


@pytest.mark.django_db
def test_export(client, statistician):
    services.progress_report(
        actor=statistician, project=s.project("ZD-08"), year=2023, quarter=1, completed="900", physical_progress=10
    )
    client.force_login(statistician)
    response = client.get(reverse("majorprojects:export"))
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[0][:3] == ("序号", "项目名称", "所在地")
    assert len([r for r in rows if isinstance(r[0], int)]) == 9
    assert rows[8][1] == "化州市职业技能培训基地项目" and rows[8][8] == 900 and rows[8][9] == 10.0
    assert rows[-1][1] == "合计" and rows[-1][6] == 264670 and rows[-1][7] == 241870 and rows[-1][8] == 900
    assert AuditEntry.objects.filter(action="export", object_type="majorprojects.majorproject").exists()


@pytest.mark.django_db
def test_project_page_milestones_issues_photos(client, statistician):
    client.force_login(statistician)
    code = "ZD-02"
    client.post(reverse("majorprojects:milestone_add", args=[code]), {"name": "系统上线", "planned_on": "2022-06-30"})
    m = Milestone.objects.get()
    client.post(reverse("majorprojects:milestone_done", args=[code, m.pk]), {"done_on": "2022-07-01"})
    client.post(reverse("majorprojects:issue_add", args=[code]), {"description": "大屏设备延迟到货"})
    issue = ProjectIssue.objects.get()
    client.post(reverse("majorprojects:issue_close", args=[code, issue.pk]), {"resolution": "已到货安装"})
    client.post(reverse("majorprojects:photo_add", args=[code]), {"photo": s.png(), "caption": "指挥大厅"})
    response = client.post(reverse("majorprojects:photo_add", args=[code]), {"photo": s.pdf_as()}, follow=True)
    assert "JPG 或 PNG" in response.content.decode()
    m.refresh_from_db()
    issue.refresh_from_db()
    assert m.done_on is not None and issue.status == "closed"
    photo = ProjectPhoto.objects.get()
    page = client.get(detail(code)).content.decode()
    assert "系统上线" in page and "已到货安装" in page and "指挥大厅" in page
    image = client.get(reverse("majorprojects:photo", args=[code, photo.pk]))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content).startswith(b"\x89PNG")
    client.force_login(testing.staff("leader_city", Role.LEADER, "440900"))
    assert client.post(reverse("majorprojects:issue_add", args=[code]), {"description": "x"}).status_code == 403
    assert ProjectIssue.objects.count() == 1


@pytest.mark.django_db
def test_menu_section(client, statistician):
    client.force_login(statistician)
    body = client.get(LEDGER).content.decode()
    assert "重大项目" in body and "项目台账" in body and REPORT in body
