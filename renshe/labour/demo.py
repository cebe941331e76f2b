"""Demo data of arbitration: hearing rooms, two more arbitrators, and cases in several states.

Idempotent: rooms and accounts are looked up by name, and the demo cases are made once (recognised by
their ``source_reference`` "demo:…"). Runs after the demo city and the demo accounts exist.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from renshe.labour.models import ArbitrationCase, HearingRoom

COMMISSION_UNIT = "茂名市劳动人事争议仲裁院"
ROOMS = [
    ("第一仲裁庭", "茂名市油城四路仲裁院一楼"),
    ("第二仲裁庭", "茂名市油城四路仲裁院二楼"),
    ("调解室", "茂名市油城四路仲裁院一楼"),
]
ARBITRATORS = [("arbitrator2", "仲裁员李明"), ("arbitrator3", "仲裁员陈静")]


def demo_seed(*, scale: str = "small", progress=None) -> dict:
    say = progress or (lambda _m: None)
    rooms = _rooms()
    arbitrators = _arbitrators()
    created = 0
    if not ArbitrationCase.objects.filter(source_reference__startswith="demo:").exists():
        created = _cases(rooms, arbitrators)
    say(f"{len(rooms)} 个仲裁庭室，{created} 件演示仲裁案件")
    return {"rooms": len(rooms), "cases": created}


def _rooms() -> list[HearingRoom]:
    from renshe.core.models import Region

    city = Region.objects.get(pk="440900")
    return [
        HearingRoom.objects.get_or_create(region=city, name=name, defaults={"address": address})[0]
        for name, address in ROOMS
    ]


def _arbitrators() -> list:
    from renshe.accounts.models import OrgUnit, Role, User
    from renshe.accounts.services import user_create
    from renshe.core.models import Region

    users = list(User.objects.filter(username="arbitrator"))
    unit = OrgUnit.objects.filter(region_id="440900", name=COMMISSION_UNIT).first()
    if unit is None:
        unit = OrgUnit.objects.create(region=Region.objects.get(pk="440900"), name=COMMISSION_UNIT)
    for username, display in ARBITRATORS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                actor=None,
                username=username,
                password=settings.DEMO_PASSWORD,
                role=Role.ARBITRATOR,
                org_unit=unit,
                display_name=display,
            )
        users.append(user)
    return users


def _claims(today, *amounts, kinds=("wages", "overtime", "economic_compensation")):
    return [
        {
            "kind": kinds[i],
            "amount": a,
            "period_from": today - timedelta(days=120),
            "period_to": today - timedelta(days=30),
            "facts": "拖欠工资" if kinds[i] == "wages" else "",
        }
        for i, a in enumerate(amounts)
    ]


def _cases(rooms, arbitrators) -> int:
    from renshe.accounts.models import User
    from renshe.labour import services, services_hearings
    from renshe.registry.models import Employer
    from renshe.registry.selectors import dangerously_all_persons

    today = timezone.localdate()
    citizen = User.objects.filter(username="citizen_demo").select_related("person").first()
    employer_user = User.objects.filter(username="employer_demo").select_related("employer").first()
    people = list(dangerously_all_persons().filter(residence_region__code__startswith="4409").order_by("pk")[:6])
    if citizen is not None and citizen.person_id:
        people.insert(0, citizen.person)
    if len(people) < 6 or not arbitrators:
        return 0
    employers = list(Employer.objects.filter(region__code__startswith="4409").order_by("pk")[:3])
    if employer_user is not None and employer_user.employer_id:
        employers.insert(0, employer_user.employer)
    lead, second, third = (arbitrators + arbitrators * 2)[:3]
    knew = today - timedelta(days=20)

    def apply(i, ref, **kw):
        kw.setdefault("respondent_employer", employers[i % len(employers)] if employers else None)
        if kw["respondent_employer"] is None:
            kw.update(respondent_name="茂名市某建筑劳务队", respondent_address="茂南区站前路 1 号")
        return services.arbitration_apply(
            actor=None, applicant=people[i], knew_on=knew, source_reference=f"demo:{ref}", channel="mobile", **kw
        )

    def hearing_at(days, hour):
        day = today + timedelta(days=days)
        return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())

    # 1. The citizen's own green-channel wage claim, waiting for acceptance (final award).
    apply(0, "green", claims=_claims(today, "8600", "1400"), migrant_worker=True, facts="工地做工四个月，工资未结清")
    # 2. Accepted, tribunal formed, hearing scheduled.
    case = apply(1, "scheduled", claims=_claims(today, "16000"), migrant_worker=True)
    case = services.arbitration_transition(case=case, action="accept", actor=lead)
    case = services.arbitration_transition(case=case, action="serve_copy", actor=lead)
    services_hearings.arbitration_form_tribunal(case=case, actor=lead, arbitrator_ids=[lead.pk])
    services_hearings.arbitration_schedule_hearing(case=case, actor=lead, room=rooms[0], starts_at=hearing_at(8, 9))
    # 3. A collective dispute, three arbitrators, accepted.
    case = apply(2, "collective", claims=_claims(today, "240000", "36000"), workers=15, migrant_worker=True)
    case = services.arbitration_transition(case=case, action="accept", actor=lead)
    ids = [a.pk for a in (lead, second, third)]
    if len(set(ids)) == 3:
        services_hearings.arbitration_form_tribunal(case=case, actor=lead, arbitrator_ids=ids)
    # 4. Awarded and published.
    case = apply(3, "awarded", claims=_claims(today, "12000", "3000"), migrant_worker=True, facts="欠发三个月工资")
    case = services.arbitration_transition(case=case, action="accept", actor=lead)
    services_hearings.arbitration_form_tribunal(case=case, actor=lead, arbitrator_ids=[lead.pk])
    decisions = {c.pk: {"upheld": True, "amount": c.amount} for c in case.claims.all()}
    case = services_hearings.arbitration_award(
        case=case,
        actor=lead,
        decisions=decisions,
        reasoning="经审理，被申请人拖欠申请人工资及加班费的事实清楚，证据充分。",
    )
    services.arbitration_transition(case=case, action="publish", actor=lead)
    # 5. Mediated during arbitration.
    case = apply(4, "mediated", claims=_claims(today, "30000", kinds=("economic_compensation",)))
    case = services.arbitration_transition(case=case, action="accept", actor=lead)
    services.arbitration_transition(
        case=case, action="mediate", actor=lead, comment="被申请人于十日内一次性支付经济补偿 25000 元。", amount="25000"
    )
    # 6. Refused, with reasons.
    case = apply(5, "refused", claims=_claims(today, "5000", kinds=("damages",)))
    services.arbitration_transition(
        case=case,
        action="refuse",
        actor=lead,
        comment="申请人与被申请人之间不存在劳动关系，不属于劳动人事争议受理范围。",
    )
    return 6
