"""Every state change of a complaint and of an inspection case, declared in one place.

``services_complaints.complaint_transition`` and ``services.case_transition`` are the only code that
changes a status; they look the action up here, check the permission and the state, lock the row
(with the version the actor saw), and record the step.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from renshe.labour.inspection.models import CaseStatus, ComplaintStatus


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: frozenset
    target: str | None  # None: the status does not change (the step is still recorded)
    perm: str
    comment_required: bool = False


C = ComplaintStatus
COMPLAINT_ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action("accept", _("受理"), frozenset({C.RECEIVED}), C.ACCEPTED, "inspection.handle_complaint"),
        Action("refuse", _("不予受理"), frozenset({C.RECEIVED}), C.REFUSED, "inspection.handle_complaint", True),
        Action("transfer", _("移送"), frozenset({C.RECEIVED}), C.TRANSFERRED, "inspection.handle_complaint", True),
        Action("open_case", _("立案"), frozenset({C.ACCEPTED}), None, "inspection.act_inspection"),
        Action("close", _("办结"), frozenset({C.ACCEPTED}), C.CLOSED, "inspection.handle_complaint", True),
    ]
}

S = CaseStatus
OPEN = frozenset({S.INVESTIGATING, S.RECTIFYING})
CASE_ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action("record_action", _("记录检查措施"), OPEN, None, "inspection.act_inspection"),
        Action("recuse", _("回避决定"), OPEN, None, "inspection.approve_extension", True),
        Action("issue_order", _("下达责令改正指令书"), OPEN, S.RECTIFYING, "inspection.act_inspection"),
        Action("check_order", _("整改复查"), frozenset({S.RECTIFYING}), S.INVESTIGATING, "inspection.act_inspection"),
        Action("penalize", _("作出行政处罚决定"), OPEN, None, "inspection.act_inspection"),
        Action("extend", _("延长办案期限"), OPEN, None, "inspection.approve_extension", True),
        Action("close", _("结案"), OPEN, S.CLOSED, "inspection.act_inspection"),
    ]
}


def complaint_actions_from(status: str) -> list[Action]:
    return [a for a in COMPLAINT_ACTIONS.values() if status in a.sources]


def case_actions_from(status: str) -> list[Action]:
    return [a for a in CASE_ACTIONS.values() if status in a.sources]
