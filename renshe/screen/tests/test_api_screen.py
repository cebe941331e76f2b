"""GET /api/v1/screen/: every panel, explained gaps, the drill-down, who may look, the cache."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from renshe.accounts.models import Role
from renshe.core import figures
from renshe.core.models import FigureValue
from renshe.screen import rules, selectors
from renshe.screen.tests import screen_testing as st

pytestmark = pytest.mark.django_db
URL = "/api/v1/screen/"
STATUSES = {"ok", "missing_module", "no_data", "not_ready"}


def get(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


def metric(payload, panel, key):
    return next(m for m in payload["panels"][panel]["metrics"] if m["key"] == key)


def test_the_url_is_the_documented_one():
    assert reverse("screen-list") == URL


def test_every_panel_is_present_and_explains_itself(client, statistician):
    st.put("cases.open", {"440902": 12, "440981": 30})
    response = get(client, statistician)
    assert response.status_code == 200
    payload = response.json()
    assert list(payload["panels"]) == rules.DEFAULT_PANELS
    for panel_id, panel in payload["panels"].items():
        assert panel["status"] in STATUSES, panel_id
        assert panel["title"]
        if panel["status"] != "ok":
            assert panel["message"] in {"来源模块未安装", "暂无数据", "数据未就绪"}, panel_id
    assert payload["region"] == {"code": "440900", "name": "茂名市", "level": "city"}
    assert [c["code"] for c in payload["counties"]] == list(figures.COUNTIES)
    assert payload["config"]["refresh_seconds"] == rules.DEFAULT_REFRESH_SECONDS
    # The city's stock is the counties' sum only when refresh_figures stored it; here it was not.
    assert metric(payload, "cases", "cases.open")["status"] == "no_data"
    assert payload["panels"]["map"]["indicators"][rules.MAP_INDICATORS.index("cases.open")]["values"] == {
        "440902": 12,
        "440981": 30,
    }


def test_a_figure_whose_module_is_missing_says_so(client, statistician, without_figure):
    without_figure("cases.overdue")
    payload = get(client, statistician).json()
    overdue = metric(payload, "cases", "cases.overdue")
    assert overdue["status"] == "missing_module"
    assert overdue["value"] is None
    assert overdue["label"] == "超期在办"  # the screen's own label when no module declares it


def test_a_panel_whose_modules_are_all_missing_says_so(client, statistician, without_figure):
    for key in rules.PANELS["wages"][1]:
        without_figure(key)
    panel = get(client, statistician).json()["panels"]["wages"]
    assert panel["status"] == "missing_module"
    assert panel["message"] == "来源模块未安装"


def test_a_declared_figure_without_rows_is_no_data(client, statistician, with_test_figure):
    with_test_figure("cases.on_time_rate")
    panel = get(client, statistician).json()["panels"]["cases"]
    assert metric({"panels": {"cases": panel}}, "cases", "cases.on_time_rate")["status"] == "no_data"
    assert panel["status"] == "no_data"
    assert panel["message"] == "暂无数据"


def test_the_planning_selectors_absent_is_not_ready(client, statistician, monkeypatch):
    from renshe.screen import sources

    def absent(*args, **kwargs):
        raise sources.NotReady("renshe.planning.selectors.headline_indicators")

    monkeypatch.setattr(sources, "headline_indicators", absent)
    panel = get(client, statistician).json()["panels"]["headline"]
    assert panel == {"status": "not_ready", "items": [], "title": panel["title"], "message": "数据未就绪"}


def test_drill_down_shows_the_county_only(client, statistician, with_test_figure):
    with_test_figure("cases.open")
    with_test_figure("employment.new_urban_jobs")
    st.put("cases.open", {"440900": 42, "440902": 12, "440981": 30})
    year = str(timezone.localdate().year)
    month = f"{year}-{timezone.localdate().month:02d}"
    st.put("employment.new_urban_jobs", {"440900": 900, "440902": 300, "440981": 600}, period=year)
    st.put("employment.new_urban_jobs", {"440900": 90, "440902": 30, "440981": 60}, period=month)
    city = get(client, statistician).json()
    maonan = get(client, statistician, region="440902").json()
    assert metric(city, "cases", "cases.open")["value"] == 42
    assert metric(maonan, "cases", "cases.open")["value"] == 12
    assert maonan["region"] == {"code": "440902", "name": "茂南区", "level": "county"}
    jobs = lambda p: next(s for s in p["panels"]["trends"]["series"] if s["key"] == "employment.new_urban_jobs")  # noqa: E731
    assert jobs(city)["values"][-1] == 90
    assert jobs(maonan)["values"][-1] == 30


def test_a_district_without_data_is_explained(client, statistician, with_test_figure):
    with_test_figure("cases.open")
    st.put("cases.open", {"440900": 42, "440902": 42})
    dianbai = get(client, statistician, region="440904").json()
    open_cases = metric(dianbai, "cases", "cases.open")
    assert (open_cases["value"], open_cases["status"], open_cases["unit"]) == (None, "no_data", "件")
    assert dianbai["panels"]["cases"]["message"] == "暂无数据"


def test_unknown_region_is_400_naming_the_field(client, statistician):
    response = get(client, statistician, region="110000")
    assert response.status_code == 400
    assert "region" in response.json()["errors"] if "errors" in response.json() else "region" in response.json()


def test_a_county_leader_sees_their_county_and_not_another(client):
    gaozhou = st.leader("leader_gaozhou", "440981")
    own = get(client, gaozhou).json()
    assert own["region"]["code"] == "440981"
    assert own["can_drill"] is False
    assert get(client, gaozhou, region="440902").status_code == 404
    assert get(client, gaozhou, region="440900").status_code == 404


@pytest.mark.parametrize("role", [Role.LEADER, Role.STATISTICIAN, Role.ADMIN])
def test_leaders_statisticians_and_administrators_may_look(client, role):
    assert get(client, st.staff(f"u_{role}", role, "440900")).status_code == 200


@pytest.mark.parametrize("role", [Role.CLERK, Role.REVIEWER, Role.INSPECTOR, Role.AUDITOR])
def test_other_staff_get_403(client, role):
    assert get(client, st.staff(f"u_{role}", role, "440902")).status_code == 403


def test_citizens_and_employers_get_403(client, citizen, employer_user):
    assert get(client, citizen).status_code == 403
    assert get(client, employer_user).status_code == 403


def test_anonymous_is_refused(client):
    assert client.get(URL).status_code in (401, 403)


def test_payload_is_cached_per_region_then_refreshed(statistician, with_test_figure, django_assert_num_queries):
    with_test_figure("cases.open")
    st.put("cases.open", {"440900": 5, "440902": 5})
    first = selectors.screen_payload(viewer=statistician)
    FigureValue.objects.filter(key="cases.open").update(value=7)
    with django_assert_num_queries(0):
        second = selectors.screen_payload(viewer=statistician)
    assert metric(second, "cases", "cases.open")["value"] == 5 == metric(first, "cases", "cases.open")["value"]
    # Another region is another entry.
    assert metric(selectors.screen_payload(viewer=statistician, region="440902"), "cases", "cases.open")["value"] == 7
    cache.clear()  # what CACHE_SECONDS' expiry does
    assert metric(selectors.screen_payload(viewer=statistician), "cases", "cases.open")["value"] == 7


def test_assembly_costs_a_few_queries_whatever_the_rows(statistician, django_assert_max_num_queries):
    for key in rules.all_keys():
        FigureValue.objects.bulk_create(
            [
                FigureValue(key=key, period=p, region_code=c, value=3, computed_at=timezone.now())
                for p in [str(timezone.localdate().year), figures.LIVE]
                for c in [figures.CITY, *figures.COUNTIES]
            ],
            ignore_conflicts=True,
        )
    selectors.screen_payload(viewer=statistician)  # figure discovery, content types: once per process
    cache.clear()
    with django_assert_max_num_queries(12):
        selectors.screen_payload(viewer=statistician)


def test_the_payload_speaks_the_viewers_language_and_is_cached_per_language(client, statistician, without_figure):
    without_figure("cases.overdue")
    chinese = get(client, statistician).json()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(URL).json()
    assert chinese["panels"]["cases"]["title"] == "在办与超期"
    assert english["panels"]["cases"]["title"] == "Open and overdue"
    assert metric(english, "cases", "cases.overdue")["label"] == "Overdue cases"
    assert english["panels"]["headline"]["title"] == "14th Five-Year Plan headline indicators"


def test_headline_in_a_county_is_that_countys_value_without_a_colour(client, statistician):
    from decimal import Decimal

    from renshe.planning.models import Indicator
    from renshe.planning.services import value_record

    cards = Indicator.objects.get(code="Z2-17")  # 社会保障卡持卡人数, entered by the statistics office
    value_record(actor=statistician, indicator=cards, year=2025, value=Decimal("512"), source="统计年报")
    value_record(
        actor=statistician, indicator=cards, year=2025, value=Decimal("80"), source="统计年报", region_code="440902"
    )
    item = lambda p: next(i for i in p["panels"]["headline"]["items"] if i["code"] == "Z2-17")  # noqa: E731
    city = get(client, statistician).json()
    maonan = get(client, statistician, region="440902").json()
    assert (item(city)["value"], item(city)["target_text"]) == (512, "500")
    assert item(city)["level"] in ("green", "yellow", "red")
    assert city["panels"]["headline"]["items"][0]["status"] == "ok"  # indicators with a value come first
    assert (item(maonan)["value"], item(maonan)["level"]) == (80, None)
    assert item(get(client, statistician, region="440904").json())["status"] == "no_data"
