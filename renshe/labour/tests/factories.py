"""Arbitration test helpers: personas of the commission and a wage claim ready to file."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from renshe import testing
from renshe.accounts.models import Role
from renshe.core.models import Region
from renshe.labour import services
from renshe.labour.models import HearingRoom

COMMISSION = "茂名市劳动人事争议仲裁院"


def arbitrator(username: str = "arb_city", region: str = "440900"):
    from renshe.accounts.services import user_create

    return user_create(
        actor=None,
        username=username,
        password=testing.PASSWORD,
        role=Role.ARBITRATOR,
        org_unit=testing.org_unit(region, COMMISSION if region == "440900" else None),
        display_name=username,
    )


def room(name: str = "第一仲裁庭", region: str = "440900") -> HearingRoom:
    return HearingRoom.objects.get_or_create(
        name=name, region=Region.objects.get(pk=region), defaults={"address": "茂名市油城四路"}
    )[0]


def wage_claims(today: date | None = None, amounts=("8000", "3000")) -> list[dict]:
    today = today or timezone.localdate()
    start = today - timedelta(days=90)
    kinds = ["wages", "overtime", "damages", "economic_compensation"]
    return [
        {
            "kind": kinds[i],
            "amount": a,
            "period_from": start,
            "period_to": today - timedelta(days=30),
            "facts": "拖欠三个月工资",
        }
        for i, a in enumerate(amounts)
    ]


def apply(actor, applicant=None, *, employer=None, **overrides):
    applicant = applicant or actor.person
    kwargs = {
        "actor": actor,
        "applicant": applicant,
        "claims": wage_claims(),
        "knew_on": timezone.localdate() - timedelta(days=20),
        "respondent_employer": employer,
        "respondent_name": "" if employer else "茂名市某建筑劳务队",
        "respondent_address": "" if employer else "茂南区站前路 1 号",
        "migrant_worker": True,
        "workers": 1,
        "facts": "工地干活三个月未发工资",
    }
    kwargs.update(overrides)
    return services.arbitration_apply(**kwargs)


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def next_free_day(days: int = 8) -> date:
    return timezone.localdate() + timedelta(days=days)


DEC = Decimal
