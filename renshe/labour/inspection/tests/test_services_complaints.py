"""Complaints: filing from each channel, acceptance deadline across National Day, the 2-year
limitation, refusal with a reason, transfer, routing to the grid, the complainant told."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renshe import testing
from renshe.accounts.models import Message
from renshe.cases.exceptions import CaseConflict
from renshe.labour.inspection import services, services_complaints, services_grid
from renshe.labour.inspection.models import CaseStatus, ComplaintStatus, RefusalReason
from renshe.labour.inspection.tests import inspection_testing as it

pytestmark = pytest.mark.django_db


def test_acceptance_deadline_is_five_working_days_across_national_day(monkeypatch, citizen, firm):
    monkeypatch.setattr(services_complaints, "_today", lambda: date(2025, 9, 29))
    complaint = it.complaint(citizen, firm, violation_last_on="2025-09-01")
    # 30 Sep, 9, 10, 11 (调休 Saturday) and 13 Oct are the five working days
    assert complaint.acceptance_due == date(2025, 10, 13)
    assert complaint.number.startswith("TS20250929")


def test_case_deadline_60_working_days_across_national_day(monkeypatch, inspector_a, firm, leader_maonan):
    monkeypatch.setattr(services, "_today", lambda: date(2025, 9, 26))
    case = it.case(inspector_a, firm)
    assert case.due_date == date(2025, 12, 25)
    case = services.case_extend(case=case, actor=leader_maonan, reason="案情复杂")
    assert case.due_date == date(2026, 2, 6)


def test_citizen_complaint_is_routed_to_the_grid(citizen, firm, city_admin, inspector_a, inspector_b):
    services_grid.grid_assign(actor=city_admin, town_code=testing.MAONAN_TOWN, inspector_id=inspector_a.pk)
    complaint = it.complaint(citizen, firm)
    assert complaint.channel == "web" and complaint.complainant == citizen
    assert complaint.region_id == firm.region_id
    assert complaint.employer == firm and complaint.employer_name == firm.name
    assert Message.objects.filter(recipient=inspector_a, title__contains=complaint.number).exists()
    assert not Message.objects.filter(recipient=inspector_b).exists()


def test_violation_older_than_two_years_is_refused_with_reason(citizen, firm):
    old = (timezone.localdate() - timedelta(days=800)).isoformat()
    complaint = it.complaint(citizen, firm, violation_last_on=old)
    assert complaint.status == ComplaintStatus.REFUSED
    assert complaint.refusal_reason == RefusalReason.LIMITATION
    assert Message.objects.filter(recipient=citizen, title__contains="不予受理").exists()


def test_accept_refuses_a_stale_violation(citizen, firm, inspector_a, monkeypatch):
    complaint = it.complaint(citizen, firm)
    later = timezone.localdate() + timedelta(days=800)
    monkeypatch.setattr(services_complaints, "_today", lambda: later)
    with pytest.raises(ValidationError) as exc:
        services_complaints.complaint_transition(complaint=complaint, action="accept", actor=inspector_a)
    assert "violation_last_on" in exc.value.message_dict


def test_anonymous_report_and_real_name_complaint(citizen, firm):
    report = it.complaint(citizen, firm, kind="report", complainant_phone="")
    assert report.complainant_name == "" and report.complainant_phone == ""
    with pytest.raises(ValidationError) as exc:
        services_complaints.complaint_file(
            actor=testing.staff("clerk_x", "clerk", "440902"),
            data=it.complaint_data(firm, channel="walk_in", complainant_name="", complainant_phone=""),
        )
    assert {"complainant_name", "complainant_phone"} <= set(exc.value.message_dict)


def test_every_bad_field_is_named(citizen):
    with pytest.raises(ValidationError) as exc:
        services_complaints.complaint_file(
            actor=citizen,
            data={
                "credit_code": "X",
                "violation_types": ["stealing"],
                "workers_affected": "0",
                "amount_owed": "-1",
                "violation_last_on": "2099-01-01",
                "facts": "",
            },
        )
    assert {"credit_code", "violation_types", "workers_affected", "amount_owed", "violation_last_on", "facts"} <= set(
        exc.value.message_dict
    )


def test_unregistered_employer_needs_its_town(citizen):
    with pytest.raises(ValidationError) as exc:
        it.complaint(citizen, None, region="")
    assert "region" in exc.value.message_dict
    complaint = it.complaint(citizen, None)
    assert complaint.employer is None and complaint.region_id == testing.MAONAN_TOWN


def test_attachment_checked_by_content(citizen, firm):
    fake = SimpleUploadedFile("wages.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        services_complaints.complaint_file(actor=citizen, data=it.complaint_data(firm), files=[fake])
    assert "attachments" in exc.value.message_dict
    png = BytesIO()
    from PIL import Image

    Image.new("RGB", (4, 4)).save(png, format="PNG")
    good = SimpleUploadedFile("photo.png", png.getvalue(), content_type="image/png")
    complaint = services_complaints.complaint_file(actor=citizen, data=it.complaint_data(firm), files=[good])
    assert complaint.attachments.count() == 1


def test_staff_channels_and_transfers(clerk_maonan, firm):
    with pytest.raises(ValidationError) as exc:
        services_complaints.complaint_file(
            actor=clerk_maonan, data=it.complaint_data(firm, channel="transfer", complainant_name="赵六")
        )
    assert {"transfer_body", "transfer_ref"} <= set(exc.value.message_dict)
    complaint = services_complaints.complaint_file(
        actor=clerk_maonan,
        data=it.complaint_data(
            firm,
            channel="transfer",
            complainant_name="赵六",
            transfer_body="茂南区信访局",
            transfer_ref="茂南信转〔2026〕12号",
        ),
    )
    assert complaint.transfer_body == "茂南区信访局" and complaint.complainant is None


def test_without_permission_no_staff_entry(statistician, firm):
    with pytest.raises(PermissionDenied):
        services_complaints.complaint_file(actor=statistician, data=it.complaint_data(firm, channel="12333"))


def test_refuse_needs_reason_and_note(citizen, firm, inspector_a):
    complaint = it.complaint(citizen, firm)
    with pytest.raises(ValidationError) as exc:
        services_complaints.complaint_transition(complaint=complaint, action="refuse", actor=inspector_a)
    assert "refusal_reason" in exc.value.message_dict
    services_complaints.complaint_transition(
        complaint=complaint, action="refuse", actor=inspector_a, refusal_reason="not_labour", comment="属于民事纠纷"
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.REFUSED
    with pytest.raises(CaseConflict):
        services_complaints.complaint_transition(complaint=complaint, action="accept", actor=inspector_a)


def test_transfer_outside_jurisdiction(citizen, firm, inspector_a):
    complaint = it.complaint(citizen, firm)
    with pytest.raises(ValidationError) as exc:
        services_complaints.complaint_transition(complaint=complaint, action="transfer", actor=inspector_a, comment="x")
    assert "transferred_to" in exc.value.message_dict
    services_complaints.complaint_transition(
        complaint=complaint, action="transfer", actor=inspector_a, comment="住所地在湛江", transferred_to="湛江市人社局"
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.TRANSFERRED


def test_inspector_of_another_district_cannot_decide(citizen, firm, inspector_gz):
    complaint = it.complaint(citizen, firm)
    with pytest.raises(PermissionDenied):
        services_complaints.complaint_transition(complaint=complaint, action="accept", actor=inspector_gz)


def test_full_path_complainant_told_the_result(citizen, firm, inspector_a, inspector_b):
    complaint = it.complaint(citizen, firm)
    services_complaints.complaint_transition(complaint=complaint, action="accept", actor=inspector_a)
    case = services_complaints.complaint_open_case(complaint=complaint, actor=inspector_a)
    assert case.source == "complaint" and case.source_ref == complaint.number and case.wage_arrears
    assert services_complaints.complaint_open_case(complaint=complaint, actor=inspector_a).pk == case.pk
    case = services.case_close(
        case=case,
        actor=inspector_a,
        violation_confirmed=True,
        arrears_recovered="86000",
        workers_helped=12,
        outcome_note="责令单位支付拖欠工资，已全部支付",
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED
    assert case.status == CaseStatus.CLOSED
    told = Message.objects.filter(recipient=citizen, title__contains="已办结").get()
    assert "86000" in told.body


def test_open_case_needs_a_registered_employer(citizen, inspector_a):
    complaint = it.complaint(citizen, None)
    services_complaints.complaint_transition(complaint=complaint, action="accept", actor=inspector_a)
    with pytest.raises(ValidationError) as exc:
        services_complaints.complaint_open_case(complaint=complaint, actor=inspector_a)
    assert "credit_code" in exc.value.message_dict
