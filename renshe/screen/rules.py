"""What the big screen can show, and what a panel configuration may say (pure: no database, no request).

The screen reads only roll-up figures (renshe.core.figures, keys in docs/figures.md) and three
selectors of the planning apps. Each panel lists the figure keys it shows; a key nobody declares is
explained on the panel, never a blank or a crash. The labels and units here are the fallback for a
key whose module is not installed (the installed module's own label wins).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MIN_REFRESH_SECONDS = 1
MAX_REFRESH_SECONDS = 3600
DEFAULT_REFRESH_SECONDS = 30


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    kind: str  # "flow", "stock" or "rate" (renshe.core.figures)


def _m(key: str, label, unit: str, kind: str) -> Metric:
    return Metric(key, label, unit, kind)


# Every figure key the screen reads (docs/figures.md), with the screen's own short label (read from
# five metres; the module's full label is sent along as ``title``).
METRICS: dict[str, Metric] = {
    m.key: m
    for m in [
        _m("employment.new_urban_jobs", _("城镇新增就业"), "人", "flow"),
        _m("employment.unemployed_reemployed", _("失业再就业"), "人", "flow"),
        _m("employment.difficulty_employed", _("困难人员就业"), "人", "flow"),
        _m("employment.registered_unemployed", _("登记失业"), "人", "stock"),
        _m("employment.jobs_open", _("在招岗位"), "个", "stock"),
        _m("employment.fair_signups", _("报名人次"), "人次", "flow"),
        _m("employment.fair_checkins", _("入场人次"), "人次", "flow"),
        _m("employment.fair_intentions", _("达成意向"), "人", "flow"),
        _m("employment.layoff_warnings_open", _("裁员预警"), "家", "stock"),
        _m("cases.received", _("政务服务受理"), "件", "flow"),
        _m("cases.open", _("在办事项"), "件", "stock"),
        _m("cases.overdue", _("超期在办"), "件", "stock"),
        _m("cases.on_time_rate", _("按时办结率"), "%", "rate"),
        _m("cases.satisfaction_rate", _("好差评满意率"), "%", "rate"),
        _m("mediation.received", _("调解受理"), "件", "flow"),
        _m("labour.arbitration_received", _("仲裁受理"), "件", "flow"),
        _m("labour.arbitration_open", _("在办仲裁"), "件", "stock"),
        _m("labour.arbitration_overdue", _("超审限仲裁"), "件", "stock"),
        _m("inspection.complaints_received", _("举报投诉受理"), "件", "flow"),
        _m("inspection.cases_open", _("在办监察"), "件", "stock"),
        _m("inspection.arrears_recovered", _("追发工资"), "万元", "flow"),
        _m("inspection.workers_helped", _("涉及劳动者"), "人", "flow"),
        _m("wages.warnings_open", _("欠薪预警"), "条", "stock"),
        _m("wages.warnings_red", _("红色预警"), "条", "stock"),
        _m("wages.projects_monitored", _("监控项目"), "个", "stock"),
        _m("wages.special_account_rate", _("专户开设率"), "%", "rate"),
        _m("majorprojects.investment_completed", _("累计完成投资"), "亿元", "stock"),
    ]
}

# The panels, in their default order, and the figures each shows as numbers.
PANELS: dict[str, tuple] = {
    "headline": (_("“十四五”主要指标"), []),
    "map": (_("全市分布"), []),
    "trends": (_("月度趋势"), []),
    "fairs": (
        _("招聘会实况"),
        ["employment.fair_checkins", "employment.fair_signups", "employment.fair_intentions", "employment.jobs_open"],
    ),
    "cases": (
        _("在办与超期"),
        [
            "cases.open",
            "cases.overdue",
            "cases.on_time_rate",
            "cases.satisfaction_rate",
            "labour.arbitration_open",
            "labour.arbitration_overdue",
            "inspection.cases_open",
        ],
    ),
    "wages": (
        _("欠薪预警"),
        [
            "wages.warnings_open",
            "wages.warnings_red",
            "wages.projects_monitored",
            "wages.special_account_rate",
            "inspection.arrears_recovered",
            "inspection.workers_helped",
        ],
    ),
    "layoffs": (
        _("裁员与失业"),
        [
            "employment.layoff_warnings_open",
            "employment.registered_unemployed",
            "employment.unemployed_reemployed",
            "employment.difficulty_employed",
        ],
    ),
    "projects": (_("重大项目"), ["majorprojects.investment_completed"]),
}
DEFAULT_PANELS = list(PANELS)

# The monthly series of the trend panel.
TREND_KEYS = [
    "employment.new_urban_jobs",
    "cases.received",
    "inspection.complaints_received",
    "labour.arbitration_received",
]

# What the map can be coloured by (selectable on the screen; the default is configured).
MAP_INDICATORS = [
    "employment.new_urban_jobs",
    "employment.registered_unemployed",
    "employment.jobs_open",
    "employment.layoff_warnings_open",
    "cases.open",
    "cases.overdue",
    "cases.on_time_rate",
    "wages.warnings_open",
    "inspection.complaints_received",
    "labour.arbitration_received",
]
DEFAULT_MAP_INDICATOR = "employment.new_urban_jobs"


def all_keys() -> list[str]:
    """Every figure key the screen reads, once (what one ``figure_table`` query asks for)."""
    keys = [k for _label, ks in PANELS.values() for k in ks] + TREND_KEYS + MAP_INDICATORS
    return list(dict.fromkeys(keys))


def _error(field: str, message, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def panels_clean(panels) -> list[str]:
    """The panel ids, in order, as stored: a non-empty list of known ids, each once."""
    if not isinstance(panels, list | tuple) or not panels:
        raise _error("panels", _("至少选择一个面板。"), "empty")
    unknown = [p for p in panels if p not in PANELS]
    if unknown:
        raise _error("panels", _("未知的面板：%(names)s。") % {"names": "、".join(map(str, unknown))}, "unknown")
    if len(set(panels)) != len(panels):
        raise _error("panels", _("同一面板只能出现一次。"), "duplicate")
    return list(panels)


def map_indicator_clean(key: str) -> str:
    if key not in MAP_INDICATORS:
        raise _error("map_indicator", _("地图指标不在可选范围内。"), "unknown")
    return key


def refresh_seconds_clean(seconds) -> int:
    if isinstance(seconds, bool) or not isinstance(seconds, int):
        raise _error("refresh_seconds", _("刷新间隔必须是整数秒。"), "invalid")
    if not MIN_REFRESH_SECONDS <= seconds <= MAX_REFRESH_SECONDS:
        bounds = {"low": MIN_REFRESH_SECONDS, "high": MAX_REFRESH_SECONDS}
        raise _error("refresh_seconds", _("刷新间隔应在 %(low)s 至 %(high)s 秒之间。") % bounds, "range")
    return seconds


def value_period(kind: str, *, year: int, live: str) -> str:
    """Which stored period answers "now" for a figure: a stock as of today, a flow or rate for the year so far."""
    return live if kind == "stock" else str(year)
