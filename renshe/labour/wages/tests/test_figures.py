"""The wages figures by county, on the generated projects."""

from datetime import date
from decimal import Decimal

import pytest

from renshe import testing
from renshe.core.figures import compute, discover
from renshe.labour.wages.models import WageWarning
from renshe.labour.wages.services_warnings import wage_warnings_evaluate
from renshe.labour.wages.tests.wages_testing import TODAY, build

pytestmark = pytest.mark.django_db


def test_wage_figures_by_county():
    build("W3")
    build("W1")
    build("none", region=testing.GAOZHOU_TOWN)
    wage_warnings_evaluate(today=TODAY)
    assert {
        "wages.warnings_open",
        "wages.warnings_red",
        "wages.projects_monitored",
        "wages.special_account_rate",
    } <= set(discover())
    assert compute("wages.warnings_open", TODAY, TODAY) == {"440902": 2, "440900": 2}
    assert compute("wages.warnings_red", TODAY, TODAY) == {"440902": 1, "440900": 1}
    assert compute("wages.projects_monitored", TODAY, TODAY) == {"440902": 2, "440981": 1, "440900": 3}
    rate = compute("wages.special_account_rate", TODAY, TODAY)
    assert rate == {"440902": Decimal("50.0"), "440981": Decimal("100.0"), "440900": Decimal("66.7")}
    # as of the day before the warnings opened there were none
    assert compute("wages.warnings_open", date(2026, 3, 19), date(2026, 3, 19)) == {"440900": 0}
    WageWarning.objects.filter(rule="W3").update(status="closed", closed_at="2026-03-21T10:00:00+08:00")
    assert compute("wages.warnings_red", TODAY, TODAY) == {"440902": 1, "440900": 1}
    assert compute("wages.warnings_red", date(2026, 3, 22), date(2026, 3, 22)) == {"440900": 0}
