"""秒批: automatic checks an item may declare (``ServiceItemVersion.auto_checks``).

When every declared check passes on the data the platform holds, the case is accepted and
approved at once, and says so. A check that cannot decide (its data source is a module not
installed yet) fails safe: the case goes to a person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from renshe.cases.models import OPEN_STATUSES, Case


@dataclass(frozen=True)
class CheckResult:
    code: str
    passed: bool
    message: str


def _real_name_verified(person, version) -> tuple[bool, str]:
    return bool(person.pk and person.id_number), str(_("实名信息已核验"))


def _resides_in_maoming(person, version) -> tuple[bool, str]:
    return person.residence_region_id.startswith("4409"), str(_("居住地在茂名市"))


def _working_age(person, version) -> tuple[bool, str]:
    # 16 to the statutory retirement age; the precise reformed age comes with the insurance module,
    # until then the pre-2025 ages (men 60, women 50/55) are the conservative bound.
    age = (timezone.localdate() - person.birth_date).days // 365
    limit = 60 if person.gender == "M" else 50
    return 16 <= age < limit, str(_("处于法定劳动年龄"))


def _no_open_case_same_item(person, version) -> tuple[bool, str]:
    exists = Case.objects.filter(
        applicant=person, item_version__item_id=version.item_id, status__in=OPEN_STATUSES
    ).exists()
    return not exists, str(_("无同一事项在办件"))


def _is_card_holder(person, version) -> tuple[bool, str]:
    if not apps.is_installed("renshe.insurance"):
        return False, str(_("社会保障卡信息暂不可核验，转人工办理"))
    from renshe.insurance.selectors import person_holds_card  # type: ignore[import-not-found]

    return person_holds_card(person), str(_("持有有效社会保障卡"))


def _contribution_record_exists(person, version) -> tuple[bool, str]:
    if not apps.is_installed("renshe.insurance"):
        return False, str(_("参保信息暂不可核验，转人工办理"))
    from renshe.insurance.selectors import person_has_contributions  # type: ignore[import-not-found]

    return person_has_contributions(person), str(_("存在参保缴费记录"))


CHECKS: dict[str, Callable] = {
    "real_name_verified": _real_name_verified,
    "resides_in_maoming": _resides_in_maoming,
    "working_age": _working_age,
    "no_open_case_same_item": _no_open_case_same_item,
    "is_card_holder": _is_card_holder,
    "contribution_record_exists": _contribution_record_exists,
}


def run_checks(person, version) -> list[CheckResult]:
    results = []
    for code in version.auto_checks or []:
        check = CHECKS.get(code)
        if check is None:
            results.append(CheckResult(code, False, str(_("未知的核验项 %(c)s") % {"c": code})))
            continue
        passed, message = check(person, version)
        results.append(CheckResult(code, passed, message))
    return results
