"""A factory of construction projects as of a fixed day, each clean or with one known defect.

``build(defect, region=...)`` creates a contractor, a project and its records directly (fast, no audit);
the services are tested on their own. ``EXPECTED[defect]`` is the set of (rule, period) the warning job
must open for that project on ``TODAY``.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from renshe import testing
from renshe.labour.wages.models import (
    ArrearsRecord,
    Attendance,
    BankTransaction,
    Deposit,
    Payroll,
    PayrollLine,
    Project,
    ProjectWorker,
    Signature,
    SpecialAccount,
)
from renshe.labour.wages.rules import add_months, past_pay_days

TODAY = date(2026, 3, 20)
START = date(2025, 12, 15)
WORK_MONTHS = [date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
MARCH_PAY_DAY = date(2026, 3, 13)

EXPECTED: dict[str, set[tuple[str, str]]] = {
    "none": set(),
    "W1": {("W1", "")},
    "W2_no_credit": {("W2", "")},
    "W2_share": {("W2", "")},
    "W3": {("W3", "2026-03-13")},
    "W3_unregistered": {("W5", "")},  # a worker not registered is not owed a payout, but W5 sees him
    "W4": {("W4", "2026-03")},
    "W5_contract": {("W5", "")},
    "W5_no_pay": {("W5", "2026-02")},
    "W6_missing": {("W6", "")},
    "W6_expired": {("W6", "")},
    "W6_arrears": {("W6", "")},
    "W7_missing": {("W7", "2026-02")},
    "W7_unsigned": {("W7", "2026-02")},
    "W8": {("W8", "")},
    "W9": {("W9", "")},
    "W3_W7": {("W3", "2026-03-13"), ("W7", "2026-02")},
}

_counter = iter(range(10_000, 99_999))


def build(defect: str = "none", *, region: str = testing.MAONAN_TOWN, employer=None, today: date = TODAY) -> Project:
    n = next(_counter)
    employer = employer or testing.employer(name=f"茂名市第{n}建筑工程有限公司", region=region)
    w1 = defect == "W1"
    project = Project.objects.create(
        employer=employer,
        name=f"测试项目{n}（{defect}）",
        region_id=region,
        contract_sum=Decimal(1_000_000),
        contract_signed_on=today - timedelta(days=40) if w1 else date(2025, 12, 1),
        start_on=today - timedelta(days=5) if w1 else START,
        end_on=date(2026, 12, 31),
        pay_day=15,
        transfer_cycle_days=30,
        labour_share=Decimal(20),
        notice_board=defect != "W8",
        risk_flag=defect == "W9",
        risk_note="群体性讨薪投诉" if defect == "W9" else "",
        arrears_record=ArrearsRecord.ARREARS if defect == "W6_arrears" else ArrearsRecord.NORMAL,
    )
    if defect != "W6_missing":
        Deposit.objects.create(
            project=project,
            kind=Deposit.Kind.GUARANTEE if defect == "W6_expired" else Deposit.Kind.CASH,
            amount=Decimal(20000),
            letter_number="BH-1" if defect == "W6_expired" else "",
            expires_on=date(2026, 3, 1) if defect == "W6_expired" else None,
            lodged_on=date(2025, 12, 10),
        )
    if w1:
        return project
    account = SpecialAccount.objects.create(
        project=project, bank="中国工商银行茂名分行", number=f"62220{n:08d}", opened_on=date(2025, 12, 5)
    )
    workers = []
    for i in range(3):
        person = testing.person(name=f"工人{n}{i}", region=region)
        workers.append(
            ProjectWorker.objects.create(
                project=project,
                person=person,
                contract_signed=not (defect == "W5_contract" and i == 0),
                registered=not (defect == "W3_unregistered" and i == 0),
                bank_name="中国农业银行",
                bank_card=f"6228{n:06d}{i:06d}",
                team="钢筋班",
                joined_on=START,
            )
        )
    days = []
    for month in [*WORK_MONTHS, date(2026, 3, 1)]:
        days += [month + timedelta(days=d) for d in range(15, 25) if month + timedelta(days=d) <= today]
    Attendance.objects.bulk_create(Attendance(worker=w, day=d) for w in workers for d in days if d >= START)
    credit_days = [date(2025, 12, 20), date(2026, 1, 20), date(2026, 2, 20), date(2026, 3, 10)]
    if defect == "W2_no_credit":
        credit_days = [date(2025, 12, 20), date(2026, 1, 20), date(2026, 2, 15)]
    amount = Decimal(5000) if defect == "W2_share" else Decimal(30000)
    txns = [
        BankTransaction(
            account=account, bank_txn_id=f"C{n}-{d}", kind="credit", amount=amount, value_date=d, source="file"
        )
        for d in credit_days
    ]
    for pay in past_pay_days(15, today, 3):
        if pay == MARCH_PAY_DAY and defect in ("W3", "W3_W7"):
            continue
        for w in workers:
            if defect == "W3_unregistered" and not w.registered and pay == MARCH_PAY_DAY:
                continue
            txns.append(
                BankTransaction(
                    account=account,
                    bank_txn_id=f"P{n}-{pay}-{w.pk}",
                    kind="payout",
                    amount=Decimal(3000),
                    value_date=pay,
                    worker=w,
                    source="file",
                )
            )
    BankTransaction.objects.bulk_create(txns)
    months = list(WORK_MONTHS)
    if defect in ("W7_missing", "W3_W7"):
        months.remove(date(2026, 2, 1))
    if defect == "W4":
        months.append(date(2026, 3, 1))
    for month in months:
        draft = defect == "W7_draft" and month == date(2026, 2, 1)
        payroll = Payroll.objects.create(
            project=project,
            month=month,
            status=Payroll.Status.DRAFT if draft else Payroll.Status.SUBMITTED,
            filed_at=timezone.now(),
        )
        for i, w in enumerate(workers):
            feb = month == date(2026, 2, 1)
            due = Decimal(50000) if month == date(2026, 3, 1) else Decimal(3000)
            if defect == "W5_no_pay" and feb and i == 0:
                due = Decimal(0)
            unsigned = defect == "W7_unsigned" and feb and i == 0
            PayrollLine.objects.create(
                payroll=payroll,
                worker=w,
                days=10,
                amount_due=due,
                amount_paid=due,
                signature=Signature.NONE if unsigned else Signature.PHONE,
            )
    return project


def previous_month(day: date) -> date:
    return add_months(day.replace(day=1), -1)
