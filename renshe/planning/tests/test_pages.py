"""Pages, reports and the API of the plan register: who may see and do what, and what they get."""

from __future__ import annotations

import io
import subprocess

import pytest
from openpyxl import load_workbook

from renshe.audit.models import AuditEntry
from renshe.planning.models import Indicator, IndicatorValue
from renshe.planning.services import value_record

pytestmark = pytest.mark.django_db


def enter(actor, code, year, value, **kw):
    return value_record(
        actor=actor, indicator=Indicator.objects.get(code=code), year=year, value=value, source="测试", **kw
    )


@pytest.fixture
def stats_client(client, statistician):
    client.force_login(statistician)
    return client


def test_register_lists_every_indicator_with_colours(stats_client, statistician):
    enter(statistician, "Z2-17", 2023, "606")
    enter(statistician, "Z2-09", 2021, "0.1")
    page = stats_client.get("/planning/?year=2023")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("data-code=") == Indicator.objects.count()
    assert 'data-code="Z2-17" data-level="green"' in html
    assert 'data-code="Z2-09" data-level="red"' in html
    assert "按下限判断" in html and "暂无数据" in html


def test_register_filters(stats_client):
    html = stats_client.get("/planning/?year=2023&ref=专栏4").content.decode()
    assert html.count("data-code=") == 5
    html = stats_client.get("/planning/?office=仲裁院").content.decode()
    assert 'data-code="Z2-14"' in html and 'data-code="Z2-03"' not in html
    html = stats_client.get("/planning/?level=grey").content.decode()
    assert 'data-code="Z1-04"' not in html  # the 十三五 record is not "no data"


@pytest.mark.parametrize("user", ["citizen", "clerk_maonan", "auditor"])
def test_register_needs_the_permission(client, request, user):
    client.force_login(request.getfixturevalue(user))
    assert client.get("/planning/").status_code == 403
    assert client.get("/api/v1/indicators/").status_code == 403


def test_leader_reads_but_does_not_enter(client, leader):
    client.force_login(leader)
    assert client.get("/planning/").status_code == 200
    assert client.get("/planning/indicators/Z2-03/").status_code == 200
    assert client.get("/planning/entry/").status_code == 403
    assert client.post("/planning/entry/", {"indicator": "Z2-03"}).status_code == 403


def test_detail_shows_history_chart_and_districts(stats_client, statistician):
    enter(statistician, "Z2-03", 2022, "34.0")
    enter(statistician, "Z2-03", 2022, "34.1", reason="社保局更正")
    enter(statistician, "Z2-03", 2023, "9.8", region_code="440902")
    html = stats_client.get("/planning/indicators/Z2-03/?year=2023").content.decode()
    assert "<svg" in html and "社保局更正" in html and "v2" in html
    assert "失业保险、工伤保险参保人数分别达到 34.5 万人、38 万人" in html
    assert "9.8万人" in html
    assert stats_client.get("/planning/indicators/NOPE/").status_code == 404


def test_entry_form_saves_and_refuses_bad_values_with_the_reason(stats_client):
    page = stats_client.get("/planning/entry/?indicator=Z2-02")
    assert "单位：%" in page.content.decode()
    bad = stats_client.post(
        "/planning/entry/",
        {"indicator": "Z2-02", "year": 2023, "region_code": "440900", "value": "930", "source": "年报"},
    )
    assert bad.status_code == 200 and "百分比须在 0–100 之间" in bad.content.decode()
    bad_year = stats_client.post(
        "/planning/entry/",
        {"indicator": "Z2-02", "year": 2019, "region_code": "440900", "value": "93", "source": "年报"},
    )
    assert "年度须在 2021–2025 年之间" in bad_year.content.decode()
    assert not IndicatorValue.objects.exists()
    ok = stats_client.post(
        "/planning/entry/",
        {"indicator": "Z2-02", "year": 2023, "region_code": "440900", "value": "93", "source": "年报"},
    )
    assert ok.status_code == 302 and ok["Location"] == "/planning/indicators/Z2-02/"
    assert IndicatorValue.objects.get().value == 93


