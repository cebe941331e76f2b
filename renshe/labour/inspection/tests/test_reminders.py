"""The daily reminders: sent to the right people, once per day however often the job runs."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from renshe import testing
from renshe.accounts.models import Message
from renshe.labour.inspection import services, services_grid
from renshe.labour.inspection.services_reminders import inspection_reminders_send
from renshe.labour.inspection.tests import inspection_testing as it

pytestmark = pytest.mark.django_db


def test_reminders_once_per_day(citizen, firm, city_admin, inspector_a, inspector_b):
    services_grid.grid_assign(actor=city_admin, town_code=testing.MAONAN_TOWN, inspector_id=inspector_b.pk)
    complaint = it.complaint(citizen, firm)
    case = it.case(inspector_a, firm)
    services.case_issue_order(
        case=case,
        actor=inspector_a,
        items="支付工资",
        inspector_ids=[inspector_a.pk, inspector_b.pk],
        deadline=timezone.localdate() + timedelta(days=3),
    )
    later = complaint.acceptance_due + timedelta(days=10)
    first = inspection_reminders_send(today=later)
    assert first == {"complaints": 1, "orders": 1, "cases": 0, "draws": 0}
    assert Message.objects.filter(recipient=inspector_b, title__contains=complaint.number).exists()
    assert inspection_reminders_send(today=later) == {"complaints": 0, "orders": 0, "cases": 0, "draws": 0}


def test_command_runs(db):
    call_command("inspection_reminders", "--today", "2026-10-09")
