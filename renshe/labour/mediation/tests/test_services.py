"""Services of the mediation app: applications, the transition table, the referral, the overdue job."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renshe import testing
from renshe.accounts.models import Message
from renshe.cases.exceptions import CaseConflict
from renshe.labour import rules
from renshe.labour.mediation import services
from renshe.labour.mediation.models import (
    Channel,
    Level,
    MediationCase,
    Outcome,
    Performance,
    Referral,
    Status,
    Transition,
)
from renshe.labour.mediation.tests.conftest import COMPENSATION, WAGES, apply, on

pytestmark = pytest.mark.django_db


def messages_of(user) -> list[str]:
    return list(Message.objects.filter(recipient=user).order_by("id").values_list("title", flat=True))


# --- the deadline -----------------------------------------------------------------------------------


def test_deadline_across_national_day():
    # 15 calendar days from 2025-09-16 is 2025-10-01, inside the National Day holiday (1–8 October):
    # the last day moves to the next working day, 9 October.
    assert rules.mediation_deadline(date(2025, 9, 16)) == date(2025, 10, 9)


def test_accepting_sets_the_deadline_across_national_day(monkeypatch, pending_case, mediator):
    on(monkeypatch, date(2025, 9, 16))
    case = services.case_transition(case=pending_case, action="accept", actor=mediator)
    assert (case.status, case.received_on, case.deadline) == (Status.MEDIATING, date(2025, 9, 16), date(2025, 10, 9))
    assert messages_of(pending_case.applicant.account)[-1].startswith("调解申请已受理")


# --- applications -------------------------------------------------------------------------------------


def test_citizen_applies_and_waits_for_receipt(citizen, orgs):
    case = apply(citizen, orgs["town"])
    assert case.status == Status.PENDING and case.received_on is None and case.channel == Channel.MOBILE
    assert case.number.startswith("TJ") and case.region_id == orgs["town"].region_id
    assert [(i.kind, i.amount) for i in case.items.all()] == [
        ("wages", Decimal("8600.00")),
        ("economic_compensation", Decimal("12000.00")),
    ]
    assert messages_of(citizen) == [f"调解申请已提交：{case.number}"]


def test_mediator_walk_in_is_received_at_once(mediator, orgs, monkeypatch):
    on(monkeypatch, date(2025, 9, 16))
    person = testing.person(name="王五")
    case = services.case_apply(
        actor=mediator,
        applicant=person,
        organisation=orgs["town"],
        respondent_name="某某公司",
        respondent_address="红旗街道1号",
        facts="电话反映被拖欠工资",
        items=[dict(WAGES)],
        channel=Channel.PHONE,
    )
    assert (case.status, case.received_on, case.deadline) == (Status.MEDIATING, date(2025, 9, 16), date(2025, 10, 9))


@pytest.mark.parametrize(
    ("items", "needle"),
    [
        ([], "至少填写一项"),
        ([{"kind": "economic_compensation", "amount": "-100"}], "负数"),
        ([{"kind": "economic_compensation", "amount": "99999999999"}], "一千万"),
        ([{"kind": "economic_compensation", "amount": "abc"}], "不是数字"),
        ([{"kind": "economic_compensation", "amount": "0"}], "请填写请求金额"),
        ([{"kind": "wages", "amount": "100"}], "所属期间"),
        ([{"kind": "bonus", "amount": "100"}], "请求类别"),
    ],
)
def test_bad_items_are_refused_and_nothing_stored(citizen, orgs, items, needle):
    with pytest.raises(ValidationError) as exc:
        apply(citizen, orgs["town"], items=items)
    assert needle in " ".join(exc.value.message_dict["items"])
    assert not MediationCase.objects.exists()


def test_an_organisation_outside_the_applicants_region_is_refused(citizen, orgs):
    with pytest.raises(ValidationError) as exc:
        apply(citizen, orgs["gaozhou"])
    assert "organisation" in exc.value.message_dict
    with pytest.raises(ValidationError):
        apply(citizen, orgs["xinhua"])  # another town of the same district
    assert not MediationCase.objects.exists()


def test_higher_levels_cover_the_town(citizen, orgs):
    assert apply(citizen, orgs["district"]).organisation == orgs["district"]
    assert apply(citizen, orgs["city"]).organisation == orgs["city"]
    assert apply(citizen, orgs["village"]).organisation == orgs["village"]


def test_the_employers_town_also_counts(citizen, orgs):
    employer = testing.employer(region="440902005")
    case = apply(citizen, orgs["xinhua"], respondent_employer=employer, respondent_address="")
    assert case.respondent_name == employer.name


def test_enterprise_committee_only_for_its_own_employer(citizen, orgs):
    employer = testing.employer(region=testing.MAONAN_TOWN)
    other = testing.employer(name="另一家公司", region=testing.MAONAN_TOWN)
    committee = services.organisation_save(
        actor=None, name="示范制造劳动争议调解委员会", level=Level.ENTERPRISE, region=employer.region, employer=employer
    )
    assert apply(citizen, committee, respondent_employer=employer).organisation == committee
    with pytest.raises(ValidationError) as exc:
        apply(citizen, committee, respondent_employer=other)
    assert "organisation" in exc.value.message_dict


def test_missing_facts_respondent_and_address_are_named(citizen, orgs):
    with pytest.raises(ValidationError) as exc:
        apply(citizen, orgs["town"], facts=" ", respondent_name="", respondent_address="")
    assert {"facts", "respondent_name", "respondent_address"} <= set(exc.value.message_dict)


def test_a_citizen_applies_only_for_themself(citizen, orgs):
    other = testing.person(name="赵六")
    with pytest.raises(PermissionDenied):
        apply(citizen, orgs["town"], applicant=other)


def test_mediator_cannot_file_at_another_districts_organisation(gaozhou_mediator, orgs):
    with pytest.raises(ValidationError) as exc:
        services.case_apply(
            actor=gaozhou_mediator,
            applicant=testing.person(),
            organisation=orgs["town"],
            respondent_name="某公司",
            respondent_address="某地",
            facts="事实",
            items=[dict(COMPENSATION)],
            channel=Channel.WALK_IN,
        )
    assert "organisation" in exc.value.message_dict


# --- the transition table ----------------------------------------------------------------------------


def test_acting_in_the_wrong_state_is_a_conflict(pending_case, mediator):
    for action in ("fail", "agree", "session", "perform", "expire"):
        with pytest.raises(CaseConflict):
            services.case_transition(case=pending_case, action=action, actor=mediator, comment="x")
    pending_case.refresh_from_db()
    assert pending_case.status == Status.PENDING and pending_case.version == 1


def test_a_mediator_of_another_district_may_not_act(pending_case, gaozhou_mediator):
    with pytest.raises(PermissionDenied):
        services.case_transition(case=pending_case, action="accept", actor=gaozhou_mediator)


def test_a_citizen_may_withdraw_but_not_accept(pending_case, citizen):
    with pytest.raises(PermissionDenied):
        services.case_transition(case=pending_case, action="accept", actor=citizen)
    case = services.case_transition(case=pending_case, action="withdraw", actor=citizen)
    assert (case.status, case.outcome) == (Status.WITHDRAWN, Outcome.WITHDRAWAL)


def test_another_citizen_may_not_withdraw(pending_case, db):
    stranger = testing.citizen(username="citizen_other", name="钱七")
    with pytest.raises(PermissionDenied):
        services.case_transition(case=pending_case, action="withdraw", actor=stranger)


def test_stale_version_is_a_conflict(mediating_case, mediator):
    with pytest.raises(CaseConflict):
        services.case_transition(case=mediating_case, action="fail", actor=mediator, comment="x", expected_version=1)


def test_refusal_and_failure_need_a_reason(pending_case, mediating_case, mediator):
    with pytest.raises(ValidationError) as exc:
        services.case_transition(case=mediating_case, action="fail", actor=mediator)
    assert "comment" in exc.value.message_dict


def test_session_recorded_and_checked(monkeypatch, mediating_case, mediator, gaozhou_mediator):
    case = services.session_record(
        case=mediating_case,
        actor=mediator,
        held_on=mediating_case.received_on,
        place="红旗街道调解室",
        notes="双方到场",
    )
    assert case.sessions.get().mediator == mediator and case.status == Status.MEDIATING
    with pytest.raises(ValidationError) as exc:
        services.session_record(
            case=case,
            actor=mediator,
            held_on=case.received_on + timedelta(days=30),
            place="",
            notes="",
            mediator=gaozhou_mediator,
        )
    assert {"held_on", "place", "notes", "mediator"} <= set(exc.value.message_dict)
    assert case.sessions.count() == 1


def test_agreement_needs_at_least_one_agreed_item(mediating_case, mediator):
    with pytest.raises(ValidationError) as exc:
        services.agreement_conclude(
            case=mediating_case, actor=mediator, agreed={}, performance_deadline=services._today() + timedelta(days=10)
        )
    assert "agreed" in exc.value.message_dict
    mediating_case.refresh_from_db()
    assert mediating_case.status == Status.MEDIATING and mediating_case.outcome == ""


def test_agreement_amounts_and_deadline_are_checked(mediating_case, mediator):
    item = mediating_case.items.first()
    with pytest.raises(ValidationError) as exc:
        services.agreement_conclude(
            case=mediating_case,
            actor=mediator,
            agreed={item.pk: ("-5", "")},
            performance_deadline=date(2000, 1, 1),
        )
    assert {"agreed", "performance_deadline"} <= set(exc.value.message_dict)


def test_agreement_then_performance(mediating_case, mediator, citizen):
    wages, compensation = mediating_case.items.all()
    due = services._today() + timedelta(days=10)
    case = services.agreement_conclude(
        case=mediating_case,
        actor=mediator,
        agreed={wages.pk: ("8000", "一次性支付"), compensation.pk: ("", "")},
        performance_deadline=due,
    )
    assert (case.status, case.outcome, case.performance_deadline) == (Status.AGREED, Outcome.AGREEMENT, due)
    wages.refresh_from_db()
    assert wages.agreed_amount == Decimal("8000.00")
    with pytest.raises(CaseConflict):  # performed agreements are not referred
        services.case_refer(case=case, actor=citizen)
    case = services.case_transition(case=case, action="perform", actor=mediator, performance=Performance.NOT_PERFORMED)
    assert case.performance == Performance.NOT_PERFORMED
    case = services.case_refer(case=case, actor=citizen)  # 第十五条: not performed → arbitration
    assert case.status == Status.REFERRED
    assert [c["kind"] for c in case.referral.claims] == ["wages"]


def test_expire_only_after_the_deadline(monkeypatch, mediating_case, mediator):
    with pytest.raises(CaseConflict):
        services.case_transition(case=mediating_case, action="expire", actor=mediator)
    on(monkeypatch, mediating_case.deadline + timedelta(days=1))
    case = services.case_transition(case=mediating_case, action="expire", actor=mediator)
    assert (case.status, case.outcome) == (Status.EXPIRED, Outcome.EXPIRED)


def test_transfer_up_a_level(pending_case, mediator, orgs, district_mediator):
    with pytest.raises(ValidationError):  # not higher
        services.case_transition(
            case=pending_case, action="transfer", actor=mediator, comment="疑难", organisation=orgs["village"]
        )
    with pytest.raises(ValidationError):  # another county
        services.case_transition(
            case=pending_case, action="transfer", actor=mediator, comment="疑难", organisation=orgs["gaozhou"]
        )
    case = services.case_transition(
        case=pending_case, action="transfer", actor=mediator, comment="案情复杂", organisation=orgs["district"]
    )
    assert (case.organisation, case.region_id, case.status) == (orgs["district"], "440902", Status.PENDING)
    with pytest.raises(PermissionDenied):  # the town no longer handles it
        services.case_transition(case=case, action="accept", actor=mediator)
    assert services.case_transition(case=case, action="accept", actor=district_mediator).status == Status.MEDIATING


# --- referral to arbitration ---------------------------------------------------------------------------


def test_failed_case_is_referred_with_its_claims(mediating_case, mediator, citizen):
    case = services.case_transition(case=mediating_case, action="fail", actor=mediator, comment="单位不同意支付")
    case = services.case_refer(case=case, actor=mediator)
    referral = Referral.objects.get(case=case)
    assert case.status == Status.REFERRED and case.outcome == Outcome.FAILURE
    assert [(c["kind"], c["amount"]) for c in referral.claims] == [
        ("wages", "8600.00"),
        ("economic_compensation", "12000.00"),
    ]
    # The arbitration app's service took it: its case carries the same claims and our number.
    from renshe.labour.selectors import my_arbitrations

    arbitration = my_arbitrations(viewer=citizen).get(number=referral.arbitration_ref)
    assert referral.state == Referral.State.SENT
    assert arbitration.source_reference == case.number
    assert sorted((c.kind, c.amount) for c in arbitration.claims.all()) == [
        ("economic_compensation", Decimal("12000.00")),
        ("wages", Decimal("8600.00")),
    ]


def test_referral_before_the_deadline_is_refused(mediating_case, citizen):
    with pytest.raises(CaseConflict):
        services.case_refer(case=mediating_case, actor=citizen)
    assert not Referral.objects.exists()


def test_applicant_refers_after_fifteen_days(monkeypatch, mediating_case, citizen):
    on(monkeypatch, mediating_case.deadline + timedelta(days=1))
    case = services.case_refer(case=mediating_case, actor=citizen)
    assert (case.status, case.outcome) == (Status.REFERRED, Outcome.EXPIRED)
    assert case.referral.state == Referral.State.SENT and case.referral.arbitration_ref
    assert Transition.objects.filter(case=case, action="refer").count() == 1


# --- the overdue job ------------------------------------------------------------------------------------


def test_flag_overdue_once(mediating_case, citizen):
    later = mediating_case.deadline + timedelta(days=1)
    assert services.cases_flag_overdue(today=mediating_case.deadline) == {"checked": 0, "flagged": 0}
    assert services.cases_flag_overdue(today=later) == {"checked": 1, "flagged": 1}
    assert services.cases_flag_overdue(today=later) == {"checked": 0, "flagged": 0}
    titles = messages_of(citizen)
    assert titles.count(f"调解期限已过：{mediating_case.number}") == 1
    mediating_case.refresh_from_db()
    assert mediating_case.overdue_notified_on == later and mediating_case.status == Status.MEDIATING


def test_flag_overdue_command(mediating_case, citizen):
    from io import StringIO

    from django.core.management import call_command

    later = (mediating_case.deadline + timedelta(days=2)).isoformat()
    out = StringIO()
    call_command("flag_mediation_overdue", "--today", later, stdout=out)
    call_command("flag_mediation_overdue", "--today", later, stdout=out)
    assert "flagged=1" in out.getvalue() and "flagged=0" in out.getvalue()
    assert Message.objects.filter(recipient=citizen, title__startswith="调解期限已过").count() == 1
