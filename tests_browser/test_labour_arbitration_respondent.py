"""The respondent employer finds the arbitration and mediation cases filed against it from the portal, on a phone."""

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.labour.tests import factories as f
from tests_browser.support import PHONE, login

pytestmark = pytest.mark.browser


def test_an_employer_sees_the_case_against_it_and_not_others(new_page):
    employer_account = testing.employer_user()
    citizen = testing.citizen()
    case = f.apply(citizen, employer=employer_account.employer)
    other = f.apply(citizen, employer=testing.employer(name="茂名市别家有限公司"))

    page = new_page(viewport=PHONE)
    login(page, employer_account.username)
    page.goto("/")
    page.get_by_test_id("labour-tiles").get_by_role("link", name="劳动争议案件").click()
    rows = page.get_by_test_id("my-arbitration-row")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(case.number)
    expect(page.get_by_test_id("new-application")).to_have_count(0)
    rows.first.click()
    expect(page.get_by_test_id("case-number")).to_have_text(case.number)
    expect(page.get_by_test_id("withdraw")).to_have_count(0)
    assert other.number not in page.content()


def test_an_employer_sees_the_mediation_requested_against_it(new_page):
    from renshe.labour.mediation.models import Level
    from renshe.labour.mediation.tests.conftest import apply, org

    employer_account = testing.employer_user()
    citizen = testing.citizen()
    committee = org("红旗街道劳动争议调解委员会", Level.TOWN, testing.MAONAN_TOWN)
    employer = employer_account.employer
    case = apply(citizen, committee, respondent_employer=employer, respondent_name=employer.name)

    page = new_page(viewport=PHONE)
    login(page, employer_account.username)
    page.goto("/")
    page.get_by_test_id("labour-tiles").get_by_role("link", name="劳动争议调解").click()
    rows = page.get_by_test_id("my-case")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(case.number)
    rows.first.click()
    expect(page.get_by_test_id("case-status")).to_be_visible()
    expect(page.get_by_role("button", name="撤回调解申请")).to_have_count(0)
