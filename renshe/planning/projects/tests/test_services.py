"""Quarterly progress: reported once per quarter, corrected as a new version with a reason, cumulative
never above the total; bad input refused with nothing written; only the project office of the region."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renshe.audit.models import AuditEntry
from renshe.planning.projects import services
from renshe.planning.projects.models import Milestone, ProgressReport, ProjectIssue, ProjectPhoto
from renshe.planning.projects.selectors import project_history
from renshe.planning.projects.tests import support as s


def report(actor, code="ZD-07", year=2024, quarter=1, completed="100", physical=10, **extra):
    return services.progress_report(
        actor=actor,
        project=s.project(code),
        year=year,
        quarter=quarter,
        completed=completed,
        physical_progress=physical,
        **extra,
    )


@pytest.mark.django_db
def test_a_quarter_reported_and_audited(statistician):
    r = report(statistician, completed="1250.50", physical=15, note="主体结构施工")
    assert (r.label, r.completed, r.physical_progress, r.version, r.is_current) == (
        "2024Q1",
        Decimal("1250.50"),
        15,
        1,
        True,
    )
    assert r.starts_on == date(2024, 1, 1)
    assert AuditEntry.objects.filter(object_type="majorprojects.progressreport", object_id=str(r.pk)).exists()


@pytest.mark.django_db
def test_a_quarter_not_twice_correction_is_a_new_version(statistician):
    first = report(statistician, completed="100")
    with pytest.raises(ValidationError) as exc:
        report(statistician, completed="120")
    assert "reason" in exc.value.message_dict
    assert ProgressReport.objects.count() == 1
    second = report(statistician, completed="120", physical=12, reason="监理核定数调整")
    first.refresh_from_db()
    assert (second.version, second.supersedes_id, second.reason) == (2, first.pk, "监理核定数调整")
    assert not first.is_current and second.is_current
    history = project_history(s.project("ZD-07"))
    assert [(h["report"].version, h["cumulative"]) for h in history] == [(2, Decimal("120")), (1, None)]


@pytest.mark.django_db
def test_cumulative_never_above_the_total(statistician):
    # 高州市就业创业发展基地: total 8570 万元.
    report(statistician, year=2024, quarter=1, completed="8000")
    with pytest.raises(ValidationError) as exc:
        report(statistician, year=2024, quarter=2, completed="570.01")
    assert "8570.01" in exc.value.message_dict["completed"][0] and "8570.00" in exc.value.message_dict["completed"][0]
    assert ProgressReport.objects.count() == 1
    report(statistician, year=2024, quarter=2, completed="570")
    # A correction replaces the quarter's amount: 8570 - 8000 + 8001 is above the total.
    with pytest.raises(ValidationError):
        report(statistician, year=2024, quarter=1, completed="8001", reason="更正")
    assert ProgressReport.objects.filter(is_current=True).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("completed", "physical", "field"),
    [
        ("-1", 10, "completed"),
        ("abc", 10, "completed"),
        ("1.234", 10, "completed"),
        ("NaN", 10, "completed"),
        ("10", 101, "physical_progress"),
        ("10", -5, "physical_progress"),
        ("10", "x", "physical_progress"),
    ],
)
def test_bad_amounts_refused(statistician, completed, physical, field):
    with pytest.raises(ValidationError) as exc:
        report(statistician, completed=completed, physical=physical)
    assert field in exc.value.message_dict
    assert not ProgressReport.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "year", "quarter"), [("ZD-07", 2020, 4), ("ZD-07", 2026, 1), ("ZD-07", 2024, 5), ("ZD-03", 2021, 2)]
)
def test_quarter_outside_the_plan_or_before_the_project(statistician, code, year, quarter):
    with pytest.raises(ValidationError) as exc:
        report(statistician, code=code, year=year, quarter=quarter)
    assert "quarter" in exc.value.message_dict
    assert not ProgressReport.objects.exists()


@pytest.mark.django_db
def test_a_future_quarter_refused(statistician, monkeypatch):
    monkeypatch.setattr(services, "_today", lambda: date(2023, 5, 10))
    report(statistician, year=2023, quarter=2)  # the current quarter: reported as it goes
    with pytest.raises(ValidationError, match="尚未开始"):
        report(statistician, year=2023, quarter=3)
    assert ProgressReport.objects.count() == 1


@pytest.mark.django_db
def test_only_the_project_office_of_the_region(clerk_maonan, statistician):
    with pytest.raises(PermissionDenied):
        report(clerk_maonan)
    gaozhou = s.county_statistician()
    report(gaozhou, code="ZD-07")  # 高州's own project
    with pytest.raises(PermissionDenied):
        report(gaozhou, code="ZD-01")  # the city's own project
    with pytest.raises(PermissionDenied):
        services.issue_raise(actor=clerk_maonan, project=s.project("ZD-02"), description="问题")
    assert ProgressReport.objects.count() == 1


@pytest.mark.django_db
def test_milestones_and_issues(statistician):
    m = services.milestone_add(actor=statistician, project=s.project("ZD-07"), name="主体封顶", planned_on="2024-06-30")
    with pytest.raises(ValidationError):
        services.milestone_done(actor=statistician, milestone=m, done_on="2999-01-01")
    services.milestone_done(actor=statistician, milestone=m, done_on="2024-07-02")
    assert Milestone.objects.get().done_on == date(2024, 7, 2)
    with pytest.raises(ValidationError):
        services.milestone_add(actor=statistician, project=s.project("ZD-07"), name="", planned_on="2024-06-30")
    issue = services.issue_raise(actor=statistician, project=s.project("ZD-07"), description="征地拆迁滞后")
    with pytest.raises(ValidationError):
        services.issue_close(actor=statistician, issue=issue, resolution=" ")
    services.issue_close(actor=statistician, issue=issue, resolution="已完成征地")
    issue.refresh_from_db()
    assert issue.status == ProjectIssue.Status.CLOSED and issue.closed_on is not None


@pytest.mark.django_db
def test_photos_checked_by_content(statistician):
    report(statistician)
    photo = services.photo_add(actor=statistician, project=s.project("ZD-07"), uploaded=s.png(), caption="基坑")
    assert photo.file.content_type == "image/png" and photo.report.label == "2024Q1"
    for bad in (s.pdf_as(), s.text_as_png()):
        with pytest.raises(ValidationError) as exc:
            services.photo_add(actor=statistician, project=s.project("ZD-07"), uploaded=bad)
        assert "photo" in exc.value.message_dict
    assert ProjectPhoto.objects.count() == 1
