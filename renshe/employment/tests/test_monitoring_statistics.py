"""Employment statistics: new urban employment, re-employment, people with difficulty placed, registered
unemployment at month end, fair results — by month, district and group; the page and the Excel export."""

from datetime import date, datetime
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from renshe import testing
from renshe.employment import assistance
from renshe.employment.models import Booth, FairOutcome, JobFair
from renshe.employment.monitoring import employment_register, employment_statistics
from renshe.employment.tests import assistance_testing as at

TZ = timezone.get_default_timezone()


@pytest.fixture
def year_2025(clerk_maonan, clerk_gaozhou):
    a = at.person(name="甲")
    assistance.unemployment_register(actor=clerk_maonan, person=a, reason="其他", registered_on=date(2025, 1, 10))
    employment_register(
        actor=clerk_maonan,
        person=a,
        employer=at.employer("甲公司"),
        start_date=date(2025, 2, 5),
        contract_type="fixed",
        source="window",
        registered_on=date(2025, 2, 5),
    )
    b = at.person(name="乙", region=testing.GAOZHOU_TOWN)
    assistance.unemployment_register(actor=clerk_gaozhou, person=b, reason="其他", registered_on=date(2025, 1, 20))
    c = at.person(name="丙", tags=["disabled", "graduate"])
    assistance.difficulty_recognise(actor=clerk_maonan, person=c, recognised_on=date(2025, 2, 1))
    employment_register(
        actor=clerk_maonan,
        person=c,
        employer=at.employer("丙公司"),
        start_date=date(2025, 3, 1),
        contract_type="fixed",
        source="window",
        registered_on=date(2025, 3, 1),
    )
    d = at.person(name="丁")
    at.employ(d, at.employer("旧公司"))
    employment_register(
        actor=clerk_maonan,
        person=d,
        employer=at.employer("新公司"),
        start_date=date(2025, 3, 2),
        contract_type="fixed",
        source="window",
        registered_on=date(2025, 3, 2),
    )
    fair = JobFair.objects.create(
        title="春风行动",
        mode="offline",
        region_id="440902",
        starts_at=datetime(2025, 2, 15, 9, tzinfo=TZ),
        ends_at=datetime(2025, 2, 15, 17, tzinfo=TZ),
        organiser=testing.org_unit("440902"),
        status=JobFair.Status.CLOSED,
    )
    booth = Booth.objects.create(fair=fair, employer=at.employer("参展公司"), status=Booth.Status.APPROVED)
    for kind, person in (("interview", b), ("intention", b), ("hired", d)):
        FairOutcome.objects.create(fair=fair, booth=booth, person=person, kind=kind)
    FairOutcome.objects.update(recorded_at=datetime(2025, 2, 15, 12, tzinfo=TZ))


@pytest.mark.django_db
def test_year_for_the_city(year_2025):
    stats = employment_statistics(year=2025)
    t = stats["totals"]
    assert (t["new_urban"], t["reemployed_unemployed"], t["difficulty_placed"]) == (2, 1, 1)
    assert t["registered_unemployed"] == 1  # 乙, still registered at the year's end
    assert (t["fair_interviews"], t["fair_intentions"], t["fair_hires"]) == (1, 1, 1)
    months = {row["month"].month: row for row in stats["by_month"]}
    assert months[1]["registered_unemployed"] == 2 and months[2]["registered_unemployed"] == 1
    assert months[2]["new_urban"] == 1 and months[2]["fair_hires"] == 1
    assert months[3]["new_urban"] == 1 and months[3]["difficulty_placed"] == 1
    districts = {row["code"]: row for row in stats["by_district"]}
    assert districts["440902"]["new_urban"] == 2 and districts["440981"]["registered_unemployed"] == 1
    groups = {g["code"]: g["new_employment"] for g in stats["by_group"]}
    assert groups["difficulty"] == 1 and groups["disabled"] == 1 and groups["graduate"] == 1 and groups["veteran"] == 0


@pytest.mark.django_db
def test_one_month_one_district(year_2025):
    stats = employment_statistics(year=2025, month=2, district="440981")
    assert stats["totals"]["new_urban"] == 0 and stats["totals"]["registered_unemployed"] == 1
    assert len(stats["by_month"]) == 1 and [d["code"] for d in stats["by_district"]] == ["440981"]
    maonan = employment_statistics(year=2025, month=3, district="440902")["totals"]
    assert maonan["new_urban"] == 1 and maonan["difficulty_placed"] == 1


@pytest.mark.django_db
def test_page_and_export(client, statistician, year_2025):
    client.force_login(statistician)
    response = client.get(reverse("employment:statistics"), {"year": 2025})
    assert response.status_code == 200
    assert "城镇新增就业" in response.content.decode()
    response = client.get(reverse("employment:statistics_export"), {"year": 2025})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("维度", "分组", "城镇新增就业")
    assert rows[-1][0] == "合计" and rows[-1][2] == 2


@pytest.mark.django_db
def test_county_staff_see_their_county_only(client, clerk_gaozhou, year_2025):
    client.force_login(clerk_gaozhou)
    response = client.get(reverse("employment:statistics"), {"year": 2025, "district": "440902"})
    assert response.status_code == 200
    assert response.context["args"]["district"] == "440981"
    assert response.context["stats"]["totals"]["new_urban"] == 0


@pytest.mark.django_db
def test_public_users_cannot_see_statistics(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("employment:statistics")).status_code == 403
    assert client.get(reverse("employment:statistics_export")).status_code == 403
