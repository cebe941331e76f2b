"""The timeline of a case as its parties see it: staff by role and office, never by name."""

from __future__ import annotations

from django.utils.translation import gettext as _

from renshe.labour.workflow import action_label


def _who(transition, applicant_id) -> str:
    actor = transition.actor
    if actor is None:
        return _("系统")
    if actor.person_id and actor.person_id == applicant_id:
        return _("申请人")
    if actor.is_bureau_staff:
        office = actor.org_unit.name if actor.org_unit_id else ""
        return f"{actor.get_role_display()}（{office}）" if office else actor.get_role_display()
    return actor.get_role_display()


def timeline(case) -> list[dict]:
    rows = []
    for t in case.transitions.select_related("actor__org_unit").order_by("at", "id"):
        rows.append(
            {
                "at": t.at,
                "who": _who(t, case.applicant_id),
                "action": action_label(t.action),
                "to_status": t.get_to_status_display(),
                "changed": t.from_status != t.to_status,
                "comment": t.comment,
            }
        )
    return rows
