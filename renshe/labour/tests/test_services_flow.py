"""The whole path of a wage claim: filed, accepted, tribunal, hearing, award, published."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from renshe.accounts.models import Message
from renshe.labour import services, services_hearings
from renshe.labour.documents import document_issue
from renshe.labour.models import ArbitrationTransition, Status
from renshe.labour.selectors import employer_dispute_record
from renshe.labour.tests import factories as f

pytestmark = pytest.mark.django_db


def test_wage_claim_from_filing_to_award(citizen, employer_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    arb = f.arbitrator()
    case = f.apply(citizen, employer=employer_user.employer)
    assert case.green_channel and case.final_award and not case.collective and case.simplified
    assert case.status == Status.SUBMITTED and case.claims.count() == 2
    assert case.amount_claimed == Decimal("11000")
    case = services.arbitration_transition(case=case, action="accept", actor=arb, expected_version=case.version)
    assert case.award_due and case.copy_due and case.tribunal_notice_due
    case = services.arbitration_transition(case=case, action="serve_copy", actor=arb)
    assert case.defence_due
    case = services_hearings.arbitration_form_tribunal(case=case, actor=arb, arbitrator_ids=[arb.pk])
    hearing = services_hearings.arbitration_schedule_hearing(
        case=case, actor=arb, room=f.room(), starts_at=f.at(f.next_free_day())
    )
    case.refresh_from_db()
    assert case.status == Status.SCHEDULED and hearing.notice_sent_on
    claims = list(case.claims.all())
    decisions = {c.pk: {"upheld": True, "amount": c.amount} for c in claims}
    case = services_hearings.arbitration_award(case=case, actor=arb, decisions=decisions, reasoning="事实清楚")
    assert case.status == Status.AWARDED and case.amount_awarded == Decimal("11000")
    doc = document_issue(case_id=case.pk, kind="award")
    assert doc.file.size > 1000
    assert document_issue(case_id=case.pk, kind="award").pk == doc.pk
    record = employer_dispute_record([employer_user.employer.pk], since=case.received_on)
    assert record[employer_user.employer.pk] == {
        "cases": 1,
        "awards_against": 1,
        "wage_awards_against": 1,
        "amount_awarded": Decimal("11000.00"),
    }
    actions = list(ArbitrationTransition.objects.filter(case=case).values_list("action", flat=True))
    assert actions == ["submit", "accept", "serve_copy", "form_tribunal", "schedule", "award"]
    assert Message.objects.filter(recipient=citizen).count() >= 5
    assert Message.objects.filter(recipient=employer_user).exists()


def test_citizen_cannot_file_for_someone_else(citizen, maonan_person):
    with pytest.raises(PermissionDenied):
        f.apply(citizen, applicant=maonan_person)
