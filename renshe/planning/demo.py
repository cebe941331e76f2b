"""Demo data of the plan register: the register itself, plausible city values for 2021–2025 (source
"演示数据", entered as the demo statistician), a county split for two indicators, and the plan
indicators' figures computed for each plan year. Idempotent: a period that has a value is skipped.
"""

from __future__ import annotations

from decimal import Decimal

DEMO_SOURCE = "演示数据"
# code: values at the end of (or, for a cumulative indicator, during) 2021 … 2025
CITY_VALUES: dict[str, list[str]] = {
    "Z2-02": ["90.8", "91.9", "93.0", "93.8", "95.1"],
    "Z2-03": ["33.95", "34.10", "34.20", "34.32", "34.55"],
    "Z2-04": ["37.10", "37.30", "37.45", "37.70", "38.05"],
    "Z2-05": ["0.45", "0.50", "0.48", "0.52", "0.50"],
    "Z2-06": ["56.2", "62.5", "68.9", "75.0", "83.6"],
    "Z2-07": ["0.62", "0.65", "0.60", "0.66", "0.70"],
    "Z2-08": ["1.30", "1.25", "1.10", "1.20", "1.28"],
    "Z2-09": ["0.22", "0.24", "0.20", "0.26", "0.30"],
    "Z2-10": ["1.22", "1.24", "1.19", "1.21", "1.18"],
    "Z2-11": ["4.1", "4.3", "3.9", "4.0", "3.2"],
    "Z2-12": ["5200", "5100", "4800", "5000", "5300"],
    "Z2-13": ["7400", "7300", "6900", "7200", "7600"],
    "Z2-17": ["598", "603", "606", "610", "612"],
    "Z2-18": ["21.5", "26.0", "29.8", "33.1", "36.4"],
    "T2-06": ["1", "1", "1", "1", "1"],
    "T2-07": ["2", "2", "2", "3", "3"],
    "T2-08": ["2", "3", "3", "4", "4"],
    "Z4-01": ["1", "2", "2", "3", "3"],
    "Z4-02": ["80", "150", "210", "260", "305"],
    "Z4-03": ["1", "1", "2", "2", "2"],
    "Z4-04": ["1500", "1700", "1600", "1800", "1700"],
    "Z4-05": ["2", "3", "2", "2", "3"],
    "T4-01": ["82", "85", "78", "83", "86"],
    "T5-01": ["18", "21", "20", "22", "20"],
    "Z7-01": ["4.3", "4.5", "4.1", "4.2", "4.4"],
    "Z7-02": ["12", "24", "33", "41", "46"],
    "Z7-03": ["3", "5", "7", "9", "10"],
    "Z8-02": ["0.62", "0.60", "0.58", "0.61", "0.65"],
    "Z8-03": ["27.6", "28.4", "29.1", "30.0", "31.2"],
    "Z8-05": ["0.95", "0.92", "0.90", "0.93", "0.96"],
    "Z9-04": ["3", "5", "6", "8", "10"],
    "T7-01": ["95.6", "96.1", "95.2", "96.4", "96.8"],
    "Z13-01": ["1600", "1650"],
}
# 2025 by county (sums to the city value)
COUNTY_VALUES: dict[str, dict[str, str]] = {
    "Z2-03": {"440902": "9.80", "440904": "7.60", "440981": "6.90", "440982": "5.90", "440983": "4.35"},
    "Z2-17": {"440902": "118", "440904": "156", "440981": "132", "440982": "120", "440983": "86"},
}


def demo_seed(*, scale: str = "small", progress=None) -> None:
    from django.contrib.auth import get_user_model

    from renshe.core import figures as core_figures
    from renshe.planning.models import CITY, Indicator, IndicatorValue
    from renshe.planning.services import register_sync, value_record

    say = progress or (lambda message: None)
    loaded = register_sync()
    say(f"指标台账：新增 {loaded['created']} 项，更新 {loaded['updated']} 项")
    actor = get_user_model().objects.filter(username="statistician").first()
    if actor is None:
        say("未找到演示统计员账号 statistician，跳过演示数据")
        return
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=[*CITY_VALUES, *COUNTY_VALUES])}
    have = set(
        IndicatorValue.objects.filter(is_current=True, month=0, indicator__in=indicators.values()).values_list(
            "indicator__code", "year", "region_code"
        )
    )
    wanted = [(code, 2021 + i, CITY, v) for code, values in CITY_VALUES.items() for i, v in enumerate(values)]
    wanted += [(code, 2025, county, v) for code, by in COUNTY_VALUES.items() for county, v in by.items()]
    created = 0
    for code, year, region, value in wanted:
        if (code, year, region) in have:
            continue
        value_record(
            actor=actor,
            indicator=indicators[code],
            year=year,
            region_code=region,
            value=Decimal(value),
            source=DEMO_SOURCE,
            note="演示用的假设数据，不是统计数据",
        )
        created += 1
    say(f"指标数据：新增 {created} 条")
    keys = sorted(
        {k for k in Indicator.objects.exclude(figure_key="").values_list("figure_key", flat=True)}
        & set(core_figures.discover())
    )
    if keys:
        for year in range(2021, 2026):
            core_figures.figures_refresh(keys, year=year)
        say(f"规划指标相关数据已按 2021–2025 年重新计算：{', '.join(keys)}")
