"""Announcing a fair and moving it along draft → open → closed, or cancelled."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from renshe import testing
from renshe.accounts.models import Message, Role
from renshe.audit.models import AuditEntry
from renshe.employment import services_fairs as services
from renshe.employment.models import FairEvent, JobFair
from renshe.employment.tests import fairs_testing as ft

pytestmark = pytest.mark.django_db


def _fields(**overrides):
    starts = timezone.now() + timedelta(days=3)
    values = {
        "title": "2026年南粤家政专场招聘会",
        "theme": "housekeeping",
        "mode": "offline",
        "region": "440902",
        "venue": "茂南区人力资源市场",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=4),
        "booth_count": 40,
        "description": "家政服务、养老护理、母婴护理岗位",
    }
    values.update(overrides)
    return values


def test_announce_makes_a_draft_with_event_and_audit(reviewer_maonan):
    fair = services.fair_announce(actor=reviewer_maonan, **_fields())
    assert fair.status == JobFair.Status.DRAFT
    assert fair.organiser == reviewer_maonan.org_unit
    assert fair.created_by == reviewer_maonan
    event = FairEvent.objects.get(fair=fair)
    assert (event.action, event.to_status, event.actor) == ("announce", "draft", reviewer_maonan)
    assert AuditEntry.objects.filter(object_type="employment.jobfair", object_id=str(fair.pk), action="create").exists()


@pytest.mark.parametrize(
    ("overrides", "field", "text"),
    [
        ({"title": " "}, "title", "名称"),
        ({"theme": "circus"}, "theme", "主题"),
        ({"mode": "radio"}, "mode", "形式"),
        ({"venue": ""}, "venue", "场地"),
        ({"booth_count": 0}, "booth_count", "至少为 1"),
        ({"region": "440981"}, "region", "不在您的管辖范围内"),
        ({"region": "999999"}, "region", "举办地"),
    ],
)
def test_announce_bad_input_names_the_field(reviewer_maonan, overrides, field, text):
    with pytest.raises(ValidationError) as exc:
        services.fair_announce(actor=reviewer_maonan, **_fields(**overrides))
    assert field in exc.value.message_dict
    assert text in exc.value.message_dict[field][0]
    assert not JobFair.objects.exists()


def test_announce_end_before_start_is_refused(reviewer_maonan):
    fields = _fields()
    fields["ends_at"] = fields["starts_at"] - timedelta(hours=1)
    with pytest.raises(ValidationError) as exc:
        services.fair_announce(actor=reviewer_maonan, **fields)
    assert "晚于开始时间" in exc.value.message_dict["ends_at"][0]


def test_announce_reports_every_bad_field_at_once(reviewer_maonan):
    with pytest.raises(ValidationError) as exc:
        services.fair_announce(actor=reviewer_maonan, **_fields(title="", venue="", booth_count=0))
    assert {"title", "venue", "booth_count"} <= set(exc.value.message_dict)


def test_online_fair_needs_no_venue(reviewer_maonan):
    fair = services.fair_announce(actor=reviewer_maonan, **_fields(mode="online", venue=""))
    assert fair.mode == "online"


@pytest.mark.parametrize("who", ["citizen", "employer_user", "clerk_maonan"])
def test_only_fair_managers_announce(request, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.fair_announce(actor=actor, **_fields())


def test_open_close_are_recorded(reviewer_maonan):
    fair = ft.fair(reviewer_maonan, status="draft")
    fair = services.fair_transition(actor=reviewer_maonan, fair=fair, action="open")
    assert fair.status == "open"
    fair = services.fair_transition(actor=reviewer_maonan, fair=fair, action="close")
    assert fair.status == "closed"
    steps = list(FairEvent.objects.filter(fair=fair).values_list("action", "from_status", "to_status"))
    assert steps == [("announce", "", "draft"), ("open", "draft", "open"), ("close", "open", "closed")]
    assert AuditEntry.objects.filter(object_type="employment.jobfair", action="update").count() == 2


def test_transition_from_the_wrong_state_is_a_conflict(reviewer_maonan):
    fair = ft.fair(reviewer_maonan, status="closed")
    with pytest.raises(services.FairConflict) as exc:
        services.fair_transition(actor=reviewer_maonan, fair=fair, action="open")
    assert "已结束" in exc.value.messages[0]


def test_stale_object_still_sees_the_locked_row(reviewer_maonan):
    fair = ft.fair(reviewer_maonan, status="draft")
    stale = JobFair.objects.get(pk=fair.pk)
    services.fair_transition(actor=reviewer_maonan, fair=fair, action="open")
    with pytest.raises(services.FairConflict):
        services.fair_transition(actor=reviewer_maonan, fair=stale, action="open")
    assert FairEvent.objects.filter(fair=fair, action="open").count() == 1


def test_unknown_action(reviewer_maonan):
    fair = ft.fair(reviewer_maonan, status="draft")
    with pytest.raises(ValidationError) as exc:
        services.fair_transition(actor=reviewer_maonan, fair=fair, action="explode")
    assert "action" in exc.value.message_dict


def test_cancel_needs_a_reason_and_tells_people(reviewer_maonan, citizen, employer_user):
    fair = ft.fair(reviewer_maonan)
    ft.signed_up(citizen, fair)
    services.booth_book(actor=employer_user, fair=fair, jobs=[ft.job(employer_user.employer)])
    with pytest.raises(ValidationError) as exc:
        services.fair_transition(actor=reviewer_maonan, fair=fair, action="cancel", comment=" ")
    assert "comment" in exc.value.message_dict
    services.fair_transition(actor=reviewer_maonan, fair=fair, action="cancel", comment="台风预警")
    assert Message.objects.filter(recipient=citizen, title__contains="已取消").exists()
    assert Message.objects.filter(recipient=employer_user, body__contains="台风预警").exists()


def test_reviewer_of_another_region_cannot_move_the_fair(reviewer_maonan):
    other = testing.staff("reviewer_gaozhou", Role.REVIEWER, "440981")
    fair = ft.fair(reviewer_maonan, status="draft")
    with pytest.raises(PermissionDenied):
        services.fair_transition(actor=other, fair=fair, action="open")
    fair.refresh_from_db()
    assert fair.status == "draft"


def test_city_admin_may_run_a_district_fair(reviewer_maonan, city_admin):
    fair = ft.fair(reviewer_maonan, status="draft")
    assert services.fair_transition(actor=city_admin, fair=fair, action="open").status == "open"


def test_update_keeps_approved_booth_numbers(reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan, booth_count=5)
    ft.approved_booth(employer_user, fair, reviewer_maonan, number=4)
    with pytest.raises(ValidationError) as exc:
        services.fair_update(actor=reviewer_maonan, fair=fair, booth_count=3)
    assert "不能少于 4" in exc.value.message_dict["booth_count"][0]
    fair = services.fair_update(actor=reviewer_maonan, fair=fair, booth_count=4, title="新名称")
    assert (fair.booth_count, fair.title) == (4, "新名称")


def test_closed_fair_cannot_be_edited(reviewer_maonan):
    fair = ft.fair(reviewer_maonan, status="closed")
    with pytest.raises(services.FairConflict):
        services.fair_update(actor=reviewer_maonan, fair=fair, title="改名")
