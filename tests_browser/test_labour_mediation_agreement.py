"""A town mediator receives a case, records a session, concludes an agreement (an agreement without
agreed items is refused) and downloads the 调解协议书; the applicant sees it on the phone."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.core.models import Region
from renshe.labour.mediation import services
from renshe.labour.mediation.models import Level, MediationCase, Organisation, Status
from tests_browser.support import PHONE, login, submit

pytestmark = pytest.mark.browser

SCREENSHOT = "docs/screenshots/mediation-case.png"


def _case():
    citizen = testing.citizen()
    town = Organisation.objects.create(
        name="红旗街道劳动争议调解委员会", level=Level.TOWN, region=Region.objects.get(pk=testing.MAONAN_TOWN)
    )
    return services.case_apply(
        actor=citizen,
        applicant=citizen.person,
        organisation=town,
        respondent_name="茂名市某某五金制品厂",
        respondent_address="红旗街道工业路2号",
        facts="公司拖欠工资。",
        items=[{"kind": "wages", "amount": "8600", "period_from": "2025-05-01", "period_to": "2025-07-31"}],
    )


def test_mediator_records_a_session_and_an_agreement(new_page, watcher, tmp_path):
    case = _case()
    watcher.allow_status(400, f"/labour/mediation/cases/{case.pk}/act/agree/")
    testing.staff("mediator_hongqi", Role.MEDIATOR, testing.MAONAN_TOWN)

    page = new_page()
    login(page, "mediator_hongqi")
    page.goto("/labour/mediation/cases/")
    page.get_by_role("link", name=case.number).click()
    submit(page, page.get_by_role("button", name="受理", exact=True))
    expect(page.get_by_test_id("case-status")).to_have_text("调解中")
    expect(page.get_by_test_id("deadline")).to_have_attribute("data-state", "normal")

    session = page.get_by_test_id("session-form")
    session.get_by_label(re.compile(r"^调解地点")).fill("红旗街道调解室")
    session.get_by_label(re.compile(r"^调解记录")).fill("双方到场，单位同意支付。")
    submit(page, session.get_by_role("button", name="保存调解记录"))
    expect(page.get_by_test_id("sessions")).to_contain_text("红旗街道调解室")

    form = page.get_by_test_id("agreement-form")
    case.refresh_from_db()
    due = case.received_on.replace(day=28) if case.received_on.day < 28 else case.deadline
    form.get_by_label(re.compile(r"^履行期限")).fill(due.isoformat())
    submit(page, form.get_by_role("button", name="确认达成协议"))
    expect(page.locator('[data-field-error="agreed"]')).to_contain_text("至少须约定一项")
    case.refresh_from_db()
    assert case.status == Status.MEDIATING

    form = page.get_by_test_id("agreement-form")
    form.get_by_label(re.compile(r"^协议金额（元）")).fill("8000")
    form.get_by_label(re.compile(r"^约定内容")).fill("分两期支付")
    form.get_by_label(re.compile(r"^履行期限")).fill(due.isoformat())
    submit(page, form.get_by_role("button", name="确认达成协议"))
    expect(page.get_by_test_id("case-status")).to_have_text("达成协议")
    page.screenshot(path=SCREENSHOT, full_page=True)

    with page.expect_download() as download:
        page.get_by_test_id("agreement-pdf").click()
    path = tmp_path / "agreement.pdf"
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    assert MediationCase.objects.get().status == Status.AGREED

    phone = new_page(viewport=PHONE)
    login(phone, "citizen_zs")
    phone.goto(f"/labour/mediation/my/{case.pk}/")
    expect(phone.get_by_test_id("case-status")).to_have_text("达成协议")
    expect(phone.get_by_test_id("agreement-pdf")).to_be_visible()
