"""The signing rate: employees with an active registry employment who hold a valid contract that day."""

from datetime import date

import pytest

from renshe import testing
from renshe.core import figures
from renshe.labour.contracts import selectors
from renshe.labour.contracts import services_contracts as svc
from renshe.labour.contracts.tests.support import TERMS, employer_with_staff, hire

pytestmark = pytest.mark.django_db


def _world():
    """茂南: 4 employees, 3 with contracts (one terminated mid-2025); 高州: 2 employees, 1 contract."""
    maonan, people = employer_with_staff(n=4)
    for person in people[:3]:
        svc.contract_register(actor=maonan, id_number=person.id_number, **TERMS)
    from renshe.labour.contracts.models import LabourContract

    svc.contract_terminate(
        actor=maonan,
        contract=LabourContract.objects.get(person=people[2]),
        terminated_on=date(2025, 6, 30),
        reason="协商一致解除",
    )
    gaozhou, others = employer_with_staff("employer_gz", n=2, region=testing.GAOZHOU_TOWN, name="高州市某有限公司")
    svc.contract_register(actor=gaozhou, id_number=others[0].id_number, **TERMS)
    return maonan, gaozhou


def test_rates_by_county_and_the_figure():
    _world()
    counts = selectors.dangerously_signing_counts_by_county(date(2025, 5, 1))
    assert counts == {"440902": (3, 4), "440981": (1, 2)}
    later = selectors.dangerously_signing_counts_by_county(date(2025, 7, 1))
    assert later["440902"] == (2, 4)  # the terminated contract no longer counts
    before = selectors.dangerously_signing_counts_by_county(date(2025, 2, 1))
    assert before["440902"] == (0, 4)  # employed since January, contracts from March
    values = figures.compute("contracts.signing_rate", date(2025, 1, 1), date(2025, 5, 1))
    assert values["440902"] == 75 and values["440981"] == 50
    assert str(values["440900"]) == "66.7"


def test_an_ended_employment_leaves_both_sides():
    maonan, people = employer_with_staff(n=1)
    from renshe.registry.models import Employment

    Employment.objects.filter(person=people[0]).update(end_date=date(2025, 4, 30))
    assert selectors.dangerously_signing_counts_by_county(date(2025, 5, 1)) == {}
    hire(maonan.employer, people[0], start=date(2025, 6, 1))
    assert selectors.dangerously_signing_counts_by_county(date(2025, 6, 1)) == {"440902": (0, 1)}


def test_staff_see_their_region_only(clerk_maonan, statistician):
    _world()
    table = selectors.signing_rate_table(viewer=clerk_maonan, day=date(2025, 5, 1))
    assert [r["code"] for r in table["rows"]] == ["440902001"]  # a county's staff see towns
    assert table["total"] == {"signed": 3, "employed": 4, "rate": 75}
    city = selectors.signing_rate_table(viewer=statistician, day=date(2025, 5, 1))
    assert [r["code"] for r in city["rows"]] == ["440902", "440981"]
    by_industry = selectors.signing_rate_table(viewer=statistician, day=date(2025, 5, 1), by="industry")
    assert [(r["code"], r["employed"]) for r in by_industry["rows"]] == [("C", 6)]
    trend = selectors.signing_rate_trend(viewer=statistician, today=date(2025, 7, 15), months=6)
    assert [t["month"] for t in trend] == ["2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07"]
    assert [t["signed"] for t in trend] == [0, 4, 4, 4, 4, 3]


def test_a_citizen_sees_no_rate(citizen):
    _world()
    assert selectors.signing_rate_table(viewer=citizen, day=date(2025, 5, 1))["rows"] == []
