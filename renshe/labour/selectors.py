"""Reads of arbitration cases, always through who is asking (``arbitration_visible_q``).

``employer_dispute_record(employer_ids, *, since)`` is the interface the employer credit rating uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Sum, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renshe.accounts.models import Role
from renshe.accounts.scoping import NOTHING, region_q
from renshe.labour import rules
from renshe.labour.models import (
    CONCLUDED_STATUSES,
    ArbitrationCase,
    Claim,
    Hearing,
    Status,
)
from renshe.labour.services_jobs import overdue_q

DUE_SOON_DAYS = 3
AWARD_STATUSES = (Status.AWARDED, Status.CLOSED)


def arbitration_visible_q(user) -> Q:
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    if user.role == Role.CITIZEN:
        return Q(applicant_id=user.person_id) if user.person_id else NOTHING
    if user.role == Role.EMPLOYER:
        return Q(respondent_employer_id=user.employer_id) if user.employer_id else NOTHING
    if not (user.has_perm("labour.view_arbitrationcase") or user.has_perm("labour.file_arbitration")):
        return NOTHING
    return region_q(user, "region")


def arbitrations_visible_to(user) -> QuerySet[ArbitrationCase]:
    return ArbitrationCase.objects.filter(arbitration_visible_q(user))


def get_arbitration_for_user_or_404(user, pk) -> ArbitrationCase:
    """The same 404 for a case that does not exist and one the user may not see."""
    try:
        return arbitrations_visible_to(user).select_related("applicant", "respondent_employer", "region").get(pk=pk)
    except (ArbitrationCase.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def my_arbitrations(*, viewer) -> QuerySet[ArbitrationCase]:
    if not viewer.is_public:
        return ArbitrationCase.objects.none()
    return arbitrations_visible_to(viewer).select_related("applicant").order_by("-submitted_at", "-id")


def queue_ordering(qs: QuerySet) -> QuerySet:
    """Green channel and collective cases first, then the nearest deadline."""
    return qs.order_by("-green_channel", "-collective", "acceptance_due", "award_due", "id")


def arbitration_queue(
    *,
    viewer,
    state: str = "",
    green: bool = False,
    collective: bool = False,
    overdue: bool = False,
    district: str = "",
    query: str = "",
    today: date | None = None,
) -> QuerySet[ArbitrationCase]:
    today = today or timezone.localdate()
    qs = arbitrations_visible_to(viewer).select_related("applicant", "region")
    if state == "open":
        qs = qs.filter(status__in=[Status.SUBMITTED, Status.ACCEPTED, Status.SCHEDULED, Status.SUSPENDED])
    elif state in Status.values:
        qs = qs.filter(status=state)
    if green:
        qs = qs.filter(green_channel=True)
    if collective:
        qs = qs.filter(collective=True)
    if overdue:
        qs = qs.filter(overdue_q(today))
    if district and district.isdigit():
        qs = qs.filter(region__code__startswith=district)
    if query:
        qs = qs.filter(Q(number__icontains=query) | Q(respondent_name__icontains=query))
    return queue_ordering(qs)


# --- deadlines shown on every case ---------------------------------------------------------------


@dataclass
class Deadline:
    label: str
    due: date | None
    done_on: date | None
    colour: str  # success (met or comfortable), warning (due soon), danger (overdue), secondary (n/a)
    days_left: int | None

    @property
    def overdue_days(self) -> int:
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def _deadline(label, due, done_on, today, *, running: bool = True) -> Deadline:
    if due is None:
        return Deadline(str(label), None, done_on, "secondary", None)
    if done_on is not None:
        return Deadline(str(label), due, done_on, "success" if done_on <= due else "danger", None)
    if not running:
        return Deadline(str(label), due, None, "secondary", None)
    left = (due - today).days
    colour = "danger" if left < 0 else "warning" if left <= DUE_SOON_DAYS else "success"
    return Deadline(str(label), due, None, colour, left)


def case_deadlines(case: ArbitrationCase, today: date | None = None) -> list[Deadline]:
    """Every time limit of the case (computed from ``renshe.labour.rules``) with its colour."""
    today = today or timezone.localdate()
    running = case.status in (Status.ACCEPTED, Status.SCHEDULED)
    decided = case.decided_on if case.status != Status.SUBMITTED else None
    rows = [
        _deadline(
            _("受理审查"),
            case.acceptance_due,
            case.accepted_on or decided,
            today,
            running=case.status == Status.SUBMITTED,
        )
    ]
    if case.accepted_on is None:
        return rows
    rows += [
        _deadline(_("送达申请书副本"), case.copy_due, case.copy_served_on, today, running=running),
        _deadline(_("被申请人答辩"), case.defence_due, case.defence_received_on, today, running=running),
        _deadline(_("组庭通知"), case.tribunal_notice_due, case.tribunal_formed_on, today, running=running),
    ]
    hearing = case.hearings.filter(state=Hearing.State.SCHEDULED).order_by("starts_at").first()
    if hearing is not None:
        day = timezone.localdate(hearing.starts_at)
        rows.append(
            _deadline(_("开庭通知（开庭前五日）"), rules.hearing_notice_latest(day), hearing.notice_sent_on, today)
        )
        rows.append(
            _deadline(
                _("申请延期开庭（开庭前三日）"), rules.adjournment_request_latest(day), None, today, running=running
            )
        )
    label = _("审理期限（已延长）") if case.extended else _("审理期限")
    rows.append(_deadline(label, case.award_due, case.closed_on, today, running=running))
    return rows


def main_deadline(case: ArbitrationCase, today: date | None = None) -> Deadline | None:
    """The one deadline a queue row shows: acceptance before acceptance, the award after."""
    today = today or timezone.localdate()
    if case.status == Status.SUBMITTED:
        return _deadline(_("受理审查"), case.acceptance_due, None, today)
    if case.status in (Status.ACCEPTED, Status.SCHEDULED):
        return _deadline(_("审理期限"), case.award_due, None, today)
    if case.status == Status.SUSPENDED:
        return _deadline(_("审理期限（中止中）"), case.award_due, None, today, running=False)
    return None


# --- the employer credit rating's interface -------------------------------------------------------


def employer_dispute_record(employer_ids, *, since: date) -> dict[int, dict]:
    """Per employer id: arbitration cases filed against it since ``since``, awards against it (awards
    where some claim was upheld), wage awards against it (an upheld wages/overtime claim), and the
    amount awarded against it (元). Employers without a case are absent. Two queries."""
    ids = [int(i) for i in employer_ids]
    if not ids:
        return {}
    base = ArbitrationCase.objects.filter(respondent_employer_id__in=ids, received_on__gte=since)
    upheld = Claim.objects.filter(case=OuterRef("pk"), upheld=True)
    wage_upheld = upheld.filter(kind__in=sorted(rules.WAGE_KINDS))
    rows = (
        base.values("respondent_employer_id")
        .annotate(
            cases=Count("pk"),
            awards_against=Count("pk", filter=Q(status__in=AWARD_STATUSES) & Q(Exists(upheld))),
            wage_awards_against=Count("pk", filter=Q(status__in=AWARD_STATUSES) & Q(Exists(wage_upheld))),
            amount=Sum("amount_awarded", filter=Q(status__in=AWARD_STATUSES)),
        )
        .order_by()
    )
    return {
        r["respondent_employer_id"]: {
            "cases": r["cases"],
            "awards_against": r["awards_against"],
            "wage_awards_against": r["wage_awards_against"],
            "amount_awarded": r["amount"] or Decimal(0),
        }
        for r in rows
    }


# --- published awards (public, no personal data) --------------------------------------------------


def published_awards() -> QuerySet[ArbitrationCase]:
    """Awards the commission chose to publish: public, not scoped. Pages show them masked only
    (``renshe.labour.publishing``)."""
    return (
        ArbitrationCase.objects.filter(published=True, status__in=AWARD_STATUSES)
        .select_related("applicant", "respondent_employer")
        .prefetch_related("claims")
        .order_by("-published_on", "-id")
    )


# --- statistics ---------------------------------------------------------------------------------


def arbitration_statistics(*, viewer, start: date, end: date) -> dict:
    """Received, accepted, concluded, closure rate, green channel, collective, final-award share,
    amounts — by district and by month, for the viewer's region. Closure rate: concluded in the
    period ÷ (accepted in the period + pending at its start), as in docs/labour.md."""
    if not viewer.has_perm("labour.view_arbitration_stats"):
        qs = ArbitrationCase.objects.none()
    else:
        qs = ArbitrationCase.objects.filter(region_q(viewer, "region"))
    county = Case(
        *[When(region__code__startswith=c, then=Value(c)) for c in ("440902", "440904", "440981", "440982", "440983")],
        default=Value("440900"),
    )
    received = Q(received_on__gte=start, received_on__lte=end)
    accepted = Q(accepted_on__gte=start, accepted_on__lte=end)
    concluded = Q(closed_on__gte=start, closed_on__lte=end, status__in=CONCLUDED_STATUSES)
    pending_at_start = Q(accepted_on__lt=start) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start))
    aggregates = {
        "received": Count("pk", filter=received),
        "accepted": Count("pk", filter=accepted),
        "concluded": Count("pk", filter=concluded),
        "pending_start": Count("pk", filter=pending_at_start & ~Q(status=Status.REFUSED)),
        "green": Count("pk", filter=received & Q(green_channel=True)),
        "collective": Count("pk", filter=received & Q(collective=True)),
        "final": Count("pk", filter=concluded & Q(final_award=True, status__in=AWARD_STATUSES)),
        "awards": Count("pk", filter=concluded & Q(status__in=AWARD_STATUSES)),
        "claimed": Sum("amount_claimed", filter=received),
        "awarded": Sum("amount_awarded", filter=concluded),
    }

    def finish(row: dict) -> dict:
        whole = row["accepted"] + row["pending_start"]
        row["closure_rate"] = round(row["concluded"] * 100 / whole, 1) if whole else None
        row["final_share"] = round(row["final"] * 100 / row["awards"], 1) if row["awards"] else None
        row["claimed"] = row["claimed"] or Decimal(0)
        row["awarded"] = row["awarded"] or Decimal(0)
        return row

    by_district = [
        finish(dict(r)) for r in qs.annotate(county=county).values("county").annotate(**aggregates).order_by("county")
    ]
    total = finish(qs.aggregate(**aggregates))
    months = []
    cursor = date(start.year, start.month, 1)
    while cursor <= end:
        nxt = date(cursor.year + (cursor.month == 12), cursor.month % 12 + 1, 1)
        last = min(end, date.fromordinal(nxt.toordinal() - 1))
        first = max(start, cursor)
        row = qs.aggregate(
            received=Count("pk", filter=Q(received_on__gte=first, received_on__lte=last)),
            accepted=Count("pk", filter=Q(accepted_on__gte=first, accepted_on__lte=last)),
            concluded=Count("pk", filter=Q(closed_on__gte=first, closed_on__lte=last, status__in=CONCLUDED_STATUSES)),
        )
        months.append({"month": f"{cursor:%Y-%m}", **row})
        cursor = nxt
    return {"total": total, "by_district": by_district, "by_month": months}
