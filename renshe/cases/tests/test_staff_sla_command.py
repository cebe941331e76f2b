import io

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import timezone

from renshe.accounts.models import Message
from renshe.cases import services
from renshe.cases.management.commands.flag_case_sla import LOCK_KEY
from renshe.cases.models import Case
from renshe.cases.testing import material_ids, pdf, service_item
from renshe.core import workdays


def run(*args) -> str:
    out = io.StringIO()
    call_command("flag_case_sla", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def due_soon_case(db, clerk_maonan, maonan_person):
    item = service_item()
    ids = material_ids(item)
    case = services.case_submit(
        actor=clerk_maonan,
        item=item,
        applicant=maonan_person,
        channel="window",
        form_data={"reason": "其他"},
        files={ids["居民身份证"]: pdf(), ids["解除劳动合同证明"]: pdf()},
    )
    Case.objects.filter(pk=case.pk).update(acceptance_due=workdays.add_working_days(timezone.localdate(), 1))
    return case


@pytest.mark.django_db
def test_running_twice_notifies_once(due_soon_case, reviewer_maonan):
    first = run()
    assert "checked=1, changed=1, notified=1" in first
    assert Case.objects.get(pk=due_soon_case.pk).sla_state == "due_soon"
    second = run()
    assert "changed=0, notified=0" in second
    messages = Message.objects.filter(recipient=reviewer_maonan)
    assert messages.count() == 1 and due_soon_case.number in messages.get().title
    assert cache.get(LOCK_KEY) is None  # released after the run


@pytest.mark.django_db
def test_overdue_as_of_a_given_day(due_soon_case, reviewer_maonan):
    later = workdays.add_working_days(timezone.localdate(), 3)
    assert "notified=1" in run("--today", later.isoformat())
    assert Case.objects.get(pk=due_soon_case.pk).sla_state == "overdue"
    assert "超期" in Message.objects.get(recipient=reviewer_maonan).title


@pytest.mark.django_db
def test_a_run_in_progress_is_not_overlapped(due_soon_case, reviewer_maonan):
    cache.add(LOCK_KEY, "someone-else", timeout=60)
    assert "in progress" in run()
    assert Case.objects.get(pk=due_soon_case.pk).sla_state == "normal"
    assert not Message.objects.filter(recipient=reviewer_maonan).exists()
    assert cache.get(LOCK_KEY) == "someone-else"


@pytest.mark.django_db
def test_bad_date_is_refused():
    with pytest.raises(CommandError):
        run("--today", "2027-13-01")


def test_scheduled_in_celery_beat():
    entry = settings.CELERY_BEAT_SCHEDULE["cases-sla-flag"]
    assert entry["task"] == "renshe.cases.tasks.cases_sla_flag"
    assert 9 in entry["schedule"].hour and 0 not in entry["schedule"].hour
