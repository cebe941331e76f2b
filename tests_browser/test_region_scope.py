"""A district's staff see their own district only: another district's record is "not found"."""

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from tests_browser.support import login

pytestmark = pytest.mark.browser


def test_maonan_clerk_gets_404_for_a_gaozhou_record_and_the_city_admin_sees_it(new_page, site, watcher):
    testing.staff("clerk_maonan", Role.CLERK, "440902")
    testing.staff("city_admin", Role.ADMIN, "440900")
    gaozhou = testing.person(name="李四", region=testing.GAOZHOU_TOWN)
    url = f"/registry/persons/{gaozhou.pk}/"
    watcher.allow_status(404, url)

    clerk = new_page()
    login(clerk, "clerk_maonan")
    response = clerk.goto(url)
    assert response.status == 404
    expect(clerk.get_by_test_id("error-404")).to_contain_text("页面不存在")
    expect(clerk.locator("body")).not_to_contain_text("李四")
    expect(clerk.locator("body")).not_to_contain_text(gaozhou.id_number[-4:])

    admin = new_page()
    login(admin, "city_admin")
    response = admin.goto(url)
    assert response.status == 200
    expect(admin.get_by_role("heading", name="李四")).to_be_visible()
    expect(admin.locator("dl")).to_contain_text("高州市")
    expect(admin.get_by_test_id("user-region")).to_have_text("茂名市")
