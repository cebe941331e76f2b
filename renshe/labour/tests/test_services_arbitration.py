"""Services of arbitration: bad input never stored, permissions, states, tribunal and recusal, hearing
clashes, postponement and suspension deadlines, the award PDF, the overdue job, masking."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from renshe import testing
from renshe.accounts.models import Message, Role
from renshe.labour import rules, services, services_hearings
from renshe.labour.documents import document_issue
from renshe.labour.exceptions import ArbitrationConflict, BookingClash
from renshe.labour.models import ArbitrationCase, ClaimKind, Status
from renshe.labour.publishing import public_award, scrub
from renshe.labour.services_jobs import arbitration_overdue_notify
from renshe.labour.tests import factories as f

pytestmark = pytest.mark.django_db


def test_claim_kinds_are_exactly_the_rules_kinds():
    assert set(ClaimKind.values) == set(rules.CLAIM_KINDS)


@pytest.mark.parametrize(
    ("claims", "field"),
    [
        ([{"kind": "wages", "amount": "-100", "period_from": "2025-01-01", "period_to": "2025-02-01"}],
         "claims[0].amount"),
        ([{"kind": "damages", "amount": "100000000.01"}], "claims[0].amount"),
        ([{"kind": "damages", "amount": ""}], "claims[0].amount"),
        ([{"kind": "damages", "amount": "abc"}], "claims[0].amount"),
        ([{"kind": "salary", "amount": "100"}], "claims[0].kind"),
        ([{"kind": "wages", "amount": "100", "period_from": "2025-03-01", "period_to": "2025-02-01"}],
         "claims[0].period_to"),
        ([{"kind": "wages", "amount": "100"}], "claims[0].period_from"),
        ([], "claims"),
    ],
)  # fmt: skip
def test_bad_claims_are_refused_and_nothing_is_stored(citizen, claims, field):
    with pytest.raises(ValidationError) as info:
        f.apply(citizen, claims=claims)
    assert field in info.value.message_dict
    assert not ArbitrationCase.objects.exists()


def test_respondent_needs_a_name_and_address_when_not_registered(citizen):
    with pytest.raises(ValidationError) as info:
        f.apply(citizen, respondent_name="", respondent_address="")
    assert {"respondent_name", "respondent_address"} <= set(info.value.message_dict)


def test_limitation_warning_needs_confirmation(citizen):
    old = timezone.localdate() - timedelta(days=400)
    claims = [{"kind": "damages", "amount": "5000"}]
    with pytest.raises(ValidationError) as info:
        f.apply(citizen, claims=claims, knew_on=old)
    assert "knew_on" in info.value.message_dict
    case = f.apply(citizen, claims=claims, knew_on=old, acknowledge_time_bar=True)
    assert case.time_barred and case.transitions.get().comment
    # unpaid wages while still employed: the limitation does not run
    case = f.apply(citizen, knew_on=old)
    assert not case.time_barred


def test_routing_collective_and_non_final(citizen):
    case = f.apply(citizen, workers=12, migrant_worker=False, claims=f.wage_claims(amounts=("25000", "100")))
    assert case.collective and not case.green_channel and not case.final_award
    assert [c.final for c in case.claims.all()] == [False, True]


def test_permissions_to_file(citizen, clerk_gaozhou, maonan_person, employer_user):
    with pytest.raises(PermissionDenied):
        f.apply(citizen, applicant=maonan_person)
    with pytest.raises(PermissionDenied):
        f.apply(employer_user, applicant=maonan_person)
    with pytest.raises(ValidationError) as info:  # a 高州 clerk filing a 茂南 case
        f.apply(clerk_gaozhou, applicant=maonan_person, channel="window")
    assert "region" in info.value.message_dict
    with pytest.raises(ValidationError):
        f.apply(citizen, channel="window")


def _accepted(citizen, arb=None, **kw):
    arb = arb or f.arbitrator()
    case = f.apply(citizen, **kw)
    return services.arbitration_transition(case=case, action="accept", actor=arb), arb


def test_actions_in_the_wrong_state_and_by_the_wrong_people(citizen):
    case = f.apply(citizen)
    arb = f.arbitrator()
    with pytest.raises(ArbitrationConflict):
        services.arbitration_transition(case=case, action="close", actor=arb)
    with pytest.raises(PermissionDenied):
        services.arbitration_transition(case=case, action="accept", actor=citizen)
    with pytest.raises(PermissionDenied):
        services.arbitration_transition(case=case, action="accept", actor=f.arbitrator("arb_xy", "440983"))
    with pytest.raises(ValidationError) as info:
        services.arbitration_transition(case=case, action="refuse", actor=arb, comment=" ")
    assert "comment" in info.value.message_dict
    other = testing.citizen("citizen_other", name="赵六")
    with pytest.raises(PermissionDenied):
        services.arbitration_transition(case=case, action="withdraw", actor=other)
    case = services.arbitration_transition(case=case, action="withdraw", actor=citizen)
    assert case.status == Status.WITHDRAWN and case.closed_on is None


def test_refusal_with_reasons_issues_a_pdf(citizen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = f.apply(citizen)
    case = services.arbitration_transition(case=case, action="refuse", actor=f.arbitrator(), comment="不属于受理范围")
    text = _pdf_text(document_issue(case_id=case.pk, kind="refusal"), tmp_path)
    assert "不予受理通知书" in text and "不属于受理范围" in text


def _pdf_text(doc, tmp_path) -> str:
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed"
    source = tmp_path / "uploads" / doc.file.storage_name
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(source), "-"], capture_output=True, check=True)
    return re.sub(r"\s+", "", out.stdout.decode("utf-8"))


def test_award_pdf_text(citizen, employer_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case, arb = _accepted(citizen, employer=employer_user.employer)
    services_hearings.arbitration_form_tribunal(case=case, actor=arb, arbitrator_ids=[arb.pk])
    claims = list(case.claims.all())
    decisions = {claims[0].pk: {"upheld": True, "amount": "8000"}, claims[1].pk: {"upheld": False}}
    with pytest.raises(ValidationError):  # more than claimed
        services_hearings.arbitration_award(
            case=case, actor=arb, decisions={**decisions, claims[0].pk: {"upheld": True, "amount": "9000"}},
            reasoning="x",
        )  # fmt: skip
    case = services_hearings.arbitration_award(case=case, actor=arb, decisions=decisions, reasoning="欠薪事实清楚")
    text = _pdf_text(document_issue(case_id=case.pk, kind="award"), tmp_path)
    assert "仲裁裁决书" in text and "8000.00" in text and "终局裁决" in text and employer_user.employer.name in text
    assert citizen.person.masked_id_number in text and citizen.person.id_number not in text


def test_tribunal_sizes_and_recusal(citizen):
    a1, a2, a3, a4 = (f.arbitrator(f"arb_{i}") for i in range(4))
    case, _arb = _accepted(citizen, a1, claims=f.wage_claims(amounts=("200000",)))  # > province wage: 3 arbitrators
    assert not case.simplified
    with pytest.raises(ValidationError):
        services_hearings.arbitration_form_tribunal(case=case, actor=a1, arbitrator_ids=[a1.pk])
    services_hearings.arbitration_form_tribunal(case=case, actor=a1, arbitrator_ids=[a1.pk, a2.pk, a3.pk])
    recusal = services_hearings.arbitration_request_recusal(case=case, actor=a1, arbitrator_id=a3.pk, reason="近亲属")
    with pytest.raises(ValidationError):  # denying needs reasons
        services_hearings.arbitration_decide_recusal(recusal=recusal, actor=a1, grant=False)
    services_hearings.arbitration_decide_recusal(recusal=recusal, actor=a1, grant=True)
    case.refresh_from_db()
    assert case.tribunal.count() == 2 and case.tribunal_formed_on is None
    with pytest.raises(ValidationError) as info:  # the recused arbitrator cannot sit again
        services_hearings.arbitration_form_tribunal(case=case, actor=a1, arbitrator_ids=[a1.pk, a2.pk, a3.pk])
    assert "arbitrators" in info.value.message_dict
    services_hearings.arbitration_form_tribunal(case=case, actor=a1, arbitrator_ids=[a1.pk, a2.pk, a4.pk])


def test_hearing_clashes_room_and_arbitrator(citizen):
    arb = f.arbitrator()
    other = f.arbitrator("arb_other")
    room, room2 = f.room(), f.room("第二仲裁庭")
    day = f.next_free_day()
    cases = []
    for actor_arb in (arb, arb, other):
        case, _a = _accepted(citizen, arb)
        services_hearings.arbitration_form_tribunal(case=case, actor=arb, arbitrator_ids=[actor_arb.pk])
        cases.append(case)
    services_hearings.arbitration_schedule_hearing(case=cases[0], actor=arb, room=room, starts_at=f.at(day, 9))
    with pytest.raises(BookingClash) as info:  # same arbitrator, other room, overlapping
        services_hearings.arbitration_schedule_hearing(case=cases[1], actor=arb, room=room2, starts_at=f.at(day, 10))
    assert "starts_at" in info.value.message_dict
    with pytest.raises(BookingClash) as info:  # other arbitrator, same room
        services_hearings.arbitration_schedule_hearing(case=cases[2], actor=arb, room=room, starts_at=f.at(day, 10))
    assert "room" in info.value.message_dict
    services_hearings.arbitration_schedule_hearing(case=cases[2], actor=arb, room=room, starts_at=f.at(day, 11))
    with pytest.raises(ValidationError) as info:  # cannot notify 5 days before
        services_hearings.arbitration_schedule_hearing(
            case=cases[1], actor=arb, room=room2, starts_at=f.at(timezone.localdate() + timedelta(days=2))
        )
    assert "starts_at" in info.value.message_dict


def test_postpone_suspend_resume_extend(citizen):
    case, arb = _accepted(citizen)
    services_hearings.arbitration_form_tribunal(case=case, actor=arb, arbitrator_ids=[arb.pk])
    services_hearings.arbitration_schedule_hearing(
        case=case, actor=arb, room=f.room(), starts_at=f.at(timezone.localdate() + timedelta(days=5))
    )
    case.refresh_from_db()
    due = case.award_due
    case = services.arbitration_transition(case=case, action="postpone", actor=arb, comment="申请人住院")
    assert case.status == Status.ACCEPTED and case.hearings.get().state == "postponed"
    case = services.arbitration_transition(case=case, action="suspend", actor=arb, comment="等待工伤认定")
    ArbitrationCase.objects.filter(pk=case.pk).update(suspended_since=timezone.localdate() - timedelta(days=10))
    case = services.arbitration_transition(case=case, action="resume", actor=arb)
    assert case.suspended_days == 10
    assert case.award_due == rules.arbitration_deadline(case.accepted_on + timedelta(days=10))
    assert case.award_due > due
    case = services.arbitration_transition(case=case, action="extend", actor=arb, comment="案情复杂")
    assert case.award_due == rules.arbitration_deadline(case.accepted_on + timedelta(days=10), extended=True)
    with pytest.raises(ArbitrationConflict):
        services.arbitration_transition(case=case, action="extend", actor=arb, comment="再延")


def test_postponement_too_late_is_refused(citizen):
    case, arb = _accepted(citizen)
    services_hearings.arbitration_form_tribunal(case=case, actor=arb, arbitrator_ids=[arb.pk])
    hearing = services_hearings.arbitration_schedule_hearing(
        case=case, actor=arb, room=f.room(), starts_at=f.at(timezone.localdate() + timedelta(days=6))
    )
    hearing.starts_at = f.at(timezone.localdate() + timedelta(days=2))
    hearing.save()
    with pytest.raises(ValidationError) as info:
        services.arbitration_transition(case=case, action="postpone", actor=arb, comment="晚了")
    assert "comment" in info.value.message_dict


def test_deadlines_across_national_day(citizen, monkeypatch):
    """Accepted on 2025-09-28: the copy is due 2025-10-03, a holiday → the next working day 10-09."""
    monkeypatch.setattr(services, "_today", lambda: date(2025, 9, 28))
    case = f.apply(citizen, knew_on=date(2025, 9, 1), claims=f.wage_claims(date(2025, 9, 28)))
    assert case.acceptance_due == date(2025, 10, 9)
    case = services.arbitration_transition(case=case, action="accept", actor=f.arbitrator())
    assert case.copy_due == date(2025, 10, 9) and case.tribunal_notice_due == date(2025, 10, 9)
    assert case.award_due == date(2025, 11, 12)


def test_overdue_job_is_safe_to_run_twice(citizen):
    case, arb = _accepted(citizen)
    services_hearings.arbitration_form_tribunal(case=case, actor=arb, arbitrator_ids=[arb.pk])
    later = case.award_due + timedelta(days=1)
    before = Message.objects.filter(recipient=arb).count()
    assert arbitration_overdue_notify(today=later) == {"cases": 1, "messages": 1}
    assert arbitration_overdue_notify(today=later) == {"cases": 0, "messages": 0}
    call_command("notify_arbitration_overdue", today=later.isoformat())
    assert Message.objects.filter(recipient=arb).count() == before + 1


def test_published_award_hides_personal_data(citizen, employer_user):
    person = citizen.person
    case, arb = _accepted(citizen, employer=employer_user.employer, facts=f"{person.name}电话13812345678")
    services_hearings.arbitration_form_tribunal(case=case, actor=arb, arbitrator_ids=[arb.pk])
    decisions = {c.pk: {"upheld": True, "amount": c.amount} for c in case.claims.all()}
    reasoning = f"{person.name}（身份证 {person.id_number}，住{person.address or '茂南区'}）主张欠薪属实"
    case = services_hearings.arbitration_award(case=case, actor=arb, decisions=decisions, reasoning=reasoning)
    case = services.arbitration_transition(case=case, action="publish", actor=arb)
    award = public_award(case)
    text = str(award.__dict__)
    assert award.applicant == person.name[0] + "某"
    assert person.name not in text and person.id_number not in text and "13812345678" not in text
    assert employer_user.employer.name in text
    assert scrub("电话 0668-2281234", names=[], addresses=[]) == "电话 （电话略）"


def test_leader_has_no_case_access():
    leader = testing.staff("leader_y", Role.LEADER, "440900")
    assert not leader.has_perm("labour.handle_arbitration") and leader.has_perm("labour.view_arbitration_stats")


def test_amount_totals(citizen):
    case = f.apply(citizen, claims=f.wage_claims(amounts=("1000.50", "2000")))
    assert case.amount_claimed == Decimal("3000.50")
