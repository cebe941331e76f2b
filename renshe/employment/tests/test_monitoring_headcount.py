"""Monthly headcount reports of sample employers and the layoff warning (规模性裁员预警)."""

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from renshe.accounts.models import Message
from renshe.core.models import Parameter
from renshe.employment import monitoring
from renshe.employment.models import HeadcountReport, LayoffWarning
from renshe.employment.tests import assistance_testing as at

JAN, FEB = date(2025, 1, 1), date(2025, 2, 1)


@pytest.fixture
def sample(clerk_maonan, employer_user):
    return monitoring.monitored_employer_add(actor=clerk_maonan, employer=employer_user.employer, since=JAN)


def _two_months(actor, monitored, before, after):
    monitoring.headcount_report_file(actor=actor, monitored=monitored, month=JAN, headcount=before)
    return monitoring.headcount_report_file(actor=actor, monitored=monitored, month=FEB, headcount=after)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("before", "after", "warned"),
    [(100, 90, True), (101, 91, False), (1000, 980, True), (1000, 981, False)],
    ids=["exactly-10-percent", "9.9-percent", "exactly-20-people", "19-people"],
)
def test_layoff_warning_boundaries(employer_user, clerk_maonan, sample, before, after, warned):
    _two_months(employer_user, sample, before, after)
    assert LayoffWarning.objects.filter(monitored=sample, month=FEB).exists() is warned
    assert Message.objects.filter(recipient=clerk_maonan, title__contains="规模性裁员预警").exists() is warned


@pytest.mark.django_db
def test_warning_records_the_reason(employer_user, sample):
    _two_months(employer_user, sample, 200, 180)
    warning = LayoffWarning.objects.get()
    assert (warning.previous, warning.current) == (200, 180)
    assert warning.reason == "减员 10.00%（阈值 10%）；减员 20 人（阈值 20 人）"


@pytest.mark.django_db
def test_thresholds_are_dated_parameters(employer_user, sample):
    Parameter.objects.create(key="employment.layoff_drop_percent", valid_from=JAN, value=5, description="5%")
    _two_months(employer_user, sample, 100, 95)
    assert LayoffWarning.objects.exists()


@pytest.mark.django_db
def test_evaluate_twice_keeps_one_warning(employer_user, clerk_maonan, sample):
    _two_months(employer_user, sample, 100, 80)
    assert monitoring.layoffs_evaluate(month=FEB) == {"reports": 1, "warnings": 0}
    call_command("evaluate_layoffs", "--month", "2025-02", stdout=StringIO())
    assert LayoffWarning.objects.count() == 1
    assert Message.objects.filter(recipient=clerk_maonan, title__contains="裁员").count() == 1


@pytest.mark.django_db
def test_evaluate_catches_a_report_stored_without_its_warning(employer_user, sample):
    HeadcountReport.objects.create(monitored=sample, month=JAN, headcount=50)
    HeadcountReport.objects.create(monitored=sample, month=FEB, headcount=30)
    assert monitoring.layoffs_evaluate(month=FEB) == {"reports": 1, "warnings": 1}


@pytest.mark.django_db
def test_report_bad_input(employer_user, sample):
    monitoring.headcount_report_file(actor=employer_user, monitored=sample, month="2025-01", headcount=10)
    for kwargs, field in [
        ({"month": "2025-01"}, "month"),  # already filed
        ({"month": "2999-01"}, "month"),
        ({"month": "一月"}, "month"),
        ({"headcount": -1}, "headcount"),
        ({"left": -2}, "left"),
    ]:
        values = {"month": "2025-03", "headcount": 10, **kwargs}
        with pytest.raises(ValidationError) as err:
            monitoring.headcount_report_file(actor=employer_user, monitored=sample, **values)
        assert field in err.value.message_dict
    assert HeadcountReport.objects.count() == 1


@pytest.mark.django_db
def test_who_may_report(sample, clerk_maonan, clerk_gaozhou, citizen):
    other = at.employer("别家有限公司")
    from renshe import testing

    other_user = testing.employer_user(username="employer_other", name="另一家有限公司")
    for actor in (other_user, clerk_gaozhou, citizen):
        with pytest.raises(PermissionDenied):
            monitoring.headcount_report_file(actor=actor, monitored=sample, month=JAN, headcount=1)
    assert monitoring.headcount_report_file(actor=clerk_maonan, monitored=sample, month=JAN, headcount=1)
    with pytest.raises(PermissionDenied):
        monitoring.monitored_employer_add(actor=clerk_gaozhou, employer=other)


@pytest.mark.django_db
def test_warning_workflow(employer_user, clerk_maonan, clerk_gaozhou, sample):
    _two_months(employer_user, sample, 100, 70)
    warning = LayoffWarning.objects.get()
    with pytest.raises(ValidationError) as err:
        monitoring.layoff_warning_update(actor=clerk_maonan, warning=warning, status="acknowledged", note=" ")
    assert "note" in err.value.message_dict
    with pytest.raises(PermissionDenied):
        monitoring.layoff_warning_update(actor=clerk_gaozhou, warning=warning, status="closed", note="x")
    warning = monitoring.layoff_warning_update(
        actor=clerk_maonan, warning=warning, status="acknowledged", note="企业订单减少，已核实"
    )
    warning = monitoring.layoff_warning_update(actor=clerk_maonan, warning=warning, status="closed", note="已稳岗")
    assert warning.status == "closed" and "已稳岗" in warning.note
    with pytest.raises(ValidationError):
        monitoring.layoff_warning_update(actor=clerk_maonan, warning=warning, status="acknowledged", note="x")


@pytest.mark.django_db
def test_trends_by_district_and_industry(clerk_maonan, employer_user, sample):
    _two_months(employer_user, sample, 100, 120)
    trends = monitoring.headcount_trends(viewer=clerk_maonan, end_month=FEB, months=2)
    assert trends["months"] == [JAN, FEB]
    (district,) = trends["by_district"]
    assert district["name"] == "茂南区" and district["values"] == [100, 120] and str(district["change"]) == "20.0"
    (industry,) = trends["by_industry"]
    assert industry["code"] == "C" and industry["values"] == [100, 120]
