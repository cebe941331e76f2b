"""The daily reminders of labour inspection: complaints near or past their 5-working-day acceptance
deadline (to the town's grid inspectors), orders to rectify past their deadline (to the inspector
who issued them, to check), cases within 5 working days of their deadline, and draws whose results
are not yet published within 2 working days of the 20-working-day limit. Safe to run twice a day:
a reminder is sent once per object and day."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.accounts.messaging import message_send
from renshe.accounts.models import Message, User
from renshe.core.workdays import add_working_days
from renshe.labour import rules
from renshe.labour.inspection.models import (
    Complaint,
    ComplaintStatus,
    Draw,
    InspectionCase,
    RectificationOrder,
)
from renshe.labour.inspection.models.cases import OPEN_CASE_STATUSES
from renshe.labour.inspection.services_complaints import grid_inspectors_of

CASE_WARNING_WORKING_DAYS = 5
DRAW_WARNING_WORKING_DAYS = 2


def _once(recipient: User | None, title: str, body: str, link: str) -> int:
    if recipient is None or not recipient.is_active:
        return 0
    # once per calendar day of the run (a run "as of" another day still sends once today)
    if Message.objects.filter(recipient=recipient, title=title[:120], created_at__date=timezone.localdate()).exists():
        return 0
    message_send(recipient=recipient, title=title, body=body, link=link)
    return 1


@transaction.atomic
def inspection_reminders_send(*, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    soon = add_working_days(today, 1)
    counts = {"complaints": 0, "orders": 0, "cases": 0, "draws": 0}
    for complaint in Complaint.objects.filter(status=ComplaintStatus.RECEIVED, acceptance_due__lte=soon):
        for inspector in grid_inspectors_of(complaint.region_id):
            counts["complaints"] += _once(
                inspector,
                _("举报投诉 %(n)s 受理期限 %(d)s") % {"n": complaint.number, "d": complaint.acceptance_due},
                _("请在期限内决定受理或书面告知不予受理。"),
                f"/labour/inspection/complaints/{complaint.pk}/",
            )
    for order in RectificationOrder.objects.filter(
        status=RectificationOrder.Status.PENDING, deadline__lt=today
    ).select_related("case", "issued_by"):
        counts["orders"] += _once(
            order.issued_by,
            _("责令改正指令书 %(n)s 改正期限已过，请复查") % {"n": order.number},
            order.items[:200],
            f"/labour/inspection/cases/{order.case_id}/",
        )
    warn_until = add_working_days(today, CASE_WARNING_WORKING_DAYS)
    for case in InspectionCase.objects.filter(status__in=OPEN_CASE_STATUSES, due_date__lte=warn_until).select_related(
        "opened_by"
    ):
        counts["cases"] += _once(
            case.opened_by,
            _("监察案件 %(n)s 办案期限 %(d)s") % {"n": case.number, "d": case.due_date},
            case.employer.name if case.employer_id else "",
            f"/labour/inspection/cases/{case.pk}/",
        )
    for draw in Draw.objects.filter(publication__isnull=True).select_related("plan", "drawn_by"):
        due = rules.draw_publication_deadline(draw.drawn_on)
        if add_working_days(today, DRAW_WARNING_WORKING_DAYS) >= due:
            counts["draws"] += _once(
                draw.drawn_by,
                _("抽查结果公开期限 %(d)s：%(item)s") % {"d": due, "item": draw.plan.item},
                _("双随机抽查结果应在抽取后20个工作日内公开。"),
                f"/labour/inspection/draws/{draw.plan_id}/",
            )
    return counts
