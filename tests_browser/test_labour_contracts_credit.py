"""An administrator rates employers for a year, proposes one for the arrears blacklist (the employer is
told first), lists it once the statement period has passed, and the public page shows it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.labour.contracts.models import BlacklistEntry, CreditRating
from tests_browser.support import PHONE, login, submit

pytestmark = pytest.mark.browser
SCREENSHOT = "docs/screenshots/contracts-public-blacklist.png"


def test_administrator_rates_employers_and_lists_one_on_the_blacklist(new_page, watcher):
    watcher.allow_status(400, "/labour/contracts/blacklist/")
    debtor = testing.employer_user("employer_debtor", name="茂名市欠薪建筑劳务有限公司")
    testing.employer(name="茂名市守信食品有限公司")
    testing.staff("city_admin", Role.ADMIN, "440900")
    year = timezone.localdate().year - 1

    admin = new_page()
    login(admin, "city_admin")
    admin.goto("/labour/contracts/ratings/")
    admin.get_by_label(re.compile(r"^评价年度")).first.fill(str(year))
    submit(admin, admin.get_by_test_id("run-rating"))
    expect(admin.locator(".alert-success").first).to_contain_text("已评价 2 家单位")
    expect(admin.get_by_test_id("rating-table").get_by_test_id("grade")).to_have_count(2)
    assert CreditRating.objects.filter(year=year).count() == 2

    # Propose the debtor: below the threshold first, refused with the reason.
    admin.goto("/labour/contracts/blacklist/")
    admin.get_by_label(re.compile(r"^统一社会信用代码")).fill(debtor.employer.credit_code)
    admin.get_by_label(re.compile(r"^事实")).fill("拖欠15名农民工3个月工资，责令限期支付后逾期未付")
    admin.get_by_label(re.compile(r"^拖欠工资数额")).fill("20000")
    admin.get_by_label(re.compile(r"^责令限期支付日期")).fill(f"{timezone.localdate() - timedelta(days=20):%Y-%m-%d}")
    submit(admin, admin.get_by_test_id("submit-propose"))
    expect(admin.locator('[data-field-error="arrears_amount"]')).to_contain_text("认定标准 30000")
    admin.get_by_label(re.compile(r"^拖欠工资数额")).fill("96000")
    submit(admin, admin.get_by_test_id("submit-propose"))
    expect(admin.get_by_test_id("entry-status")).to_have_text("已告知拟列入")

    # Too early: the statement period is running.
    submit(admin, admin.get_by_test_id("action-list"))
    expect(admin.locator(".alert-danger").first).to_contain_text("陈述、申辩期至")
    # Two weeks later (the notice moved back in time), the decision is taken.
    BlacklistEntry.objects.update(notified_on=timezone.localdate() - timedelta(days=14))
    admin.reload()
    submit(admin, admin.get_by_test_id("action-list"))
    expect(admin.get_by_test_id("entry-status")).to_have_text("已列入")

    public = new_page(viewport=PHONE)
    public.goto("/labour/contracts/public/blacklist/")
    row = public.get_by_test_id("blacklist-entry").filter(has_text="茂名市欠薪建筑劳务有限公司")
    expect(row).to_contain_text(debtor.employer.credit_code)
    expect(row).to_contain_text("拒不支付劳动报酬罪数额标准")
    expect(public.get_by_test_id("public-blacklist")).not_to_contain_text("96000")
    public.screenshot(path=SCREENSHOT, full_page=True)

    # Re-rated, the listed employer is C with the reason in words.
    admin.goto("/labour/contracts/ratings/")
    admin.get_by_label(re.compile(r"^评价年度")).first.fill(str(year))
    submit(admin, admin.get_by_test_id("run-rating"))
    row = admin.get_by_test_id("rating-table").get_by_role("row").filter(has_text="茂名市欠薪建筑劳务有限公司")
    expect(row.get_by_test_id("grade")).to_have_text("C")
    expect(row).to_contain_text("被列入拖欠农民工工资失信联合惩戒对象名单")
