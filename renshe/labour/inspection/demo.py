"""Demo data of labour inspection: the 茂南 and 高州 inspection brigades, the grid of their towns,
complaints and cases in several states, and one plan with a recorded and published draw.

Idempotent: accounts and grid rows are looked up before they are made; the demo complaints and
cases are made once (recognised by the marker in their facts), the plan once (by its item).
Runs after the demo city and the demo accounts exist.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from renshe.accounts.models import OrgUnit, Role, User
from renshe.core.models import Region, RegionLevel
from renshe.labour.inspection import services, services_complaints, services_draws, services_grid
from renshe.labour.inspection.models import Complaint, GridAssignment, InspectionPlan
from renshe.registry.models import Employer

MARK = "【演示】"
PLAN_ITEM = "工资支付情况双随机抽查（演示）"
BRIGADES = {"440902": "茂南区劳动保障监察大队", "440981": "高州市劳动保障监察大队"}
# (username, county, display name)
INSPECTORS = [
    ("inspector_maonan", "440902", "茂南区监察员甲"),
    ("inspector_maonan2", "440902", "茂南区监察员乙"),
    ("inspector_gaozhou", "440981", "高州市监察员甲"),
    ("inspector_gaozhou2", "440981", "高州市监察员乙"),
]


def demo_seed(*, scale: str = "small", progress=None) -> dict:
    say = progress or (lambda _m: None)
    with transaction.atomic():
        inspectors = _inspectors()
        grid = _grid(inspectors)
    made = 0
    if not Complaint.objects.filter(facts__startswith=MARK).exists():
        made = _complaints_and_cases(inspectors)
    drawn = 0
    if not InspectionPlan.objects.filter(item=PLAN_ITEM).exists():
        drawn = _draw()
    say(f"{len(inspectors)} 名监察员，{grid} 条网格分配，{made} 件演示举报投诉，抽查 {drawn} 户")
    return {"inspectors": len(inspectors), "grid": grid, "complaints": made, "drawn": drawn}


def _inspectors() -> dict[str, User]:
    from renshe.accounts.services import user_create

    found = {u.username: u for u in User.objects.filter(username__in=[i[0] for i in INSPECTORS])}
    for username, county, display in INSPECTORS:
        if username in found:
            continue
        region = Region.objects.get(pk=county)
        parent = OrgUnit.objects.filter(region=region).order_by("pk").first()
        unit, _created = OrgUnit.objects.get_or_create(
            region=region, name=BRIGADES[county], defaults={"parent": parent}
        )
        found[username] = user_create(
            actor=None,
            username=username,
            password=settings.DEMO_PASSWORD,
            role=Role.INSPECTOR,
            org_unit=unit,
            display_name=display,
        )
    return found


def _grid(inspectors: dict[str, User]) -> int:
    """Every town of 茂南 and 高州 to one of the county's two inspectors, alternately (the first town
    of each county to both); the other counties stay uncovered until their brigades are set up."""
    for county, pair in (
        ("440902", ["inspector_maonan", "inspector_maonan2"]),
        ("440981", ["inspector_gaozhou", "inspector_gaozhou2"]),
    ):
        towns = list(Region.objects.filter(level=RegionLevel.TOWN, code__startswith=county).order_by("code"))
        for n, town in enumerate(towns):
            names = pair if n == 0 else [pair[n % 2]]
            for name in names:
                if not GridAssignment.objects.filter(town=town, inspector=inspectors[name]).exists():
                    services_grid.grid_assign(actor=None, town_code=town.code, inspector_id=inspectors[name].pk)
    return GridAssignment.objects.filter(town__code__startswith="4409").count()


def _data(employer: Employer, facts: str, **extra) -> dict:
    data = {
        "kind": "complaint",
        "credit_code": employer.credit_code,
        "violation_types": ["wage_arrears"],
        "workers_affected": 8,
        "amount_owed": "64000",
        "violation_last_on": (timezone.localdate() - timedelta(days=40)).isoformat(),
        "facts": MARK + facts,
        "complainant_phone": "13800138000",
    }
    data.update(extra)
    return data


def _complaints_and_cases(inspectors: dict[str, User]) -> int:
    citizen = User.objects.filter(username="citizen_demo").first()
    clerk = User.objects.filter(username="clerk_maonan").first()
    employers = list(Employer.objects.filter(region__code__startswith="440902").order_by("pk")[:6])
    gaozhou = Employer.objects.filter(region__code__startswith="440981").order_by("pk").first()
    if citizen is None or clerk is None or len(employers) < 4:
        return 0
    a, b = inspectors["inspector_maonan"], inspectors["inspector_maonan2"]
    pair = [a.pk, b.pk]
    made = 0
    with transaction.atomic():
        # 1. waiting for acceptance
        services_complaints.complaint_file(
            actor=citizen, data=_data(employers[0], "公司拖欠八名工人两个月工资，多次讨要未果。")
        )
        # 2. accepted, case under investigation with a site inspection by two inspectors
        second = services_complaints.complaint_file(
            actor=citizen,
            data=_data(
                employers[1],
                "车间每天加班四小时以上，不支付加班费，也未签劳动合同。",
                violation_types=["overtime", "no_contract"],
            ),
        )
        services_complaints.complaint_transition(complaint=second, action="accept", actor=a, comment="符合受理条件")
        case = services_complaints.complaint_open_case(complaint=second, actor=a)
        services.case_record_action(
            case=case, actor=a, kind="site", inspector_ids=pair, note="现场检查考勤记录和劳动合同签订情况"
        )
        # 3. a phone complaint (12333) entered by the clerk; case in rectification with an order
        third = services_complaints.complaint_file(
            actor=clerk,
            data=_data(
                employers[2],
                "来电反映单位未为员工缴纳社会保险。",
                channel="12333",
                complainant_name="李四",
                violation_types=["no_insurance"],
            ),
        )
        services_complaints.complaint_transition(complaint=third, action="accept", actor=a)
        case3 = services_complaints.complaint_open_case(complaint=third, actor=a)
        services.case_issue_order(
            case=case3, actor=a, items="为全部在职员工依法办理社会保险登记并缴纳社会保险费", inspector_ids=pair
        )
        # 4. closed: wages recovered, the complainant told
        fourth = services_complaints.complaint_file(actor=citizen, data=_data(employers[3], "工地拖欠农民工工资。"))
        services_complaints.complaint_transition(complaint=fourth, action="accept", actor=a)
        case4 = services_complaints.complaint_open_case(complaint=fourth, actor=a)
        services.case_record_action(
            case=case4, actor=a, kind="inquiry", inspector_ids=pair, note="询问法定代表人及工人代表"
        )
        services.case_close(
            case=case4,
            actor=a,
            violation_confirmed=True,
            arrears_recovered="64000",
            workers_helped=8,
            outcome_note="经责令改正，单位已足额支付拖欠的工资",
        )
        # 5. refused: the violation is more than two years old
        services_complaints.complaint_file(
            actor=citizen,
            data=_data(
                employers[0],
                "三年前离职时单位少发一个月工资。",
                violation_last_on=(timezone.localdate() - timedelta(days=3 * 365)).isoformat(),
            ),
        )
        made = 5
        # 6. a walk-in report about a 高州 employer (anonymous), waiting in 高州
        if gaozhou is not None:
            services_complaints.complaint_file(
                actor=clerk if clerk.region.code == "440900" else User.objects.get(username="clerk_gaozhou"),
                data=_data(
                    gaozhou,
                    "来访举报：该单位使用未满十六周岁的童工。",
                    kind="report",
                    channel="walk_in",
                    violation_types=["child_labour"],
                    complainant_phone="",
                ),
            )
            made += 1
    return made


def _draw() -> int:
    admin = User.objects.filter(username="city_admin").first()
    if admin is None or not Employer.objects.filter(region__code__startswith="440902").exists():
        return 0
    with transaction.atomic():
        plan = services_draws.plan_create(actor=admin, item=PLAN_ITEM, region_code="440902", ratio="5")
        draw = services_draws.draw_run(actor=admin, plan=plan)
        services_draws.draw_open_cases(actor=admin, draw=draw)
        services_draws.draw_publish(actor=admin, draw=draw)
    return draw.drawn_count
