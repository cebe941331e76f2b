"""A failed mediation goes to arbitration with one click: the claims are carried over."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.core.models import Region
from renshe.labour.mediation import services
from renshe.labour.mediation.models import Level, Organisation, Referral, Status
from tests_browser.support import PHONE, login, submit

pytestmark = pytest.mark.browser


def _arbitration_parameters() -> None:
    # A live-server test starts from a flushed database with only the core reference data put back;
    # the arbitration app's dated parameter (its migration 0002) is needed to file the referral.
    from datetime import date
    from decimal import Decimal

    from renshe.core.models import Parameter

    Parameter.objects.get_or_create(
        key="labour.province_average_annual_wage",
        valid_from=date(2024, 1, 1),
        defaults={"value": Decimal("115000"), "unit": "元/年", "description": "广东省上年度城镇单位就业人员年平均工资"},
    )


def test_failed_case_is_referred_to_arbitration(new_page):
    _arbitration_parameters()
    citizen = testing.citizen()
    mediator = testing.staff("mediator_hongqi", Role.MEDIATOR, testing.MAONAN_TOWN)
    town = Organisation.objects.create(
        name="红旗街道劳动争议调解委员会", level=Level.TOWN, region=Region.objects.get(pk=testing.MAONAN_TOWN)
    )
    case = services.case_apply(
        actor=citizen,
        applicant=citizen.person,
        organisation=town,
        respondent_name="茂名市某某五金制品厂",
        respondent_address="红旗街道工业路2号",
        facts="公司拖欠工资。",
        items=[
            {"kind": "wages", "amount": "8600", "period_from": "2025-05-01", "period_to": "2025-07-31"},
            {"kind": "economic_compensation", "amount": "12000"},
        ],
    )
    services.case_transition(case=case, action="accept", actor=mediator)

    page = new_page()
    login(page, "mediator_hongqi")
    page.goto(f"/labour/mediation/cases/{case.pk}/")
    form = page.get_by_test_id("fail-form")
    form.get_by_label("调解不成的原因").fill("单位不同意支付")
    submit(page, form.get_by_role("button", name="调解不成"))
    expect(page.get_by_test_id("case-status")).to_have_text("调解不成")
    submit(page, page.get_by_role("button", name="一键转仲裁"))
    expect(page.get_by_test_id("case-status")).to_have_text("已转仲裁")
    referral = Referral.objects.get(case=case)
    assert referral.state == Referral.State.SENT and [c["kind"] for c in referral.claims] == [
        "wages",
        "economic_compensation",
    ]
    expect(page.get_by_test_id("referral")).to_contain_text(referral.arbitration_ref)

    phone = new_page(viewport=PHONE)
    login(phone, "citizen_zs")
    phone.goto(f"/labour/mediation/my/{case.pk}/")
    expect(phone.get_by_test_id("case-status")).to_have_text("已转仲裁")
    expect(phone.get_by_test_id("timeline")).to_contain_text(re.compile("转仲裁"))
    case.refresh_from_db()
    assert case.status == Status.REFERRED
