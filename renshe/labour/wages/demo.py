"""Demo data of wage-payment monitoring: construction projects of employer_demo (茂南) and of a builder
in 高州 with real-name workers, payrolls and bank records of the last months, one project whose last pay
day passed without payouts (a red W3 warning once the job runs), and a partner bank whose token is
printed once. Idempotent: each project is recognised by its project code, the partner by its name."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from renshe.accounts.models import User
from renshe.core.identity import build_uscc
from renshe.labour.wages.models import (
    Attendance,
    BankTransaction,
    Deposit,
    Partner,
    Payroll,
    PayrollLine,
    Project,
    ProjectWorker,
    Signature,
    SpecialAccount,
)
from renshe.labour.wages.partners import partner_create
from renshe.labour.wages.rules import add_months, month_start, pay_periods
from renshe.labour.wages.services_warnings import wage_warnings_evaluate
from renshe.registry.models import Employer
from renshe.registry.selectors import dangerously_all_persons

BANK = "中国工商银行茂名分行（演示）"
BUILDER = {"name": "高州市鉴江建筑工程有限公司（演示）", "region": "440981002", "serial": 990_001}
# code, name, town, contractor ("demo" = employer_demo), contract sum, pay day, account, overdue pay day
PROJECTS = [
    ("DEMO-WG-001", "茂南区油城路安置房工程", "440902001", "demo", Decimal("18600000"), 15, True, False),
    ("DEMO-WG-002", "高州市人民医院门诊楼工程", "440981002", "builder", Decimal("42800000"), None, True, True),
    ("DEMO-WG-003", "茂南区站前路排水改造工程", "440902003", "demo", Decimal("3200000"), 20, False, False),
]


def demo_seed(*, scale: str = "small", progress=None) -> dict:
    say = progress or (lambda _m: None)
    today = timezone.localdate()
    made = 0
    for row in PROJECTS:
        if Project.objects.filter(code=row[0]).exists():
            continue
        with transaction.atomic():
            _project(row, today)
        made += 1
    token = None
    if not Partner.objects.filter(name=BANK).exists():
        _partner, token = partner_create(actor=None, name=BANK, kind="bank", scopes=["bank:write"])
    result = wage_warnings_evaluate(today=today)
    say(f"欠薪监控：新增 {made} 个演示项目，预警新开 {result['opened']} 条")
    if token:
        say(f"演示合作银行 {BANK} 的接口令牌（只显示这一次）：{token}")
    return {"projects": made, "warnings_opened": result["opened"], "partner_token": bool(token)}


def _builder() -> Employer:
    from renshe.registry.services import employer_register

    code = build_uscc(BUILDER["region"][:6], BUILDER["serial"])
    found = Employer.objects.filter(credit_code=code).first()
    if found is not None:
        return found
    return employer_register(
        actor=None,
        credit_code=code,
        name=BUILDER["name"],
        region=BUILDER["region"],
        industry="E",
        size="medium",
        ownership="private",
    )


def _project(row, today) -> Project:
    code, name, town, who, contract_sum, agreed, with_account, overdue = row
    employer = User.objects.get(username="employer_demo").employer if who == "demo" else _builder()
    if agreed is None:  # a pay day a few days ago, so it has clearly passed
        agreed = 5 if today.day > 8 else 25
    start = add_months(month_start(today), -4) + timedelta(days=9)
    project = Project.objects.create(
        employer=employer,
        code=code,
        name=name,
        region_id=town,
        address=f"{name}施工现场",
        approval_number=f"茂发改审批〔{start.year}〕{code[-3:]}号",
        funding_source="政府投资" if who == "demo" else "财政资金及自筹",
        funds_in_place=True,
        permit_number=f"{town[:6]}{start:%Y%m%d}0{code[-1]}01",
        contract_sum=contract_sum,
        contract_signed_on=start - timedelta(days=20),
        start_on=start,
        end_on=add_months(start, 18),
        pay_day=agreed,
        notice_board=code != "DEMO-WG-003",
    )
    Deposit.objects.create(
        project=project, kind=Deposit.Kind.CASH, amount=contract_sum * 2 / 100, lodged_on=start - timedelta(days=10)
    )
    if not with_account:
        return project
    account = SpecialAccount.objects.create(
        project=project,
        bank="中国工商银行茂名分行",
        number=f"2013000{code[-3:]}{start:%y%m}88",
        opened_on=start - timedelta(days=12),
    )
    workers = _workers(project, town, start, with_citizen=(who == "demo"))
    pays = sorted((m, d) for m, d in pay_periods(agreed, today, 4) if m >= month_start(start) and d < today)
    txns, seq = [], 0
    for month_index in range(6):
        credit_day = add_months(month_start(start), month_index) + timedelta(days=14)
        if credit_day <= today:
            seq += 1
            txns.append(
                BankTransaction(
                    account=account,
                    bank_txn_id=f"{code}-C{seq}",
                    kind="credit",
                    amount=contract_sum * Decimal("0.05"),
                    value_date=credit_day,
                    source="file",
                )
            )
    for work_month, due in pays:
        payroll = Payroll.objects.create(
            project=project, month=work_month, status=Payroll.Status.SUBMITTED, filed_at=timezone.now()
        )
        latest = due == pays[-1][1]
        for w in workers:
            Attendance.objects.bulk_create(
                Attendance(worker=w, day=work_month + timedelta(days=d))
                for d in range(3, 25, 1)
                if work_month + timedelta(days=d) >= w.joined_on
            )
            amount = Decimal(260) * 22
            signature = Signature.PHONE
            if latest and getattr(w, "_is_citizen", False):
                signature = Signature.NONE  # citizen_demo has a line to confirm on the phone
            PayrollLine.objects.create(
                payroll=payroll, worker=w, days=22, amount_due=amount, amount_paid=amount, signature=signature
            )
            if overdue and latest:
                continue  # the pay day passed with no payout: W3 after the job runs
            seq += 1
            txns.append(
                BankTransaction(
                    account=account,
                    bank_txn_id=f"{code}-P{seq}",
                    kind="payout",
                    amount=amount,
                    value_date=due,
                    worker=w,
                    source="file",
                )
            )
    BankTransaction.objects.bulk_create(txns)
    return project


def _workers(project, town, start, *, with_citizen: bool) -> list[ProjectWorker]:
    persons = list(
        dangerously_all_persons()
        .filter(residence_region__code__startswith=town[:6])
        .exclude(account__isnull=False)
        .order_by("id")[:5]
    )
    if project.code == "DEMO-WG-002":
        persons = list(
            dangerously_all_persons().filter(residence_region__code__startswith=town[:6]).order_by("-id")[:4]
        )
    workers = []
    citizen = User.objects.filter(username="citizen_demo").select_related("person").first() if with_citizen else None
    if citizen is not None and citizen.person_id:
        persons = [citizen.person, *[p for p in persons if p.pk != citizen.person_id]][:5]
    teams = ["钢筋班", "木工班", "泥水班"]
    for i, person in enumerate(persons):
        w = ProjectWorker.objects.create(
            project=project,
            person=person,
            contract_signed=True,
            registered=True,
            bank_name="中国农业银行",
            bank_card=f"62284800{project.pk:04d}{i:05d}",
            team=teams[i % 3],
            joined_on=start,
        )
        w._is_citizen = citizen is not None and person.pk == citizen.person_id
        workers.append(w)
    return workers
