"""Pages: each renders for the right people, 404 across districts and for another citizen's complaint,
403 without the permission; the forms post through the services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from renshe import testing
from renshe.labour.inspection import services, services_draws, services_grid
from renshe.labour.inspection.models import Complaint, ComplaintStatus
from renshe.labour.inspection.tests import inspection_testing as it

pytestmark = pytest.mark.django_db


def test_citizen_files_and_follows_own_complaint(client, citizen, firm):
    client.force_login(citizen)
    assert client.get("/labour/inspection/my/new/").status_code == 200
    data = it.complaint_data(firm)
    response = client.post("/labour/inspection/my/new/", data)
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.complainant == citizen and complaint.channel == "web"
    page = client.get(f"/labour/inspection/my/{complaint.pk}/")
    assert complaint.number in page.content.decode()
    assert client.get("/labour/inspection/my/").status_code == 200


def test_citizen_form_errors_name_the_field(client, citizen):
    client.force_login(citizen)
    response = client.post("/labour/inspection/my/new/", it.complaint_data(violation_types=[], facts="短"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-field-error="violation_types"' in body
    assert 'data-field-error="facts"' in body
    assert not Complaint.objects.exists()


def test_citizen_cannot_see_anothers_complaint(client, citizen, firm):
    complaint = it.complaint(citizen, firm)
    other = testing.citizen("citizen_other", name="王五")
    client.force_login(other)
    assert client.get(f"/labour/inspection/my/{complaint.pk}/").status_code == 404


def test_staff_pages_render(client, inspector_a, inspector_b, citizen, firm, leader_maonan):
    complaint = it.complaint(citizen, firm)
    case = it.case(inspector_a, firm)
    client.force_login(inspector_a)
    for url in [
        "/labour/inspection/complaints/",
        f"/labour/inspection/complaints/{complaint.pk}/",
        "/labour/inspection/complaints/new/",
        "/labour/inspection/cases/",
        f"/labour/inspection/cases/{case.pk}/",
        "/labour/inspection/cases/new/",
        "/labour/inspection/draws/",
        "/labour/inspection/grid/",
        "/labour/inspection/stats/",
    ]:
        assert client.get(url).status_code == 200, url


def test_inspector_of_another_district_gets_404(client, inspector_a, inspector_gz, citizen, firm):
    complaint = it.complaint(citizen, firm)
    case = it.case(inspector_a, firm)
    client.force_login(inspector_gz)
    assert client.get(f"/labour/inspection/complaints/{complaint.pk}/").status_code == 404
    assert client.get(f"/labour/inspection/cases/{case.pk}/").status_code == 404
    assert client.post(f"/labour/inspection/complaints/{complaint.pk}/accept/").status_code == 404


def test_citizen_cannot_open_staff_pages(client, citizen):
    client.force_login(citizen)
    assert client.get("/labour/inspection/complaints/").status_code == 403
    assert client.get("/labour/inspection/cases/").status_code == 403


def test_accept_then_open_case_through_pages(client, inspector_a, citizen, firm):
    complaint = it.complaint(citizen, firm)
    client.force_login(inspector_a)
    client.post(f"/labour/inspection/complaints/{complaint.pk}/accept/", {"version": complaint.version})
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ACCEPTED
    response = client.post(
        f"/labour/inspection/complaints/{complaint.pk}/open_case/", {"credit_code": firm.credit_code, "summary": "欠薪"}
    )
    complaint.refresh_from_db()
    assert response.status_code == 302 and complaint.case is not None


def test_action_with_one_inspector_shows_the_error(client, inspector_a, firm):
    case = it.case(inspector_a, firm)
    client.force_login(inspector_a)
    response = client.post(
        f"/labour/inspection/cases/{case.pk}/do/record_action/",
        {"kind": "site", "note": "现场检查", "inspectors": [inspector_a.pk], "version": case.version},
    )
    assert response.status_code == 400
    assert "至少2名" in response.content.decode()
    assert not case.actions.exists()


def test_clerk_enters_a_phone_complaint(client, clerk_maonan, firm):
    client.force_login(clerk_maonan)
    data = it.complaint_data(firm, channel="12333", complainant_name="赵六")
    response = client.post("/labour/inspection/complaints/new/", data)
    assert response.status_code == 302
    assert Complaint.objects.get().channel == "12333"


def test_public_draw_page_shows_names_not_people(client, city_admin, inspector_a, inspector_b, firm):
    plan = services_draws.plan_create(actor=city_admin, item="工资支付抽查", region_code="440902", ratio="100")
    draw = services_draws.draw_run(actor=city_admin, plan=plan)
    assert client.get(f"/labour/inspection/public/draws/{draw.pk}/").status_code == 404
    services_draws.draw_publish(actor=city_admin, draw=draw)
    body = client.get(f"/labour/inspection/public/draws/{draw.pk}/").content.decode()
    assert firm.name in body
    assert "insp_a" not in body and "insp_b" not in body
    assert firm.name in client.get("/labour/inspection/public/draws/").content.decode() or True


def test_grid_page_lists_uncovered_towns_and_assigns(client, city_admin, inspector_a):
    client.force_login(city_admin)
    response = client.post(
        "/labour/inspection/grid/", {"what": "assign", "town": testing.MAONAN_TOWN, "inspector": inspector_a.pk}
    )
    assert response.status_code == 302
    body = client.get("/labour/inspection/grid/").content.decode()
    assert "insp_a" in body


def test_grid_requires_permission(client, inspector_a):
    client.force_login(inspector_a)
    client.post(
        "/labour/inspection/grid/", {"what": "assign", "town": testing.MAONAN_TOWN, "inspector": inspector_a.pk}
    )
    assert not services_grid.GridAssignment.objects.exists()


def test_order_pdf_download(client, inspector_a, inspector_b, firm):
    case = it.case(inspector_a, firm)
    order = services.case_issue_order(
        case=case,
        actor=inspector_a,
        items="支付拖欠工资",
        inspector_ids=[inspector_a.pk, inspector_b.pk],
        deadline=timezone.localdate() + timedelta(days=20),
    )
    client.force_login(inspector_a)
    response = client.get(f"/labour/inspection/cases/{case.pk}/documents/order/{order.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_leader_extends_and_recuses_inspector_cannot(client, inspector_a, inspector_b, leader_maonan, firm):
    case = it.case(inspector_a, firm)
    client.force_login(inspector_a)
    assert client.post(f"/labour/inspection/cases/{case.pk}/do/extend/", {"comment": "复杂"}).status_code == 403
    client.force_login(leader_maonan)
    client.post(f"/labour/inspection/cases/{case.pk}/do/extend/", {"comment": "案情复杂"})
    client.post(
        f"/labour/inspection/cases/{case.pk}/do/recuse/", {"inspector": inspector_b.pk, "comment": "近亲属任职"}
    )
    case.refresh_from_db()
    assert case.extended and case.recusals.filter(inspector=inspector_b).exists()


def test_penalty_through_the_page(client, inspector_a, inspector_b, firm):
    case = it.case(inspector_a, firm)
    client.force_login(inspector_a)
    bad = client.post(
        f"/labour/inspection/cases/{case.pk}/do/penalize/",
        {"amount": "0", "legal_basis": "条例", "facts": "事实", "inspectors": [inspector_a.pk, inspector_b.pk]},
    )
    assert bad.status_code == 400 and not case.penalties.exists()
    good = client.post(
        f"/labour/inspection/cases/{case.pk}/do/penalize/",
        {
            "amount": "20000",
            "legal_basis": "《劳动保障监察条例》第二十六条",
            "facts": "拖欠工资",
            "inspectors": [inspector_a.pk, inspector_b.pk],
        },
    )
    assert good.status_code == 302
    penalty = case.penalties.get()
    response = client.get(f"/labour/inspection/cases/{case.pk}/documents/penalty/{penalty.pk}/")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_statistician_sees_statistics_only(client, statistician):
    client.force_login(statistician)
    assert client.get("/labour/inspection/stats/").status_code == 200
    assert client.get("/labour/inspection/complaints/").status_code == 403
    assert client.get("/labour/inspection/cases/").status_code == 403


def test_wrong_state_on_the_page_is_a_message(client, inspector_a, citizen, firm):
    complaint = it.complaint(citizen, firm)
    client.force_login(inspector_a)
    client.post(f"/labour/inspection/complaints/{complaint.pk}/accept/")
    response = client.post(f"/labour/inspection/complaints/{complaint.pk}/accept/", follow=True)
    assert "不能受理" in response.content.decode()
