"""Factories for the unemployment, assistance, monitoring and loan tests: people of a given age and
place, jobs in the registry, and cases of the real catalogue items filed and approved through the
case services (so the approval hooks run as they do in production)."""

from __future__ import annotations

import itertools
from datetime import date

from renshe import testing
from renshe.cases import services as case_services
from renshe.cases.models import Status
from renshe.cases.testing import pdf
from renshe.catalog.data import catalogue
from renshe.catalog.models import ServiceItem
from renshe.catalog.services import catalogue_load
from renshe.core.identity import build_resident_id
from renshe.registry import services as registry_services

_serial = itertools.count(101)


def person(
    *,
    name: str = "王五",
    region: str = testing.MAONAN_TOWN,
    born: date = date(1988, 8, 8),
    female: bool = False,
    id_region: str | None = None,
    **extra,
):
    """A person with a unique identity number: born on ``born``, its region ``id_region`` (default the
    residence county)."""
    n = next(_serial) % 499 + 1
    extra.setdefault("id_number", build_resident_id(id_region or region[:6], born, n * 2 + (0 if female else 1)))
    return registry_services.person_register(actor=None, name=name, residence_region=region, **extra)


def employer(name: str = "茂名市测试用工有限公司", region: str = testing.MAONAN_TOWN):
    return testing.employer(name=name, region=region)


def employ(person_obj, employer_obj, start: date = date(2024, 3, 1)):
    return registry_services.employment_start(
        actor=None, person=person_obj, employer=employer_obj, start_date=start, contract_type="fixed"
    )


def real_item(code: str) -> ServiceItem:
    """One item of the bureau's catalogue, loaded as ``load_catalogue`` would."""
    data = [i for i in catalogue.ITEMS if i["code"] == code]
    catalogue_load(items=data, bundles=[])
    return ServiceItem.objects.get(code=code)


def file_case(actor, applicant, code: str, form_data: dict, *, channel: str = "web"):
    item = real_item(code)
    files = {m.pk: pdf(f"m{m.pk}.pdf") for m in item.current_version.materials.all()}
    return case_services.case_submit(
        actor=actor, item=item, applicant=applicant, channel=channel, form_data=form_data, files=files
    )


def approve(case, *, clerk, reviewer):
    """Accept and approve through every review level (the last step runs the approval hooks)."""
    if case.status == Status.SUBMITTED:
        case = case_services.case_transition(case=case, action="accept", actor=clerk)
    while case.status == Status.IN_REVIEW:
        case = case_services.case_transition(case=case, action="approve", actor=reviewer)
    return case
