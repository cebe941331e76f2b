"""Demo data of the major-project ledger: the plan's nine projects, and for each a plausible quarterly
progress from its first quarter in 2021–2025 up to the current quarter (an S-curve of the 十四五 investment;
two projects lag behind), a few milestones and issues. Idempotent: a project with reports is left alone."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from renshe.accounts.models import User
from renshe.planning.projects.models import (
    FIRST_YEAR,
    LAST_YEAR,
    MajorProject,
    Milestone,
    ProgressReport,
    ProjectIssue,
    quarter_start,
)
from renshe.planning.projects.services import projects_load

# Share of the 十四五 investment done by the end of 2025 (default: all of it).
LAGGING = {"ZD-06": Decimal("0.82"), "ZD-09": Decimal("0.9")}
ISSUES = {
    "ZD-06": ("用地报批进度滞后，影响实训楼开工", ""),
    "ZD-09": ("部分设备采购招标流标，需重新招标", ""),
    "ZD-03": ("人防地下室设计变更待审批", "已完成设计变更审批"),
}


def _quarters(project: MajorProject, today: date) -> list[tuple[int, int]]:
    first = max(project.start_year, FIRST_YEAR)
    last = min(project.end_year, LAST_YEAR)
    return [(y, q) for y in range(first, last + 1) for q in range(1, 5) if quarter_start(y, q) <= today]


def _plan(project: MajorProject, today: date) -> list[tuple[int, int, Decimal, int]]:
    """(year, quarter, completed 万元, physical %) for each quarter reported so far."""
    all_quarters = _quarters(project, date(LAST_YEAR, 12, 31))
    reached = set(_quarters(project, today))
    n = len(all_quarters)
    share = LAGGING.get(project.code, Decimal(1))
    target = (project.plan_investment * share).quantize(Decimal("0.01"))
    weights = [math.sin(math.pi * (i + 0.5) / n) for i in range(n)]
    total_weight = sum(weights)
    amounts = [(target * Decimal(w / total_weight)).quantize(Decimal("0.01")) for w in weights]
    amounts[-1] += target - sum(amounts)
    done_before = project.total_investment - project.plan_investment if project.start_year < FIRST_YEAR else 0
    rows, running = [], Decimal(done_before)
    finishes = project.end_year <= LAST_YEAR and share == 1
    for i, (y, q) in enumerate(all_quarters):
        if (y, q) not in reached:
            break
        running += amounts[i]
        physical = min(int(running * 100 / project.total_investment), 99)
        if finishes and i == n - 1:
            physical = 100
        rows.append((y, q, amounts[i], physical))
    return rows


def demo_seed(*, scale: str, progress=None) -> None:
    projects_load()
    today = timezone.localdate()
    office = User.objects.filter(username="statistician").first()
    made = 0
    for project in MajorProject.objects.order_by("order"):
        if ProgressReport.objects.filter(project=project).exists():
            continue
        with transaction.atomic():
            reports = [
                ProgressReport(
                    project=project,
                    year=y,
                    quarter=q,
                    starts_on=quarter_start(y, q),
                    completed=amount,
                    physical_progress=physical,
                    note=f"{y}年第{q}季度按计划推进" if physical < 100 else "项目已竣工验收",
                    reported_by=office,
                )
                for y, q, amount, physical in _plan(project, today)
            ]
            ProgressReport.objects.bulk_create(reports)
            first = max(project.start_year, FIRST_YEAR)
            for name, planned in (
                ("开工建设", date(first, 3, 31)),
                ("主体工程完工", date(min(project.end_year, LAST_YEAR), 6, 30)),
                ("竣工验收", date(project.end_year, 12, 31)),
            ):
                Milestone.objects.create(
                    project=project, name=name, planned_on=planned, done_on=planned if planned <= today and (
                        name != "竣工验收" or any(r.physical_progress == 100 for r in reports)
                    ) else None
                )  # fmt: skip
            if project.code in ISSUES:
                description, resolution = ISSUES[project.code]
                ProjectIssue.objects.create(
                    project=project,
                    description=description,
                    raised_on=date(LAST_YEAR, 4, 15),
                    status=ProjectIssue.Status.CLOSED if resolution else ProjectIssue.Status.OPEN,
                    closed_on=date(LAST_YEAR, 6, 20) if resolution else None,
                    resolution=resolution,
                    raised_by=office,
                )
            made += len(reports)
    if progress and made:
        progress(f"majorprojects: {made} quarterly progress reports")
