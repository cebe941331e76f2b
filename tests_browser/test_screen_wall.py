"""The big screen on the bureau's wall (1920×1080) and on a leader's phone: every panel filled, no
scrollbar, the map drawn, a click on a county drills the whole screen down, and the numbers move by
themselves without a reload.

Data: a fair running today made through the employment services (its live counts), the plan's
indicators through the planning services, and the roll-up rows ``refresh_figures`` would store
inserted directly — with the keys of modules not installed in this tree declared for the test.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.core import figures
from renshe.core.models import FigureValue
from renshe.employment import services_fairs
from renshe.employment.tests import fairs_testing as ft
from renshe.screen import rules
from renshe.screen.services import screen_config_update
from tests_browser.support import PHONE, login

pytestmark = pytest.mark.browser

WALL = {"width": 1920, "height": 1080}
SCREENSHOT = "docs/screenshots/screen.png"
SCREENSHOT_PHONE = "docs/screenshots/screen-phone.png"
# Made-up but plausible figures by county: 茂南, 电白, 高州, 化州, 信宜.
SHARES = dict(zip(figures.COUNTIES, [0.18, 0.26, 0.23, 0.19, 0.14], strict=True))
SIZES = {"stock": 400, "flow": 2400, "rate": 93.5}
GAOZHOU_CENTROID = [110.969672, 22.02936]


def _declare_missing(monkeypatch) -> None:
    figures.discover()
    for key in rules.all_keys():
        if key not in figures._REGISTRY:
            meta = rules.METRICS[key]
            spec = figures.FigureSpec(key, meta.label, meta.unit, meta.kind, lambda s, e: {}, "tests_browser")
            monkeypatch.setitem(figures._REGISTRY, key, spec)


def _seed_figures() -> None:
    today = timezone.localdate()
    months = [f"{today.year}-{m:02d}" for m in range(1, today.month + 1)]
    rows = []
    for n, key in enumerate(rules.all_keys()):
        kind = figures.spec(key).kind
        base = SIZES[kind] if kind == "rate" else SIZES[kind] * (1 + n % 4)
        periods = {figures.LIVE: base, str(today.year): base}
        for i, month in enumerate(months):
            periods[month] = round(base / len(months) * (0.7 + 0.05 * i + 0.1 * (n % 3)))
        for period, total in periods.items():
            for code, share in SHARES.items():
                value = round(total - share * 10, 1) if kind == "rate" else round(total * share)
                rows.append(
                    FigureValue(key=key, period=period, region_code=code, value=value, computed_at=timezone.now())
                )
            rows.append(
                FigureValue(key=key, period=period, region_code=figures.CITY, value=total, computed_at=timezone.now())
            )
    # The plan years of the cumulative 城镇新增就业 indicator (专栏2 #1).
    for year in range(2021, today.year):
        for code, share in SHARES.items():
            rows.append(
                FigureValue(
                    key="employment.new_urban_jobs",
                    period=str(year),
                    region_code=code,
                    value=round(42000 * share),
                    computed_at=timezone.now(),
                )
            )
        rows.append(
            FigureValue(
                key="employment.new_urban_jobs",
                period=str(year),
                region_code=figures.CITY,
                value=42000,
                computed_at=timezone.now(),
            )
        )
    FigureValue.objects.bulk_create(rows, ignore_conflicts=True)


def _seed_plan_values(admin) -> None:
    from django.contrib.auth.models import Permission

    from renshe.accounts.models import User
    from renshe.planning.models import Indicator
    from renshe.planning.services import value_record

    # The statistics office enters these; granted here directly in case the role table lags.
    admin.user_permissions.add(
        Permission.objects.get(codename="enter_indicator_value", content_type__app_label="planning")
    )
    admin = User.objects.get(pk=admin.pk)

    entered = {"Z2-02": "93.1", "Z2-03": "34.1", "Z2-04": "37.2", "Z2-10": "1.26", "Z2-17": "512", "Z2-18": "31.5"}
    for code, value in entered.items():
        indicator = Indicator.objects.get(code=code)
        value_record(
            actor=admin,
            indicator=indicator,
            year=timezone.localdate().year - 1,
            value=Decimal(value),
            source="统计年报",
        )


def _seed_projects(admin) -> None:
    """Progress of the plan's major projects, reported through the ledger's service."""
    from renshe.planning.projects.models import MajorProject
    from renshe.planning.projects.services import progress_report

    shares = [("0.82", 90), ("0.64", 70), ("0.45", 50), ("0.31", 35), ("0.2", 20)]
    for project, (share, physical) in zip(MajorProject.objects.order_by("order"), shares, strict=False):
        progress_report(
            actor=admin,
            project=project,
            year=2025,
            quarter=4,
            completed=(project.total_investment * Decimal(share)).quantize(Decimal("0.01")),
            physical_progress=physical,
        )


def _seed_fair() -> None:
    reviewer = testing.staff("reviewer_maonan", Role.REVIEWER, "440902")
    clerk = testing.staff("clerk_maonan", Role.CLERK, "440902")
    fair = ft.fair(reviewer, title="茂南区春风行动招聘会")
    for n in range(3):
        citizen = testing.citizen(username=f"seeker{n}", name=f"求职者{n}")
        registration, _created = services_fairs.fair_sign_up(actor=citizen, fair=fair)
        if n < 2:
            services_fairs.fair_check_in(actor=clerk, fair=fair, code=registration.code)


def _panel_statuses(page) -> dict[str, str]:
    return page.evaluate(
        "() => Object.fromEntries([...document.querySelectorAll('[data-panel]')]"
        ".map(s => [s.dataset.panel, s.dataset.status]))"
    )


def test_the_wall_screen_fills_drills_down_and_refreshes_itself(new_page, monkeypatch):
    _declare_missing(monkeypatch)
    admin = testing.staff("city_admin", Role.ADMIN, "440900")
    testing.staff("leader", Role.LEADER, "440900")
    _seed_figures()
    _seed_plan_values(admin)
    _seed_projects(admin)
    _seed_fair()
    screen_config_update(
        actor=admin, panels=rules.DEFAULT_PANELS, map_indicator="employment.new_urban_jobs", refresh_seconds=1
    )
    cache.clear()

    page = new_page(viewport=WALL)
    login(page, "leader")
    page.goto("/screen/")
    screen = page.get_by_test_id("screen")
    expect(screen).to_have_attribute("data-map-drawn", "1")
    expect(screen).to_have_attribute("data-loaded-region", "440900")
    expect(page.get_by_test_id("screen-region")).to_have_text("茂名市")

    statuses = _panel_statuses(page)
    assert set(statuses) == set(rules.DEFAULT_PANELS)
    # Every panel shows numbers.
    assert statuses == dict.fromkeys(rules.DEFAULT_PANELS, "ok")
    expect(page.get_by_test_id("panel-fairs")).to_contain_text("茂南区春风行动招聘会")
    expect(page.get_by_test_id("headline-Z2-01")).to_contain_text("城镇新增就业人数")
    expect(page.get_by_test_id("panel-projects")).to_contain_text("82%")
    expect(page.get_by_test_id("metric-cases.overdue")).to_have_text(re.compile(r"^\d"))
    # The wall never scrolls.
    size = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    assert size[0] <= WALL["width"] and size[1] <= WALL["height"], size
    page.screenshot(path=SCREENSHOT)

    # The numbers move by themselves: no reload (a marker set on this window survives).
    page.evaluate("() => { window.__sameWindow = true; }")
    FigureValue.objects.filter(key="cases.open", period=figures.LIVE, region_code=figures.CITY).update(value=98765)
    cache.clear()
    expect(page.get_by_test_id("metric-cases.open")).to_contain_text("98,765")
    assert page.evaluate("() => window.__sameWindow === true")

    # A click on 高州市 on the map drills the whole screen down; 返回全市 goes back.
    point = page.evaluate(
        "(lnglat) => echarts.getInstanceByDom(document.querySelector('[data-testid=chart-map]'))"
        ".convertToPixel({seriesIndex: 0}, lnglat)",
        GAOZHOU_CENTROID,
    )
    box = page.get_by_test_id("chart-map").bounding_box()
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    expect(screen).to_have_attribute("data-loaded-region", "440981")
    expect(page.get_by_test_id("screen-region")).to_have_text("高州市")
    gaozhou_open = FigureValue.objects.get(key="cases.open", period=figures.LIVE, region_code="440981").value
    expect(page.get_by_test_id("metric-cases.open")).to_contain_text(f"{int(gaozhou_open):,}")
    assert page.url.endswith("/screen/?region=440981")
    page.get_by_test_id("screen-back").click()
    expect(screen).to_have_attribute("data-loaded-region", "440900")
    expect(page.get_by_test_id("screen-back")).to_be_hidden()
    assert page.evaluate("() => window.__sameWindow === true")


def test_the_phone_view_shows_the_same_panels_in_one_column(new_page, monkeypatch):
    _declare_missing(monkeypatch)
    testing.staff("leader", Role.LEADER, "440900")
    _seed_figures()
    cache.clear()
    phone = new_page(viewport=PHONE)
    login(phone, "leader")
    phone.goto("/screen/")
    screen = phone.get_by_test_id("screen")
    expect(screen).to_have_attribute("data-map-drawn", "1")
    expect(phone.get_by_test_id("metric-cases.open")).to_have_text(re.compile(r"^\d"))
    # One column: every panel as wide as the screen allows, nothing cut off sideways.
    widths = phone.evaluate(
        "() => [...document.querySelectorAll('[data-panel]')].map(s => s.getBoundingClientRect().width)"
    )
    assert min(widths) > PHONE["width"] * 0.85
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    # A county button drills down on a phone too.
    phone.get_by_role("button", name="信宜市").click()
    expect(screen).to_have_attribute("data-loaded-region", "440983")
    phone.get_by_role("button", name="返回全市").click()
    expect(screen).to_have_attribute("data-loaded-region", "440900")
    phone.screenshot(path=SCREENSHOT_PHONE, full_page=True)
