"""Everything the big screen shows, in one payload, for the city or one county (the drill-down).

Cost: one query for every figure of every period (``figure_table``), one for the regions' names, one
for the configuration, the planning apps' selectors and the fairs running today (each cached by its
own module) — and the assembled payload is cached for ``CACHE_SECONDS`` per region and language, so
a wall of screens refreshing every 30 s costs the database almost nothing.
"""

from __future__ import annotations

from datetime import date

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from renshe.accounts.scoping import region_prefix
from renshe.core import figures
from renshe.core.models import Region
from renshe.screen import rules, sources
from renshe.screen.panels import headline_panel, projects_panel
from renshe.screen.services import screen_cache_generation, screen_config_get
from renshe.screen.status import MISSING, NO_DATA, NOT_READY, OK, panel_status, status_message

CACHE_SECONDS = 5
CITY_PREFIX = figures.CITY[:4]


# --- who may see which region ---------------------------------------------------------------


def screen_region_for(viewer, requested: str | None) -> str:
    """The region the viewer's screen shows: ``requested`` if allowed (404 otherwise), else their own.

    A city-level viewer sees the city and may drill into any county; a county's (or a town's) viewer
    sees their county only. An unknown code is a ``ValidationError`` naming ``region``."""
    prefix = region_prefix(viewer)
    if prefix is None:
        raise PermissionDenied
    own = figures.CITY if prefix == CITY_PREFIX else prefix[:6]
    if not requested:
        return own
    if requested not in (figures.CITY, *figures.COUNTIES):
        raise ValidationError({"region": _("区划代码应为茂名市或其下辖区县。")}, code="invalid")
    if own != figures.CITY and requested != own:
        raise Http404
    return requested


# --- the payload ----------------------------------------------------------------------------


def screen_payload(*, viewer, region: str | None = None, use_cache: bool = True) -> dict:
    """The whole screen for the viewer (``region`` as ``screen_region_for`` allows), cached briefly."""
    code = screen_region_for(viewer, region)
    can_drill = region_prefix(viewer) == CITY_PREFIX
    language = translation.get_language() or "zh-hans"
    key = f"screen:payload:{screen_cache_generation()}:{code}:{int(can_drill)}:{language}"
    if use_cache:
        cached = cache.get(key)
        if cached is not None:
            return cached
    payload = screen_payload_build(region=code, can_drill=can_drill)
    cache.set(key, payload, CACHE_SECONDS)
    return payload


def screen_payload_build(*, region: str, can_drill: bool = True, today: date | None = None) -> dict:
    """Assemble the payload for ``region`` (the city or a county code) without the cache."""
    today = today or timezone.localdate()
    config = screen_config_get()
    names = dict(Region.objects.filter(code__in=[figures.CITY, *figures.COUNTIES]).values_list("code", "name"))
    months = [f"{today.year}-{m:02d}" for m in range(1, today.month + 1)]
    table = figures.figure_table(rules.all_keys(), [str(today.year), *months, figures.LIVE])
    ctx = Context(region=region, year=today.year, months=months, table=table, names=names)
    builders = {
        "headline": lambda: headline_panel(ctx),
        "map": lambda: _map_panel(ctx, config.map_indicator),
        "trends": lambda: _trends_panel(ctx),
        "fairs": lambda: _fairs_panel(ctx),
        "cases": lambda: _metrics_panel(ctx, "cases"),
        "wages": lambda: _metrics_panel(ctx, "wages"),
        "layoffs": lambda: _metrics_panel(ctx, "layoffs"),
        "projects": lambda: projects_panel(ctx),
    }
    panels = {}
    for panel_id in config.panels:
        if panel_id not in builders:  # a panel retired since the configuration was saved
            continue
        panel = builders[panel_id]()
        panel.setdefault("title", str(rules.PANELS[panel_id][0]))
        panel["message"] = status_message(panel["status"])
        panels[panel_id] = panel
    counties = [{"code": c, "name": names.get(c, c)} for c in figures.COUNTIES]
    return {
        "region": {
            "code": region,
            "name": names.get(region, region),
            "level": "city" if region == figures.CITY else "county",
        },
        "city": {"code": figures.CITY, "name": names.get(figures.CITY, figures.CITY)},
        "counties": counties,
        "can_drill": can_drill,
        "year": today.year,
        "as_of": timezone.localtime().isoformat(timespec="seconds"),
        "config": {
            "panels": list(config.panels),
            "map_indicator": config.map_indicator,
            "refresh_seconds": config.refresh_seconds,
        },
        "panels": panels,
    }


