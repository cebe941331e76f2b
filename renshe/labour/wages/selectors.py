"""Reads of the wages app, always through who is asking.

Staff with ``wages.monitor_wages`` see the projects of their region and below (by the project's town);
an employer account sees its own projects; a citizen sees only their own payroll lines and payouts.
Single records come from ``get_*_for_user_or_404``: missing and forbidden are the same 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from renshe.accounts.models import Role
from renshe.accounts.scoping import NOTHING, region_q
from renshe.labour.wages.models import (
    BankTransaction,
    Payroll,
    PayrollLine,
    Project,
    ProjectWorker,
    WageWarning,
)

MONITOR = "wages.monitor_wages"


def is_contractor(user) -> bool:
    return getattr(user, "is_authenticated", False) and user.role == Role.EMPLOYER and bool(user.employer_id)


def project_visible_q(user, prefix: str = "") -> Q:
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    if user.role == Role.EMPLOYER:
        return Q(**{f"{prefix}employer_id": user.employer_id}) if user.employer_id else NOTHING
    if not user.is_bureau_staff or not user.has_perm(MONITOR):
        return NOTHING
    return region_q(user, f"{prefix}region")


def projects_visible_to(user) -> QuerySet[Project]:
    return Project.objects.filter(project_visible_q(user)).select_related("employer", "region")


def get_project_for_user_or_404(user, pk) -> Project:
    return get_object_or_404(projects_visible_to(user), pk=pk)


def project_list(*, viewer, query: str = "", region: str = "", status: str = "") -> QuerySet[Project]:
    qs = projects_visible_to(viewer).select_related("account", "deposit")
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(employer__name__icontains=query) | Q(code=query))
    if region:
        qs = qs.filter(region__code__startswith=region)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def workers_of(project: Project) -> QuerySet[ProjectWorker]:
    return project.workers.select_related("person").order_by("team", "id")


def payrolls_visible_to(user) -> QuerySet[Payroll]:
    return Payroll.objects.filter(project_visible_q(user, "project__")).select_related("project")


def get_payroll_for_user_or_404(user, pk) -> Payroll:
    return get_object_or_404(payrolls_visible_to(user), pk=pk)


def warnings_visible_to(user) -> QuerySet[WageWarning]:
    return WageWarning.objects.filter(project_visible_q(user, "project__")).select_related(
        "project", "employer", "region"
    )


def get_warning_for_user_or_404(user, pk) -> WageWarning:
    return get_object_or_404(warnings_visible_to(user), pk=pk)


def warning_board(
    *, viewer, status: str = "live", level: str = "", rule: str = "", region: str = ""
) -> QuerySet[WageWarning]:
    qs = warnings_visible_to(viewer)
    if status == "live":
        qs = qs.exclude(status=WageWarning.Status.CLOSED)
    elif status:
        qs = qs.filter(status=status)
    if level:
        qs = qs.filter(level=level)
    if rule:
        qs = qs.filter(rule=rule)
    if region:
        qs = qs.filter(region__code__startswith=region)
    return qs.order_by("-opened_on", "-id")


def transactions_visible_to(user) -> QuerySet[BankTransaction]:
    return BankTransaction.objects.filter(project_visible_q(user, "account__project__")).select_related(
        "account__project", "worker__person"
    )


# --- a worker's own records --------------------------------------------------------------------------


def my_payroll_lines(*, viewer) -> QuerySet[PayrollLine]:
    if not getattr(viewer, "is_authenticated", False) or viewer.role != Role.CITIZEN or not viewer.person_id:
        return PayrollLine.objects.none()
    return (
        PayrollLine.objects.filter(worker__person_id=viewer.person_id, payroll__status=Payroll.Status.SUBMITTED)
        .select_related("payroll__project")
        .order_by("-payroll__month", "-id")
    )


def get_my_payroll_line_or_404(viewer, pk) -> PayrollLine:
    return get_object_or_404(my_payroll_lines(viewer=viewer), pk=pk)


def my_payouts(*, viewer) -> QuerySet[BankTransaction]:
    if not getattr(viewer, "is_authenticated", False) or viewer.role != Role.CITIZEN or not viewer.person_id:
        return BankTransaction.objects.none()
    return BankTransaction.objects.filter(
        kind=BankTransaction.Kind.PAYOUT, worker__person_id=viewer.person_id
    ).select_related("account__project")
