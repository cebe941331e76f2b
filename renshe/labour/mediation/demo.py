"""Demo data of the mediation app: the four levels in 茂南区 and 高州市, two mediators, cases in several states.

Idempotent: organisations and accounts are looked up by name, and the demo cases are made once (they
are recognised by their respondents' names). Runs after the demo city and the demo accounts exist.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction

from renshe.labour import rules
from renshe.labour.mediation.models import Level, MediationCase, Organisation

CITY_CENTRE = "茂名市劳动人事争议调解中心"
ORGANISATIONS = [
    # (name, level, region, community)
    (CITY_CENTRE, Level.DISTRICT, "440900", ""),
    ("茂南区劳动人事争议调解中心", Level.DISTRICT, "440902", ""),
    ("红旗街道劳动争议调解委员会", Level.TOWN, "440902001", ""),
    ("新华街道劳动争议调解委员会", Level.TOWN, "440902005", ""),
    ("金塘镇劳动争议调解委员会", Level.TOWN, "440902100", ""),
    ("红旗街道油城社区劳动争议调解工作室", Level.VILLAGE, "440902001", "油城社区"),
    ("新华街道新湖社区劳动争议调解工作室", Level.VILLAGE, "440902005", "新湖社区"),
    ("高州市劳动人事争议调解中心", Level.DISTRICT, "440981", ""),
    ("石仔岭街道劳动争议调解委员会", Level.TOWN, "440981002", ""),
    ("潘州街道劳动争议调解委员会", Level.TOWN, "440981007", ""),
    ("石仔岭街道红星社区劳动争议调解工作室", Level.VILLAGE, "440981002", "红星社区"),
]
# (username, org unit region, org unit name, display name, organisation names)
MEDIATORS = [
    (
        "mediator_maonan",
        "440902001",
        "红旗街道劳动保障事务所",
        "红旗街道调解员",
        ["红旗街道劳动争议调解委员会", "红旗街道油城社区劳动争议调解工作室"],
    ),
    ("mediator_city", "440900", CITY_CENTRE, "市调解中心调解员", [CITY_CENTRE]),
]
RESPONDENTS = ["茂名市南粤示范制造有限公司", "茂南区红旗美食城", "茂名市油城物流有限公司", "高州市石仔岭建材商行"]


def demo_seed(*, scale: str = "small", progress=None) -> dict:
    say = progress or (lambda _m: None)
    with transaction.atomic():
        orgs = _organisations()
        mediators = _mediators(orgs)
    created = 0
    if not MediationCase.objects.filter(respondent_name__in=RESPONDENTS).exists():
        created = _cases(orgs, mediators)
    say(f"{len(orgs)} 个调解组织，{created} 件演示调解案件")
    return {"organisations": len(orgs), "cases": created}


def _organisations() -> dict[str, Organisation]:
    from renshe.core.models import Region
    from renshe.registry.selectors import employers_visible_to

    orgs = {}
    for name, level, region, community in ORGANISATIONS:
        orgs[name], _created = Organisation.objects.get_or_create(
            name=name,
            defaults={"level": level, "region": Region.objects.get(pk=region), "community": community},
        )
    # Enterprise committees of one employer in each district (the demo employer in 茂南).
    from renshe.accounts.models import User

    admin = User.objects.filter(username="city_admin").first()
    for county in ("440902001", "440981"):
        employer = employers_visible_to(admin).filter(region__code__startswith=county).order_by("pk").first()
        if admin is None or employer is None:
            continue
        name = f"{employer.name}劳动争议调解委员会"[:80]
        orgs[name], _created = Organisation.objects.get_or_create(
            name=name, defaults={"level": Level.ENTERPRISE, "region_id": employer.region_id, "employer": employer}
        )
    return orgs


def _mediators(orgs) -> dict:
    from renshe.accounts.models import OrgUnit, Role, User
    from renshe.accounts.services import user_create
    from renshe.core.models import Region

    result = {}
    for username, region, unit_name, display, org_names in MEDIATORS:
        user = User.objects.filter(username=username).first()
        if user is None:
            unit, _created = OrgUnit.objects.get_or_create(region=Region.objects.get(pk=region), name=unit_name)
            user = user_create(
                actor=None,
                username=username,
                password=settings.DEMO_PASSWORD,
                role=Role.MEDIATOR,
                org_unit=unit,
                display_name=display,
            )
        for name in org_names:
            orgs[name].mediators.add(user)
        result[username] = user
    return result


def _cases(orgs, mediators) -> int:
    """A pending phone application of the demo citizen, an agreement, an overdue case, a failure ready
    to go to arbitration, and cases in 高州."""
    from renshe.accounts.models import User
    from renshe.labour.mediation import services
    from renshe.registry.selectors import dangerously_all_persons

    town = mediators["mediator_maonan"]
    city = mediators["mediator_city"]
    hongqi = orgs["红旗街道劳动争议调解委员会"]
    citizen = User.objects.filter(username="citizen_demo").select_related("person").first()
    persons = list(dangerously_all_persons().filter(residence_region_id="440902001").order_by("pk")[:4])
    gaozhou = list(dangerously_all_persons().filter(residence_region_id="440981002").order_by("pk")[:2])
    wages = {
        "kind": "wages",
        "amount": "6800",
        "period_from": "2026-01-01",
        "period_to": "2026-02-28",
        "facts": "两个月工资",
    }
    comp = {"kind": "economic_compensation", "amount": "9000", "facts": "解除劳动合同经济补偿"}
    rest = {"kind": "rest_leave", "facts": "带薪年休假未安排"}
    created = 0

    def walk_in(person, org, mediator, respondent, items, channel="walk_in"):
        return services.case_apply(
            actor=mediator,
            applicant=person,
            organisation=org,
            respondent_name=respondent,
            respondent_address="茂名市",
            facts=f"{person.name}反映{respondent}拖欠劳动报酬，要求调解。",
            items=items,
            channel=channel,
        )

    with transaction.atomic():
        if citizen is not None and citizen.person_id:
            services.case_apply(
                actor=citizen,
                applicant=citizen.person,
                organisation=hongqi,
                respondent_name=RESPONDENTS[0],
                respondent_address="茂南区红旗街道工业大道1号",
                facts="公司拖欠2026年1至2月工资，解除劳动合同未支付经济补偿。",
                items=[dict(wages), dict(comp)],
            )
            agreed = walk_in(citizen.person, hongqi, town, RESPONDENTS[1], [dict(comp)], channel="phone")
            services.session_record(
                case=agreed,
                actor=town,
                held_on=agreed.received_on,
                place="红旗街道调解室",
                notes="双方到场，单位同意分期支付。",
            )
            item = agreed.items.get()
            services.agreement_conclude(
                case=agreed,
                actor=town,
                agreed={item.pk: ("8000", "分两期支付")},
                performance_deadline=agreed.received_on + timedelta(days=30),
            )
            created += 2
        if len(persons) >= 2:
            overdue = walk_in(persons[0], hongqi, town, RESPONDENTS[2], [dict(wages)])
            # An older case whose 15 days have passed (dates moved back for the demo only).
            back = overdue.applied_on - timedelta(days=20)
            MediationCase.objects.filter(pk=overdue.pk).update(
                applied_on=back, received_on=back, deadline=rules.mediation_deadline(back)
            )
            failed = walk_in(
                persons[1], orgs["茂南区劳动人事争议调解中心"], city, RESPONDENTS[2], [dict(wages), dict(rest)]
            )
            services.case_transition(case=failed, action="fail", actor=city, comment="单位不同意支付")
            created += 2
        if gaozhou:
            walk_in(gaozhou[0], orgs["石仔岭街道劳动争议调解委员会"], city, RESPONDENTS[3], [dict(comp)])
            created += 1
    return created
