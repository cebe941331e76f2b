"""Wage-arrears warnings: the periodic evaluation of every active project (W1–W9, ``rules.py``) and the
inspectors' actions on a warning (one declared table, row lock + version, a history row per action).

``wage_warnings_evaluate`` opens a warning for each new finding, never a second live warning for the same
project, rule and period (a partial unique constraint guards it too), and closes the live warnings whose
condition has cleared with the reason "条件已消除". Running it twice changes nothing the second time.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from importlib import import_module
from importlib.util import find_spec

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.accounts.messaging import message_send
from renshe.accounts.models import Role, User
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.params import param, param_int
from renshe.labour.wages import rules
from renshe.labour.wages.models import (
    Attendance,
    BankTransaction,
    Payroll,
    PayrollLine,
    Project,
    Signature,
    WageWarning,
    WarningAction,
)

CLEARED = "条件已消除"
HANDLE = "wages.handle_wage_warning"
Status = WageWarning.Status
LIVE = (Status.OPEN, Status.ACKNOWLEDGED, Status.ESCALATED, Status.TO_INSPECTION)

# action → (statuses it may start from, status it leads to)
ACTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "acknowledge": ((Status.OPEN,), Status.ACKNOWLEDGED),
    "escalate": ((Status.OPEN, Status.ACKNOWLEDGED), Status.ESCALATED),
    "to_inspection": ((Status.OPEN, Status.ACKNOWLEDGED, Status.ESCALATED), Status.TO_INSPECTION),
    "close": (LIVE, Status.CLOSED),
}


# --- facts of a project, read from the database ----------------------------------------------------------


def thresholds_for(project: Project, today: date) -> rules.Thresholds:
    rate = rules.deposit_rate(
        param("wages.deposit_rate", today, 2),
        project.arrears_record,
        arrears_factor=param("wages.deposit_arrears_factor", today, Decimal("1.5")),
        clean_factor=param("wages.deposit_clean_factor", today, Decimal("0.5")),
    )
    return rules.Thresholds(
        account_days=param_int("wages.account_days", today, 30),
        deposit_required=rules.deposit_amount(project.contract_sum, rate),
        w2_min_ratio=param("wages.w2_min_ratio", today, Decimal("0.8")),
        lookback_months=param_int("wages.lookback_months", today, 3),
        w9_signals=param_int("wages.w9_signals", today, 1),
    )


W9_SINCE_DAYS = 180  # complaints and disputes of the last half year count as a risk signal


def _optional(module: str, name: str):
    """A selector of another labour app, or None when that app (or the function) is not there."""
    if find_spec(module) is None:
        return None
    return getattr(import_module(module), name, None)


def external_records(employer_ids, today: date) -> dict[int, list[str]]:
    """W9 signals by contractor: wage-arrears inspection cases and arbitration cases against it in the
    last half year, read through those apps' selectors (absent apps give nothing)."""
    ids = sorted(set(employer_ids))
    since = today - timedelta(days=W9_SINCE_DAYS)
    signals: dict[int, list[str]] = defaultdict(list)
    inspection = _optional("renshe.labour.inspection.selectors", "employer_inspection_record")
    if inspection is not None and ids:
        for employer_id, row in inspection(ids, since=since).items():
            if row.get("arrears_cases"):
                signals[employer_id].append(_("近半年欠薪监察案件 %(n)d 件") % {"n": row["arrears_cases"]})
    disputes = _optional("renshe.labour.selectors", "employer_dispute_record")
    if disputes is not None and ids:
        for employer_id, row in disputes(ids, since=since).items():
            if row.get("cases"):
                signals[employer_id].append(_("近半年劳动仲裁案件 %(n)d 件") % {"n": row["cases"]})
    return signals


def external_signals(project: Project, records: dict[int, list[str]] | None = None) -> tuple[str, ...]:
    """W9 signals of a project: a staff flag, and the contractor's complaints and disputes."""
    flag = (_("人工标记：%(n)s") % {"n": project.risk_note},) if project.risk_flag else ()
    return flag + tuple((records or {}).get(project.employer_id, ()))


