"""Two callers at once: the wage-warning board opening the same case twice gives one case; two
inspectors closing one case with the version they saw — exactly one closes it, the other is told.

Each thread has its own connection; a barrier releases them together and the first one holds its
transaction a little (the audit write sleeps) so the other arrives meanwhile (see
renshe/employment/tests/test_fairs_concurrency.py for the pattern and the SQLite retry).
"""

from __future__ import annotations

import pytest

from renshe import testing
from renshe.accounts.models import Role
from renshe.cases.exceptions import CaseConflict
from renshe.labour.inspection import services
from renshe.labour.inspection.models import InspectionCase
from renshe.testing_race import hold_while_racing, race, reference_data_back  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _setup(transactional_db, monkeypatch):
    hold_while_racing(monkeypatch, services, "audit_record")  # inside the transaction, after the row lock


def test_two_simultaneous_opens_give_one_case():
    inspector = testing.staff("insp_a", Role.INSPECTOR, "440902")
    firm = testing.employer(name="并发测试单位")

    def call():
        return services.inspection_case_open(
            actor=inspector, employer=firm, summary="欠薪预警", source="wage_warning", source_ref="42"
        )

    outcomes = race([call, call])
    assert all(isinstance(o, InspectionCase) for o in outcomes), outcomes
    assert outcomes[0].pk == outcomes[1].pk
    assert InspectionCase.objects.filter(source="wage_warning", source_ref="42").count() == 1


def test_two_closures_one_wins():
    a = testing.staff("insp_a", Role.INSPECTOR, "440902")
    b = testing.staff("insp_b", Role.INSPECTOR, "440902")
    firm = testing.employer(name="并发测试单位")
    case = services.inspection_case_open(actor=a, employer=firm, summary="主动检查", source="ex_officio")
    seen = case.version

    def close(actor):
        return lambda: services.case_close(
            case=case, actor=actor, violation_confirmed=False, outcome_note="未发现违法", expected_version=seen
        )

    outcomes = race([close(a), close(b)])
    closed = [o for o in outcomes if isinstance(o, InspectionCase)]
    refused = [o for o in outcomes if isinstance(o, CaseConflict)]
    assert len(closed) == 1 and len(refused) == 1, outcomes
    assert case.transitions.filter(action="close").count() == 1
