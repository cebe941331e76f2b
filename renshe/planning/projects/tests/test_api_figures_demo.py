"""The REST endpoint, the big-screen summary, the figure (亿元 by county) and the idempotent demo."""

import json
from datetime import date
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from renshe.core.figures import CITY, compute, spec
from renshe.planning.projects import demo, services
from renshe.planning.projects.figures import investment_completed
from renshe.planning.projects.models import MajorProject, Milestone, ProgressReport
from renshe.planning.projects.selectors import projects_summary
from renshe.planning.projects.tests import support as s

URL = "/api/v1/major-projects/"


def _report(actor, code, year, quarter, completed, physical=10, **extra):
    return services.progress_report(
        actor=actor,
        project=s.project(code),
        year=year,
        quarter=quarter,
        completed=completed,
        physical_progress=physical,
        **extra,
    )


@pytest.fixture
def reported(statistician):
    """市本级 ZD-01: 2000 (2022Q1) + 3000 (2023Q2); 高州 ZD-07: 1000 (2023Q1, corrected to 1500);
    化州 ZD-08: 9000 in 2025Q4, 100 % done."""
    _report(statistician, "ZD-01", 2022, 1, "2000")
    _report(statistician, "ZD-01", 2023, 2, "3000", physical=30)
    _report(statistician, "ZD-07", 2023, 1, "1000")
    _report(statistician, "ZD-07", 2023, 1, "1500", reason="更正")
    _report(statistician, "ZD-08", 2025, 4, "9000", physical=100)


@pytest.mark.django_db
def test_api_list_and_detail(statistician, reported):
    api = APIClient()
    api.force_authenticate(statistician)
    data = api.get(URL).json()
    assert data["count"] == 9
    rows = {r["code"]: r for r in data["results"]}
    assert rows["ZD-01"]["completed_investment"] == "5000.00" and rows["ZD-01"]["latest_quarter"] == "2023Q2"
    assert rows["ZD-08"]["status"] == "completed" and rows["ZD-08"]["progress"] == 1.0
    assert rows["ZD-07"]["county"] == "440981" and rows["ZD-02"]["status"] == "not_started"
    detail = api.get(f"{URL}ZD-07/").json()
    assert [(h["version"], h["is_current"], h["cumulative"]) for h in detail["history"]] == [
        (2, True, "1500.00"),
        (1, False, None),
    ]
    assert detail["total_investment"] == "8570.00"


@pytest.mark.django_db
def test_api_refuses_without_the_permission_and_scopes(clerk_maonan, reported):
    api = APIClient()
    api.force_authenticate(clerk_maonan)
    assert api.get(URL).status_code == 403
    assert api.get(f"{URL}ZD-02/").status_code == 403
    assert APIClient().get(URL).status_code in (401, 403)
    api.force_authenticate(s.county_statistician())
    assert [r["code"] for r in api.get(URL).json()["results"]] == ["ZD-07"]
    assert api.get(f"{URL}ZD-01/").status_code == 404


@pytest.mark.django_db
def test_summary_for_the_big_screen(reported):
    summary = json.loads(json.dumps(projects_summary()))
    assert summary["unit"] == "万元" and len(summary["projects"]) == 9
    first = summary["projects"][0]
    assert set(first) == {
        "code",
        "name",
        "county",
        "county_name",
        "total_investment",
        "plan_investment",
        "completed_investment",
        "progress",
        "physical_progress",
        "status",
        "latest_quarter",
    }
    assert (first["county"], first["county_name"], first["completed_investment"]) == ("440900", "市本级", 5000.0)
    assert summary["by_county"]["440981"]["completed_investment"] == 1500.0
    assert summary["by_county"]["440982"] == {
        "name": "化州市",
        "count": 2,
        "total_investment": 70800.0,
        "plan_investment": 70800.0,
        "completed_investment": 9000.0,
    }
    assert summary["totals"]["completed_investment"] == 15500.0 and summary["totals"]["completed_count"] == 1
    assert summary["totals"]["total_investment"] == 264670.0


@pytest.mark.django_db
def test_figure_in_hundred_million_yuan_by_county(reported):
    declared = spec("majorprojects.investment_completed")
    assert (declared.unit, declared.kind) == ("亿元", "stock")
    # As of 2023-03-31: ZD-01 2000 (city only), ZD-07 1500.
    assert investment_completed(date(2023, 1, 1), date(2023, 3, 31)) == {
        "440981": Decimal("0.15"),
        CITY: Decimal("0.35"),
    }
    assert compute("majorprojects.investment_completed", date(2025, 1, 1), date(2025, 12, 31)) == {
        "440981": Decimal("0.15"),
        "440982": Decimal("0.9"),
        CITY: Decimal("1.55"),
    }
    assert investment_completed(date(2021, 1, 1), date(2021, 12, 31)) == {}


@pytest.mark.django_db
def test_demo_is_plausible_and_idempotent(statistician):
    demo.demo_seed(scale="small")
    count = ProgressReport.objects.count()
    assert count > 0 and Milestone.objects.exists()
    demo.demo_seed(scale="small")
    assert ProgressReport.objects.count() == count
    for project in MajorProject.objects.all():
        reports = list(project.reports.order_by("starts_on"))
        assert sum(r.completed for r in reports) <= project.total_investment
        assert all(date(2021, 1, 1) <= r.starts_on <= date(2025, 10, 1) for r in reports)
        assert [r.physical_progress for r in reports] == sorted(r.physical_progress for r in reports)
    summary = projects_summary()
    done = {p["code"] for p in summary["projects"] if p["status"] == "completed"}
    assert {"ZD-02", "ZD-04"} <= done and "ZD-06" not in done
