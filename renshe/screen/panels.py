"""The two panels fed by the planning apps: the plan's headline indicators (专栏2) and the major projects."""

from __future__ import annotations

from django.core.cache import cache
from django.utils.translation import gettext as _

from renshe.core import figures
from renshe.screen import sources
from renshe.screen.status import NO_DATA, NOT_READY, OK, panel_status

MAX_PROJECTS = 9
BY_DISTRICT_SECONDS = 60  # the plan's annex lists nine major projects
WARNING_LEVELS = {"green", "yellow", "red"}


def _level(item) -> str | None:
    level = sources.pick(item, "warning_level", "warning", "level")
    level = getattr(level, "value", level)
    return level if level in WARNING_LEVELS else None


def _by_district(code: str, year: int) -> dict:
    """``indicator_by_district`` for one indicator, kept ``BY_DISTRICT_SECONDS``: one answer holds every
    county, and plan values by county move with the 10-minute figure refresh or a statistician's entry."""
    key = f"screen:by-district:{year}:{code}"
    found = cache.get(key)
    if found is None:
        try:
            found = sources.indicator_by_district(code, year=year)
        except sources.NotReady:
            found = {}
        cache.set(key, found, BY_DISTRICT_SECONDS)
    return found


def headline_panel(ctx) -> dict:
    """专栏2's headline indicators (``renshe.planning.selectors.headline_indicators``): this year's
    value against the 2025 target, with the register's warning level (green, yellow, red).

    In a county's view the value is the county's (``indicator_by_district``) and carries no level —
    the plan's targets are the city's; an indicator the platform cannot compute there shows "暂无数据"."""
    try:
        items = sources.headline_indicators(year=ctx.year)
    except sources.NotReady:
        return {"status": NOT_READY, "items": []}
    rows = []
    for item in items:
        code = sources.pick(item, "code", default="")
        value = sources.number(sources.pick(item, "value"))
        level = _level(item)
        if ctx.region != figures.CITY:
            # An indicator without a city value has none by county either.
            by_district = _by_district(code, ctx.year) if value is not None else {}
            value, level = sources.number(by_district.get(ctx.region)), None
        rows.append(
            {
                "code": str(code),
                "name": str(sources.pick(item, "name", default="")),
                "unit": str(sources.pick(item, "unit", default="")),
                "value": value,
                "target": sources.number(sources.pick(item, "target")),
                "target_text": str(sources.pick(item, "target_text", default="")),
                "level": level if value is not None else None,
                "status": OK if value is not None else NO_DATA,
            }
        )
    # The wall shows what fits: indicators with a value first, each group in the plan's order.
    rows.sort(key=lambda r: r["status"] != OK)
    return {"status": panel_status(rows) if rows else NO_DATA, "items": rows}


def _tile(key: str, label: str, unit: str, value) -> dict:
    value = sources.number(value)
    return {"key": key, "label": label, "unit": unit, "value": value, "status": OK if value is not None else NO_DATA}


def projects_panel(ctx) -> dict:
    """The major projects (``renshe.planning.projects.selectors.projects_summary``, amounts in 万元):
    how many, the investment completed (shown in 亿元) and its share of the total, and each project's
    completion; a county's view keeps that county's projects."""
    try:
        summary = sources.projects_summary()
    except sources.NotReady:
        metric = ctx.metric("majorprojects.investment_completed")
        return {"status": NOT_READY if metric["status"] != OK else OK, "metrics": [metric], "items": []}
    projects = sources.pick(summary, "projects", default=[]) or []
    if ctx.region == figures.CITY:
        totals = sources.pick(summary, "totals", default={}) or {}
    else:
        projects = [p for p in projects if str(sources.pick(p, "county", default="")) == ctx.region]
        totals = (sources.pick(summary, "by_county", default={}) or {}).get(ctx.region) or {"count": 0}
    completed = sources.pick(totals, "completed_investment")
    total = sources.pick(totals, "total_investment")
    rate = completed / total * 100 if completed is not None and total else None
    metrics = [
        _tile("projects.count", _("项目数"), _("个"), sources.pick(totals, "count")),
        _tile("projects.completed", _("累计完成投资"), _("亿元"), None if completed is None else completed / 10000),
        _tile("projects.rate", _("投资完成率"), "%", rate),
    ]
    items = [
        {
            "code": str(sources.pick(p, "code", default="")),
            "name": str(sources.pick(p, "name", default="")),
            "county": str(sources.pick(p, "county", default="")),
            "progress": sources.number((sources.pick(p, "progress") or 0) * 100),
            "physical_progress": sources.number(sources.pick(p, "physical_progress")),
        }
        for p in projects[:MAX_PROJECTS]
    ]
    status = OK if items else NO_DATA
    return {"status": status, "metrics": metrics, "items": items}
