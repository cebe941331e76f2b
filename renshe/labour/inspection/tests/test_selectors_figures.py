"""The credit-rating interface (employer_inspection_record) and the figures of docs/figures.md."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from renshe.core.figures import CITY, compute, spec
from renshe.labour.inspection import selectors, services, services_complaints
from renshe.labour.inspection.tests import inspection_testing as it

pytestmark = pytest.mark.django_db


def test_employer_inspection_record(inspector_a, inspector_b, firm):
    pair = [inspector_a.pk, inspector_b.pk]
    case = services.inspection_case_open(
        actor=inspector_a, employer=firm, summary="欠薪预警", source="wage_warning", source_ref="3"
    )
    services.case_penalize(
        case=case,
        actor=inspector_a,
        amount="20000",
        legal_basis="劳动保障监察条例第二十六条",
        facts="拖欠工资",
        inspector_ids=pair,
    )
    services.case_issue_order(
        case=case,
        actor=inspector_a,
        items="支付工资",
        inspector_ids=pair,
        deadline=timezone.localdate() + timedelta(days=9),
    )
    services.case_check_order(case=case, actor=inspector_a, met=False)
    record = selectors.employer_inspection_record([firm.pk, 999999], since=date(2020, 1, 1))
    assert record[firm.pk] == {
        "cases": 1,
        "violations": 1,
        "penalties": 1,
        "penalty_amount": Decimal("20000.00"),
        "arrears_cases": 1,
        "orders_unmet": 1,
        "refused_inspection": False,
    }
    assert record[999999]["cases"] == 0
    later = selectors.employer_inspection_record([firm.pk], since=timezone.localdate() + timedelta(days=1))
    assert later[firm.pk]["cases"] == 0


def test_figures_declared_with_the_contract_keys():
    for key in (
        "inspection.complaint_closure_rate",
        "inspection.complaints_received",
        "inspection.cases_open",
        "inspection.arrears_recovered",
        "inspection.workers_helped",
    ):
        assert spec(key) is not None, key


def test_closure_rate_and_flows(citizen, firm, inspector_a):
    today = timezone.localdate()
    accepted = [it.complaint(citizen, firm) for _ in range(4)]
    for c in accepted:
        services_complaints.complaint_transition(complaint=c, action="accept", actor=inspector_a)
    refused = it.complaint(citizen, firm)
    services_complaints.complaint_transition(
        complaint=refused, action="refuse", actor=inspector_a, refusal_reason="other", comment="重复投诉"
    )
    case = services_complaints.complaint_open_case(complaint=accepted[0], actor=inspector_a)
    services.case_close(
        case=case,
        actor=inspector_a,
        violation_confirmed=True,
        arrears_recovered="120000",
        workers_helped=15,
        outcome_note="已追发",
    )
    services_complaints.complaint_transition(
        complaint=accepted[1], action="close", actor=inspector_a, comment="当场解决"
    )
    start = date(today.year, 1, 1)
    assert compute("inspection.complaints_received", start, today) == {"440902": 4, CITY: 4}
    assert compute("inspection.complaint_closure_rate", start, today) == {
        "440902": Decimal("50.0"),
        CITY: Decimal("50.0"),
    }
    assert compute("inspection.arrears_recovered", start, today)["440902"] == Decimal("12.00")
    assert compute("inspection.workers_helped", start, today)["440902"] == 15
    assert compute("inspection.cases_open", start, today).get("440902", 0) == 0


def test_refused_inspection_is_in_the_record(open_case, inspector_a, inspector_b, firm):
    services.case_record_action(
        case=open_case,
        actor=inspector_a,
        kind="site",
        inspector_ids=[inspector_a.pk, inspector_b.pk],
        note="单位拒绝提供工资台账",
        refused=True,
    )
    assert selectors.employer_inspection_record([firm.pk], since=date(2020, 1, 1))[firm.pk]["refused_inspection"]


def test_cases_open_counts_open_cases_by_county(inspector_a, inspector_gz, firm):
    from renshe import testing

    it.case(inspector_a, firm)
    it.case(inspector_gz, testing.employer(name="高州测试单位", region=testing.GAOZHOU_TOWN))
    today = timezone.localdate()
    assert compute("inspection.cases_open", today, today) == {"440902": 1, "440981": 1, CITY: 2}
