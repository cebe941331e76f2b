"""Test helpers shared by every app: fixed personas and small factories (STYLE.md habit 11).

Personas: a clerk and a reviewer of 茂南区, a clerk of 高州市, a city administrator, an auditor,
a citizen (张三, 茂南区) and an employer. Identity numbers and credit codes are valid.
"""

from __future__ import annotations

import itertools
from datetime import date

from renshe.accounts.models import OrgUnit, Role, User
from renshe.accounts.services import user_create
from renshe.core.identity import build_resident_id, build_uscc
from renshe.core.models import Region
from renshe.registry import services as registry_services

PASSWORD = "Test@2026pass"
MAONAN_TOWN = "440902001"  # 红旗街道
GAOZHOU_TOWN = "440981002"  # 石仔岭街道
_serial = itertools.count(1)


def org_unit(region_code: str, name: str | None = None) -> OrgUnit:
    region = Region.objects.get(pk=region_code)
    unit, _ = OrgUnit.objects.get_or_create(region=region, name=name or f"{region.name}人社局")
    return unit


def staff(username: str, role: str, region_code: str) -> User:
    return user_create(
        actor=None,
        username=username,
        password=PASSWORD,
        role=role,
        org_unit=org_unit(region_code),
        display_name=username,
    )


def id_number(region_code: str = "440902", born: date = date(1990, 5, 17), *, female: bool = False) -> str:
    n = next(_serial) % 500
    return build_resident_id(region_code, born, n * 2 + (0 if female else 1))


def credit_code(region_code: str = "440902") -> str:
    return build_uscc(region_code, next(_serial) * 7919)


def person(*, name: str = "张三", region: str = MAONAN_TOWN, actor=None, **extra):
    extra.setdefault("id_number", id_number(region[:6]))
    return registry_services.person_register(actor=actor, name=name, residence_region=region, **extra)


def employer(*, name: str = "茂名市示范制造有限公司", region: str = MAONAN_TOWN, actor=None, **extra):
    extra.setdefault("credit_code", credit_code(region[:6]))
    extra.setdefault("industry", "C")
    extra.setdefault("size", "small")
    extra.setdefault("ownership", "private")
    return registry_services.employer_register(actor=actor, name=name, region=region, **extra)


def citizen(username: str = "citizen_zs", **person_fields) -> User:
    p = person(**person_fields)
    return user_create(
        actor=None, username=username, password=PASSWORD, role=Role.CITIZEN, display_name=p.name, person=p
    )


def employer_user(username: str = "employer_acme", **employer_fields) -> User:
    e = employer(**employer_fields)
    return user_create(
        actor=None, username=username, password=PASSWORD, role=Role.EMPLOYER, display_name=e.name, employer=e
    )