def project_facts(project: Project, today: date, records: dict[int, list[str]] | None = None) -> rules.ProjectFacts:
    account = getattr(project, "account", None)
    deposit = getattr(project, "deposit", None)
    workers = list(project.workers.all())
    since = rules.add_months(rules.month_start(today), -(param_int("wages.lookback_months", today, 3) + 2))
    months: dict[int, set[date]] = defaultdict(set)
    for worker_id, day in Attendance.objects.filter(worker__project=project, day__gte=since).values_list(
        "worker_id", "day"
    ):
        months[worker_id].add(day.replace(day=1))
    credits, payouts, balance = (), (), Decimal(0)
    if account is not None:
        txns = list(
            account.transactions.filter(value_date__lte=today).values_list("kind", "value_date", "amount", "worker_id")
        )
        credits = tuple((d, a) for k, d, a, _w in txns if k == BankTransaction.Kind.CREDIT)
        payouts = tuple((d, w, a) for k, d, a, w in txns if k == BankTransaction.Kind.PAYOUT)
        balance = sum((a for _d, a in credits), Decimal(0)) - sum((a for _d, _w, a in payouts), Decimal(0))
    payrolls = {}
    lines = defaultdict(list)
    for line in PayrollLine.objects.filter(payroll__project=project, payroll__month__gte=since).values(
        "payroll_id", "worker_id", "days", "amount_due", "signature"
    ):
        lines[line["payroll_id"]].append(line)
    for p in Payroll.objects.filter(project=project, month__gte=since):
        rows = lines[p.pk]
        payrolls[p.month] = rules.PayrollFacts(
            submitted=p.status == Payroll.Status.SUBMITTED,
            unsigned_lines=sum(1 for r in rows if r["signature"] == Signature.NONE),
            total_due=sum((r["amount_due"] for r in rows), Decimal(0)),
            days_by_worker={r["worker_id"]: r["days"] for r in rows},
            due_by_worker={r["worker_id"]: r["amount_due"] for r in rows},
        )
    return rules.ProjectFacts(
        contract_sum=project.contract_sum,
        contract_signed_on=project.contract_signed_on,
        start_on=project.start_on,
        end_on=project.end_on,
        agreed_pay_day=project.pay_day,
        transfer_cycle_days=project.transfer_cycle_days,
        labour_share=project.labour_share,
        account_opened_on=account.opened_on if account else None,
        deposit_amount=deposit.amount if deposit else None,
        guarantee_expires_on=deposit.expires_on if deposit else None,
        balance=balance,
        workers=tuple(
            rules.WorkerFacts(w.pk, w.contract_signed, w.registered, w.joined_on, w.left_on) for w in workers
        ),
        attendance_months={k: frozenset(v) for k, v in months.items()},
        credits=credits,
        payouts=payouts,
        payrolls=payrolls,
        notice_board=project.notice_board,
        external_signals=external_signals(project, records),
    )


def project_findings(project: Project, today: date, records: dict[int, list[str]] | None = None) -> list[rules.Finding]:
    if records is None:
        records = external_records([project.employer_id], today)
    return rules.evaluate(project_facts(project, today, records), today, thresholds_for(project, today))


# --- the periodic job -----------------------------------------------------------------------------------


def _history(warning: WageWarning, action: str, from_status: str, actor=None, comment: str = "") -> None:
    WarningAction.objects.create(
        warning=warning, action=action, from_status=from_status, to_status=warning.status, actor=actor, comment=comment
    )


def _evaluate_project(project: Project, today: date, records: dict[int, list[str]]) -> tuple[int, int]:
    findings = {(f.rule, f.period): f for f in project_findings(project, today, records)}
    opened = closed = 0
    with transaction.atomic():
        live = {
            (w.rule, w.period): w
            for w in WageWarning.objects.select_for_update().filter(project=project, status__in=LIVE)
        }
        for key, warning in live.items():
            if key not in findings:
                before = warning.status
                warning.status, warning.close_reason, warning.closed_at = Status.CLOSED, CLEARED, timezone.now()
                warning.version += 1
                warning.save(update_fields=["status", "close_reason", "closed_at", "version"])
                _history(warning, "auto_close", before, comment=CLEARED)
                closed += 1
        for key, finding in findings.items():
            if key in live:
                if live[key].evidence != finding.evidence:
                    WageWarning.objects.filter(pk=live[key].pk).update(evidence=finding.evidence)
                continue
            try:
                with transaction.atomic():
                    warning = WageWarning.objects.create(
                        rule=finding.rule,
                        level=finding.level,
                        period=finding.period,
                        project=project,
                        employer_id=project.employer_id,
                        region_id=project.region_id,
                        evidence=finding.evidence,
                        opened_on=today,
                    )
            except IntegrityError:  # another run opened it a moment ago
                continue
            _history(warning, "open", "", comment=finding.evidence[:200])
            opened += 1
    return opened, closed


