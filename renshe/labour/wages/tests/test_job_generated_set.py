"""The warning job on a generated set of 34 projects, each with a known defect or none: the whole set of
warnings it opens is compared with what is expected; a second run changes nothing; a cleared condition
closes its warning with the reason "条件已消除"."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from renshe import testing
from renshe.labour.wages.models import BankTransaction, WageWarning
from renshe.labour.wages.services_warnings import CLEARED, wage_warnings_evaluate
from renshe.labour.wages.tests.wages_testing import EXPECTED, MARCH_PAY_DAY, TODAY, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated():
    projects = {}
    for region in (testing.MAONAN_TOWN, testing.GAOZHOU_TOWN):
        for defect in EXPECTED:
            projects[build(defect, region=region).pk] = defect
    return projects


def _live() -> set[tuple[int, str, str]]:
    return set(WageWarning.objects.exclude(status="closed").values_list("project_id", "rule", "period"))


def test_the_job_opens_exactly_the_expected_warnings_and_is_safe_to_run_twice(generated):
    assert len(generated) == 34
    expected = {(pk, rule, period) for pk, defect in generated.items() for rule, period in EXPECTED[defect]}

    first = wage_warnings_evaluate(today=TODAY)

    assert _live() == expected
    assert first == {"projects": 34, "opened": len(expected), "closed": 0}
    assert wage_warnings_evaluate(today=TODAY) == {"projects": 34, "opened": 0, "closed": 0}
    assert WageWarning.objects.count() == len(expected)
    red = WageWarning.objects.filter(level="red")
    assert set(red.values_list("rule", flat=True)) == {"W3"}
    w3 = red.first()
    assert w3.evidence == "发薪日 2026-03-13 已过，3 名登记工人未见专户代发工资记录"
    assert w3.region_id == w3.project.region_id and w3.employer_id == w3.project.employer_id
    assert list(w3.actions.values_list("action", "to_status")) == [("open", "open")]


def test_a_cleared_condition_closes_its_warning_once(generated):
    wage_warnings_evaluate(today=TODAY)
    w3_project = next(pk for pk, defect in generated.items() if defect == "W3")
    warning = WageWarning.objects.get(project_id=w3_project, rule="W3")
    account = warning.project.account
    for worker in warning.project.workers.all():
        BankTransaction.objects.create(
            account=account,
            bank_txn_id=f"late-{worker.pk}",
            kind="payout",
            amount=Decimal(3000),
            value_date=date(2026, 3, 19),
            worker=worker,
            source="api",
        )

    result = wage_warnings_evaluate(today=TODAY)

    warning.refresh_from_db()
    assert result["closed"] == 1 and result["opened"] == 0
    assert warning.status == "closed" and warning.close_reason == CLEARED
    assert list(warning.actions.values_list("action", flat=True)) == ["open", "auto_close"]
    assert wage_warnings_evaluate(today=TODAY)["closed"] == 0


def test_the_same_condition_later_opens_a_new_warning_only_after_the_old_one_closed(generated):
    wage_warnings_evaluate(today=TODAY)
    assert MARCH_PAY_DAY < TODAY
    w8 = next(pk for pk, defect in generated.items() if defect == "W8")
    WageWarning.objects.filter(project_id=w8, rule="W8").update(status="closed", close_reason="现场核实")
    wage_warnings_evaluate(today=TODAY)
    assert WageWarning.objects.filter(project_id=w8, rule="W8").count() == 2
    assert WageWarning.objects.filter(project_id=w8, rule="W8").exclude(status="closed").count() == 1


def test_the_command_runs_as_of_a_day(generated, capsys):
    call_command("evaluate_wage_warnings", "--today", TODAY.isoformat())
    out = capsys.readouterr().out
    assert "projects=34" in out
    call_command("evaluate_wage_warnings", "--today", TODAY.isoformat())
    assert "opened=0" in capsys.readouterr().out
