"""Opening a case (idempotent), actions with two inspectors, conflicts, orders, penalties, closure."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renshe.cases.exceptions import CaseConflict
from renshe.labour import rules
from renshe.labour.inspection import services
from renshe.labour.inspection.models import CaseStatus, CaseTransition, InspectionCase, RectificationOrder
from renshe.labour.inspection.services_grid import conflict_declare

pytestmark = pytest.mark.django_db


def test_open_is_idempotent_per_source_and_ref(inspector_a, firm):
    first = services.inspection_case_open(
        actor=inspector_a, employer=firm, summary="欠薪预警", source="wage_warning", source_ref="17"
    )
    again = services.inspection_case_open(
        actor=inspector_a, employer=firm, summary="欠薪预警", source="wage_warning", source_ref="17"
    )
    assert again.pk == first.pk
    assert first.wage_arrears is True
    assert first.number.startswith("JC")
    assert first.due_date == rules.inspection_deadline(first.filed_on)
    other = services.inspection_case_open(
        actor=inspector_a, employer=firm, summary="欠薪预警", source="wage_warning", source_ref="18"
    )
    assert other.pk != first.pk


def test_open_rejects_unknown_source_and_foreign_employer(inspector_gz, inspector_a, firm):
    with pytest.raises(ValidationError) as exc:
        services.inspection_case_open(actor=inspector_a, employer=firm, summary="x", source="rumour")
    assert "source" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.inspection_case_open(actor=inspector_gz, employer=firm, summary="x", source="ex_officio")
    assert "employer" in exc.value.message_dict


def test_open_needs_permission(clerk_maonan, firm):
    with pytest.raises(PermissionDenied):
        services.inspection_case_open(actor=clerk_maonan, employer=firm, summary="x", source="ex_officio")


def test_action_with_one_inspector_is_refused(open_case, inspector_a):
    with pytest.raises(ValidationError) as exc:
        services.case_record_action(
            case=open_case, actor=inspector_a, kind="site", inspector_ids=[inspector_a.pk], note="现场检查"
        )
    assert "至少2名" in exc.value.message_dict["inspectors"][0]
    assert not open_case.actions.exists()


def test_action_with_two_inspectors_is_recorded(open_case, inspector_a, inspector_b):
    action = services.case_record_action(
        case=open_case,
        actor=inspector_a,
        kind="site",
        inspector_ids=[inspector_a.pk, inspector_b.pk],
        note="现场检查考勤和工资表",
        expected_version=open_case.version,
    )
    assert set(action.inspectors.values_list("pk", flat=True)) == {inspector_a.pk, inspector_b.pk}
    assert CaseTransition.objects.filter(case=open_case, action="record_action").exists()


def test_related_inspector_is_refused(open_case, inspector_a, inspector_b, city_admin, firm):
    conflict_declare(actor=city_admin, inspector_id=inspector_b.pk, credit_code=firm.credit_code, relation="配偶任职")
    with pytest.raises(ValidationError) as exc:
        services.case_record_action(
            case=open_case,
            actor=inspector_a,
            kind="inquiry",
            inspector_ids=[inspector_a.pk, inspector_b.pk],
            note="询问",
        )
    assert "回避" in exc.value.message_dict["inspectors"][0]


def test_recused_inspector_is_refused(open_case, inspector_a, inspector_b, leader_maonan):
    services.case_recuse(case=open_case, actor=leader_maonan, inspector_id=inspector_b.pk, reason="曾在该单位任职")
    with pytest.raises(ValidationError):
        services.case_record_action(
            case=open_case,
            actor=inspector_a,
            kind="inquiry",
            inspector_ids=[inspector_a.pk, inspector_b.pk],
            note="询问",
        )


def test_inspector_of_another_district_cannot_act(open_case, inspector_gz, inspector_a):
    with pytest.raises(PermissionDenied):
        services.case_record_action(
            case=open_case, actor=inspector_gz, kind="site", inspector_ids=[inspector_a.pk, inspector_gz.pk], note="x"
        )


def test_inspector_of_another_district_cannot_be_named(open_case, inspector_a, inspector_gz):
    with pytest.raises(ValidationError):
        services.case_record_action(
            case=open_case, actor=inspector_a, kind="site", inspector_ids=[inspector_a.pk, inspector_gz.pk], note="x"
        )


def test_order_pdf_and_check_then_close(open_case, inspector_a, inspector_b):
    pair = [inspector_a.pk, inspector_b.pk]
    order = services.case_issue_order(case=open_case, actor=inspector_a, items="支付拖欠的工资", inspector_ids=pair)
    open_case.refresh_from_db()
    assert open_case.status == CaseStatus.RECTIFYING
    assert order.file.content_type == "application/pdf"
    with pytest.raises(CaseConflict):
        services.case_close(case=open_case, actor=inspector_a, violation_confirmed=True, outcome_note="x")
    services.case_check_order(case=open_case, actor=inspector_a, met=True)
    order.refresh_from_db()
    assert order.status == RectificationOrder.Status.MET
    closed = services.case_close(
        case=open_case,
        actor=inspector_a,
        violation_confirmed=True,
        arrears_recovered="86000.00",
        workers_helped=12,
        outcome_note="已追发工资",
    )
    assert closed.status == CaseStatus.CLOSED
    assert closed.arrears_recovered == Decimal("86000.00")
    with pytest.raises(CaseConflict):
        services.case_close(case=closed, actor=inspector_a, violation_confirmed=True, outcome_note="again")


def test_order_deadline_in_the_past_is_refused(open_case, inspector_a, inspector_b):
    with pytest.raises(ValidationError) as exc:
        services.case_issue_order(
            case=open_case,
            actor=inspector_a,
            items="改正",
            inspector_ids=[inspector_a.pk, inspector_b.pk],
            deadline=date(2020, 1, 1),
        )
    assert "deadline" in exc.value.message_dict


def test_penalty_amount_must_be_positive(open_case, inspector_a, inspector_b):
    with pytest.raises(ValidationError) as exc:
        services.case_penalize(
            case=open_case, actor=inspector_a, amount="-5", legal_basis="条例", facts="事实", inspector_ids=[1, 2]
        )
    assert "amount" in exc.value.message_dict


def test_extension_by_leader_once(open_case, leader_maonan, inspector_a):
    with pytest.raises(PermissionDenied):
        services.case_extend(case=open_case, actor=inspector_a, reason="案情复杂")
    case = services.case_extend(case=open_case, actor=leader_maonan, reason="案情复杂")
    assert case.due_date == rules.inspection_deadline(case.filed_on, extended=True)
    with pytest.raises(CaseConflict):
        services.case_extend(case=case, actor=leader_maonan, reason="再次")


def test_stale_version_conflicts(open_case, inspector_a, inspector_b):
    pair = [inspector_a.pk, inspector_b.pk]
    services.case_record_action(case=open_case, actor=inspector_a, kind="site", inspector_ids=pair, note="一")
    with pytest.raises(CaseConflict):
        services.case_record_action(
            case=open_case, actor=inspector_a, kind="site", inspector_ids=pair, note="二", expected_version=1
        )


def test_closed_case_can_be_reopened_by_same_ref(inspector_a, firm):
    case = services.inspection_case_open(actor=inspector_a, employer=firm, summary="s", source="draw", source_ref="9-1")
    services.case_close(case=case, actor=inspector_a, violation_confirmed=False, outcome_note="未发现违法")
    again = services.inspection_case_open(
        actor=inspector_a, employer=firm, summary="s", source="draw", source_ref="9-1"
    )
    assert again.pk != case.pk
    assert InspectionCase.objects.filter(source_ref="9-1").count() == 2
