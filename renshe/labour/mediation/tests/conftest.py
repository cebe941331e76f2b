"""Fixtures of the mediation tests: organisations at the four levels in 茂南 and 高州, mediators, a case."""

from __future__ import annotations

from datetime import date

import pytest

from renshe import testing
from renshe.accounts.models import Role
from renshe.core.models import Region
from renshe.labour.mediation import services
from renshe.labour.mediation.models import Level, Organisation

HONGQI = testing.MAONAN_TOWN  # 红旗街道, where the citizen persona lives
XINHUA = "440902005"  # 新华街道


def org(name: str, level: int, region: str, **extra) -> Organisation:
    return Organisation.objects.create(name=name, level=level, region=Region.objects.get(pk=region), **extra)


@pytest.fixture
def orgs(db):
    return {
        "town": org("红旗街道劳动争议调解委员会", Level.TOWN, HONGQI),
        "xinhua": org("新华街道劳动争议调解委员会", Level.TOWN, XINHUA),
        "village": org("红旗街道油城社区调解工作室", Level.VILLAGE, HONGQI, community="油城社区"),
        "district": org("茂南区劳动人事争议调解中心", Level.DISTRICT, "440902"),
        "city": org("茂名市劳动人事争议调解中心", Level.DISTRICT, "440900"),
        "gaozhou": org("石仔岭街道劳动争议调解委员会", Level.TOWN, testing.GAOZHOU_TOWN),
    }


@pytest.fixture
def mediator(db):
    """A town mediator of 红旗街道 (茂南区)."""
    return testing.staff("mediator_hongqi", Role.MEDIATOR, HONGQI)


@pytest.fixture
def district_mediator(db):
    return testing.staff("mediator_maonan_d", Role.MEDIATOR, "440902")


@pytest.fixture
def gaozhou_mediator(db):
    return testing.staff("mediator_gaozhou", Role.MEDIATOR, "440981")


WAGES = {
    "kind": "wages",
    "amount": "8600",
    "period_from": "2025-05-01",
    "period_to": "2025-07-31",
    "facts": "三个月工资",
}
COMPENSATION = {"kind": "economic_compensation", "amount": "12000", "facts": "解除劳动合同经济补偿"}


def apply(citizen, organisation, **extra):
    fields = {
        "actor": citizen,
        "applicant": citizen.person,
        "organisation": organisation,
        "respondent_name": "茂名市某某五金制品厂",
        "respondent_address": "红旗街道工业路2号",
        "facts": "单位拖欠2025年5至7月工资",
        "items": [dict(WAGES), dict(COMPENSATION)],
    }
    fields.update(extra)
    return services.case_apply(**fields)


@pytest.fixture
def pending_case(citizen, orgs):
    return apply(citizen, orgs["town"])


@pytest.fixture
def mediating_case(pending_case, mediator):
    return services.case_transition(case=pending_case, action="accept", actor=mediator)


def on(monkeypatch, day: date) -> None:
    """Run the services as of ``day``."""
    monkeypatch.setattr(services, "_today", lambda: day)
