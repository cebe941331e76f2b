"""An employer applies for a labour-dispatch licence (capital below 200万元 is refused with the reason),
a 茂南 reviewer grants it, and the public register lists it with its number and dates."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.labour.contracts.models import DispatchLicence
from tests_browser.support import PHONE, login, submit

pytestmark = pytest.mark.browser


def test_employer_applies_a_reviewer_grants_and_the_public_register_lists_it(new_page, watcher):
    watcher.allow_status(400, "/labour/contracts/mine/licences/")
    testing.employer_user()
    testing.staff("reviewer_maonan", Role.REVIEWER, "440902")

    employer = new_page()
    login(employer, "employer_acme")
    employer.goto("/labour/contracts/mine/licences/")
    employer.get_by_label(re.compile(r"^注册资本")).fill("150")
    employer.get_by_label(re.compile(r"^经营场所地址")).fill("茂南区油城路8号二楼")
    employer.get_by_label(re.compile(r"^经营场所面积")).fill("90")
    employer.get_by_label(re.compile(r"^劳务派遣管理制度")).fill(
        "劳务派遣协议管理、劳动合同、工资支付、社会保险、休息休假制度"
    )
    submit(employer, employer.get_by_test_id("submit-licence"))
    expect(employer.locator('[data-field-error="registered_capital"]')).to_contain_text("第五十七条")
    assert not DispatchLicence.objects.exists()
    employer.get_by_label(re.compile(r"^注册资本")).fill("300")
    submit(employer, employer.get_by_test_id("submit-licence"))
    expect(employer.get_by_test_id("licence-table")).to_contain_text("待审批")

    reviewer = new_page()
    login(reviewer, "reviewer_maonan")
    reviewer.goto("/labour/contracts/licences/")
    reviewer.get_by_test_id("licence-table").get_by_role("link", name="茂名市示范制造有限公司").click()
    submit(reviewer, reviewer.get_by_test_id("action-approve"))
    expect(reviewer.get_by_test_id("licence-status")).to_have_text("有效")
    number = DispatchLicence.objects.get().number
    expect(reviewer.get_by_test_id("licence-number")).to_contain_text(number)

    public = new_page(viewport=PHONE)
    public.goto("/labour/contracts/public/licences/")
    row = public.get_by_test_id("public-licences").get_by_role("row").filter(has_text=number)
    expect(row).to_contain_text("茂名市示范制造有限公司")

    employer.reload()
    expect(employer.get_by_test_id("licence-table")).to_contain_text(number)
    with employer.expect_response(re.compile(r"certificate\.pdf$")) as response:
        employer.get_by_role("link", name="许可证（PDF）").click()
    assert response.value.status == 200
