"""Payrolls, each worker's confirmation, and the bank's records of the special account.

Bank lines (from a file or pushed by a bank through the API) are all-or-nothing: a line with an unknown
account, an unknown worker, a negative or zero amount, or a transaction id repeated within the batch is
reported by its line number and nothing is applied. A line whose bank transaction id was applied before
with the same content is skipped (importing the same file twice applies nothing new); the same id with
different content is an error.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.accounts.models import Role
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.files import file_store
from renshe.core.identity import normalize_resident_id
from renshe.labour.wages.models import (
    BankImport,
    BankTransaction,
    Payroll,
    PayrollLine,
    Project,
    ProjectWorker,
    Signature,
    SpecialAccount,
)
from renshe.labour.wages.rules import month_start
from renshe.labour.wages.services_projects import require_owner, table_from_file

# --- payroll -------------------------------------------------------------------------------------------


def _amount(value, line: int, field: str, errors: list) -> Decimal | None:
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        errors.append({"line": line, "field": field, "error": _("第 %(n)d 行：金额无效") % {"n": line}})
        return None
    if amount < 0:
        errors.append({"line": line, "field": field, "error": _("第 %(n)d 行：金额不能为负数") % {"n": line}})
        return None
    return amount.quantize(Decimal("0.01"))


@transaction.atomic
def payroll_file(*, actor, project: Project, month: date, lines: list[dict], submit: bool = True) -> Payroll:
    """File (or replace the draft of) the payroll of a work month: each line ``worker`` (a ProjectWorker
    id), ``days``, ``amount_due``, ``amount_paid``. A submitted payroll cannot be filed again."""
    require_owner(actor, project)
    month = month_start(month)
    if month > month_start(timezone.localdate()):
        raise ValidationError({"month": _("不能报送未来月份的工资表")})
    workers = {w.pk: w for w in project.workers.all()}
    errors, clean, seen = [], [], set()
    for number, line in enumerate(lines, start=1):
        worker = workers.get(int(line.get("worker") or 0))
        if worker is None:
            errors.append(
                {"line": number, "field": "worker", "error": _("第 %(n)d 行：不是本项目的工人") % {"n": number}}
            )
            continue
        if worker.pk in seen:
            errors.append({"line": number, "field": "worker", "error": _("第 %(n)d 行：工人重复") % {"n": number}})
            continue
        seen.add(worker.pk)
        try:
            days = int(line.get("days") or 0)
        except (TypeError, ValueError):
            days = -1
        if not 0 <= days <= 31:
            errors.append(
                {"line": number, "field": "days", "error": _("第 %(n)d 行：出勤天数应为0–31") % {"n": number}}
            )
        due = _amount(line.get("amount_due", 0), number, "amount_due", errors)
        paid = _amount(line.get("amount_paid", 0), number, "amount_paid", errors)
        if due is not None and paid is not None and paid > due:
            errors.append(
                {"line": number, "field": "amount_paid", "error": _("第 %(n)d 行：实发不能大于应发") % {"n": number}}
            )
        clean.append((worker, days, due, paid))
    if not clean and not errors:
        errors.append({"line": 0, "field": "lines", "error": _("工资表至少应有一名工人")})
    if errors:
        raise ValidationError({"lines": [e["error"] for e in errors]})
    payroll, _created = Payroll.objects.select_for_update().get_or_create(project=project, month=month)
    if payroll.status == Payroll.Status.SUBMITTED:
        raise ValidationError({"month": _("%(m)s 的工资表已报送，不能重复报送") % {"m": f"{month:%Y-%m}"}})
    payroll.lines.all().delete()
    PayrollLine.objects.bulk_create(
        PayrollLine(payroll=payroll, worker=w, days=d, amount_due=due, amount_paid=paid) for w, d, due, paid in clean
    )
    if submit:
        payroll.status = Payroll.Status.SUBMITTED
        payroll.filed_at = timezone.now()
    payroll.filed_by = actor
    payroll.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=payroll,
        changes={"lines": [None, len(clean)], "status": [None, payroll.status]},
    )
    return payroll


@transaction.atomic
def payroll_line_confirm(*, actor, line: PayrollLine) -> PayrollLine:
    """The worker confirms their own line on the phone (a citizen account of that very person)."""
    if actor is None or actor.role != Role.CITIZEN or actor.person_id != line.worker.person_id:
        raise PermissionDenied
    line = PayrollLine.objects.select_for_update().get(pk=line.pk)
    if line.payroll.status != Payroll.Status.SUBMITTED:
        raise ValidationError(_("该工资表尚未报送"))
    if line.signature != Signature.NONE:
        raise ValidationError(_("已确认，无需重复确认"))
    line.signature, line.signed_at = Signature.PHONE, timezone.now()
    line.save(update_fields=["signature", "signed_at"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=line, changes={"signature": ["none", "phone"]})
    return line


@transaction.atomic
def payroll_scan_attach(*, actor, payroll: Payroll, uploaded) -> Payroll:
    """The contractor uploads the sheet signed on paper; lines not yet confirmed count as signed by scan."""
    require_owner(actor, payroll.project)
    if payroll.status != Payroll.Status.SUBMITTED:
        raise ValidationError({"file": _("请先报送工资表")})
    stored = file_store(uploaded=uploaded, actor=actor, field="file")
    payroll.scan = stored
    payroll.save(update_fields=["scan"])
    n = payroll.lines.filter(signature=Signature.NONE).update(signature=Signature.SCAN, signed_at=timezone.now())
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=payroll, changes={"scan_signed_lines": [None, n]})
    return payroll


# --- bank lines ----------------------------------------------------------------------------------------

BANK_COLUMNS = {
    "txn_id": ("银行流水号", "txn_id"),
    "account": ("专用账户账号", "account"),
    "kind": ("类型", "kind"),
    "amount": ("金额", "amount"),
    "date": ("交易日期", "date"),
    "id_number": ("收款人身份证号码", "id_number"),
    "card": ("收款卡号", "card"),
}
KIND_NAMES = {"credit": "credit", "入账": "credit", "人工费": "credit", "payout": "payout", "代发": "payout"}


@dataclass(frozen=True)
class BankLine:
    line: int
    txn_id: str
    account: SpecialAccount
    kind: str
    amount: Decimal
    value_date: date
    worker: ProjectWorker | None


def bank_lines_check(rows: list[tuple[int, dict]], *, accounts) -> tuple[list[BankLine], list[BankLine], list[dict]]:
    """Split raw lines into (new, already applied, errors). ``accounts`` is the queryset of accounts the
    sender may touch (an account outside it is reported as unknown, like a missing one)."""
    numbers = {str(r.get("account", "")).strip() for _, r in rows}
    by_number = {a.number: a for a in accounts.filter(number__in=numbers).select_related("project")}
    workers: dict[tuple[int, str], ProjectWorker] = {}
    for w in ProjectWorker.objects.filter(project__account__in=by_number.values()).select_related("person"):
        workers[(w.project_id, w.person.id_number)] = w
        if w.bank_card:
            workers[(w.project_id, "card:" + w.bank_card)] = w
    ids = [str(r.get("txn_id", "")).strip() for _, r in rows]
    known = {t.bank_txn_id: t for t in BankTransaction.objects.filter(bank_txn_id__in=ids)}
    counts: dict[str, int] = {}
    for i in ids:
        counts[i] = counts.get(i, 0) + 1
    new, already, errors = [], [], []

    def bad(line: int, text: str) -> None:
        errors.append({"line": line, "error": _("第 %(n)d 行：%(e)s") % {"n": line, "e": text}})

    for line, r in rows:
        txn_id = str(r.get("txn_id", "")).strip()
        if not txn_id or len(txn_id) > 64:
            bad(line, _("缺少银行流水号"))
            continue
        if counts[txn_id] > 1:
            bad(line, _("流水号 %(t)s 在本批中重复") % {"t": txn_id})
            continue
        account = by_number.get(str(r.get("account", "")).strip())
        if account is None:
            bad(line, _("未知的专用账户 %(a)s") % {"a": r.get("account", "")})
            continue
        kind = KIND_NAMES.get(str(r.get("kind", "")).strip().lower())
        if kind is None:
            bad(line, _("类型应为 credit（入账）或 payout（代发）"))
            continue
        try:
            amount = Decimal(str(r.get("amount", "")).strip().replace(",", ""))
        except (InvalidOperation, ValueError):
            bad(line, _("金额无效"))
            continue
        if amount <= 0:
            bad(line, _("金额必须为正数：%(a)s") % {"a": r.get("amount", "")})
            continue
        try:
            value_date = date.fromisoformat(str(r.get("date", "")).strip()[:10])
        except ValueError:
            bad(line, _("交易日期格式应为 YYYY-MM-DD"))
            continue
        worker = None
        if kind == "payout":
            id_number = normalize_resident_id(str(r.get("id_number", "")))
            card = "".join(str(r.get("card", "")).split())
            worker = workers.get((account.project_id, id_number)) or (
                workers.get((account.project_id, "card:" + card)) if card else None
            )
            if worker is None:
                bad(line, _("收款人不是该项目登记的工人"))
                continue
        item = BankLine(line, txn_id, account, kind, amount.quantize(Decimal("0.01")), value_date, worker)
        old = known.get(txn_id)
        if old is not None:
            same = (old.account_id, old.kind, old.amount, old.value_date, old.worker_id) == (
                account.pk,
                kind,
                item.amount,
                value_date,
                worker.pk if worker else None,
            )
            if not same:
                bad(line, _("流水号 %(t)s 已入账且内容不同") % {"t": txn_id})
            else:
                already.append(item)
            continue
        new.append(item)
    return new, already, errors


def _apply(lines: list[BankLine], *, source: str, batch=None, partner=None) -> list[BankTransaction]:
    return BankTransaction.objects.bulk_create(
        BankTransaction(
            account=b.account,
            bank_txn_id=b.txn_id,
            kind=b.kind,
            amount=b.amount,
            value_date=b.value_date,
            worker=b.worker,
            source=source,
            batch=batch,
            partner=partner,
        )
        for b in lines
    )


def bank_accounts_for(actor):
    """The special accounts a staff member may import lines for (their region)."""
    from renshe.labour.wages.selectors import project_visible_q

    if actor is None or not actor.has_perm("wages.import_bank_file"):
        raise PermissionDenied
    return SpecialAccount.objects.filter(project_visible_q(actor, "project__"))


def bank_file_import(*, actor, name: str, content: bytes) -> BankImport:
    """Import a bank file (CSV/xlsx) of credits and payouts: all or nothing (see the module docstring)."""
    accounts = bank_accounts_for(actor)
    rows = table_from_file(name, content, BANK_COLUMNS)
    with transaction.atomic():
        new, already, errors = bank_lines_check(rows, accounts=accounts)
        batch = BankImport.objects.create(
            original_name=name[:200],
            sha256=hashlib.sha256(content).hexdigest(),
            status=BankImport.Status.REJECTED if errors else BankImport.Status.APPLIED,
            lines=len(rows),
            applied=0 if errors else len(new),
            already=0 if errors else len(already),
            errors=errors,
            created_by=actor,
        )
        if not errors:
            _apply(new, source=BankTransaction.Source.FILE, batch=batch)
        audit_record(
            actor=actor,
            action=AuditAction.IMPORT,
            obj=batch,
            changes={"applied": [None, batch.applied], "errors": [None, len(errors)]},
        )
    return batch


def bank_lines_push(*, partner, rows: list[dict]) -> dict:
    """A bank pushes lines through the API. Same checks as a file; the answer lists every line's
    transaction id with ``applied`` or ``already``, so a resubmission gets the same answer."""
    numbered = [(i, r if isinstance(r, dict) else {}) for i, r in enumerate(rows, start=1)]
    with transaction.atomic():
        new, already, errors = bank_lines_check(numbered, accounts=SpecialAccount.objects.all())
        if errors:
            raise ValidationError({"lines": [e["error"] for e in errors]})
        _apply(new, source=BankTransaction.Source.API, partner=partner)
        audit_record(
            actor=None,
            action=AuditAction.IMPORT,
            object_type="wages.partner",
            object_id=str(partner.pk),
            object_repr=partner.name,
            changes={"applied": [None, len(new)], "already": [None, len(already)]},
        )
    # Every line answers with the platform's record of it, so a resubmission gets the same lines back.
    ids = {b.txn_id for b in new} | {b.txn_id for b in already}
    pks = dict(BankTransaction.objects.filter(bank_txn_id__in=ids).values_list("bank_txn_id", "pk"))
    return {
        "accepted": len(ids),
        "newly_applied": len(new),
        "lines": [
            {
                "line": line,
                "txn_id": str(r.get("txn_id", "")).strip(),
                "transaction": pks[str(r.get("txn_id", "")).strip()],
            }
            for line, r in numbered
        ],
    }


def account_balance(account: SpecialAccount) -> Decimal:
    from django.db.models import Q, Sum

    sums = account.transactions.aggregate(
        credit=Sum("amount", filter=Q(kind="credit")), payout=Sum("amount", filter=Q(kind="payout"))
    )
    return (sums["credit"] or Decimal(0)) - (sums["payout"] or Decimal(0))
