"""Small factories for the inspection tests, made through the real services."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from renshe import testing
from renshe.labour.inspection import services_complaints
from renshe.labour.inspection.services import inspection_case_open


def complaint_data(employer=None, **overrides) -> dict:
    data = {
        "kind": "complaint",
        "credit_code": employer.credit_code if employer else "",
        "employer_name": "" if employer else "某某建筑劳务队",
        "region": "" if employer else testing.MAONAN_TOWN,
        "violation_types": ["wage_arrears"],
        "workers_affected": 12,
        "amount_owed": "86000",
        "violation_last_on": (timezone.localdate() - timedelta(days=30)).isoformat(),
        "facts": "单位拖欠我们十二名工人三个月工资，多次讨要未果。",
        "complainant_phone": "13800001111",
    }
    data.update(overrides)
    return data


def complaint(actor, employer=None, **overrides):
    return services_complaints.complaint_file(actor=actor, data=complaint_data(employer, **overrides))


def case(actor, employer, ref: str = ""):
    return inspection_case_open(actor=actor, employer=employer, summary="主动检查", source="ex_officio", source_ref=ref)
