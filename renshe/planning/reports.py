"""The plan's evaluation reports (第十二章 第四节): 年度评估 (one year) and 中期评估 (2021–2023).

Both read ``selectors.register_state`` as of the end of the year (the mid-term: the end of 2023)
and come as an Excel workbook (openpyxl, with a native bar chart of the progress) and a PDF
(WeasyPrint through renshe.core.pdf, charts as inline SVG drawn by ``charts``). The register has
about seventy rows, so a report takes well under a second: it is made while the user waits.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.planning import charts
from renshe.planning.forms import LEVEL_LABELS
from renshe.planning.selectors import level_summary, register_state

ANNUAL, MIDTERM = "annual", "midterm"
MIDTERM_YEAR = 2023


@dataclass
class Report:
    kind: str
    year: int
    title: str
    rows: list[dict]
    counts: dict[str, int]
    warnings: list[dict]
    years: list[int]
    by_year: dict[str, dict[int, str]]  # code → {year: value text} (the mid-term's years side by side)

    @property
    def filename_stem(self) -> str:
        return f"{self.kind}-{self.year}"


def report_build(kind: str, year: int) -> Report:
    if kind == MIDTERM:
        year = MIDTERM_YEAR
        title = _("茂名市人力资源和社会保障事业发展“十四五”规划中期评估（2021–2023年）")
    else:
        title = _("茂名市人力资源和社会保障事业发展“十四五”规划 %(y)d 年度评估") % {"y": year}
    rows = [r for r in register_state(year=year) if r["indicator"].monitored]
    counts = level_summary(rows)
    warnings = [r for r in rows if r["counted"] and r["level"] in ("red", "yellow")]
    warnings.sort(key=lambda r: (r["level"] != "red", r["indicator"].order))
    years = list(range(2021, year + 1)) if kind == MIDTERM else []
    by_year: dict[str, dict[int, str]] = {r["code"]: {} for r in rows}
    for each in years:
        for r in register_state(year=each) if each != year else rows:
            if r["code"] in by_year:
                by_year[r["code"]][each] = str(r["value_text"]) if r["value"] is not None else "—"
    return Report(kind, year, title, rows, counts, warnings, years, by_year)


def _labels() -> dict[str, str]:
    return {k: str(v) for k, v in LEVEL_LABELS.items()}


def _headers() -> list[str]:
    return [
        _("编号"),
        _("出处"),
        _("指标"),
        _("单位"),
        _("属性"),
        _("基数"),
        _("目标值"),
        _("当前值"),
        _("统计期"),
        _("进度（%）"),
        _("预警"),
        _("说明"),
        _("责任科室"),
    ]


def _cells(row: dict, labels: dict[str, str]) -> list:
    ind = row["indicator"]
    return [
        ind.code,
        ind.ref,
        ind.name,
        ind.unit,
        ind.attribute,
        ind.base_text,
        ind.target_text,
        float(row["value"]) if row["value"] is not None else row["value_text"],
        str(row["period"]),
        round(row["progress"] * 100, 1) if row["progress"] is not None else None,
        labels[row["level"]],
        str(row["reason"]),
        ind.owner,
    ]


def report_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font, PatternFill

    fills = {
        "green": PatternFill("solid", fgColor="D1E7DD"),
        "yellow": PatternFill("solid", fgColor="FFF3CD"),
        "red": PatternFill("solid", fgColor="F8D7DA"),
        "grey": PatternFill("solid", fgColor="E9ECEF"),
    }
    labels = _labels()
    wb = Workbook()
    ws = wb.active
    ws.title = _("指标台账")
    ws.append([report.title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(
        [_("截至 %(y)d 年末；生成于 %(t)s") % {"y": report.year, "t": timezone.localtime().strftime("%Y-%m-%d %H:%M")}]
    )
    ws.append(_headers())
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for row in report.rows:
        ws.append(_cells(row, labels))
        ws.cell(ws.max_row, 11).fill = fills[row["level"]]
    for col, width in zip("ABCDEFGHIJKLM", (8, 12, 36, 8, 8, 10, 12, 12, 14, 10, 8, 60, 16), strict=True):
        ws.column_dimensions[col].width = width

    summary = wb.create_sheet(_("预警汇总"))
    summary.append([_("预警等级"), _("指标数")])
    for level in ("green", "yellow", "red", "grey"):
        summary.append([labels[level], report.counts[level]])
    summary.append([])
    summary.append([_("编号"), _("指标"), _("预警"), _("说明"), _("责任科室")])
    for row in report.warnings:
        ind = row["indicator"]
        summary.append([ind.code, ind.name, labels[row["level"]], str(row["reason"]), ind.owner])
    summary.column_dimensions["B"].width = 36
    summary.column_dimensions["D"].width = 60

    if report.years:
        yearly = wb.create_sheet(_("分年度"))
        yearly.append([_("编号"), _("指标"), _("单位"), *(str(y) for y in report.years)])
        for row in report.rows:
            values = report.by_year[row["code"]]
            yearly.append([row["code"], row["name"], row["unit"], *(values.get(y, "—") for y in report.years)])
        yearly.column_dimensions["B"].width = 36

    chart_rows = [r for r in report.rows if r["counted"] and r["progress"] is not None]
    data = wb.create_sheet(_("进度图"))
    data.append([_("指标"), _("进度（%）")])
    for row in chart_rows:
        data.append([f"{row['code']} {row['name']}"[:20], round(row["progress"] * 100, 1)])
    chart = BarChart()
    chart.type = "bar"
    chart.title = _("各指标完成进度（%）")
    chart.y_axis.title = "%"
    chart.height = max(8, 0.6 * len(chart_rows))
    chart.width = 24
    if chart_rows:
        chart.add_data(Reference(data, min_col=2, min_row=1, max_row=len(chart_rows) + 1), titles_from_data=True)
        chart.set_categories(Reference(data, min_col=1, min_row=2, max_row=len(chart_rows) + 1))
    data.add_chart(chart, "D2")
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def report_pdf(report: Report) -> bytes:
    from renshe.core.pdf import render_pdf

    labels = _labels()
    charted = [r for r in report.rows if r["counted"]]
    return render_pdf(
        "planning/pdf/report.html",
        {
            "report": report,
            "labels": labels,
            "rows": [{**r, "level_label": labels[r["level"]]} for r in report.rows],
            "yearly": [
                {
                    "code": r["code"],
                    "name": r["name"],
                    "values": [report.by_year[r["code"]].get(y, "—") for y in report.years],
                }
                for r in report.rows
            ],
            "warnings": [{**r, "level_label": labels[r["level"]]} for r in report.warnings],
            "level_chart": charts.level_bar_svg(report.counts, labels),
            "progress_chart": charts.progress_bars_svg(charted),
            "generated": timezone.localtime(),
            "bureau": _("茂名市人力资源和社会保障局"),
        },
    )
