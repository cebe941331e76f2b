"""Demo data of the contracts app (idempotent; ``manage.py seed_demo``).

- Labour contracts for most current employments of the demo city (about 96% of them, so each county
  shows a signing rate), made in bulk from the registry's employments; marked ``DEMO-`` in
  ``platform_ref``. Three employees are hired for the demo employer (``employer_demo``) so that its
  pages have people to file contracts for (they get no demo contract).
- A valid dispatch licence for the demo employer.
- One employer of 茂南 on the arrears blacklist (listed by the city administrator).
- The credit ratings of last year, computed.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from renshe.accounts.models import User
from renshe.labour.contracts import rules
from renshe.labour.contracts.models import (
    BlacklistEntry,
    BlacklistGround,
    BlacklistStatus,
    CreditRating,
    DispatchLicence,
    LabourContract,
    LicenceStatus,
)
from renshe.labour.contracts.services_credit import credit_rating_run
from renshe.registry.models import Employer, Employment, Person

DEMO_REF = "DEMO-"
SIGNED_SHARE = 0.97
BATCH = 5000


def _wage(rng: random.Random) -> Decimal:
    return Decimal(rng.randrange(1900, 9000, 50))


def _demo_employer_staff() -> None:
    """Hire three 茂南 residents for the demo employer (no demo employment exists for it otherwise)."""
    from renshe.registry.demo import demo_employer_credit_code

    employer = Employer.objects.filter(credit_code=demo_employer_credit_code()).first()
    if employer is None or Employment.objects.filter(employer=employer, end_date__isnull=True).exists():
        return
    people = (
        Person.objects.filter(residence_region__code__startswith="440902", birth_date__lte=date(2000, 1, 1))
        .exclude(employments__end_date__isnull=True)
        .order_by("id")[:3]
    )
    for person in people:
        Employment.objects.create(
            person=person, employer=employer, start_date=date(2025, 3, 1), contract_type="fixed", position="操作工"
        )


def _contracts(progress) -> int:
    if LabourContract.objects.filter(platform_ref__startswith=DEMO_REF).exists():
        return 0
    rng = random.Random(2026)
    today = timezone.localdate()
    created = 0
    rows = []
    from renshe.registry.demo import demo_employer_credit_code

    employments = (
        Employment.objects.filter(end_date__isnull=True, start_date__lte=today)
        .exclude(employer__credit_code=demo_employer_credit_code())
        .order_by("id")
        .values_list("id", "person_id", "employer_id", "start_date", "position")
    )
    for index, (pk, person_id, employer_id, start, position) in enumerate(employments.iterator(chunk_size=BATCH)):
        if rng.random() > SIGNED_SHARE or index % 100 == 7:  # a few left out in every county
            continue
        open_ended = rng.random() < 0.3
        rows.append(
            LabourContract(
                employer_id=employer_id,
                person_id=person_id,
                contract_type="open" if open_ended else "fixed",
                start_date=start,
                end_date=None if open_ended else max(rules._years_after(start, 3) - timedelta(days=1), today),
                probation_months=0,
                position=position or "职员",
                monthly_wage=_wage(rng),
                platform_ref=f"{DEMO_REF}{pk:08d}",
                signed_on=start,
            )
        )
        if len(rows) >= BATCH:
            LabourContract.objects.bulk_create(rows)
            created += len(rows)
            rows = []
    LabourContract.objects.bulk_create(rows)
    return created + len(rows)


def _licence(admin) -> bool:
    from renshe.registry.demo import demo_employer_credit_code

    employer = Employer.objects.filter(credit_code=demo_employer_credit_code()).first()
    applicant = User.objects.filter(username="employer_demo").first()
    if employer is None or applicant is None or DispatchLicence.objects.filter(employer=employer).exists():
        return False
    today = timezone.localdate()
    valid_from = today - timedelta(days=400)
    DispatchLicence.objects.create(
        employer=employer,
        registered_capital=Decimal("300"),
        premises_address="茂南区红旗街道工业大道1号二楼",
        premises_area=Decimal("120"),
        rules_summary="劳务派遣协议管理、被派遣劳动者劳动合同管理、工资支付、社会保险、工作时间和休息休假、劳动纪律等制度。",
        status=LicenceStatus.VALID,
        number=f"440900{valid_from.year}0001",
        valid_from=valid_from,
        valid_until=rules.licence_valid_until(valid_from),
        applied_by=applicant,
        decided_by=admin,
        decided_at=timezone.now(),
    )
    return True


def _blacklist(admin) -> bool:
    from renshe.registry.demo import demo_employer_credit_code

    if BlacklistEntry.objects.exists():
        return False
    employer = (
        Employer.objects.filter(region__code__startswith="440902")
        .exclude(credit_code=demo_employer_credit_code())
        .order_by("id")
        .first()
    )
    if employer is None:
        return False
    today = timezone.localdate()
    listed = today - timedelta(days=30)
    BlacklistEntry.objects.create(
        employer=employer,
        ground=BlacklistGround.ARREARS,
        facts="拖欠12名农民工2025年9月至11月工资，责令限期支付后逾期仍未支付。",
        arrears_amount=Decimal("86400"),
        order_date=listed - timedelta(days=40),
        status=BlacklistStatus.LISTED,
        notified_on=listed - timedelta(days=14),
        listed_on=listed,
        ends_on=rules.listing_ends_on(listed),
        proposed_by=admin,
        decided_by=admin,
    )
    return True


def demo_seed(*, scale: str, progress=None) -> None:
    say = progress or (lambda message: None)
    admin = User.objects.filter(username="city_admin").first()
    with transaction.atomic():
        _demo_employer_staff()
        contracts = _contracts(say)
    if contracts:
        say(f"contracts: {contracts} labour contracts")
    if admin is not None:
        with transaction.atomic():
            if _licence(admin):
                say("contracts: a dispatch licence")
            if _blacklist(admin):
                say("contracts: one employer on the arrears blacklist")
    year = timezone.localdate().year - 1
    if not CreditRating.objects.filter(year=year).exists():
        result = credit_rating_run(year=year)
        say(f"contracts: credit ratings {year}: A {result['A']}, B {result['B']}, C {result['C']}")
