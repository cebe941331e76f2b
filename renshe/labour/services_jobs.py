"""Periodic work of the arbitration module."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from renshe.accounts.messaging import message_send
from renshe.accounts.models import Role, User
from renshe.accounts.scoping import user_can_see_region
from renshe.labour.models import ArbitrationCase, Status
from renshe.labour.services import case_link


def overdue_q(today: date) -> Q:
    """Cases past a running deadline: acceptance (submitted) or award (accepted, scheduled)."""
    return Q(status=Status.SUBMITTED, acceptance_due__lt=today) | Q(
        status__in=[Status.ACCEPTED, Status.SCHEDULED], award_due__lt=today
    )


def arbitration_overdue_notify(*, today: date | None = None) -> dict:
    """Message the tribunal (or, before one is formed, every arbitrator whose region covers the case)
    about each overdue case, once a day: ``overdue_notified_on`` marks the day, so a second run the
    same day sends nothing."""
    today = today or timezone.localdate()
    cases = ArbitrationCase.objects.filter(overdue_q(today)).exclude(overdue_notified_on=today).order_by("pk")
    arbitrators = list(User.objects.filter(role=Role.ARBITRATOR, is_active=True).select_related("org_unit__region"))
    notified = messages = 0
    for case_id in cases.values_list("pk", flat=True):
        with transaction.atomic():
            case = ArbitrationCase.objects.select_for_update().filter(pk=case_id).first()
            if case is None or case.overdue_notified_on == today:
                continue
            members = set(case.tribunal.filter(active=True).values_list("arbitrator_id", flat=True))
            recipients = [u for u in arbitrators if u.pk in members] or [
                u for u in arbitrators if user_can_see_region(u, case.region_id)
            ]
            due = case.acceptance_due if case.status == Status.SUBMITTED else case.award_due
            with translation.override(settings.LANGUAGE_CODE):
                title = _("仲裁案件 %(n)s 已超期") % {"n": case.number}
                body = _("期限 %(d)s 已过（%(s)s），请尽快办理。") % {"d": due, "s": case.get_status_display()}
                for user in recipients:
                    message_send(recipient=user, title=title, body=body, link=case_link(case, staff=True))
                    messages += 1
            case.overdue_notified_on = today
            case.save(update_fields=["overdue_notified_on"])
            notified += 1
    return {"cases": notified, "messages": messages}
