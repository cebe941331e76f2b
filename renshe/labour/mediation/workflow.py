"""Every step of a mediation case, declared in one place: from which states, to which, who may.

``renshe.labour.mediation.services.case_transition`` is the only code that changes
``MediationCase.status``; it looks the action up here, checks who acts and the state, locks the row
(``version`` makes two people acting at once safe) and records the step.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from renshe.labour.mediation.models import Outcome, Status

MEDIATE = "mediation.mediate_case"


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: frozenset
    target: str | None  # None: the status does not change
    perm: str | None  # the staff permission; None: only the system
    applicant: bool = False  # the applicant may take it on their own case
    comment_required: bool = False
    outcome: str = ""  # the outcome it concludes with


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action("accept", _("受理"), frozenset({Status.PENDING}), Status.MEDIATING, MEDIATE),
        Action(
            "refuse",
            _("不予受理"),
            frozenset({Status.PENDING}),
            Status.REFUSED,
            MEDIATE,
            comment_required=True,
            outcome=Outcome.REFUSAL,
        ),
        # Up a level: the higher organisation receives it anew (its own 15 days).
        Action(
            "transfer",
            _("移交上级调解组织"),
            frozenset({Status.PENDING, Status.MEDIATING}),
            Status.PENDING,
            MEDIATE,
            comment_required=True,
        ),
        Action("session", _("记录调解"), frozenset({Status.MEDIATING}), None, MEDIATE),
        Action(
            "agree", _("达成调解协议"), frozenset({Status.MEDIATING}), Status.AGREED, MEDIATE, outcome=Outcome.AGREEMENT
        ),
        Action(
            "fail",
            _("调解不成"),
            frozenset({Status.MEDIATING}),
            Status.FAILED,
            MEDIATE,
            comment_required=True,
            outcome=Outcome.FAILURE,
        ),
        # Only once the deadline has passed (checked by the service).
        Action(
            "expire",
            _("逾期未达成协议结案"),
            frozenset({Status.MEDIATING}),
            Status.EXPIRED,
            MEDIATE,
            outcome=Outcome.EXPIRED,
        ),
        Action(
            "withdraw",
            _("撤回调解申请"),
            frozenset({Status.PENDING, Status.MEDIATING}),
            Status.WITHDRAWN,
            MEDIATE,
            applicant=True,
            outcome=Outcome.WITHDRAWAL,
        ),
        Action("perform", _("记录协议履行情况"), frozenset({Status.AGREED}), None, MEDIATE),
        # 调解不成、逾期（第十四条）或协议未履行（第十五条）：申请仲裁。
        Action(
            "refer",
            _("转仲裁"),
            frozenset({Status.FAILED, Status.EXPIRED, Status.MEDIATING, Status.AGREED}),
            Status.REFERRED,
            MEDIATE,
            applicant=True,
        ),
        Action("flag_overdue", _("逾期提醒"), frozenset({Status.MEDIATING}), None, None),
    ]
}


def actions_from(status: str) -> list[Action]:
    return [a for a in ACTIONS.values() if status in a.sources]