class Context:
    """What the panel builders share: the region, the periods and the figure rows read once."""

    def __init__(self, *, region, year, months, table, names):
        self.region, self.year, self.months, self.table, self.names = region, year, months, table, names

    def metric(self, key: str, region: str | None = None, period: str | None = None) -> dict:
        """One figure as the screen shows it: label, unit, value and why there is none."""
        meta = rules.METRICS[key]
        declared = figures.spec(key)
        label = str(meta.label)
        # The module's unit wins: the value is in the unit its provider counts in.
        unit = declared.unit if declared else meta.unit
        title = str(declared.label) if declared else label
        kind = declared.kind if declared else meta.kind
        if declared is None:
            return {"key": key, "label": label, "title": title, "unit": unit, "value": None, "status": MISSING}
        period = period or rules.value_period(kind, year=self.year, live=figures.LIVE)
        value = self.table.get((key, period, region or self.region))
        status = OK if value is not None else NO_DATA
        return {
            "key": key,
            "label": label,
            "title": title,
            "unit": unit,
            "value": sources.number(value),
            "status": status,
        }


def _map_panel(ctx: Context, default: str) -> dict:
    indicators = []
    for key in rules.MAP_INDICATORS:
        metric = ctx.metric(key)
        values = {}
        if metric["status"] != MISSING:
            for county in figures.COUNTIES:
                value = ctx.metric(key, region=county)["value"]
                if value is not None:
                    values[county] = value
            metric["status"] = OK if values else NO_DATA
        indicators.append({**metric, "values": values, "message": status_message(metric["status"])})
    installed = [i for i in indicators if i["status"] != MISSING]
    status = OK if any(i["status"] == OK for i in indicators) else (NO_DATA if installed else MISSING)
    return {"status": status, "default": default, "indicators": indicators}


def _trends_panel(ctx: Context) -> dict:
    series = []
    for key in rules.TREND_KEYS:
        head = ctx.metric(key)
        if head["status"] == MISSING:
            series.append({**head, "values": []})
            continue
        values = [ctx.metric(key, period=month)["value"] for month in ctx.months]
        has_any = any(v is not None for v in values)
        series.append({**head, "values": values, "status": OK if has_any else NO_DATA})
    labels = [_("%(month)s月") % {"month": int(m[5:])} for m in ctx.months]
    return {"status": panel_status(series), "months": labels, "series": series}


def _metrics_panel(ctx: Context, panel_id: str) -> dict:
    metrics = [ctx.metric(key) for key in rules.PANELS[panel_id][1]]
    return {"status": panel_status(metrics), "metrics": metrics}


def _fairs_panel(ctx: Context) -> dict:
    metrics = [ctx.metric(key) for key in rules.PANELS["fairs"][1]]
    # Today's check-ins move during the day: the live value, not the year's.
    metrics[0] = {**ctx.metric("employment.fair_checkins", period=figures.LIVE), "label": _("今日入场")}
    try:
        fairs = sources.fairs_today(county=None if ctx.region == figures.CITY else ctx.region)
        fairs_status = OK
    except sources.NotReady:
        fairs, fairs_status = [], NOT_READY
    status = panel_status(metrics)
    if fairs and status != OK:
        status = OK
    return {
        "status": status,
        "metrics": metrics,
        "fairs": fairs,
        "fairs_status": fairs_status,
        "fairs_message": status_message(fairs_status) if fairs_status != OK else _("今日无现场招聘会"),
    }
