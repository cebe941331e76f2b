"""Statistics and figures computed from the case records."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from renshe import testing
from renshe.core.figures import compute
from renshe.labour.mediation import selectors, services
from renshe.labour.mediation.models import MediationCase
from renshe.labour.mediation.tests.conftest import apply, on

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(monkeypatch, citizen, orgs, mediator, district_mediator, gaozhou_mediator):
    """September 2025: 4 cases in 茂南 (2 agreements, 1 failure, 1 withdrawal), 1 in 高州 (expired)."""
    on(monkeypatch, date(2025, 9, 1))
    cases = [apply(citizen, orgs["town"]) for _ in range(3)] + [apply(citizen, orgs["district"])]
    gaozhou_person = testing.person(name="李四", region="440981002")
    gz = services.case_apply(
        actor=gaozhou_mediator,
        applicant=gaozhou_person,
        organisation=orgs["gaozhou"],
        respondent_name="某厂",
        respondent_address="石仔岭",
        facts="x",
        items=[{"kind": "rest_leave"}],
        channel="walk_in",
    )
    for case in cases[:3]:
        services.case_transition(case=case, action="accept", actor=mediator)
    services.case_transition(case=cases[3], action="accept", actor=district_mediator)
    on(monkeypatch, date(2025, 9, 10))
    for case in (cases[0], cases[3]):
        item = case.items.first()
        services.agreement_conclude(
            case=case,
            actor=mediator if case is cases[0] else district_mediator,
            agreed={item.pk: ("100", "")},
            performance_deadline=date(2025, 9, 30),
        )
    services.case_transition(case=cases[1], action="fail", actor=mediator, comment="不同意")
    services.case_transition(case=cases[2], action="withdraw", actor=citizen)
    on(monkeypatch, date(2025, 10, 20))
    services.case_transition(case=gz, action="expire", actor=gaozhou_mediator)
    return [*cases, gz]


def test_success_rate_and_counts(history):
    qs = MediationCase.objects.all()
    stats = selectors.statistics(qs=qs, start=date(2025, 9, 1), end=date(2025, 10, 31), today=date(2025, 10, 31))
    assert (stats["received"], stats["concluded"], stats["agreed"], stats["overdue"]) == (5, 4, 2, 0)
    assert stats["rate"] == Decimal("50.0")  # 2 agreements of 4 mediated (the withdrawal left out)
    by_level = {r["label"]: (r["concluded"], r["agreed"]) for r in stats["by_level"]}
    assert by_level["镇/街道"] == (3, 1) and by_level["县区/市"] == (1, 1)
    by_county = {r["code"]: (r["received"], r["concluded"], r["rate"]) for r in stats["by_county"]}
    assert by_county == {"440902": (4, 3, Decimal("66.7")), "440981": (1, 1, Decimal("0.0"))}
    by_month = {r["month"]: (r["received"], r["concluded"], r["agreed"]) for r in stats["by_month"]}
    assert by_month == {"2025-09": (5, 3, 2), "2025-10": (0, 1, 0)}


def test_overdue_count(monkeypatch, citizen, orgs, mediator):
    case = services.case_transition(case=apply(citizen, orgs["town"]), action="accept", actor=mediator)
    qs = MediationCase.objects.all()
    later = case.deadline + timedelta(days=1)
    assert selectors.statistics(qs=qs, start=later, end=later, today=case.deadline)["overdue"] == 0
    assert selectors.statistics(qs=qs, start=later, end=later, today=later)["overdue"] == 1


def test_figures(history):
    rate = compute("mediation.success_rate", date(2025, 9, 1), date(2025, 10, 31))
    assert rate == {"440902": Decimal("66.7"), "440981": Decimal("0.0"), "440900": Decimal("50.0")}
    received = compute("mediation.received", date(2025, 9, 1), date(2025, 9, 30))
    assert received == {"440902": 4, "440981": 1, "440900": 5}
    assert compute("mediation.received", date(2025, 10, 1), date(2025, 10, 31)) == {"440900": 0}


def test_city_centre_counts_in_the_city_only(monkeypatch, citizen, orgs):
    on(monkeypatch, date(2025, 9, 1))
    apply(citizen, orgs["city"])
    assert compute("mediation.received", date(2025, 9, 1), date(2025, 9, 30)) == {"440900": 1}
