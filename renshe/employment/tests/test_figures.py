"""The employment figures (docs/figures.md): values by county and for the city against known records,
a county without records absent, and the same numbers as the employment statistics page."""

import secrets
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from renshe import testing
from renshe.core.figures import CITY, compute, spec
from renshe.employment import assistance
from renshe.employment import figures as f
from renshe.employment.models import (
    Booth,
    FairOutcome,
    FairRegistration,
    GuaranteeLoan,
    Job,
    JobFair,
    LayoffWarning,
    MonitoredEmployer,
)
from renshe.employment.models.jobs import JobStatus
from renshe.employment.monitoring import employment_register, employment_statistics
from renshe.employment.tests import assistance_testing as at

TZ = timezone.get_default_timezone()
YEAR = (date(2025, 1, 1), date(2025, 12, 31))
MAONAN, DIANBAI, GAOZHOU = "440902", "440904", "440981"


def _hire(clerk, person, employer, day: date):
    return employment_register(
        actor=clerk,
        person=person,
        employer=employer,
        start_date=day,
        contract_type="fixed",
        source="window",
        registered_on=day,
    )


@pytest.fixture
def labour_2025(clerk_maonan, clerk_gaozhou):
    """茂南: 甲 unemployed (01-10) then hired (02-05); 丙 with difficulty hired (03-01); 丁 already
    employed, hired again (not new urban). 高州: 乙 unemployed since 01-20, still; 戊 hired 04-01 by a
    高州 employer. 电白: nothing."""
    a = at.person(name="甲")
    assistance.unemployment_register(actor=clerk_maonan, person=a, reason="其他", registered_on=date(2025, 1, 10))
    _hire(clerk_maonan, a, at.employer("甲公司"), date(2025, 2, 5))
    b = at.person(name="乙", region=testing.GAOZHOU_TOWN)
    assistance.unemployment_register(actor=clerk_gaozhou, person=b, reason="其他", registered_on=date(2025, 1, 20))
    c = at.person(name="丙", tags=["disabled"])
    assistance.difficulty_recognise(actor=clerk_maonan, person=c, recognised_on=date(2025, 2, 1))
    _hire(clerk_maonan, c, at.employer("丙公司"), date(2025, 3, 1))
    d = at.person(name="丁")
    at.employ(d, at.employer("旧公司"))
    _hire(clerk_maonan, d, at.employer("新公司"), date(2025, 3, 2))
    e = at.person(name="戊", region=testing.GAOZHOU_TOWN)
    _hire(clerk_gaozhou, e, at.employer("高州公司", region=testing.GAOZHOU_TOWN), date(2025, 4, 1))
    return {"甲": a, "乙": b, "丙": c, "丁": d, "戊": e}


@pytest.mark.django_db
def test_every_key_of_the_contract_is_declared():
    keys = [
        "new_urban_jobs",
        "unemployed_reemployed",
        "difficulty_employed",
        "registered_unemployed",
        "jobs_open",
        "fair_signups",
        "fair_checkins",
        "fair_intentions",
        "layoff_warnings_open",
        "guarantee_loans",
    ]
    for key in keys:
        declared = spec(f"employment.{key}")
        assert declared is not None and declared.module == "renshe.employment.figures", key
    assert spec("employment.guarantee_loans").unit == "万元" and spec("employment.jobs_open").kind == "stock"


@pytest.mark.django_db
def test_registrations_by_county(labour_2025):
    assert f.new_urban_jobs(*YEAR) == {MAONAN: 2, GAOZHOU: 1}
    assert compute("employment.new_urban_jobs", *YEAR) == {MAONAN: 2, GAOZHOU: 1, CITY: 3}
    assert f.unemployed_reemployed(*YEAR) == {MAONAN: 1}
    assert f.difficulty_employed(*YEAR) == {MAONAN: 1}
    # A month: only March's hires (丙 new, 丁 not new).
    assert f.new_urban_jobs(date(2025, 3, 1), date(2025, 3, 31)) == {MAONAN: 1}
    assert f.new_urban_jobs(date(2024, 1, 1), date(2024, 12, 31)) == {}


