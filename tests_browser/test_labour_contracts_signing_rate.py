"""Staff see the signing rate of their region: by district (towns for a county's staff), by industry, by month."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.labour.contracts import services_contracts
from renshe.labour.contracts.tests.support import TERMS, employer_with_staff
from tests_browser.support import login

pytestmark = pytest.mark.browser
SCREENSHOT = "docs/screenshots/contracts-signing-rate.png"


def test_staff_see_the_signing_rate(new_page):
    user, people = employer_with_staff(n=4)
    for person in people[:3]:
        services_contracts.contract_register(actor=user, id_number=person.id_number, **TERMS)
    employer_with_staff("employer_gz", n=2, region=testing.GAOZHOU_TOWN, name="高州市某有限公司")
    testing.staff("statistician", Role.STATISTICIAN, "440900")

    page = new_page()
    login(page, "statistician")
    page.goto("/labour/contracts/signing-rate/")
    expect(page.get_by_role("heading", name="企业劳动合同签订率")).to_be_visible()
    table = page.get_by_test_id("signing-rate-table")
    expect(table.get_by_role("row").filter(has_text="茂南区")).to_contain_text("75.0%")
    expect(table.get_by_role("row").filter(has_text="高州市")).to_contain_text("0.0%")
    expect(page.get_by_test_id("signing-rate-total")).to_contain_text("50.0%")
    expect(page.get_by_test_id("signing-rate-trend").get_by_role("row")).to_have_count(13)
    page.screenshot(path=SCREENSHOT, full_page=True)

    page.get_by_label("分组").select_option("industry")
    page.get_by_role("button", name="查询").click()
    expect(page).to_have_url(re.compile(r"by=industry"))
    expect(page.get_by_test_id("signing-rate-table")).to_contain_text("制造业")

    # The menu has the section.
    expect(page.get_by_role("link", name="签订率")).to_be_visible()
