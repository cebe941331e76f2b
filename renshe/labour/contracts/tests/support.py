"""Helpers of the contracts tests: an employer account with employees, contract terms, staff."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from openpyxl import Workbook

from renshe import testing
from renshe.accounts.models import Role
from renshe.labour.contracts.importing import COLUMNS
from renshe.registry.models import Employment

TERMS = {
    "contract_type": "fixed",
    "start_date": date(2025, 3, 1),
    "end_date": date(2028, 2, 29),
    "probation_months": 2,
    "position": "操作工",
    "monthly_wage": "3200",
    "platform_ref": "EC-1",
    "signed_on": date(2025, 3, 1),
}


def hire(employer, person, start=date(2025, 1, 1)) -> Employment:
    return Employment.objects.create(
        person=person, employer=employer, start_date=start, contract_type="fixed", position="操作工"
    )


def employer_with_staff(username: str = "employer_acme", *, n: int = 2, region: str = testing.MAONAN_TOWN, **kw):
    """An employer account whose employer employs ``n`` people (returned with them)."""
    user = testing.employer_user(username, region=region, **kw)
    people = [testing.person(name=f"员工{i}", region=region) for i in range(n)]
    for person in people:
        hire(user.employer, person)
    return user, people


def inspector(username="inspector_city", region="440900"):
    return testing.staff(username, Role.INSPECTOR, region)


def xlsx(rows: list[list], headers: list[str] | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers or [label for _k, label, _r in COLUMNS])
    for row in rows:
        ws.append(row)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def row(id_number: str, **over) -> list:
    values = {
        "id_number": id_number,
        "contract_type": "固定期限",
        "start_date": "2025-03-01",
        "end_date": "2028-02-29",
        "probation_months": "2",
        "position": "操作工",
        "monthly_wage": "3200",
        "platform_ref": "EC-9",
        "signed_on": "2025-03-01",
    }
    values.update(over)
    return [values[k] for k, _label, _r in COLUMNS]