@pytest.mark.django_db
def test_same_numbers_as_the_statistics_page(labour_2025):
    stats = {row["code"]: row for row in employment_statistics(year=2025)["by_district"]}
    for key, field in (
        ("new_urban_jobs", "new_urban"),
        ("unemployed_reemployed", "reemployed_unemployed"),
        ("difficulty_employed", "difficulty_placed"),
    ):
        values = getattr(f, key)(*YEAR)
        for code, row in stats.items():
            assert values.get(code, 0) == row[field], (key, code)


@pytest.mark.django_db
def test_registered_unemployed_as_of_the_day(labour_2025):
    assert f.registered_unemployed(date(2025, 1, 1), date(2025, 1, 31)) == {MAONAN: 1, GAOZHOU: 1}
    assert f.registered_unemployed(date(2025, 1, 1), date(2025, 1, 15)) == {MAONAN: 1}
    assert f.registered_unemployed(*YEAR) == {GAOZHOU: 1}
    today = timezone.localdate()
    assert compute("employment.registered_unemployed", today, today) == {GAOZHOU: 1, CITY: 1}


def _job(employer, region: str, *, status=JobStatus.PUBLISHED, published: date, expires: date | None) -> Job:
    return Job.objects.create(
        employer=employer,
        title="普工",
        description="普工，包吃住",
        region_id=region,
        salary_min=2500,
        salary_max=4000,
        headcount=2,
        status=status,
        published_at=datetime(published.year, published.month, published.day, 9, tzinfo=TZ),
        expires_on=expires,
        share_token=secrets.token_urlsafe(12)[:24],
    )


@pytest.mark.django_db
def test_jobs_open_on_the_day():
    maonan = at.employer("岗位公司")
    gaozhou = at.employer("高州岗位公司", region=testing.GAOZHOU_TOWN)
    _job(maonan, testing.MAONAN_TOWN, published=date(2025, 3, 1), expires=date(2025, 6, 30))
    _job(maonan, MAONAN, published=date(2025, 5, 1), expires=None)
    _job(gaozhou, testing.GAOZHOU_TOWN, status=JobStatus.EXPIRED, published=date(2025, 2, 1), expires=date(2025, 4, 30))
    _job(gaozhou, testing.GAOZHOU_TOWN, status=JobStatus.PENDING, published=date(2025, 2, 1), expires=None)
    _job(gaozhou, testing.GAOZHOU_TOWN, status=JobStatus.WITHDRAWN, published=date(2025, 2, 1), expires=None)
    assert f.jobs_open(date(2025, 4, 1), date(2025, 4, 15)) == {MAONAN: 1, GAOZHOU: 1}
    assert f.jobs_open(date(2025, 5, 1), date(2025, 5, 31)) == {MAONAN: 2}
    assert f.jobs_open(date(2025, 7, 1), date(2025, 7, 31)) == {MAONAN: 1}
    assert f.jobs_open(date(2025, 1, 1), date(2025, 1, 31)) == {}


@pytest.fixture
def fairs_2025():
    """A 茂南 fair in May: 3 sign-ups (2 in May, 1 in April), 2 admitted in May, 1 intention, 1 hire;
    a 高州 fair in June: 1 sign-up admitted, 1 intention."""
    made = {}
    for code, day in ((MAONAN, date(2025, 5, 20)), (GAOZHOU, date(2025, 6, 10))):
        starts = datetime(day.year, day.month, day.day, 9, tzinfo=TZ)
        made[code] = JobFair.objects.create(
            title=f"春风行动{code}",
            mode="offline",
            region_id=code,
            starts_at=starts,
            ends_at=starts + timedelta(hours=8),
            organiser=testing.org_unit(code),
            status=JobFair.Status.CLOSED,
        )
    people = [at.person(name=f"求职{i}") for i in range(4)]

    def sign_up(fair, person, at_day: date, checked_in: bool):
        reg = FairRegistration.objects.create(fair=fair, person=person, code=secrets.token_hex(6))
        FairRegistration.objects.filter(pk=reg.pk).update(
            registered_at=datetime(at_day.year, at_day.month, at_day.day, 10, tzinfo=TZ),
            checked_in_at=fair.starts_at + timedelta(hours=1) if checked_in else None,
        )

    sign_up(made[MAONAN], people[0], date(2025, 4, 28), True)
    sign_up(made[MAONAN], people[1], date(2025, 5, 2), True)
    sign_up(made[MAONAN], people[2], date(2025, 5, 3), False)
    sign_up(made[GAOZHOU], people[3], date(2025, 6, 1), True)
    for code, outcomes in ((MAONAN, (("intention", 0), ("hired", 1))), (GAOZHOU, (("intention", 3),))):
        booth = Booth.objects.create(fair=made[code], employer=at.employer(f"参展{code}"), status=Booth.Status.APPROVED)
        for kind, i in outcomes:
            FairOutcome.objects.create(fair=made[code], booth=booth, person=people[i], kind=kind)
        FairOutcome.objects.filter(fair=made[code]).update(recorded_at=made[code].starts_at + timedelta(hours=2))
    return made


