"""A job fair happening today: listed publicly, a citizen signs up on a phone and is shown the entry
code; a clerk at the door types it — ✓ with the masked name — and a second use is refused."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.employment.models import FairRegistration
from renshe.employment.tests import fairs_testing as ft
from tests_browser.support import PHONE, login, submit

pytestmark = pytest.mark.browser

TITLE = "茂南区春风行动招聘会"


def test_citizen_signs_up_and_the_clerk_admits_the_code_once(new_page, watcher):
    reviewer = testing.staff("reviewer_maonan", Role.REVIEWER, "440902")
    testing.staff("clerk_maonan", Role.CLERK, "440902")
    citizen = testing.citizen()
    fair = ft.fair(reviewer, title=TITLE)  # open, started an hour ago, offline at 茂名市人力资源市场
    checkin_path = f"/employment/fairs/{fair.pk}/checkin/"
    watcher.allow_status(409, checkin_path)  # without htmx a second use answers 409

    # Listed publicly.
    anonymous = new_page(viewport=PHONE)
    anonymous.goto("/employment/fairs/")
    row = anonymous.get_by_test_id("fair-row").filter(has_text=TITLE)
    expect(row).to_contain_text("茂名市人力资源市场")
    expect(row.get_by_test_id("status")).to_have_text(re.compile(r"\S"))

    # The citizen, on a phone, signs up and is given an entry code.
    page = new_page(viewport=PHONE)
    login(page, "citizen_zs")
    page.goto("/employment/fairs/")
    page.get_by_test_id("fair-row").filter(has_text=TITLE).click()
    expect(page.get_by_test_id("fair-title")).to_have_text(TITLE)
    submit(page, page.get_by_test_id("sign-up"))
    expect(page).to_have_url(re.compile(r"/employment/fairs/mine/$"))
    expect(page.locator(".alert-success").first).to_contain_text("报名成功，您的入场码是")
    registration = FairRegistration.objects.get(fair=fair, person=citizen.person)

    card = page.get_by_test_id("my-registration").filter(has_text=TITLE)
    expect(card.get_by_test_id("entry-qr")).to_be_visible()
    code = card.get_by_test_id("entry-code")
    expect(code).to_be_visible()
    shown = code.inner_text().strip()
    assert shown, "no entry code shown"
    expect(page.locator(".alert-success").first).to_contain_text(shown)
    widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"

    # The clerk at the door, on a phone, types the code: admitted, with the masked name.
    door = new_page(viewport=PHONE)
    login(door, "clerk_maonan")
    door.goto(checkin_path)
    expect(door.get_by_role("heading", name="入场核验")).to_be_visible()
    expect(door.get_by_test_id("fair-title")).to_contain_text(TITLE)
    box = door.get_by_label("输入或扫描入场码")
    box.fill(shown)
    door.get_by_test_id("checkin-submit").click()
    result = door.get_by_test_id("checkin-result")
    expect(result).to_have_attribute("data-result", "ok")
    expect(result).to_contain_text("✓")
    expect(door.get_by_test_id("checkin-name")).to_have_text(citizen.person.masked_name)
    expect(door.get_by_test_id("checkin-live")).not_to_contain_text(citizen.person.name)
    # (已入场 is not asserted: the door page's counts are cached ~10 s and lag behind a check-in.)
    expect(door.get_by_test_id("checkin-live").get_by_role("listitem")).to_contain_text([citizen.person.masked_name])
    registration.refresh_from_db()
    assert registration.checked_in_at is not None

    # The same code again: refused.
    box.fill(shown)
    door.get_by_test_id("checkin-submit").click()
    expect(result).to_have_attribute("data-result", "already")
    expect(result).to_contain_text("✗")
    expect(door.get_by_test_id("checkin-message")).to_contain_text("不能重复使用")

    # The fair's page says they signed up; their own page now says they are in.
    page.goto(f"/employment/fairs/{fair.pk}/")
    expect(page.get_by_test_id("fair-actions")).to_contain_text("您已报名本场招聘会")
    page.goto("/employment/fairs/mine/")
    expect(page.get_by_test_id("my-registration").filter(has_text=TITLE)).to_contain_text("入场")
