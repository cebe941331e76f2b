"""The public page of published awards shows the applicant as 张某: no name, identity number or phone."""

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.labour import services, services_hearings
from renshe.labour.tests import factories as f
from tests_browser.support import DESKTOP

pytestmark = pytest.mark.browser

SCREENSHOT = "docs/screenshots/labour-arbitration-published.png"


def test_published_award_is_masked(new_page):
    citizen = testing.citizen(phone="13812345678")
    person = citizen.person
    employer = testing.employer(name="茂名市示范建筑有限公司")
    arb = f.arbitrator()
    case = f.apply(citizen, employer=employer, facts=f"{person.name}在工地做工，电话13812345678")
    case = services.arbitration_transition(case=case, action="accept", actor=arb)
    services_hearings.arbitration_form_tribunal(case=case, actor=arb, arbitrator_ids=[arb.pk])
    decisions = {c.pk: {"upheld": True, "amount": c.amount} for c in case.claims.all()}
    case = services_hearings.arbitration_award(
        case=case, actor=arb, decisions=decisions, reasoning=f"{person.name}（{person.id_number}）主张属实。"
    )
    services.arbitration_transition(case=case, action="publish", actor=arb)

    page = new_page(viewport=DESKTOP)
    page.goto("/labour/arbitration/awards/")
    row = page.get_by_test_id("published-award")
    expect(row).to_contain_text("张某")
    expect(row).to_contain_text("茂名市示范建筑有限公司")
    row.click()
    expect(page.get_by_test_id("award-applicant")).to_have_text("张某")
    body = page.locator("main").inner_text()
    assert person.name not in body and person.id_number not in body and "13812345678" not in body
    assert "张某" in page.get_by_test_id("award-reasoning").inner_text()
    page.screenshot(path=SCREENSHOT, full_page=True)
