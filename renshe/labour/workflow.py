"""Every action on an arbitration case, declared in one place: from which states, to which, who may.

``renshe.labour.services.arbitration_transition`` is the only code that changes
``ArbitrationCase.status``; it looks the action up here, checks the permission, the region and the
state, locks the row, checks the version, and records the step (``ArbitrationTransition``).
A ``target`` of ``None`` records a step that keeps the state (serving the copy, the defence …).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from renshe.labour.models import Status

HANDLE = "labour.handle_arbitration"
EXTEND = "labour.approve_arbitration_extension"

S = Status
WORKING = frozenset({S.ACCEPTED, S.SCHEDULED})


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: frozenset
    target: Status | None
    perm: str | None  # None: the applicant's own action (or a window clerk for them)
    comment_required: bool = False
    staff: bool = True


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action("accept", _("受理"), frozenset({S.SUBMITTED}), S.ACCEPTED, HANDLE),
        Action("refuse", _("不予受理"), frozenset({S.SUBMITTED}), S.REFUSED, HANDLE, comment_required=True),
        Action("serve_copy", _("送达申请书副本"), WORKING, None, HANDLE),
        Action("record_defence", _("记录答辩"), WORKING, None, HANDLE),
        Action("form_tribunal", _("组成仲裁庭"), frozenset({S.ACCEPTED}), None, HANDLE),
        Action("request_recusal", _("申请回避"), WORKING, None, HANDLE, comment_required=True),
        Action("decide_recusal", _("回避决定"), WORKING, None, HANDLE),
        Action("schedule", _("排期开庭"), frozenset({S.ACCEPTED}), S.SCHEDULED, HANDLE),
        Action("postpone", _("延期开庭"), frozenset({S.SCHEDULED}), S.ACCEPTED, HANDLE, comment_required=True),
        Action("suspend", _("中止审理"), WORKING, S.SUSPENDED, HANDLE, comment_required=True),
        Action("resume", _("恢复审理"), frozenset({S.SUSPENDED}), S.ACCEPTED, HANDLE),
        Action("extend", _("延长审理期限"), WORKING, None, EXTEND, comment_required=True),
        Action("mediate", _("仲裁调解结案"), WORKING, S.MEDIATED, HANDLE, comment_required=True),
        Action("award", _("作出裁决"), WORKING, S.AWARDED, HANDLE),
        Action(
            "withdraw",
            _("撤回申请"),
            frozenset({S.SUBMITTED, S.ACCEPTED, S.SCHEDULED, S.SUSPENDED}),
            S.WITHDRAWN,
            None,
            staff=False,
        ),
        Action("close", _("结案归档"), frozenset({S.AWARDED, S.MEDIATED}), S.CLOSED, HANDLE),
        Action("publish", _("公开裁决书"), frozenset({S.AWARDED, S.CLOSED}), None, HANDLE),
    ]
}

# Steps recorded on the timeline that are not actions of the table.
OTHER_STEPS = {"submit": _("提交仲裁申请")}


def actions_from(status: str) -> list[Action]:
    return [a for a in ACTIONS.values() if status in a.sources]


def action_label(name: str) -> str:
    spec = ACTIONS.get(name)
    return str(spec.label) if spec else str(OTHER_STEPS.get(name, name))