def test_entry_form_offers_only_enterable_indicators_and_own_regions(client, district_statistician):
    client.force_login(district_statistician)
    html = client.get("/planning/entry/").content.decode()
    assert 'value="Z2-03"' in html and 'value="Z2-01"' not in html and 'value="T2-03"' not in html
    assert 'value="440902"' in html and 'value="440900"' not in html and 'value="440981"' not in html


@pytest.mark.parametrize("kind", ["annual", "midterm"])
def test_reports_open_as_excel_with_a_chart_and_as_pdf(stats_client, statistician, kind):
    enter(statistician, "Z2-17", 2023, "606")
    enter(statistician, "Z2-09", 2021, "0.1")
    xlsx = stats_client.get(f"/planning/reports/{kind}-2023.xlsx")
    assert xlsx.status_code == 200
    wb = load_workbook(io.BytesIO(xlsx.content))
    sheets = ["指标台账", "预警汇总", "分年度", "进度图"] if kind == "midterm" else ["指标台账", "预警汇总", "进度图"]
    assert wb.sheetnames == sheets
    if kind == "midterm":
        yearly = {row[0]: row for row in wb["分年度"].iter_rows(values_only=True)}
        assert yearly["编号"][3:] == ("2021", "2022", "2023")
        assert yearly["Z2-09"][3:] == ("0.1万人次", "0.1万人次", "0.1万人次")
    codes = [row[0] for row in wb["指标台账"].iter_rows(min_row=4, values_only=True)]
    assert "Z2-17" in codes and "Z1-04" not in codes
    assert len(wb["进度图"]._charts) == 1
    summary = [row for row in wb["预警汇总"].iter_rows(values_only=True)]
    assert any(row and row[0] == "Z2-09" and row[2] == "预警" for row in summary)
    pdf = stats_client.get(f"/planning/reports/{kind}-2023.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True).stdout.decode()
    assert "Z2-09" in text and "预警与关注指标" in text
    assert "中期评估" in text if kind == "midterm" else "2023 年度评估" in text
    assert AuditEntry.objects.filter(object_type="planning.report", action="export").count() == 2


def test_reports_need_the_permission_and_a_plan_year(client, clerk_maonan, stats_client):
    assert stats_client.get("/planning/reports/annual-2026.xlsx").status_code == 404
    client.force_login(clerk_maonan)
    assert client.get("/planning/reports/annual-2023.xlsx").status_code == 403


def test_api_lists_the_register_with_levels(stats_client, statistician):
    enter(statistician, "Z2-17", 2023, "606")
    data = stats_client.get("/api/v1/indicators/?year=2023&ref=专栏2&page_size=50").json()
    rows = {r["code"]: r for r in data["results"]}
    assert len(rows) == 18 or data["count"] == 18
    assert rows["Z2-17"]["level"] == "green" and rows["Z2-17"]["target_text"] == "500"
    detail = stats_client.get("/api/v1/indicators/Z2-17/?year=2023").json()
    assert detail["history"][0]["value"] == "606.0000" and detail["wording"]
    assert stats_client.get("/api/v1/indicators/?year=2030").status_code == 400


def test_api_is_read_only(stats_client):
    assert stats_client.post("/api/v1/indicators/", {}).status_code == 405


def test_the_schema_documents_the_endpoint(client):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/indicators/" in schema and "/api/v1/indicators/{code}/" in schema


def test_menu_section_by_role(client, leader, statistician):
    client.force_login(leader)
    html = client.get("/planning/").content.decode()
    assert "规划监测" in html and 'href="/planning/reports/"' in html and 'href="/planning/entry/"' not in html
    client.force_login(statistician)
    assert 'href="/planning/entry/"' in client.get("/planning/").content.decode()


def test_register_in_english(stats_client, statistician, settings):
    enter(statistician, "Z2-17", 2023, "606")
    stats_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = stats_client.get("/planning/?year=2023").content.decode()
    assert "Plan indicator register" in html and "As of the end of 2023" in html
    assert "not below the floor of 500万人" in html and "No data yet" in html