def wage_warnings_evaluate(*, today: date | None = None) -> dict:
    """Evaluate every active project (``manage.py evaluate_wage_warnings``); safe to run twice."""
    today = today or timezone.localdate()
    projects = Project.objects.filter(status=Project.Status.ACTIVE, start_on__lte=today).select_related(
        "account", "deposit"
    )
    totals = {"projects": 0, "opened": 0, "closed": 0}
    records = external_records(projects.values_list("employer_id", flat=True), today)
    for project in projects.iterator(chunk_size=200):
        opened, closed = _evaluate_project(project, today, records)
        totals["projects"] += 1
        totals["opened"] += opened
        totals["closed"] += closed
    return totals


# --- inspectors' actions -----------------------------------------------------------------------------------


def inspection_available() -> bool:
    """Whether the inspection app offers ``inspection_case_open`` (built by another module)."""
    if find_spec("renshe.labour.inspection.services") is None:
        return False
    return hasattr(import_module("renshe.labour.inspection.services"), "inspection_case_open")


def _district_leaders(warning: WageWarning) -> list[User]:
    county = warning.region_id[:6]
    leaders = list(User.objects.filter(role=Role.LEADER, is_active=True, org_unit__region_id=county))
    return leaders or list(User.objects.filter(role=Role.LEADER, is_active=True, org_unit__region_id="440900"))


@transaction.atomic
def warning_act(
    *, actor, warning: WageWarning, action: str, comment: str = "", version: int | None = None
) -> WageWarning:
    """Move a warning along ``ACTIONS``; the row is locked, and a stale ``version`` is refused."""
    if action not in ACTIONS:
        raise ValidationError({"action": _("未知的操作")})
    if actor is None or not actor.has_perm(HANDLE):
        raise PermissionDenied
    comment = (comment or "").strip()[:200]
    if action == "close" and not comment:
        raise ValidationError({"comment": _("关闭预警须填写原因")})
    warning = WageWarning.objects.select_for_update().select_related("project", "employer").get(pk=warning.pk)
    if version is not None and version != warning.version:
        raise ValidationError(_("该预警已被他人处理，请刷新后再试"))
    allowed_from, to_status = ACTIONS[action]
    if warning.status not in allowed_from:
        raise ValidationError(_("当前状态（%(s)s）不能执行该操作") % {"s": warning.get_status_display()})
    before = warning.status
    if action == "to_inspection":
        if not inspection_available():
            raise ValidationError(_("劳动保障监察立案功能尚未上线，暂不能转监察"))
        services = import_module("renshe.labour.inspection.services")
        try:
            case = services.inspection_case_open(
                actor=actor,
                employer=warning.employer,
                summary=f"{warning.rule} {rules.RULES[warning.rule][1]}：{warning.project.name}。{warning.evidence}",
                source="wage_warning",
                source_ref=str(warning.pk),
            )
        except PermissionDenied:
            raise ValidationError(_("您没有劳动保障监察立案的权限")) from None
        warning.inspection_ref = str(case.number)[:40]
        warning.inspection_case_id = case.pk
    warning.status = to_status
    warning.version += 1
    if action == "close":
        warning.close_reason, warning.closed_at = comment, timezone.now()
    warning.save()
    _history(warning, action, before, actor, comment)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=warning, changes={"status": [before, to_status]})
    if action == "escalate":
        link = reverse("wages:warning_detail", args=[warning.pk])
        title = _("欠薪预警上报：%(p)s（%(r)s）") % {"p": warning.project.name, "r": warning.rule}
        body = f"{warning.evidence}\n{comment}".strip()
        recipients = _district_leaders(warning)
        transaction.on_commit(
            lambda: [message_send(recipient=u, title=title, body=body, link=link) for u in recipients]
        )
    return warning