@pytest.mark.django_db
def test_fairs_by_county(fairs_2025):
    may = (date(2025, 5, 1), date(2025, 5, 31))
    assert f.fair_signups(*may) == {MAONAN: 2}
    assert f.fair_signups(*YEAR) == {MAONAN: 3, GAOZHOU: 1}
    assert f.fair_checkins(*may) == {MAONAN: 2}
    assert compute("employment.fair_checkins", *YEAR) == {MAONAN: 2, GAOZHOU: 1, CITY: 3}
    assert f.fair_intentions(*YEAR) == {MAONAN: 1, GAOZHOU: 1}
    assert f.fair_intentions(*may) == {MAONAN: 1}
    stats = {row["code"]: row for row in employment_statistics(year=2025)["by_district"]}
    assert stats[MAONAN]["fair_intentions"] == 1 and stats[GAOZHOU]["fair_intentions"] == 1


@pytest.mark.django_db
def test_layoff_warnings_count_employers_not_closed():
    def monitored(name, region=testing.MAONAN_TOWN):
        return MonitoredEmployer.objects.create(employer=at.employer(name, region=region), since=date(2024, 1, 1))

    a, b, c = monitored("甲厂"), monitored("乙厂"), monitored("丙厂", region=testing.GAOZHOU_TOWN)
    warn = LayoffWarning.objects.create
    warn(monitored=a, month=date(2025, 3, 1), previous=500, current=400, reason="减员20%")
    warn(monitored=a, month=date(2025, 4, 1), previous=400, current=300, reason="减员25%", status="acknowledged")
    warn(monitored=b, month=date(2025, 4, 1), previous=300, current=200, reason="减员33%", status="closed")
    warn(monitored=c, month=date(2025, 5, 1), previous=300, current=200, reason="减员33%")
    assert f.layoff_warnings_open(*YEAR) == {MAONAN: 1, GAOZHOU: 1}
    assert f.layoff_warnings_open(date(2025, 4, 1), date(2025, 4, 30)) == {MAONAN: 1}
    assert f.layoff_warnings_open(date(2025, 1, 1), date(2025, 2, 28)) == {}


@pytest.mark.django_db
def test_guarantee_loans_lent_in_ten_thousand_yuan(clerk_maonan, reviewer_maonan):
    form = {
        "applicant_type": "个人",
        "eligible_group": "退役军人",
        "business_name": "茂南区老兵餐饮店",
        "loan_amount": "30",
        "loan_term_months": "36",
        "business_plan": "购置厨房设备及流动资金",
    }
    for name, amount, status in (("冯军", "30", "disbursed"), ("陈兵", "20", "repaid"), ("李卫", "10", "approved")):
        case = at.file_case(clerk_maonan, at.person(name=name), "RS-JY-008", {**form, "loan_amount": amount})
        at.approve(case, clerk=clerk_maonan, reviewer=reviewer_maonan)
        GuaranteeLoan.objects.filter(case=case).update(status=status, decided_on=date(2025, 6, 1))
    assert f.guarantee_loans(*YEAR) == {MAONAN: Decimal(50)}
    assert compute("employment.guarantee_loans", *YEAR)[CITY] == Decimal(50)
    assert f.guarantee_loans(date(2025, 7, 1), date(2025, 7, 31)) == {}
