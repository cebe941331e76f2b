"""Every transition of a case, declared in one place: from which states, to which, who may.

``renshe.cases.services.case_transition`` is the only code that changes ``Case.status``; it looks
the action up here, checks the permission and the state, locks the row, and records the step.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from renshe.cases.models import Status


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: frozenset
    perm: str | None  # None: the applicant's own action
    comment_required: bool = False
    staff: bool = True
    review: bool = False  # acts at the case's current review level (the step's role must match)


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action("accept", _("受理"), frozenset({Status.SUBMITTED}), "cases.accept_case"),
        Action("reject", _("不予受理"), frozenset({Status.SUBMITTED}), "cases.accept_case", comment_required=True),
        Action(
            "request_correction",
            _("一次性告知补正"),
            frozenset({Status.SUBMITTED}),
            "cases.accept_case",
            comment_required=True,
        ),
        Action("resubmit", _("补正后重新提交"), frozenset({Status.CORRECTION}), None, staff=False),
        Action("approve", _("审核通过"), frozenset({Status.IN_REVIEW}), "cases.review_case", review=True),
        Action(
            "deny",
            _("不予批准"),
            frozenset({Status.IN_REVIEW}),
            "cases.review_case",
            comment_required=True,
            review=True,
        ),
        Action("suspend", _("挂起"), frozenset({Status.IN_REVIEW}), "cases.review_case", comment_required=True),
        Action("resume", _("恢复办理"), frozenset({Status.SUSPENDED}), "cases.review_case"),
        Action("deliver", _("送达结果并办结"), frozenset({Status.APPROVED, Status.DENIED}), "cases.deliver_case"),
        Action(
            "withdraw",
            _("撤回申请"),
            frozenset({Status.SUBMITTED, Status.CORRECTION, Status.IN_REVIEW, Status.SUSPENDED}),
            None,
            staff=False,
        ),
    ]
}

# Where each action leads. ``approve`` goes to the next review level, or to APPROVED after the last.
TARGETS: dict[str, Status] = {
    "accept": Status.IN_REVIEW,
    "reject": Status.REJECTED,
    "request_correction": Status.CORRECTION,
    "resubmit": Status.SUBMITTED,
    "approve": Status.IN_REVIEW,
    "deny": Status.DENIED,
    "suspend": Status.SUSPENDED,
    "resume": Status.IN_REVIEW,
    "deliver": Status.CLOSED,
    "withdraw": Status.WITHDRAWN,
}

BATCH_ACTIONS = ("accept", "deliver")


def actions_from(status: str) -> list[Action]:
    return [a for a in ACTIONS.values() if status in a.sources]
